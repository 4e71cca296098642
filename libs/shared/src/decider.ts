/**
 * Deciders: plain commands and events in discriminated unions, a pure `decide` that returns events or
 * throws a DomainError, and a pure `evolve`. The clock and the actor arrive in the command's metadata.
 */
export type Role =
  | 'enterprise'
  | 'public'
  | 'complaint_handler'
  | 'inspector'
  | 'supervisor'
  | 'analyst'
  | 'admin'
  | 'system';

export const ROLES: readonly Role[] = [
  'enterprise',
  'public',
  'complaint_handler',
  'inspector',
  'supervisor',
  'analyst',
  'admin',
] as const;

export interface Actor {
  id: string;
  role: Role;
  /** GB/T 2260 administrative division code the actor acts in. */
  jurisdiction: string;
  /** For enterprise users: their own USCC. */
  uscc?: string;
}

export interface CommandMetadata {
  /** The clock: the time the command is decided at (ISO 8601). */
  now: string;
  actor: Actor;
  correlationId: string;
  causationId?: string;
  idempotencyKey?: string;
  reason?: string;
}

export interface Command<T extends string = string, D = unknown> {
  type: T;
  data: D;
  metadata: CommandMetadata;
}

export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
  /** Optional per-event extras; the envelope's metadata is filled from the command. */
  metadata?: { businessTime?: string; schemaVersion?: number };
}

export interface Decider<C extends Command, E extends DomainEvent, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

export const fold = <E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S =>
  events.reduce((s, e) => decider.evolve(s, e), decider.initialState());

/** An event or recorded envelope `E` whose type and data are those of the event type `T`: what a type guard over `T` narrows to. */
export type NarrowedEvent<E, T extends { type: string; data: unknown }> = E & { type: T['type']; data: T['data'] };
