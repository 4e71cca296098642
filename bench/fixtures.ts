import { v7 as uuidv7 } from 'uuid';
import {
  USCC_ALPHABET,
  enterpriseStreamId,
  isValidUscc,
  usccCheckCharacter,
  type EnterpriseRegisteredData,
  type EnterpriseRenamedData,
} from '@regledger/enterprises';
import { GENESIS_HASH, eventHash, type EventMetadata, type EventToAppend } from '@regledger/event-store';
import type { RawQuery } from './backends.js';

const DIVISIONS = ['110105', '310115', '440300', '330106', '510107', '420106', '320505', '350203'];

/** The `i`-th of a family of valid, distinct USCCs: legal-person code 91, a division, nine characters from `i`, the check character. */
export function uscc(i: number, family = 0): string {
  let n = i;
  let body = '';
  for (let k = 0; k < 8; k++) {
    body = USCC_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91${DIVISIONS[i % DIVISIONS.length]}${USCC_ALPHABET[family % 31]}${body}`;
  const code = first17 + usccCheckCharacter(first17);
  if (!isValidUscc(code)) throw new Error(`generated an invalid USCC ${code}`);
  return code;
}

export const benchMetadata = (jurisdiction = '440300'): EventMetadata => ({
  actorId: 'bench-admin',
  actorRole: 'admin',
  jurisdiction,
  correlationId: uuidv7(),
  causationId: null,
  idempotencyKey: null,
  reason: null,
});

const day = (k: number): string => new Date(Date.UTC(2020, 0, 1) + k * 86_400_000).toISOString().slice(0, 10);

export const enterpriseName = (i: number, generation: number): string =>
  generation === 0 ? `示例科技${i}号有限公司` : `示例科技${i}号（第${generation}次更名）有限公司`;

export const registered = (code: string, i: number): EventToAppend => {
  const data: EnterpriseRegisteredData = {
    uscc: code,
    name: enterpriseName(i, 0),
    jurisdiction: DIVISIONS[i % DIVISIONS.length],
    address: `广东省深圳市南山区科技园${i}号`,
    industry: 'C3911',
    registeredOn: day(0),
  };
  return { type: 'EnterpriseRegistered', data, metadata: benchMetadata(data.jurisdiction) };
};

/** The `generation`-th rename of enterprise `i` (generation ≥ 1). */
export const renamed = (code: string, i: number, generation: number): EventToAppend => {
  const data: EnterpriseRenamedData = {
    uscc: code,
    previousName: enterpriseName(i, generation - 1),
    newName: enterpriseName(i, generation),
    effectiveDate: day(generation),
    jurisdiction: DIVISIONS[i % DIVISIONS.length],
  };
  return { type: 'EnterpriseRenamed', data, metadata: benchMetadata(data.jurisdiction) };
};

/** A register-then-rename history of `length` events for enterprise `i`. */
export const enterpriseHistory = (code: string, i: number, length: number): EventToAppend[] =>
  Array.from({ length }, (_, g) => (g === 0 ? registered(code, i) : renamed(code, i, g)));

export interface SeedEvent {
  streamId: string;
  event: EventToAppend;
}

const SEED_COLUMNS = 11;

/**
 * Writes events into `es_events`/`es_streams` directly, in transactions of `chunk` events, with the
 * revisions and hash chain the store would give them (setup only, never timed).
 */
export async function seedEvents(
  raw: { transaction<T>(fn: (q: RawQuery) => Promise<T>): Promise<T> },
  events: readonly SeedEvent[],
  progress: (done: number) => void = () => undefined,
  chunk = 1000,
): Promise<void> {
  const heads = new Map<string, { revision: bigint; hash: string }>();
  const recordedAt = new Date();
  for (let start = 0; start < events.length; start += chunk) {
    const slice = events.slice(start, start + chunk);
    const params: unknown[] = [];
    const values: string[] = [];
    const touched = new Set<string>();
    for (const { streamId, event } of slice) {
      const head = heads.get(streamId);
      const revision = head ? head.revision + 1n : 0n;
      const prevHash = head ? head.hash : GENESIS_HASH;
      const id = uuidv7();
      const data = JSON.parse(JSON.stringify(event.data)) as unknown;
      const hash = eventHash({ id, streamId, revision, type: event.type, schemaVersion: 1, data, metadata: event.metadata, recordedAt, businessTime: null, prevHash });
      heads.set(streamId, { revision, hash });
      touched.add(streamId);
      const b = params.length;
      values.push(`($${b + 1}::uuid, $${b + 2}, $${b + 3}::bigint, $${b + 4}, $${b + 5}::int, $${b + 6}::jsonb, $${b + 7}::jsonb, $${b + 8}::timestamptz, $${b + 9}::timestamptz, $${b + 10}, $${b + 11})`);
      params.push(id, streamId, revision.toString(), event.type, 1, JSON.stringify(data), JSON.stringify(event.metadata), recordedAt.toISOString(), null, prevHash, hash);
    }
    if (params.length !== values.length * SEED_COLUMNS) throw new Error('seed: parameter count');
    const streams = [...touched];
    await raw.transaction(async (q) => {
      const sp: unknown[] = [];
      const sv = streams.map((s) => {
        sp.push(s, heads.get(s)!.revision.toString());
        return `($${sp.length - 1}, $${sp.length}::bigint)`;
      });
      await q.query(
        `insert into es_streams (stream_id, version) values ${sv.join(', ')}
         on conflict (stream_id) do update set version = excluded.version`,
        sp,
      );
      await q.query(
        `insert into es_events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, business_time, prev_hash, hash)
         values ${values.join(', ')}`,
        params,
      );
    });
    progress(Math.min(start + chunk, events.length));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The enterprise log of the projection scenario: `total` events, registrations and renames of
 * enterprises taken in blocks of 100, each block's registrations followed by up to three waves of
 * renames (enterprise i is renamed i mod 4 times), so streams interleave as they would in use.
 */
export function enterpriseLog(total: number, family = 1): SeedEvent[] {
  const out: SeedEvent[] = [];
  for (let block = 0; out.length < total; block++) {
    const members = Array.from({ length: 100 }, (_, k) => block * 100 + k);
    for (let wave = 0; wave <= 3 && out.length < total; wave++) {
      for (const i of members) {
        if (out.length >= total) break;
        if (wave > i % 4) continue;
        const code = uscc(i, family);
        out.push({ streamId: enterpriseStreamId(code), event: wave === 0 ? registered(code, i) : renamed(code, i, wave) });
      }
    }
  }
  return out;
}
