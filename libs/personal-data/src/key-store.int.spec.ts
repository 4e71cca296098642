import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { personalDataMigrations } from './key-store.js';
import { PersonalDataVault } from './vault.js';
import { PersonalDataUnreadableError } from './sealing.js';

describe('the personal-data key store', () => {
  let database: Database;
  let vault: PersonalDataVault;
  beforeAll(async () => {
    database = await createTestDatabase(personalDataMigrations);
    vault = new PersonalDataVault(database.db, { subjectSecret: 'key-store-test-secret' });
  });
  afterAll(async () => {
    await database.close();
  });

  it('given one person sealing twice, concurrently, then one key in use; the data opens; the key is stored apart from any event', async () => {
    const subject = vault.subjectOf('phone:13800000001');
    const [a, b] = await Promise.all([vault.seal(subject, { name: '甲' }), vault.seal(subject, { name: '乙' })]);
    expect(a.keyId).toBe(b.keyId);
    expect(await vault.reveal([{ x: a }, { y: [b] }])).toEqual([{ x: { name: '甲' } }, { y: [{ name: '乙' }] }]);
    const rows = await sql<{ n: string }>`select count(*)::text as n from personal_data.keys where subject_id = ${subject}`.execute(database.db);
    expect(rows.rows[0].n).toBe('1');
  });

  it('given an erasure, then every key of the person is gone, its data reads as erased, erasing again erases nothing; the person coming back gets a new key', async () => {
    const subject = vault.subjectOf('id:440305199001011234');
    const first = await vault.seal(subject, { name: '张三' });
    const report = await vault.erase(subject, { at: new Date('2026-10-01T00:00:00Z'), by: 'admin-1', reason: 'PIPL request 7' });
    expect(report).toEqual({ subjectId: subject, erasedKeyIds: [first.keyId], allErasedKeyIds: [first.keyId] });
    const stored = await sql<{ key: string | null; erased_by: string; erasure_reason: string }>`select key, erased_by, erasure_reason from personal_data.keys where key_id = ${first.keyId}`.execute(database.db);
    expect(stored.rows[0]).toEqual({ key: null, erased_by: 'admin-1', erasure_reason: 'PIPL request 7' });
    expect(await vault.reveal([first])).toEqual([{ erased: true, subjectId: subject, keyId: first.keyId }]);
    expect((await vault.erase(subject, { at: new Date(), by: 'admin-1', reason: 'again' })).erasedKeyIds).toEqual([]);

    const second = await vault.seal(subject, { name: '张三' });
    expect(second.keyId).not.toBe(first.keyId);
    expect(await vault.reveal([second])).toEqual([{ name: '张三' }]);
    expect((await vault.keys.subjectKeys(subject)).map((k) => [k.keyId, k.erasedAt === null])).toEqual([
      [first.keyId, false],
      [second.keyId, true],
    ]);
  });

  it('given keys exported and imported into another store, then the data opens there; erased keys never leave; a key not held reads as unavailable', async () => {
    const subject = vault.subjectOf('email:a@example.com');
    const sealed = await vault.seal(subject, { name: '丙', email: 'a@example.com' });
    const gone = vault.subjectOf('email:b@example.com');
    const erasedEnvelope = await vault.seal(gone, { name: '丁' });
    await vault.erase(gone, { at: new Date(), by: 'admin-1', reason: 'PIPL request 8' });
    const exported = await vault.keys.exportKeys([sealed.keyId, erasedEnvelope.keyId, 'no-such-key']);
    expect(exported.map((k) => k.keyId)).toEqual([sealed.keyId]);

    const other = await createTestDatabase(personalDataMigrations);
    try {
      const target = new PersonalDataVault(other.db, { subjectSecret: 'key-store-test-secret' });
      expect(await target.reveal([sealed])).toEqual([{ unavailable: true, subjectId: subject, keyId: sealed.keyId }]);
      expect(await target.keys.importKeys(exported)).toEqual({ imported: 1, skipped: 0 });
      expect(await target.keys.importKeys(exported)).toEqual({ imported: 0, skipped: 1 });
      expect(await target.reveal([sealed])).toEqual([{ name: '丙', email: 'a@example.com' }]);
    } finally {
      await other.close();
    }
  });

  it('given an envelope altered in the log, when revealed, then refused rather than shown', async () => {
    const sealed = await vault.seal(vault.subjectOf('phone:13800000009'), { name: '戊' });
    await expect(vault.reveal([{ ...sealed, ct: Buffer.from('tampered').toString('base64') }])).rejects.toThrow(PersonalDataUnreadableError);
  });
});
