import pg from 'pg';

/** One active worker per projection: whoever holds the lock runs it, the others stand by. */
export interface LeaderLock {
  tryAcquire(name: string): Promise<boolean>;
  isHeld(name: string): boolean;
  release(name: string): Promise<void>;
  close(): Promise<void>;
}

/** For the embedded default: one process owns the data directory, so the lock is in memory. */
export class InProcessLeaderLock implements LeaderLock {
  private static readonly held = new Set<string>();
  private readonly mine = new Set<string>();

  async tryAcquire(name: string): Promise<boolean> {
    if (this.mine.has(name)) return true;
    if (InProcessLeaderLock.held.has(name)) return false;
    InProcessLeaderLock.held.add(name);
    this.mine.add(name);
    return true;
  }
  isHeld(name: string): boolean {
    return this.mine.has(name);
  }
  async release(name: string): Promise<void> {
    if (this.mine.delete(name)) InProcessLeaderLock.held.delete(name);
  }
  async close(): Promise<void> {
    for (const n of [...this.mine]) await this.release(n);
  }
}

/**
 * Session-level advisory locks on a dedicated connection (design-notes §3). If that connection dies,
 * every lock is lost at once and the workers stop until they win it again.
 */
export class PostgresLeaderLock implements LeaderLock {
  private client: pg.Client | null = null;
  private readonly mine = new Set<string>();
  /** One query at a time on the one connection, and one connection: calls queue here, in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connectionString: string,
    private readonly namespace = 'regledger:worker:',
  ) {}

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'regledger-leader-lock' });
    // The server restarted or ended the session: its locks went with it. The next attempt opens a new
    // connection and wins them again (or another worker does).
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = null;
      this.mine.clear();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    this.client = client;
    return client;
  }

  tryAcquire(name: string): Promise<boolean> {
    if (this.mine.has(name)) return Promise.resolve(true);
    return this.serially(async () => {
      if (this.mine.has(name)) return true;
      const c = await this.connection();
      let ok: boolean;
      try {
        ok = (await c.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [this.namespace + name])).rows[0].ok;
      } catch (e) {
        // A connection that failed under the query holds nothing any more: drop it with whatever it held.
        if (this.client === c) {
          this.client = null;
          this.mine.clear();
          await c.end().catch(() => undefined);
        }
        throw e;
      }
      if (ok && this.client === c) this.mine.add(name);
      return ok && this.client === c;
    });
  }
  isHeld(name: string): boolean {
    return this.mine.has(name);
  }
  release(name: string): Promise<void> {
    return this.serially(async () => {
      if (!this.mine.delete(name) || !this.client) return;
      await this.client.query('select pg_advisory_unlock(hashtext($1))', [this.namespace + name]);
    });
  }
  close(): Promise<void> {
    return this.serially(async () => {
      this.mine.clear();
      const c = this.client;
      this.client = null;
      await c?.end().catch(() => undefined);
    });
  }
}
