import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { fold, isCalendarDate, type CommandMetadata, type FieldError } from '@regledger/shared';
import { DeciderRuntime, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { enterpriseFactsFrom, enterpriseStreamId } from '@regledger/enterprises/contracts';
import { declarationsInForceFor, declarationsStreamId } from '@regledger/declarations/contracts';
import {
  checkProduct,
  inspectionDecider,
  inspectionStreamId,
  type DeclarationInForceFacts,
  type InspectedEnterpriseFacts,
  type InspectedProduct,
  type InspectionCommand,
  type InspectionEvent,
  type InspectorFacts,
  type InspectorPoolFacts,
} from '../domain/inspection/index.js';
import { INSPECTOR_EVENT_TYPES, inspectorDecider, inspectorStreamId, type InspectorEvent } from '../domain/inspector/index.js';

/** What the handler reads from other streams at decision time and hands to the command, never a lagging read model. */
export interface InspectionContext {
  /** The enterprise named by the command (`reads.uscc`); `none` for commands that name none. */
  enterprise: InspectedEnterpriseFacts;
  /** The inspector pool's facts on `reads.inspectorIds`. */
  inspectors: InspectorPoolFacts;
  /** The declaration versions covering the sampled product on its production date, when the command has a sample. */
  declarationsInForce: DeclarationInForceFacts[];
}

/** What a bus command asks the handler to read besides the inspection stream. */
export interface InspectionReads {
  /** The enterprise to read (the open commands). */
  uscc?: string;
  /** Inspectors to look up in the pool. */
  inspectorIds?: unknown;
  /** The sample: read the declarations in force on its production date. */
  sample?: { productionDate: unknown; product: unknown };
}

/**
 * An inspection command on the bus. The enterprise, the inspector pool and the declarations are read from
 * their streams at decision time, so the decision never rests on a lagging read model. `toCommand` is pure:
 * the handler also calls it without facts to learn what identifies the request.
 */
export class InspectionBusCommand extends Command<CommandResult> {
  constructor(
    readonly inspectionId: string,
    readonly metadata: CommandMetadata,
    readonly toCommand: (context: InspectionContext) => InspectionCommand,
    readonly reads: InspectionReads = {},
    /** From If-Match: the inspection stream revision the caller saw. */
    readonly expectedRevision?: bigint,
  ) {
    super();
  }
}

const NO_ENTERPRISE: InspectedEnterpriseFacts = Object.freeze({ status: 'none', name: null, jurisdiction: null });

/** The facts of a request before anything is read: enough to tell its type and its fingerprint. */
const NO_FACTS: InspectionContext = Object.freeze({ enterprise: NO_ENTERPRISE, inspectors: {}, declarationsInForce: [] });

/** The product named by a completion, normalised as the decider validates it; null when it is not a valid product. */
const productOf = (value: unknown): InspectedProduct | null => {
  const errors: FieldError[] = [];
  const product = checkProduct('product', value, errors);
  return errors.length ? null : product;
};

@CommandHandler(InspectionBusCommand)
export class InspectionCommandHandler implements ICommandHandler<InspectionBusCommand, CommandResult> {
  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(message: InspectionBusCommand): Promise<CommandResult> {
    const streamId = inspectionStreamId(message.inspectionId);
    // A retry under the same key gets the first answer before any other stream is read.
    const request = message.toCommand(NO_FACTS);
    const fingerprint = inspectionRequestFingerprint(request);
    const earlier = await this.runtime.earlierResult(streamId, request, fingerprint);
    if (earlier) return earlier;
    const command = message.toCommand({
      enterprise: await this.enterpriseFacts(message.reads.uscc),
      inspectors: await this.inspectorFacts(message.reads.inspectorIds),
      declarationsInForce: await this.declarationsInForce(streamId, message.reads.sample),
    });
    return this.runtime.handle(inspectionDecider, streamId, command, { expectedRevision: message.expectedRevision, fingerprint });
  }

  /** The enterprise's facts, folded from its stream in the enterprises context. */
  private async enterpriseFacts(uscc: string | undefined): Promise<InspectedEnterpriseFacts> {
    if (!uscc) return NO_ENTERPRISE;
    const enterprise = enterpriseFactsFrom(await this.store.readStream(enterpriseStreamId(uscc)));
    return { status: enterprise.status, name: enterprise.name, jurisdiction: enterprise.jurisdiction };
  }

  /** The pool's facts on each named inspector, folded from its `inspector-<id>` stream (Administrative Penalty Law art. 43). */
  private async inspectorFacts(ids: unknown): Promise<InspectorPoolFacts> {
    if (!Array.isArray(ids)) return {};
    const out: Record<string, InspectorFacts | null> = {};
    for (const id of ids) {
      if (typeof id !== 'string' || !id.trim() || Object.hasOwn(out, id)) continue;
      const events = (await this.store.readStream(inspectorStreamId(id.trim())))
        .filter((e) => (INSPECTOR_EVENT_TYPES as readonly string[]).includes(e.type))
        .map((e) => ({ type: e.type, data: e.data }) as InspectorEvent);
      const s = fold(inspectorDecider, events);
      out[id] =
        s.status === 'none' || s.jurisdiction === null
          ? null
          : { inspectorId: id, jurisdiction: s.jurisdiction, active: s.status === 'active', conflicts: [...s.conflicts] };
    }
    return out;
  }

  /**
   * The declaration versions covering the sampled product on its production date (domain.md §3), from the declarations stream.
   * The enterprise and, usually, the product are the inspection's, so only a command with a sample reads the inspection here.
   */
  private async declarationsInForce(streamId: string, sample: InspectionReads['sample']): Promise<DeclarationInForceFacts[]> {
    if (!sample || typeof sample.productionDate !== 'string' || !isCalendarDate(sample.productionDate)) return [];
    const state = fold(inspectionDecider, (await this.store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data }) as InspectionEvent));
    if (state.uscc === null) return [];
    const product = state.product ?? productOf(sample.product);
    if (!product) return [];
    const events = await this.store.readStream(declarationsStreamId(state.uscc));
    return declarationsInForceFor(events, product, sample.productionDate).map((d) => ({
      declarationId: d.declarationId,
      version: d.version,
      standard: { number: d.standard.number, title: d.standard.title },
      indicators: d.indicators.map((i) => ({ name: i.name, value: i.value, unit: i.unit, testMethod: i.testMethod })),
      effectiveFrom: d.effectiveFrom,
      effectiveTo: d.effectiveTo,
    }));
  }
}

/**
 * What identifies an inspection request for idempotency: the command's data without the facts the handler
 * adds (enterprise, inspector pool, declarations in force), which may differ on a retry.
 */
export const inspectionRequestFingerprint = (command: InspectionCommand): Record<string, unknown> => {
  const { enterprise: _e, inspectors: _i, declarationsInForce: _d, ...request } = command.data as unknown as Record<string, unknown>;
  return request;
};
