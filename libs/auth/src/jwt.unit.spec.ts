import { describe, expect, it } from '@jest/globals';
import { createHmac, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { DomainError } from '@regledger/shared';
import { principalActor, signToken, verifyToken, type Principal, type TokenClaims, type VerificationKey } from './jwt.js';

const NOW = new Date('2025-03-01T08:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;
const ISSUER = 'regledger';
const AUDIENCE = 'regledger-api';
const expected = { issuer: ISSUER, audience: AUDIENCE, now: NOW };

const SECRET = 'a-development-secret-of-sufficient-length-0123456789';
const hs = { alg: 'HS256', secret: SECRET } as const;

const pair = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const otherPair = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const rsSign = { alg: 'RS256', privateKeyPem: pair.privateKey } as const;
const rsVerify = { alg: 'RS256', publicKeyPem: pair.publicKey } as const;

const claims: TokenClaims = {
  sub: 'user-1',
  roles: ['supervisor', 'analyst'],
  jurisdiction: '440100',
  iss: ISSUER,
  aud: AUDIENCE,
};
const enterpriseClaims: TokenClaims = {
  sub: 'ent-user-1',
  roles: ['enterprise'],
  jurisdiction: '440300',
  uscc: '914403001922038216',
  iss: ISSUER,
  aud: AUDIENCE,
};

// --- Hand-made tokens, for shapes signToken does not produce -----------------------------------------

const b64 = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');

type Signer = (input: string) => string;
const hmacWith =
  (secret: string): Signer =>
  (input) =>
    createHmac('sha256', secret).update(input).digest('base64url');
const rsaWith =
  (privateKeyPem: string): Signer =>
  (input) =>
    cryptoSign('sha256', Buffer.from(input), privateKeyPem).toString('base64url');

/** header and payload are JSON-encoded unless given as already-encoded strings via `raw`. */
const craft = (header: unknown, payload: unknown, signer: Signer = hmacWith(SECRET)): string => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${signer(input)}`;
};
const craftRaw = (encodedHeader: string, encodedPayload: string, signer: Signer = hmacWith(SECRET)): string => {
  const input = `${encodedHeader}.${encodedPayload}`;
  return `${input}.${signer(input)}`;
};

const basePayload = (): Record<string, unknown> => ({
  iss: ISSUER,
  sub: 'user-1',
  aud: AUDIENCE,
  iat: NOW_S - 10,
  exp: NOW_S + 600,
  roles: ['inspector'],
  jurisdiction: '440106',
});
const hsHeader = { alg: 'HS256', typ: 'JWT' };
const payloadWith = (changes: Record<string, unknown>, remove: string[] = []): Record<string, unknown> => {
  const p = { ...basePayload(), ...changes };
  for (const k of remove) delete p[k];
  return p;
};

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal, but the token was accepted');
};
const expectRefused = (run: () => unknown, code: string): void => {
  const error = refusal(run);
  expect(error.code).toBe(code);
  expect(error.kind).toBe('unauthenticated');
};

const segments = (token: string): [string, string, string] => token.split('.') as [string, string, string];
const decode = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('signToken / verifyToken round trip', () => {
  it('signs and verifies HS256', () => {
    const token = signToken(claims, hs, { now: NOW, expiresInSeconds: 900 });
    const [h, p] = segments(token);
    expect(decode(h)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decode(p)).toEqual({ ...claims, iat: NOW_S, exp: NOW_S + 900 });
    expect(verifyToken(token, hs, expected)).toEqual({
      id: 'user-1',
      roles: ['supervisor', 'analyst'],
      jurisdiction: '440100',
      expiresAt: new Date(NOW.getTime() + 900_000),
    });
  });

  it('signs and verifies RS256', () => {
    const token = signToken(enterpriseClaims, rsSign, { now: NOW });
    expect(decode(segments(token)[0])).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(verifyToken(token, rsVerify, expected)).toEqual({
      id: 'ent-user-1',
      roles: ['enterprise'],
      jurisdiction: '440300',
      uscc: '914403001922038216',
      expiresAt: new Date(NOW.getTime() + 3600_000),
    });
  });

  it('uses base64url without padding in every segment', () => {
    for (const token of [signToken(claims, hs, { now: NOW }), signToken(enterpriseClaims, rsSign, { now: NOW })]) {
      for (const part of segments(token)) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('accepts an audience list that contains the expected audience', () => {
    const token = signToken({ ...claims, aud: ['other-api', AUDIENCE] }, hs, { now: NOW });
    expect(verifyToken(token, hs, expected).id).toBe('user-1');
  });

  it('writes nbf when asked and accepts the token from then on', () => {
    const token = signToken(claims, hs, { now: NOW, notBefore: NOW_S + 60 });
    expect(decode(segments(token)[1]).nbf).toBe(NOW_S + 60);
    expect(verifyToken(token, hs, { ...expected, now: new Date(NOW.getTime() + 60_000) }).id).toBe('user-1');
  });

  it('refuses to sign with a non-positive lifetime', () => {
    expect(() => signToken(claims, hs, { expiresInSeconds: 0 })).toThrow(RangeError);
  });

  it('refuses to sign with a PEM key as an HS256 secret', () => {
    expect(() => signToken(claims, { alg: 'HS256', secret: pair.publicKey })).toThrow(/PEM/);
  });

  it('refuses RSA keys shorter than 2048 bits', () => {
    const weak = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(() => signToken(claims, { alg: 'RS256', privateKeyPem: weak.privateKey })).toThrow(/2048/);
    const token = craft({ alg: 'RS256' }, basePayload(), rsaWith(weak.privateKey));
    expect(() => verifyToken(token, { alg: 'RS256', publicKeyPem: weak.publicKey }, expected)).toThrow(/2048/);
  });
});

describe('verifyToken refusals', () => {
  it('AUTH.TOKEN_MISSING for an absent or blank token', () => {
    expectRefused(() => verifyToken('', hs, expected), 'AUTH.TOKEN_MISSING');
    expectRefused(() => verifyToken('   ', hs, expected), 'AUTH.TOKEN_MISSING');
    expectRefused(() => verifyToken(undefined as unknown as string, hs, expected), 'AUTH.TOKEN_MISSING');
  });

  it('AUTH.TOKEN_MALFORMED for the wrong number of segments or bad base64url', () => {
    const good = signToken(claims, hs, { now: NOW });
    const [h, p, s] = segments(good);
    for (const token of ['abc', `${h}.${p}`, `${good}.x`, `.${p}.${s}`, `${h}..${s}`, `${h}+.${p}.${s}`, `${h}=.${p}.${s}`, `${h}.${p}.${s}/`]) {
      expectRefused(() => verifyToken(token, hs, expected), 'AUTH.TOKEN_MALFORMED');
    }
    expectRefused(() => verifyToken(`${h}.${p}.${'A'.repeat(20_000)}`, hs, expected), 'AUTH.TOKEN_MALFORMED');
  });

  it('AUTH.TOKEN_MALFORMED when the header is not a JSON object', () => {
    for (const header of ['not json', '[]', 'null', '"HS256"', '42']) {
      expectRefused(() => verifyToken(craftRaw(b64(header), b64(basePayload())), hs, expected), 'AUTH.TOKEN_MALFORMED');
    }
    expectRefused(() => verifyToken(craft({ typ: 'JWT' }, basePayload()), hs, expected), 'AUTH.TOKEN_MALFORMED');
    expectRefused(() => verifyToken(craft({ alg: 'HS256', crit: ['exp'], exp: 1 }, basePayload()), hs, expected), 'AUTH.TOKEN_MALFORMED');
  });

  it('AUTH.TOKEN_MALFORMED when the correctly signed payload is not a JSON object', () => {
    for (const payload of ['not json', '[]', '["sub"]', 'null', '"user-1"', '7']) {
      expectRefused(() => verifyToken(craftRaw(b64(hsHeader), b64(payload)), hs, expected), 'AUTH.TOKEN_MALFORMED');
    }
    const invalidUtf8 = Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url');
    expectRefused(() => verifyToken(craftRaw(b64(hsHeader), invalidUtf8), hs, expected), 'AUTH.TOKEN_MALFORMED');
  });

  it('AUTH.ALGORITHM_NOT_ALLOWED for alg none with an empty signature', () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${b64({ alg, typ: 'JWT' })}.${b64(basePayload())}.`;
      expectRefused(() => verifyToken(token, hs, expected), 'AUTH.ALGORITHM_NOT_ALLOWED');
      expectRefused(() => verifyToken(token, rsVerify, expected), 'AUTH.ALGORITHM_NOT_ALLOWED');
    }
  });

  it('AUTH.ALGORITHM_NOT_ALLOWED for any algorithm other than the configured one', () => {
    const rsToken = signToken(claims, rsSign, { now: NOW });
    expectRefused(() => verifyToken(rsToken, hs, expected), 'AUTH.ALGORITHM_NOT_ALLOWED');
    const hsToken = signToken(claims, hs, { now: NOW });
    expectRefused(() => verifyToken(hsToken, rsVerify, expected), 'AUTH.ALGORITHM_NOT_ALLOWED');
    for (const alg of ['HS384', 'HS512', 'RS512', 'PS256', 'ES256', 'hs256']) {
      expectRefused(() => verifyToken(craft({ alg }, basePayload()), hs, expected), 'AUTH.ALGORITHM_NOT_ALLOWED');
    }
  });

  it('refuses an HS256 token signed with the RS256 public key PEM as its secret', () => {
    const forged = craft(hsHeader, basePayload(), hmacWith(pair.publicKey));
    expectRefused(() => verifyToken(forged, rsVerify, expected), 'AUTH.ALGORITHM_NOT_ALLOWED');
    // Nor can a verifier be configured to take the public key PEM as an HS256 secret.
    expect(() => verifyToken(forged, { alg: 'HS256', secret: pair.publicKey }, expected)).toThrow(/PEM/);
  });

  it('AUTH.SIGNATURE_INVALID for a tampered payload (HS256 and RS256)', () => {
    for (const [signing, verifying] of [
      [hs, hs],
      [rsSign, rsVerify],
    ] as const) {
      const [h, , s] = segments(signToken(claims, signing, { now: NOW }));
      const elevated = b64({ ...claims, roles: ['admin'], iat: NOW_S, exp: NOW_S + 3600 });
      expectRefused(() => verifyToken(`${h}.${elevated}.${s}`, verifying as VerificationKey, expected), 'AUTH.SIGNATURE_INVALID');
    }
  });

  it('AUTH.SIGNATURE_INVALID for a tampered signature (HS256 and RS256)', () => {
    for (const [signing, verifying] of [
      [hs, hs],
      [rsSign, rsVerify],
    ] as const) {
      const [h, p, s] = segments(signToken(claims, signing, { now: NOW }));
      const bytes = Buffer.from(s, 'base64url');
      bytes[0] ^= 0x01;
      const tampered = `${h}.${p}.${bytes.toString('base64url')}`;
      expectRefused(() => verifyToken(tampered, verifying as VerificationKey, expected), 'AUTH.SIGNATURE_INVALID');
      const truncated = `${h}.${p}.${bytes.subarray(0, bytes.length - 3).toString('base64url')}`;
      expectRefused(() => verifyToken(truncated, verifying as VerificationKey, expected), 'AUTH.SIGNATURE_INVALID');
      expectRefused(() => verifyToken(`${h}.${p}.`, verifying as VerificationKey, expected), 'AUTH.SIGNATURE_INVALID');
    }
  });

  it('AUTH.SIGNATURE_INVALID for a token signed with another key', () => {
    const otherSecret = signToken(claims, { alg: 'HS256', secret: `${SECRET}-other` }, { now: NOW });
    expectRefused(() => verifyToken(otherSecret, hs, expected), 'AUTH.SIGNATURE_INVALID');
    const otherRsa = signToken(claims, { alg: 'RS256', privateKeyPem: otherPair.privateKey }, { now: NOW });
    expectRefused(() => verifyToken(otherRsa, rsVerify, expected), 'AUTH.SIGNATURE_INVALID');
  });

  it('AUTH.TOKEN_EXPIRED at and after exp, with a fixed clock', () => {
    const token = signToken(claims, hs, { now: NOW, expiresInSeconds: 300 });
    expect(verifyToken(token, hs, { ...expected, now: new Date(NOW.getTime() + 299_000) }).id).toBe('user-1');
    expectRefused(() => verifyToken(token, hs, { ...expected, now: new Date(NOW.getTime() + 300_000) }), 'AUTH.TOKEN_EXPIRED');
    expectRefused(() => verifyToken(token, hs, { ...expected, now: new Date(NOW.getTime() + 86_400_000) }), 'AUTH.TOKEN_EXPIRED');
  });

  it('applies the clock tolerance to exp', () => {
    const token = signToken(claims, hs, { now: NOW, expiresInSeconds: 300 });
    const later = new Date(NOW.getTime() + 330_000);
    expect(verifyToken(token, hs, { ...expected, now: later, clockToleranceSeconds: 60 }).id).toBe('user-1');
    expectRefused(() => verifyToken(token, hs, { ...expected, now: later, clockToleranceSeconds: 10 }), 'AUTH.TOKEN_EXPIRED');
  });

  it('AUTH.TOKEN_NOT_YET_VALID before nbf, with a fixed clock and tolerance', () => {
    const token = signToken(claims, hs, { now: NOW, notBefore: NOW_S + 120 });
    expectRefused(() => verifyToken(token, hs, expected), 'AUTH.TOKEN_NOT_YET_VALID');
    expectRefused(() => verifyToken(token, hs, { ...expected, clockToleranceSeconds: 60 }), 'AUTH.TOKEN_NOT_YET_VALID');
    expect(verifyToken(token, hs, { ...expected, clockToleranceSeconds: 120 }).id).toBe('user-1');
    expect(verifyToken(token, hs, { ...expected, now: new Date(NOW.getTime() + 120_000) }).id).toBe('user-1');
  });

  it('AUTH.ISSUER_INVALID for another or a missing issuer', () => {
    expectRefused(() => verifyToken(signToken({ ...claims, iss: 'someone-else' }, hs, { now: NOW }), hs, expected), 'AUTH.ISSUER_INVALID');
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({}, ['iss'])), hs, expected), 'AUTH.ISSUER_INVALID');
  });

  it('AUTH.AUDIENCE_INVALID for another audience, a list without it, or none', () => {
    expectRefused(() => verifyToken(signToken({ ...claims, aud: 'other-api' }, hs, { now: NOW }), hs, expected), 'AUTH.AUDIENCE_INVALID');
    expectRefused(() => verifyToken(signToken({ ...claims, aud: ['a', 'b'] }, hs, { now: NOW }), hs, expected), 'AUTH.AUDIENCE_INVALID');
    expectRefused(() => verifyToken(signToken({ ...claims, aud: [] }, hs, { now: NOW }), hs, expected), 'AUTH.AUDIENCE_INVALID');
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({}, ['aud'])), hs, expected), 'AUTH.AUDIENCE_INVALID');
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({ aud: { aud: AUDIENCE } })), hs, expected), 'AUTH.AUDIENCE_INVALID');
  });

  it('AUTH.ROLE_UNKNOWN for roles outside ROLES or an empty list', () => {
    const withRoles = (roles: unknown[]) => signToken({ ...claims, roles: roles as TokenClaims['roles'] }, hs, { now: NOW });
    expectRefused(() => verifyToken(withRoles(['root']), hs, expected), 'AUTH.ROLE_UNKNOWN');
    expectRefused(() => verifyToken(withRoles(['supervisor', 'superuser']), hs, expected), 'AUTH.ROLE_UNKNOWN');
    expectRefused(() => verifyToken(withRoles(['system']), hs, expected), 'AUTH.ROLE_UNKNOWN');
    expectRefused(() => verifyToken(withRoles([42]), hs, expected), 'AUTH.ROLE_UNKNOWN');
    expectRefused(() => verifyToken(withRoles([]), hs, expected), 'AUTH.ROLE_UNKNOWN');
  });

  it('AUTH.CLAIMS_INVALID for a missing or blank sub', () => {
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({}, ['sub'])), hs, expected), 'AUTH.CLAIMS_INVALID');
    expectRefused(() => verifyToken(signToken({ ...claims, sub: '' }, hs, { now: NOW }), hs, expected), 'AUTH.CLAIMS_INVALID');
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({ sub: 7 })), hs, expected), 'AUTH.CLAIMS_INVALID');
  });

  it('AUTH.CLAIMS_INVALID for a jurisdiction that is not a six-digit code', () => {
    for (const jurisdiction of ['44', '4401000', '44010a', '']) {
      expectRefused(() => verifyToken(signToken({ ...claims, jurisdiction }, hs, { now: NOW }), hs, expected), 'AUTH.CLAIMS_INVALID');
    }
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({}, ['jurisdiction'])), hs, expected), 'AUTH.CLAIMS_INVALID');
  });

  it('AUTH.CLAIMS_INVALID for an enterprise role without a valid-looking uscc', () => {
    const { uscc: _omitted, ...withoutUscc } = enterpriseClaims;
    expectRefused(() => verifyToken(signToken(withoutUscc, hs, { now: NOW }), hs, expected), 'AUTH.CLAIMS_INVALID');
    for (const uscc of ['91440300192203821', '9144030019220382166', '91350100M000100Y4I', '91350100m000100y43', '']) {
      expectRefused(() => verifyToken(signToken({ ...enterpriseClaims, uscc }, hs, { now: NOW }), hs, expected), 'AUTH.CLAIMS_INVALID');
    }
    expect(verifyToken(signToken({ ...enterpriseClaims, uscc: '91350100M000100Y43' }, hs, { now: NOW }), hs, expected).uscc).toBe(
      '91350100M000100Y43',
    );
  });

  it('AUTH.CLAIMS_INVALID when exp is missing or not a number', () => {
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({}, ['exp'])), hs, expected), 'AUTH.CLAIMS_INVALID');
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({ exp: String(NOW_S + 600) })), hs, expected), 'AUTH.CLAIMS_INVALID');
    expectRefused(() => verifyToken(craft(hsHeader, payloadWith({ nbf: 'soon' })), hs, expected), 'AUTH.CLAIMS_INVALID');
  });

  it('accepts a hand-made token of the same shape, proving the crafted-token helper is sound', () => {
    expect(verifyToken(craft(hsHeader, basePayload()), hs, expected)).toEqual({
      id: 'user-1',
      roles: ['inspector'],
      jurisdiction: '440106',
      expiresAt: new Date((NOW_S + 600) * 1000),
    });
  });
});

describe('principalActor', () => {
  const principal: Principal = {
    id: 'user-9',
    roles: ['complaint_handler', 'inspector'],
    jurisdiction: '440100',
    expiresAt: new Date(NOW.getTime() + 60_000),
  };

  it('acts in the requested role when the principal holds it', () => {
    expect(principalActor(principal, 'inspector')).toEqual({ id: 'user-9', role: 'inspector', jurisdiction: '440100' });
  });

  it('falls back to the first role otherwise', () => {
    expect(principalActor(principal)).toEqual({ id: 'user-9', role: 'complaint_handler', jurisdiction: '440100' });
    expect(principalActor(principal, 'admin').role).toBe('complaint_handler');
  });

  it('carries the uscc of an enterprise principal', () => {
    const p = verifyToken(signToken(enterpriseClaims, hs, { now: NOW }), hs, expected);
    expect(principalActor(p)).toEqual({ id: 'ent-user-1', role: 'enterprise', jurisdiction: '440300', uscc: '914403001922038216' });
  });
});
