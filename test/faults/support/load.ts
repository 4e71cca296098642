import { randomUUID } from 'node:crypto';
import { chinaToday, uscc } from '../../support/http-expectations.js';
import { sleepMs, type FaultApp, type Reply } from './fault-app.js';

/** One command of a load run: what was sent, and every answer it got. */
export interface LoadCommand {
  seq: number;
  uscc: string;
  path: string;
  body: Record<string, unknown>;
  idempotencyKey: string;
  correlationId: string;
  headers: Record<string, string>;
  replies: (Reply & { at: number })[];
}

/** A valid, unique USCC per sequence number within a prefix of USCC characters (no I, O, S, V, Z): one prefix per run. */
export const loadUscc = (prefix: string, seq: number): string => uscc('440305', `${prefix}${String(seq).padStart(9 - prefix.length, '0')}`);

/**
 * A registration or, every `renameEvery`th command, a rename of an enterprise registered earlier in the run
 * (its policy reacts on the declarations side): the commands a load run sends.
 */
export function nextCommand(t: FaultApp, prefix: string, seq: number, registered: string[], renameEvery = 4): LoadCommand {
  const correlationId = randomUUID();
  const base = { seq, idempotencyKey: `load-${correlationId}`, correlationId, replies: [] };
  const auth = t.as('admin', '000000');
  if (renameEvery > 0 && seq % renameEvery === renameEvery - 1 && registered.length) {
    // each enterprise is renamed once at most: two renames of one stream at once would be a conflict
    const target = registered.shift()!;
    return { ...base, uscc: target, path: `/enterprises/${target}/rename`, body: { newName: `负载测试更名${seq}有限公司`, effectiveDate: chinaToday() }, headers: auth };
  }
  const code = loadUscc(prefix, seq);
  return {
    ...base,
    uscc: code,
    path: '/enterprises',
    body: { uscc: code, name: `负载测试${seq}号电器有限公司`, jurisdiction: '440305', address: '广东省深圳市南山区粤海街道', industry: '家用电器制造业' },
    headers: auth,
  };
}

/** Sends (or re-sends, with the same idempotency key) one command and records its answer. */
export async function send(t: FaultApp, c: LoadCommand, timeoutMs = 20_000): Promise<Reply> {
  const reply = await t.call('POST', c.path, {
    body: c.body,
    headers: { ...c.headers, 'Idempotency-Key': c.idempotencyKey, 'X-Correlation-Id': c.correlationId },
    timeoutMs,
  });
  c.replies.push({ ...reply, at: Date.now() });
  return reply;
}

export interface LoadRun {
  commands: LoadCommand[];
  /** Resolves once every client has finished its current command. */
  stop(): Promise<void>;
}

/**
 * `clients` loops, each sending one command after another; after a 503 a client waits `backoffMs` (a
 * shortened Retry-After) and moves on to a new command. Renames retried after a conflict are not needed:
 * the registrations that a rename targets are acknowledged ones.
 */
export function startLoad(t: FaultApp, options: { prefix: string; clients: number; pauseMs?: number; backoffMs?: number; renameEvery?: number }): LoadRun {
  const commands: LoadCommand[] = [];
  const registered: string[] = [];
  let seq = 0;
  let running = true;
  const client = async (): Promise<void> => {
    while (running) {
      const c = nextCommand(t, options.prefix, seq++, registered, options.renameEvery);
      commands.push(c);
      const r = await send(t, c);
      if (r.status === 201) registered.push(c.uscc);
      await sleepMs(r.status === 503 ? (options.backoffMs ?? 100) : (options.pauseMs ?? 10));
    }
  };
  const loops = Array.from({ length: options.clients }, client);
  return {
    commands,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
