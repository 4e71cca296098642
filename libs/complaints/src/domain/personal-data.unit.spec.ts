import { describe, expect, it } from '@jest/globals';
import type { Actor, CommandMetadata } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import { complainantFor, complainantOfRecord } from './complainant-masking.rules.js';
import { complainantIdentityRead } from './complainant-read.events.js';
import type { ComplaintCommand, ReceiveComplaintData } from './complaint.commands.js';
import { complaintDecider } from './complaint.decider.js';
import { personalDataErasureDecider, type PersonalDataErasureCommand } from './personal-data-erasure.decider.js';
import type { PersonalDataErased } from './personal-data-erasure.events.js';

const handler: Actor = { id: 'h-1', role: 'complaint_handler', jurisdiction: '440300' };
const admin: Actor = { id: 'admin-1', role: 'admin', jurisdiction: '000000' };
const meta = (who: Actor): CommandMetadata => ({ now: '2026-09-30T02:00:00Z', actor: who, correlationId: 'corr-pd' });
const SEALED = { v: 1, alg: 'aes-256-gcm', subjectId: 'pd-1', keyId: 'k-1', iv: 'aXY=', tag: 'dGFn', ct: 'Y3Q=' };

const intake = (over: Partial<ReceiveComplaintData> = {}): ComplaintCommand => ({
  type: 'ReceiveComplaint',
  data: {
    complaintId: 'c-pd',
    kind: 'report',
    channel: 'web',
    uscc: '914403001922038216',
    facts: '虚假声明',
    complainant: { name: '张三', idNumber: '440305199001011234', phone: '13812345678', realName: true },
    receivedOn: '2026-09-30',
    jurisdiction: '440305',
    ...over,
  },
  metadata: meta(handler),
});

describe('the complainant in the log (sealed identity)', () => {
  it('given an intake the handler did not seal, when decided, then it is refused and nothing is recorded', () => {
    const refused = DeciderSpec.for(complaintDecider).given([]).when(intake()).thenThrows('COMPLAINT.IDENTITY_NOT_SEALED');
    expect(refused.details).toEqual({ errors: [expect.objectContaining({ field: 'complainant', rule: 'sealed' })] });
  });

  it('given a sealed intake, when decided, then ComplaintReceived v2 holds the sealed identity and realName only: no name, number or phone', () => {
    DeciderSpec.for(complaintDecider)
      .given([])
      .when(intake({ sealedIdentity: SEALED }))
      .then((events) => {
        expect(events[0].metadata).toEqual({ schemaVersion: 2 });
        expect((events[0].data as { complainant: unknown }).complainant).toEqual({ realName: true, personalData: SEALED });
        const text = JSON.stringify(events);
        for (const clear of ['张三', '440305199001011234', '13812345678']) expect(text).not.toContain(clear);
      });
  });

  it('given recorded complainants, when read, then v1 as recorded, v2 opened, erased and unavailable withheld for every reader; only an opened unmasked one is a recorded read', () => {
    const v1 = { name: '李四', phone: '13812345678', realName: false };
    expect(complainantOfRecord(v1)).toEqual(v1);
    expect(complainantOfRecord({ realName: true, personalData: { name: '王五', email: 'w@example.com' } })).toEqual({ name: '王五', email: 'w@example.com', realName: true });
    expect(complainantOfRecord({ realName: true, personalData: { erased: true, subjectId: 'pd-1', keyId: 'k-1' } })).toEqual({ realName: true, withheld: 'erased' });
    expect(complainantOfRecord({ realName: true, personalData: { unavailable: true, subjectId: 'pd-1', keyId: 'k-1' } })).toEqual({ realName: true, withheld: 'unavailable' });
    expect(complainantOfRecord({ realName: true, personalData: SEALED })).toEqual({ realName: true, withheld: 'unavailable' });

    const erased = complainantFor({ realName: true, withheld: 'erased' }, true);
    expect(erased).toEqual({ name: '[erased]', realName: true, masked: false, erased: true });
    expect(complainantFor({ realName: false, withheld: 'erased' }, false)).toEqual({ name: '[erased]', realName: false, masked: true, erased: true });
    expect(complainantFor({ realName: true, withheld: 'unavailable' }, true)).toEqual({ name: '[unavailable]', realName: true, masked: false, unavailable: true });

    const reader = { id: 'h-1', role: 'complaint_handler' as const, jurisdiction: '440300' };
    expect(complainantIdentityRead({ complaintId: 'c', complainant: erased }, reader, 'GET /complaints/:id', '2026-10-01T00:00:00Z')).toBeNull();
    expect(complainantIdentityRead({ complaintId: 'c', complainant: complainantFor(v1, true) }, reader, 'GET /complaints/:id', '2026-10-01T00:00:00Z')).not.toBeNull();
  });
});

describe('recording an erasure (PIPL art. 47)', () => {
  const spec = DeciderSpec.for(personalDataErasureDecider);
  const erase = (keyIds: string[], who: Actor = admin, reason = 'PIPL request 2026-0042'): PersonalDataErasureCommand => ({
    type: 'RecordPersonalDataErasure',
    data: { subjectId: 'pd-1', keyIds, erasedAt: '2026-09-30T02:00:00.000Z', reason },
    metadata: meta(who),
  });
  const erased = (keyIds: string[]): PersonalDataErased => ({
    type: 'PersonalDataErased',
    data: { subjectId: 'pd-1', keyIds, erasedAt: '2026-09-30T02:00:00.000Z', reason: 'PIPL request 2026-0042' },
  });

  it('given no erasure yet, when an admin records one, then PersonalDataErased names the subject and keys only', () => {
    spec.given([]).when(erase(['k-2', 'k-1', 'k-1'])).then([erased(['k-1', 'k-2'])]);
  });

  it('given keys recorded already, when recorded again, then nothing more; a new key of the same person is recorded alone', () => {
    spec.given([erased(['k-1'])]).when(erase(['k-1'])).then([]);
    spec.given([erased(['k-1'])]).when(erase(['k-1', 'k-2'])).then([erased(['k-2'])]);
  });

  it('given a handler or a blank reason, when recorded, then refused', () => {
    spec.given([]).when(erase(['k-1'], handler)).thenThrows('PERSONAL_DATA.FORBIDDEN');
    spec.given([]).when(erase(['k-1'], admin, '  ')).thenThrows('PERSONAL_DATA.VALIDATION_FAILED');
  });
});
