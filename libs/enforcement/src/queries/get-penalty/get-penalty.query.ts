import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { NotFoundError } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { CASE_ERROR_CODES } from '../../domain/index.js';
import { shownOn, toPublicPenalty, type PenaltyRow, type PublicPenaltyView } from '../enforcement.view.js';

export class GetPenaltyQuery extends Query<PublicPenaltyView> {
  constructor(
    readonly caseId: string,
    readonly today: string,
  ) {
    super();
  }
}

/** One penalty as the public sees it; 404 unless it is shown today (never published, ended, or window over). */
@QueryHandler(GetPenaltyQuery)
export class GetPenaltyHandler implements IQueryHandler<GetPenaltyQuery, PublicPenaltyView> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ caseId, today }: GetPenaltyQuery): Promise<PublicPenaltyView> {
    const r = await sql<PenaltyRow>`select c.case_id, c.state, n.name as enterprise_name from enforcement_cases c
      left join enforcement_enterprise_names n on n.uscc = c.uscc where c.case_id = ${caseId} and ${shownOn(today)}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError(CASE_ERROR_CODES.NOT_FOUND, `no published penalty ${caseId}`, { caseId });
    return toPublicPenalty(r.rows[0]);
  }
}
