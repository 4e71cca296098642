import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError, type Actor } from '@regledger/shared';
import type { EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { enterpriseFactsFrom, enterpriseStreamId } from '@regledger/enterprises/contracts';
import { CREDIT_ERROR_CODES, SCORING_POLICY_STREAM, assertMayReadCredit, creditStreamId, explainCredit, type CreditExplanation } from '../../domain/index.js';

export class GetCreditExplanationQuery extends Query<CreditExplanation> {
  constructor(
    readonly uscc: string,
    readonly actor: Actor,
    readonly asOf: string,
  ) {
    super();
  }
}

/**
 * Why an enterprise has its class on asOf, folded from its record and the scoring policy streams (not a read
 * model): 404 when neither the register nor the record knows the USCC, 403 when the reader may not see it.
 */
@QueryHandler(GetCreditExplanationQuery)
export class GetCreditExplanationHandler implements IQueryHandler<GetCreditExplanationQuery, CreditExplanation> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ uscc, actor, asOf }: GetCreditExplanationQuery): Promise<CreditExplanation> {
    const [record, policies, enterpriseEvents] = await Promise.all([
      this.store.readStream(creditStreamId(uscc)),
      this.store.readStream(SCORING_POLICY_STREAM),
      this.store.readStream(enterpriseStreamId(uscc)),
    ]);
    const enterprise = enterpriseFactsFrom(enterpriseEvents);
    if (enterprise.status === 'none' && record.length === 0) throw new NotFoundError(CREDIT_ERROR_CODES.ENTERPRISE_UNKNOWN, `no enterprise or credit record ${uscc}`, { uscc });
    assertMayReadCredit(actor, uscc, enterprise.jurisdiction);
    return { ...explainCredit(record, policies, asOf), uscc };
  }
}
