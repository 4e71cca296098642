import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AnyDb, Migration } from '@regledger/database';
import { generateDataKey } from './sealing.js';

/**
 * The personal-data keys, apart from the log: their own schema in the engine's database (PostgreSQL or the
 * embedded PGlite; with EventStoreDB holding the log, never in EventStoreDB). Erasing a key sets it to null
 * and keeps who erased it, when and why; the log is never touched.
 */
export const PERSONAL_DATA_KEYS_TABLE = 'personal_data.keys';

export const personalDataMigrations: readonly Migration[] = [
  {
    id: 'personal-data/0001-keys',
    async up(db) {
      await sql`create schema if not exists personal_data`.execute(db);
      await sql`
        create table personal_data.keys (
          key_id text primary key,
          subject_id text not null,
          key text,
          created_at timestamptz not null,
          erased_at timestamptz,
          erased_by text,
          erasure_reason text,
          check ((key is null) = (erased_at is not null))
        )`.execute(db);
      // One key in use per person at a time; an erased person who comes back gets a new one.
      await sql`create unique index personal_data_keys_active on personal_data.keys (subject_id) where erased_at is null`.execute(db);
      await sql`create index personal_data_keys_subject on personal_data.keys (subject_id)`.execute(db);
    },
  },
];

export interface DataKey {
  subjectId: string;
  keyId: string;
  key: Buffer;
}

/** A key as the store holds it: the key itself, or null once erased. */
export interface StoredKey {
  keyId: string;
  subjectId: string;
  key: Buffer | null;
  createdAt: string;
  erasedAt: string | null;
}

/** A key as an audit bundle carries it (only keys in use are exported). */
export interface ExportedKey {
  keyId: string;
  subjectId: string;
  /** base64 */
  key: string;
  createdAt: string;
}

export interface ErasureReport {
  subjectId: string;
  /** Keys erased by this call. */
  erasedKeyIds: string[];
  /** Every key of the subject erased now (by this call or earlier), oldest first. */
  allErasedKeyIds: string[];
}

interface KeyRow {
  key_id: string;
  subject_id: string;
  key: string | null;
  created_at: Date | string;
  erased_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
const toStored = (r: KeyRow): StoredKey => ({
  keyId: r.key_id,
  subjectId: r.subject_id,
  key: r.key === null ? null : Buffer.from(r.key, 'base64'),
  createdAt: iso(r.created_at) as string,
  erasedAt: iso(r.erased_at),
});

/** The key store on kysely (PostgreSQL or PGlite). */
export class PersonalDataKeyStore {
  constructor(private readonly db: AnyDb) {}

  /** The subject's key in use, created (32 random bytes) when it has none; concurrent callers get the same one. */
  async activeKey(subjectId: string, now: Date = new Date()): Promise<DataKey> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const found = await sql<KeyRow>`select key_id, subject_id, key, created_at, erased_at from personal_data.keys
        where subject_id = ${subjectId} and erased_at is null`.execute(this.db);
      if (found.rows.length) {
        const k = toStored(found.rows[0]);
        return { subjectId, keyId: k.keyId, key: k.key as Buffer };
      }
      await sql`insert into personal_data.keys (key_id, subject_id, key, created_at)
        values (${uuidv7()}, ${subjectId}, ${generateDataKey().toString('base64')}, ${now.toISOString()}::timestamptz)
        on conflict do nothing`.execute(this.db);
    }
    throw new Error(`no key could be created for subject ${subjectId}`);
  }

  /** The keys with these ids as stored (absent: this store never held it). */
  async keys(keyIds: readonly string[]): Promise<Map<string, StoredKey>> {
    const ids = [...new Set(keyIds)];
    const out = new Map<string, StoredKey>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const r = await sql<KeyRow>`select key_id, subject_id, key, created_at, erased_at from personal_data.keys
        where key_id in (${sql.join(chunk)})`.execute(this.db);
      for (const row of r.rows) out.set(row.key_id, toStored(row));
    }
    return out;
  }

  /** Every key the subject ever had, oldest first. */
  async subjectKeys(subjectId: string): Promise<StoredKey[]> {
    const r = await sql<KeyRow>`select key_id, subject_id, key, created_at, erased_at from personal_data.keys
      where subject_id = ${subjectId} order by created_at, key_id`.execute(this.db);
    return r.rows.map(toStored);
  }

  /** Erases every key of the subject still in use; erasing again changes nothing. */
  async erase(subjectId: string, erasure: { at: Date; by: string; reason: string }): Promise<ErasureReport> {
    const r = await sql<{ key_id: string }>`update personal_data.keys
      set key = null, erased_at = ${erasure.at.toISOString()}::timestamptz, erased_by = ${erasure.by}, erasure_reason = ${erasure.reason}
      where subject_id = ${subjectId} and erased_at is null returning key_id`.execute(this.db);
    const all = (await this.subjectKeys(subjectId)).filter((k) => k.erasedAt !== null).map((k) => k.keyId);
    return { subjectId, erasedKeyIds: r.rows.map((x) => x.key_id).sort(), allErasedKeyIds: all };
  }

  /** Erases these keys where still in use (e.g. again after a restore from a backup taken before their erasure); returns those erased now. */
  async eraseKeys(keyIds: readonly string[], erasure: { at: Date; by: string; reason: string }): Promise<string[]> {
    if (!keyIds.length) return [];
    const r = await sql<{ key_id: string }>`update personal_data.keys
      set key = null, erased_at = ${erasure.at.toISOString()}::timestamptz, erased_by = ${erasure.by}, erasure_reason = ${erasure.reason}
      where key_id in (${sql.join([...new Set(keyIds)])}) and erased_at is null returning key_id`.execute(this.db);
    return r.rows.map((x) => x.key_id).sort();
  }

  /** The keys in use among these ids (erased keys are never exported), for an audit bundle. */
  async exportKeys(keyIds: readonly string[]): Promise<ExportedKey[]> {
    const stored = await this.keys(keyIds);
    return [...stored.values()]
      .filter((k) => k.key !== null)
      .sort((a, b) => a.keyId.localeCompare(b.keyId))
      .map((k) => ({ keyId: k.keyId, subjectId: k.subjectId, key: (k.key as Buffer).toString('base64'), createdAt: k.createdAt }));
  }

  /** Writes keys from a bundle; a key already held (in use or erased) is left as it is. */
  async importKeys(keys: readonly ExportedKey[]): Promise<{ imported: number; skipped: number }> {
    let imported = 0;
    for (const k of keys) {
      const r = await sql<{ key_id: string }>`insert into personal_data.keys (key_id, subject_id, key, created_at)
        values (${k.keyId}, ${k.subjectId}, ${k.key}, ${k.createdAt}::timestamptz) on conflict do nothing returning key_id`.execute(this.db);
      imported += r.rows.length;
    }
    return { imported, skipped: keys.length - imported };
  }
}
