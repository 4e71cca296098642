import { describe, expect, it } from '@jest/globals';
import {
  PersonalDataUnreadableError,
  generateDataKey,
  isSealedPersonalData,
  openPersonalData,
  replaceSealed,
  sealPersonalData,
  sealedIn,
} from './sealing.js';

const identity = { name: '张三', idNumber: '440305199001011234', phone: '13812345678' };
const key = { subjectId: 'pd-1', keyId: 'k-1', key: generateDataKey() };

describe('sealing personal data (AES-256-GCM)', () => {
  it('given an identity, when sealed, then the envelope holds none of it in clear and opens to the same value with its key', () => {
    const sealed = sealPersonalData(identity, key);
    expect(sealed).toMatchObject({ v: 1, alg: 'aes-256-gcm', subjectId: 'pd-1', keyId: 'k-1' });
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    const text = JSON.stringify(sealed);
    for (const clear of Object.values(identity)) expect(text).not.toContain(clear);
    expect(isSealedPersonalData(sealed)).toBe(true);
    expect(openPersonalData(sealed, key.key)).toEqual(identity);
  });

  it('given the same value sealed twice, then the ciphertexts differ (a fresh IV each time)', () => {
    expect(sealPersonalData(identity, key).ct).not.toBe(sealPersonalData(identity, key).ct);
  });

  it('given another key, an altered ciphertext or an envelope passed off as another person, when opened, then it is refused', () => {
    const sealed = sealPersonalData(identity, key);
    expect(() => openPersonalData(sealed, generateDataKey())).toThrow(PersonalDataUnreadableError);
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] ^= 1;
    expect(() => openPersonalData({ ...sealed, ct: ct.toString('base64') }, key.key)).toThrow(PersonalDataUnreadableError);
    expect(() => openPersonalData({ ...sealed, subjectId: 'pd-2' }, key.key)).toThrow(PersonalDataUnreadableError);
  });

  it('given a key of the wrong size, when sealing, then refused', () => {
    expect(() => sealPersonalData(identity, { ...key, key: Buffer.alloc(16) })).toThrow(RangeError);
  });

  it('given event data with envelopes at any depth, then they are found and replaced, everything else left as it was', () => {
    const sealed = sealPersonalData(identity, key);
    const data = { complaintId: 'c-1', complainant: { realName: true, personalData: sealed }, list: [sealed, 1] };
    expect(sealedIn(data)).toEqual([sealed, sealed]);
    expect(replaceSealed(data, () => ({ erased: true }))).toEqual({ complaintId: 'c-1', complainant: { realName: true, personalData: { erased: true } }, list: [{ erased: true }, 1] });
    expect(isSealedPersonalData({ ...sealed, alg: 'aes-128-cbc' })).toBe(false);
  });
});
