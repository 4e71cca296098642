import { describe, expect, it } from '@jest/globals';
import { deriveSubjectId, identityKeyOf, normalisePhone, personalDataDigest, recordIdentityKey } from './subject.js';
import { loadPersonalDataConfig } from './personal-data-config.js';

describe('subjects: one pseudonym per person', () => {
  it('given an identity number, a phone or an e-mail, then the first given decides, normalised', () => {
    expect(identityKeyOf({ idNumber: ' 44030519900101123x ', phone: '13812345678' })).toBe('id:44030519900101123X');
    expect(identityKeyOf({ phone: '+86 138-1234-5678', email: 'a@b.cn' })).toBe('phone:13812345678');
    expect(identityKeyOf({ idNumber: '  ', email: ' Zhang.San@Example.COM ' })).toBe('email:zhang.san@example.com');
    expect(identityKeyOf({})).toBeNull();
    expect(normalisePhone('0086 13812345678')).toBe('13812345678');
    expect(normalisePhone('020-8888 6666')).toBe('02088886666');
  });

  it('given the same person written two ways, then one subject; another person or another secret, another subject', () => {
    const a = deriveSubjectId('secret-1', identityKeyOf({ phone: '138 1234 5678' })!);
    expect(a).toMatch(/^pd-[0-9a-f]{32}$/);
    expect(deriveSubjectId('secret-1', identityKeyOf({ phone: '+8613812345678' })!)).toBe(a);
    expect(deriveSubjectId('secret-1', identityKeyOf({ phone: '13812345679' })!)).not.toBe(a);
    expect(deriveSubjectId('secret-2', identityKeyOf({ phone: '13812345678' })!)).not.toBe(a);
    expect(deriveSubjectId('secret-1', recordIdentityKey('c-1'))).not.toBe(deriveSubjectId('secret-1', recordIdentityKey('c-2')));
  });

  it('given personal data, then its digest is keyed: equal for equal data, different under another secret, never the data', () => {
    const d = personalDataDigest('s', { name: '张三' });
    expect(d).toBe(personalDataDigest('s', { name: '张三' }));
    expect(d).not.toBe(personalDataDigest('t', { name: '张三' }));
    expect(d).not.toContain('张三');
  });

  it('given production, then the subject secret is required and long; elsewhere a development default stands in', () => {
    expect(() => loadPersonalDataConfig({ NODE_ENV: 'production' })).toThrow('PERSONAL_DATA_SUBJECT_SECRET must be set in production');
    expect(() => loadPersonalDataConfig({ NODE_ENV: 'production', PERSONAL_DATA_SUBJECT_SECRET: 'short' })).toThrow('at least 32 characters');
    expect(loadPersonalDataConfig({ NODE_ENV: 'production', PERSONAL_DATA_SUBJECT_SECRET: 'x'.repeat(32) })).toEqual({ subjectSecret: 'x'.repeat(32), development: false });
    expect(loadPersonalDataConfig({}).development).toBe(true);
  });
});
