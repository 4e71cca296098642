import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { fold, isCalendarDate, type CommandMetadata } from '@regledger/shared';
import { DeciderRuntime, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { enterpriseFactsFrom, enterpriseStreamId } from '@regledger/enterprises/contracts';
import { declarationsInForceFor, declarationsStreamId } from '@regledger/declarations/contracts';
import {
  inspectionDecider,
  inspectionStreamId,
  type DeclarationInForceFacts,
  type InspectedEnterpriseFacts,
  type InspectedProduct,
  type InspectionCommand,
  type InspectionEvent,
  type InspectionState,
  type InspectorFacts,
  type InspectorPoolFacts,
} from '../domain/inspection/index.js';
import { INSPECTOR_EVENT_TYPES, inspectorDecider, inspectorStreamId, type InspectorEvent } from '../domain/inspector/index.js';

/** What the handler reads at decision time and hands to the command: other streams' facts, never a lagging read model. */
export interface InspectionContext {
  /** The inspection as its stream says now. */
  state: InspectionState;
  /** The enterprise of `uscc` (the command's, or the inspection's). */
  enterprise: InspectedEnterpriseFacts;
  /** The inspector pool's facts on `inspectorIds`. */
  inspectors: InspectorPoolFacts;
  /** The declaration versions covering the product on the production date, when asked for. */
  declarationsInForce: DeclarationInForceFacts[];
}

/** What a bus command asks the handler to read besides the inspection stream. */
export interface InspectionReads {
  /** The enterprise to read; defaults to the inspection's. */
  uscc?: string;
  /** Inspectors to look up in the pool. */
  inspectorIds?: unknown;
  /** The sample: read the declarations in force on its production date. */
  sample?: { productionDate: unknown; product: unknown };
}

/**
 * An inspection command on the bus. The enterprise, the inspector pool and the declarations are read from
 * their streams at decision time, so the decision never rests on a lagging read model.
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

const productOf = (value: unknown): InspectedProduct | null => {
  if (typeof value !== 'object' || value === null) return null;
  const { name, model } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof model === 'string' ? { name: name.replace(/\s+/g, ' ').trim(), model: model.replace(/\s+/g, ' ').trim() } : null;
};

@CommandHandler(InspectionBusCommand)
export class InspectionCommandHandler implements ICommandHandler<InspectionBusCommand, CommandResult> {
  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(message: InspectionBusCommand): Promise<CommandResult> {
    const streamId = inspectionStreamId(message.inspectionId);
    const history = await this.store.readStream(streamId);
    const state = fold(inspectionDecider, history.map((e) => ({ type: e.type, data: e.data }) as InspectionEvent));
    const uscc = message.reads.uscc ?? state.uscc;
    const enterprise = typeof uscc === 'string' && uscc ? enterpriseFactsFrom(await this.store.readStream(enterpriseStreamId(uscc))) : null;
    const context: InspectionContext = {
      state,
      enterprise: enterprise ? { status: enterprise.status, name: enterprise.name, jurisdiction: enterprise.jurisdiction } : { status: 'none', name: null, jurisdiction: null },
      inspectors: await this.inspectorFacts(message.reads.inspectorIds),
      declarationsInForce: await this.declarationsInForce(state, message.reads.sample),
    };
    const command = message.toCommand(context);
    return this.runtime.handle(inspectionDecider, streamId, command, {
      expectedRevision: message.expectedRevision,
      fingerprint: inspectionRequestFingerprint(command),
    });
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

  /** The declaration versions covering the sampled product on its production date (domain.md §3), from the declarations stream. */
  private async declarationsInForce(state: InspectionState, sample: InspectionReads['sample']): Promise<DeclarationInForceFacts[]> {
    if (!sample || state.uscc === null || typeof sample.productionDate !== 'string' || !isCalendarDate(sample.productionDate)) return [];
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
