import { createHash } from 'node:crypto';
import { DomainError } from '@regledger/shared';
import type { Actor, CommandMetadata } from '@regledger/shared';
import { enterpriseDecider, enterpriseStreamId } from '@regledger/enterprises';
import type { EnterpriseCommand } from '@regledger/enterprises';
import { enterpriseFactsFrom, isEnterpriseRenamed } from '@regledger/enterprises/contracts';
import { DEFAULT_DECLARATION_POLICY, declarationDecider, declarationRequestFingerprint, declarationsStreamId } from '@regledger/declarations';
import type { DeclarationCommand, DeclarationPolicy, EnterpriseFacts } from '@regledger/declarations';
import { DeciderRuntime, type CommandResult, type EventStore, type RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, systemMetadata } from '@regledger/read-models';
import { REDECLARATION_ON_RENAME_POLICY } from '@regledger/declarations';
import type { SeedPlan, SeedStep } from './seed-generator.js';
import { runSupervision, type SupervisionReport, type SupervisionTarget } from './supervision-seed.js';
import type { PlanningConfig } from '@regledger/inspections';

/** The policy whose command the seed sends after a rename: same actor, same idempotency key, so only one of them applies it. */
export const RENAME_POLICY_NAME = REDECLARATION_ON_RENAME_POLICY;

/** The scheduler that records a passed re-declaration deadline, and its idempotency key. */
export const OVERDUE_SCHEDULE_NAME = 'declarations.redeclaration-overdue';
export const overdueKey = (declarationId: string, deadline: string): string => `overdue:${declarationId}:${deadline}`;

/** Where the plan is written: the engine's decider runtime and its store (or anything that behaves like them). */
export interface SeedTarget {
  runtime: Pick<DeciderRuntime, 'handle'>;
  store: Pick<EventStore, 'readStream'>;
}

/** The supervision part runs the command handlers, which need the whole runtime and store. */
const isSupervisionTarget = (target: SeedTarget): target is SupervisionTarget =>
  target.runtime instanceof DeciderRuntime && 'appendToStream' in target.store && 'personalData' in target;

export interface SeedProgress {
  stepsDone: number;
  steps: number;
  eventsWritten: number;
  expectedEvents: number;
  elapsedMs: number;
}

export interface SeedRunOptions {
  /** Policy values passed to the declarations decider; the API must run with the same ones. */
  policy?: DeclarationPolicy;
  onProgress?(progress: SeedProgress): void;
  /** Stops between two steps. */
  signal?: AbortSignal;
  /** Milliseconds, for elapsed time and rates only. */
  clock?: () => number;
  /** Also write the province's supervision data after the plan (default true). */
  supervision?: boolean;
  /** Planning configuration for the draw (as the API loads it from the environment when absent). */
  planning?: PlanningConfig;
}

/** A step whose events differ from what the plan expected. */
export interface SeedDivergence {
  step: number;
  type: SeedStep['type'];
  expected: string[];
  actual: string[];
}

export interface SeedReport {
  seed: number;
  province: string;
  from: string;
  now: string;
  enterprises: number;
  declarations: number;
  steps: number;
  stepsDone: number;
  eventsWritten: number;
  /** Events an earlier run with the same plan had already written (idempotent replays). */
  eventsReplayed: number;
  eventsByType: Record<string, number>;
  elapsedSeconds: number;
  eventsPerSecond: number;
  interrupted: boolean;
  /** At most 20. */
  divergences: SeedDivergence[];
  /** What the supervision part wrote (its events are also counted above), or null when it did not run. */
  supervision: SupervisionReport | null;
}

/** A rough count of the supervision part's events, for the progress bar only. */
export const supervisionEventsEstimate = (plan: Pick<SeedPlan, 'enterprises'>): number =>
  90 + Math.max(1, Math.round(plan.enterprises / 100)) * 35 + Math.ceil(plan.enterprises * 0.1) * 5;

/** A step the deciders refused; names the step and keeps the domain error. */
export class SeedStepError extends Error {
  constructor(
    readonly stepIndex: number,
    readonly step: SeedStep,
    readonly reason: unknown,
  ) {
    const detail = reason instanceof DomainError ? `${reason.code}: ${reason.message}` : (reason as Error)?.message ?? String(reason);
    super(`step ${stepIndex + 1} (${step.type} for ${step.uscc} at ${step.at}) was refused: ${detail}`);
  }
}

/** A stable prefix for the idempotency keys of one plan, so running the same plan again replays instead of writing twice. */
export const planKey = (plan: Pick<SeedPlan, 'seed' | 'province' | 'enterprises' | 'now'>): string =>
  createHash('sha256').update(`${plan.seed}|${plan.province}|${plan.enterprises}|${plan.now}`).digest('hex').slice(0, 16);

/**
 * Writes the plan through the deciders, step by step: an admin of the province registers, renames and deregisters
 * enterprises; each enterprise declares and reviews its own standards with its facts folded from its stream; after a
 * rename, the system sends what the rename policy would send, and records overdue re-declarations as the scheduler would.
 */
export async function runSeedPlan(target: SeedTarget, plan: SeedPlan, options: SeedRunOptions = {}): Promise<SeedReport> {
  const clock = options.clock ?? (() => performance.now());
  const policy = options.policy ?? plan.policy ?? DEFAULT_DECLARATION_POLICY;
  const started = clock();
  const admin: Actor = { id: `admin-${plan.province}0000`, role: 'admin', jurisdiction: `${plan.province}0000` };
  const keyPrefix = `seed-${planKey(plan)}`;
  const enterpriseEvents = new Map<string, { type: string; data: unknown }[]>();
  const lastRename = new Map<string, RecordedEvent>();
  const deadlines = new Map<string, string>();
  const eventsByType: Record<string, number> = {};
  const divergences: SeedDivergence[] = [];
  let eventsWritten = 0;
  let eventsReplayed = 0;
  let stepsDone = 0;
  let interrupted = false;

  const factsOf = async (uscc: string): Promise<EnterpriseFacts> => {
    let events = enterpriseEvents.get(uscc);
    if (!events) {
      events = await target.store.readStream(enterpriseStreamId(uscc));
      enterpriseEvents.set(uscc, events);
    }
    const f = enterpriseFactsFrom(events);
    return { status: f.status, name: f.name, jurisdiction: f.jurisdiction };
  };

  const deadlineOf = async (uscc: string, declarationId: string): Promise<string | null> => {
    const known = deadlines.get(declarationId);
    if (known) return known;
    const history = await target.store.readStream(declarationsStreamId(uscc));
    const state = history.reduce(
      (s, e) => declarationDecider.evolve(s, { type: e.type, data: e.data } as Parameters<typeof declarationDecider.evolve>[1]),
      declarationDecider.initialState(),
    );
    return state.declarations[declarationId]?.redeclareDeadline ?? null;
  };

  const run = async (step: SeedStep, index: number): Promise<CommandResult | null> => {
    const user = (actor: Actor): CommandMetadata => ({
      now: step.at,
      actor,
      correlationId: `${keyPrefix}-${index}`,
      idempotencyKey: `${keyPrefix}-${index}`,
    });
    const enterprise = (command: EnterpriseCommand) => target.runtime.handle(enterpriseDecider, enterpriseStreamId(step.uscc), command);
    const declarations = (command: DeclarationCommand) =>
      target.runtime.handle(declarationDecider, declarationsStreamId(step.uscc), command, { fingerprint: declarationRequestFingerprint(command) });
    const self = async (): Promise<{ facts: EnterpriseFacts; metadata: CommandMetadata }> => {
      const facts = await factsOf(step.uscc);
      const actor: Actor = { id: `enterprise-${step.uscc}`, role: 'enterprise', jurisdiction: facts.jurisdiction ?? admin.jurisdiction, uscc: step.uscc };
      return { facts, metadata: user(actor) };
    };
    switch (step.type) {
      case 'RegisterEnterprise':
      case 'RenameEnterprise':
      case 'DeregisterEnterprise': {
        const result = await enterprise({ type: step.type, data: step.data, metadata: user(admin) } as EnterpriseCommand);
        const known = enterpriseEvents.get(step.uscc);
        if (known) known.push(...result.events);
        else if (step.type === 'RegisterEnterprise') enterpriseEvents.set(step.uscc, [...result.events]);
        for (const e of result.events) if (isEnterpriseRenamed(e)) lastRename.set(step.uscc, e);
        return result;
      }
      case 'DeclareStandard':
      case 'ReviseDeclaration': {
        const { facts, metadata } = await self();
        return declarations({ type: step.type, data: { ...step.data, enterprise: facts, policy }, metadata } as DeclarationCommand);
      }
      case 'ConfirmDeclaration':
      case 'AbolishDeclaration':
      case 'RedeclareStandard': {
        const { facts, metadata } = await self();
        return declarations({ type: step.type, data: { ...step.data, enterprise: facts }, metadata } as DeclarationCommand);
      }
      case 'RequireRedeclaration': {
        const cause = lastRename.get(step.uscc);
        if (!cause || !isEnterpriseRenamed(cause)) throw new Error(`no EnterpriseRenamed of ${step.uscc} to react to`);
        const d = cause.data;
        const result = await declarations({
          type: 'RequireRedeclaration',
          data: { uscc: d.uscc, previousName: d.previousName, newName: d.newName, renamedOn: d.effectiveDate, sourceEventId: cause.id, policy },
          metadata: systemMetadata(RENAME_POLICY_NAME, cause, idempotencyKeyFor({ name: RENAME_POLICY_NAME }, cause), new Date(step.at)),
        });
        for (const e of result.events) {
          if (e.type !== 'RedeclarationRequired') continue;
          const r = e.data as { deadline: string; declarationIds: string[] };
          for (const id of r.declarationIds) deadlines.set(id, r.deadline);
        }
        return result;
      }
      case 'RecordRedeclarationOverdue': {
        const deadline = await deadlineOf(step.uscc, step.data.declarationId);
        if (deadline === null) return null;
        return declarations({
          type: 'RecordRedeclarationOverdue',
          data: step.data,
          metadata: systemMetadata(OVERDUE_SCHEDULE_NAME, null, overdueKey(step.data.declarationId, deadline), new Date(step.at)),
        });
      }
    }
  };

  for (const [index, step] of plan.steps.entries()) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    let result: CommandResult | null;
    try {
      result = await run(step, index);
    } catch (e) {
      throw new SeedStepError(index, step, e);
    }
    const types = result?.events.map((e) => e.type) ?? [];
    if (result?.replayed) eventsReplayed += types.length;
    else {
      eventsWritten += types.length;
      for (const t of types) eventsByType[t] = (eventsByType[t] ?? 0) + 1;
    }
    if ((types.length !== step.expectedEvents.length || types.some((t, k) => t !== step.expectedEvents[k])) && divergences.length < 20) {
      divergences.push({ step: index, type: step.type, expected: step.expectedEvents, actual: types });
    }
    stepsDone += 1;
    options.onProgress?.({ stepsDone, steps: plan.steps.length, eventsWritten: eventsWritten + eventsReplayed, expectedEvents: plan.expectedEvents, elapsedMs: clock() - started });
  }

  let supervision: SupervisionReport | null = null;
  if (!interrupted && options.supervision !== false) {
    if (!isSupervisionTarget(target)) throw new Error('the supervision data needs the engine\'s decider runtime and event store (or run with supervision: false)');
    const base = eventsWritten + eventsReplayed;
    const expectedEvents = plan.expectedEvents + supervisionEventsEstimate(plan);
    supervision = await runSupervision(target, plan, keyPrefix, {
      signal: options.signal,
      planning: options.planning,
      onCommand(events) {
        options.onProgress?.({ stepsDone, steps: plan.steps.length, eventsWritten: base + events, expectedEvents: Math.max(expectedEvents, base + events), elapsedMs: clock() - started });
      },
    });
    eventsWritten += supervision.eventsWritten;
    eventsReplayed += supervision.eventsReplayed;
    for (const [t, n] of Object.entries(supervision.eventsByType)) eventsByType[t] = (eventsByType[t] ?? 0) + n;
    if (options.signal?.aborted) interrupted = true;
  }

  const elapsedSeconds = (clock() - started) / 1000;
  return {
    seed: plan.seed,
    province: plan.province,
    from: plan.from,
    now: plan.now,
    enterprises: plan.enterprises,
    declarations: plan.declarations,
    steps: plan.steps.length,
    stepsDone,
    eventsWritten,
    eventsReplayed,
    eventsByType,
    elapsedSeconds,
    eventsPerSecond: elapsedSeconds > 0 ? eventsWritten / elapsedSeconds : 0,
    interrupted,
    divergences,
    supervision,
  };
}
