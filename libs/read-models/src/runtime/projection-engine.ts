import { setMaxListeners } from 'node:events';
import { sql } from 'kysely';
import type { AnyDb, Database } from '@regledger/database';
import { START, comparePositions, sleep, type EventStore, type LogPosition, type RecordedEvent } from '@regledger/event-store';
import { advanceCheckpoint, deleteCheckpoint, ensureCheckpoint, listCheckpoints, readCheckpoint, type Checkpoint } from './checkpoints.js';
import { countPolicyRefusals, isPermanentRefusal, recordPolicyRefusal } from './policy-refusals.js';
import { InProcessLeaderLock, PostgresLeaderLock, type LeaderLock } from './leader-lock.js';
import { liveTables, nextTables, oldTables, type Policy, type Projection, type TableNames } from './projection.js';

export interface EngineOptions {
  batchSize?: number;
  pollIntervalMs?: number;
  /** How often a standby worker tries to win the lock. */
  standbyRetryMs?: number;
  /** Back-off after a failed batch. */
  errorBackoffMs?: number;
  logger?: EngineLogger;
}

export interface EngineLogger {
  log(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface RebuildProgress {
  projection: string;
  applied: number;
  /** Approximate: the head's global position when the rebuild started. */
  total: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
  phase: 'building' | 'switching' | 'done';
}

export interface WorkerStatus {
  name: string;
  kind: 'projection' | 'policy';
  version: number;
  /** `external`: this process does not run workers; another process (apps/projector) does. */
  state: 'running' | 'standby' | 'stopped' | 'rebuilding' | 'failing' | 'external';
  position: string;
  globalPosition: string;
  eventsBehind: number;
  /** True when eventsBehind stopped counting at the cap. */
  eventsBehindCapped: boolean;
  secondsBehind: number;
  lastError: string | null;
  rebuild: RebuildProgress | null;
  /** Policies: reactions refused for good and recorded in rm_policy_refusals (0 for projections). */
  refusedReactions: number;
}

export class StaleCheckpointError extends Error {
  constructor(name: string) {
    super(`checkpoint of ${name} moved under this worker; reloading`);
  }
}

export class LogIdentityMismatchError extends Error {
  constructor(name: string, recorded: string, actual: string) {
    super(`${name}: its checkpoint belongs to log ${recorded}, not ${actual}; rebuild it (regledger rebuild ${name})`);
  }
}

const BEHIND_CAP = 10_000;

interface Worker {
  name: string;
  kind: 'projection' | 'policy';
  version: number;
  handles: ReadonlySet<string>;
  state: WorkerStatus['state'];
  lastError: string | null;
  rebuild: RebuildProgress | null;
  /** The live checkpoint at which the worker last found nothing to read; null when it may have work. */
  idleAt: LogPosition | null;
}

const positionText = (p: LogPosition): string => `${p.commit}/${p.prepare}`;

/**
 * Runs projections and policies against the log: batches applied with the checkpoint moved in the same
 * transaction by compare-and-set, one active worker per name, blue/green rebuilds, lag for the status
 * endpoint. The same engine runs inside the API (embedded default) and as apps/projector.
 */
export class ProjectionEngine {
  private readonly db: AnyDb;
  private readonly lock: LeaderLock;
  private readonly workers = new Map<string, Worker>();
  private readonly loops: Promise<void>[] = [];
  private abort = new AbortController();
  private logIdentity: string | null = null;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly standbyMs: number;
  private readonly backoffMs: number;
  private readonly logger: EngineLogger;
  private headProbe: { at: number; head: Promise<LogPosition | null> } | null = null;

  constructor(
    private readonly store: EventStore,
    readDatabase: Database,
    private readonly projections: readonly Projection[],
    private readonly policies: readonly Policy[] = [],
    options: EngineOptions = {},
  ) {
    this.db = readDatabase.db;
    this.lock = readDatabase.connectionString ? new PostgresLeaderLock(readDatabase.connectionString) : new InProcessLeaderLock();
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollIntervalMs ?? 100;
    this.standbyMs = options.standbyRetryMs ?? 2_000;
    this.backoffMs = options.errorBackoffMs ?? 1_000;
    this.logger = options.logger ?? { log: () => undefined, error: () => undefined };
    const names = new Set<string>();
    for (const p of projections) this.register(names, p.name, 'projection', p.version, p.handles);
    for (const p of policies) this.register(names, p.name, 'policy', 1, p.handles);
  }

  private register(names: Set<string>, name: string, kind: Worker['kind'], version: number, handles: readonly string[]): void {
    if (names.has(name)) throw new Error(`two workers named ${name}`);
    names.add(name);
    this.workers.set(name, { name, kind, version, handles: new Set(handles), state: 'external', lastError: null, rebuild: null, idleAt: null });
  }

  /** Creates the tables and checkpoints of projections seen for the first time. */
  async prepare(): Promise<void> {
    this.logIdentity = await this.store.logIdentity();
    for (const p of this.projections) {
      const cp = await readCheckpoint(this.db, p.name);
      if (!cp) {
        await this.db.transaction().execute(async (trx) => {
          await p.createTables(trx, liveTables(p));
          await ensureCheckpoint(trx, p.name, 'projection', p.version, this.logIdentity);
        });
      }
    }
    for (const p of this.policies) {
      if (!(await readCheckpoint(this.db, p.name))) {
        // A policy starts at the last committed event: it reacts to what happens from now on, never to the past.
        const head = await this.store.headPosition({ committed: true });
        await ensureCheckpoint(this.db, p.name, 'policy', 1, this.logIdentity);
        if (head) await advanceCheckpoint(this.db, p.name, START, { position: head.position, globalPosition: head.globalPosition, events: 0, lastEventAt: head.recordedAt });
      }
    }
  }

  /** Starts a loop per projection and policy; a projection of a new version is rebuilt blue/green first. */
  async start(): Promise<void> {
    await this.prepare();
    this.abort = new AbortController();
    // Every loop waits on this one signal: one listener per worker is expected, not a leak.
    setMaxListeners(this.workers.size + 10, this.abort.signal);
    for (const p of this.projections) {
      const cp = await readCheckpoint(this.db, p.name);
      if (cp && cp.version !== p.version) {
        this.loops.push(
          this.rebuild(p.name)
            .catch((e: unknown) => this.fail(p.name, e))
            .then(() => this.loop(p.name, () => this.projectBatch(p))),
        );
      } else {
        this.loops.push(this.loop(p.name, () => this.projectBatch(p)));
      }
    }
    for (const p of this.policies) this.loops.push(this.loop(p.name, () => this.policyBatch(p)));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
    this.loops.length = 0;
    for (const w of this.workers.values()) {
      w.state = 'stopped';
      await this.lock.release(w.name).catch(() => undefined);
    }
    await this.lock.close();
  }

  private fail(name: string, e: unknown): void {
    const w = this.workers.get(name)!;
    w.state = 'failing';
    w.lastError = e instanceof Error ? e.message : String(e);
    this.logger.error('worker failed', { worker: name, error: w.lastError });
  }

  /**
   * The last committed event's position, read at most once per poll interval for all the workers of this
   * engine: idle workers compare it with their checkpoint instead of each querying the log.
   */
  private committedHead(): Promise<LogPosition | null> {
    const now = Date.now();
    if (!this.headProbe || now - this.headProbe.at >= this.pollMs) {
      this.headProbe = { at: now, head: this.store.headPosition({ committed: true }).then((h) => h?.position ?? null) };
    }
    return this.headProbe.head;
  }

  /**
   * Whether an idle worker can skip its batch: its checkpoint is at the committed head. An event committed
   * later always lies after it (the log reads stop below the oldest running transaction, so a checkpoint at
   * the head means no earlier transaction is still writing), so the head moves first.
   */
  private async stillIdle(w: Worker): Promise<boolean> {
    if (w.idleAt === null) return false;
    const head = await this.committedHead();
    return head === null || comparePositions(head, w.idleAt) <= 0;
  }

  private async loop(name: string, batch: () => Promise<number>): Promise<void> {
    const w = this.workers.get(name)!;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        if (!this.lock.isHeld(name)) {
          w.idleAt = null;
          if (!(await this.lock.tryAcquire(name))) {
            w.state = 'standby';
            await sleep(this.standbyMs, signal);
            continue;
          }
        }
        w.state = 'running';
        if (await this.stillIdle(w)) {
          await sleep(this.pollMs, signal);
          continue;
        }
        const n = await batch();
        w.lastError = null;
        if (n < this.batchSize) await sleep(this.pollMs, signal);
        // Let HTTP and timers run between batches: the embedded database answers without yielding.
        else await new Promise((r) => setImmediate(r));
      } catch (e) {
        w.idleAt = null;
        if (e instanceof StaleCheckpointError) continue;
        this.fail(name, e);
        await sleep(this.backoffMs, signal);
      }
    }
  }

  private async checkIdentity(cp: Checkpoint): Promise<void> {
    const identity = this.logIdentity ?? (this.logIdentity = await this.store.logIdentity());
    if (cp.logIdentity && cp.logIdentity !== identity) throw new LogIdentityMismatchError(cp.name, cp.logIdentity, identity);
  }

  /** One batch of one projection into the given tables; returns the number of events read. */
  private async projectBatch(p: Projection, checkpointName = p.name, tables: TableNames = liveTables(p)): Promise<number> {
    const cp = await readCheckpoint(this.db, checkpointName);
    if (!cp) throw new Error(`no checkpoint ${checkpointName}`);
    await this.checkIdentity(cp);
    const events = await this.store.readAll({ after: cp.position, maxCount: this.batchSize });
    const worker = this.workers.get(p.name)!;
    if (checkpointName === p.name) worker.idleAt = events.length ? null : cp.position;
    if (!events.length) return 0;
    const handles = worker.handles;
    const handled = events.filter((e) => handles.has(e.type));
    const last = events[events.length - 1];
    await this.db.transaction().execute(async (trx) => {
      // Checkpoint first: it takes the row lock a blue/green switch waits on, before any table lock.
      const moved = await advanceCheckpoint(trx, checkpointName, cp.position, {
        position: last.position,
        globalPosition: last.globalPosition,
        events: events.length,
        lastEventAt: last.recordedAt,
      });
      if (!moved) throw new StaleCheckpointError(checkpointName);
      if (handled.length) await p.apply(trx, handled, tables);
    });
    return events.length;
  }

  /** Policies react one event at a time, outside any read-model transaction; at least once. */
  /**
   * One reaction. A command refused for good (isPermanentRefusal) is recorded in rm_policy_refusals and the policy
   * goes on; any other failure is thrown, and the policy runs the event again from its checkpoint.
   */
  private async react(p: Policy, e: RecordedEvent): Promise<void> {
    try {
      await p.react(e);
    } catch (error) {
      if (!isPermanentRefusal(error)) throw error;
      await recordPolicyRefusal(this.db, p.name, e, error);
      this.logger.log('policy reaction refused', { worker: p.name, eventId: e.id, eventType: e.type, code: error.code, message: error.message });
    }
  }

  private async policyBatch(p: Policy): Promise<number> {
    const cp = await readCheckpoint(this.db, p.name);
    if (!cp) throw new Error(`no checkpoint ${p.name}`);
    await this.checkIdentity(cp);
    const events = await this.store.readAll({ after: cp.position, maxCount: this.batchSize });
    const worker = this.workers.get(p.name)!;
    worker.idleAt = events.length ? null : cp.position;
    const handles = worker.handles;
    let from = cp.position;
    let done = 0;
    for (const e of events) {
      if (this.abort.signal.aborted) break;
      if (handles.has(e.type)) await this.react(p, e);
      if (!(await advanceCheckpoint(this.db, p.name, from, { position: e.position, globalPosition: e.globalPosition, events: 1, lastEventAt: e.recordedAt })))
        throw new StaleCheckpointError(p.name);
      from = e.position;
      done += 1;
    }
    return done;
  }

  /**
   * Runs every projection (and, unless `projectionsOnly`, every policy) until it has applied the last
   * event committed when it was called. For tests, the CLI and start-up; the loops need not be running.
   */
  async catchUp(options: { projectionsOnly?: boolean; timeoutMs?: number } = {}): Promise<void> {
    if (!this.logIdentity) await this.prepare();
    // The last committed event may not be readable yet while an older transaction of the cluster runs.
    const target = (await this.store.headPosition({ committed: true }))?.position;
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const until = async (name: string, batch: () => Promise<number>): Promise<void> => {
      for (;;) {
        if ((await batch()) > 0) continue;
        const cp = await readCheckpoint(this.db, name);
        if (!target || (cp && comparePositions(cp.position, target) >= 0)) return;
        if (Date.now() > deadline) throw new Error(`${name} could not read up to ${positionText(target)}: a long transaction holds readers back`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    for (const p of this.projections) await until(p.name, () => this.projectBatch(p));
    if (!options.projectionsOnly) for (const p of this.policies) await until(p.name, () => this.policyBatch(p));
  }

  /** Resolves once every worker's checkpoint has reached `position` (or the last committed event when absent). */
  async waitFor(position?: LogPosition, timeoutMs = 30_000): Promise<void> {
    const target = position ?? (await this.store.headPosition({ committed: true }))?.position;
    if (!target) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cps = await listCheckpoints(this.db);
      const mine = cps.filter((c) => this.workers.has(c.name));
      if (mine.length === this.workers.size && mine.every((c) => comparePositions(c.position, target) >= 0)) return;
      if (Date.now() > deadline) throw new Error(`projections did not reach ${positionText(target)} in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Blue/green rebuild: builds the projection from position zero into `<table>__next` while the live
   * tables keep serving, then switches in one transaction and drops the old tables. Resumes an
   * interrupted rebuild of the same version. Policies never run here.
   */
  async rebuild(name: string, onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress> {
    const p = this.projections.find((x) => x.name === name);
    if (!p) throw new Error(`unknown projection ${name}; known: ${this.projections.map((x) => x.name).join(', ')}`);
    const w = this.workers.get(name)!;
    const identity = (this.logIdentity ??= await this.store.logIdentity());
    const nextName = `${name}@next`;
    const next = nextTables(p);
    let cp = await readCheckpoint(this.db, nextName);
    if (cp && (cp.version !== p.version || (cp.logIdentity && cp.logIdentity !== identity))) {
      await this.dropTables(next);
      await deleteCheckpoint(this.db, nextName);
      cp = null;
    }
    if (!cp) {
      await this.dropTables(next);
      await this.db.transaction().execute(async (trx) => {
        await p.createTables(trx, next);
        await ensureCheckpoint(trx, nextName, 'rebuild', p.version, identity);
      });
      cp = (await readCheckpoint(this.db, nextName))!;
    }
    const head = await this.store.headPosition();
    const total = Number(head?.globalPosition ?? 0n);
    const started = Date.now();
    let applied = Number(cp.eventsSeen);
    const initiallyApplied = applied;
    const progress = (phase: RebuildProgress['phase']): RebuildProgress => {
      const secs = Math.max((Date.now() - started) / 1000, 0.001);
      const rate = (applied - initiallyApplied) / secs;
      const remaining = Math.max(total - applied, 0);
      return { projection: name, applied, total, eventsPerSecond: Math.round(rate), etaSeconds: rate > 0 ? Math.round(remaining / rate) : null, phase };
    };
    w.state = 'rebuilding';
    try {
      for (;;) {
        if (this.abort.signal.aborted) throw new Error('rebuild interrupted; run it again to resume');
        const n = await this.projectBatch(p, nextName, next);
        applied += n;
        w.rebuild = progress('building');
        onProgress?.(w.rebuild);
        if (n === 0) break;
      }
      w.rebuild = progress('switching');
      onProgress?.(w.rebuild);
      await this.db.transaction().execute(async (trx) => {
        const live = await readCheckpoint(trx, name, true);
        const built = await readCheckpoint(trx, nextName, true);
        if (!built) throw new Error(`rebuild checkpoint ${nextName} vanished`);
        const old = oldTables(p);
        for (const t of p.tables) {
          await sql`drop table if exists ${sql.table(old[t])}`.execute(trx);
          await sql`alter table if exists ${sql.table(t)} rename to ${sql.table(old[t])}`.execute(trx);
          await sql`alter table ${sql.table(next[t])} rename to ${sql.table(t)}`.execute(trx);
          await sql`drop table if exists ${sql.table(old[t])}`.execute(trx);
        }
        if (live) {
          await sql`
            update rm_checkpoints set version = ${built.version}, position_commit = ${built.position.commit.toString()}::numeric,
              position_prepare = ${built.position.prepare.toString()}::numeric, global_position = ${built.globalPosition.toString()}::bigint,
              events_seen = ${built.eventsSeen.toString()}::bigint, last_event_at = ${built.lastEventAt?.toISOString() ?? null}::timestamptz,
              log_identity = ${identity}, updated_at = now()
            where name = ${name}`.execute(trx);
        } else {
          await sql`
            insert into rm_checkpoints (name, kind, version, position_commit, position_prepare, global_position, events_seen, last_event_at, log_identity)
            values (${name}, 'projection', ${built.version}, ${built.position.commit.toString()}::numeric, ${built.position.prepare.toString()}::numeric,
              ${built.globalPosition.toString()}::bigint, ${built.eventsSeen.toString()}::bigint, ${built.lastEventAt?.toISOString() ?? null}::timestamptz, ${identity})`.execute(trx);
        }
        await sql`delete from rm_checkpoints where name = ${nextName}`.execute(trx);
      });
      // The live checkpoint was replaced: the worker looks at the log again.
      w.idleAt = null;
      w.rebuild = progress('done');
      onProgress?.(w.rebuild);
      this.logger.log('projection rebuilt', { projection: name, events: applied });
      return w.rebuild;
    } finally {
      w.state = this.lock.isHeld(name) ? 'running' : 'stopped';
    }
  }

  private async dropTables(tables: TableNames): Promise<void> {
    for (const t of Object.values(tables)) await sql`drop table if exists ${sql.table(t)}`.execute(this.db);
  }

  projectionNames(): string[] {
    return this.projections.map((p) => p.name);
  }

  /** Per worker: position, events and seconds behind the head, state. */
  async status(): Promise<WorkerStatus[]> {
    const head = await this.store.headPosition();
    const cps = new Map((await listCheckpoints(this.db)).map((c) => [c.name, c]));
    const refusals = await countPolicyRefusals(this.db);
    const out: WorkerStatus[] = [];
    for (const w of this.workers.values()) {
      const cp = cps.get(w.name);
      const position = cp?.position ?? START;
      let behind = 0;
      let capped = false;
      if (head && comparePositions(head.position, position) > 0) {
        let after = position;
        while (behind < BEHIND_CAP) {
          const page = await this.store.readAll({ after, maxCount: Math.min(1000, BEHIND_CAP - behind) });
          if (!page.length) break;
          behind += page.length;
          after = page[page.length - 1].position;
        }
        capped = behind >= BEHIND_CAP;
      }
      const secondsBehind = behind > 0 && head ? Math.max(0, (head.recordedAt.getTime() - (cp?.lastEventAt?.getTime() ?? head.recordedAt.getTime())) / 1000) : 0;
      out.push({
        name: w.name,
        kind: w.kind,
        version: cp?.version ?? 0,
        state: w.state,
        position: positionText(position),
        globalPosition: (cp?.globalPosition ?? 0n).toString(),
        eventsBehind: behind,
        eventsBehindCapped: capped,
        secondsBehind,
        lastError: w.lastError,
        rebuild: w.rebuild,
        refusedReactions: refusals.get(w.name) ?? 0,
      });
    }
    return out;
  }

}
