import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  timingSafeEqual,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import { DomainError, isDivisionCode, ROLES, type Actor, type Role } from '@regledger/shared';

/**
 * Compact JWS (RFC 7515) / JWT (RFC 7519) bearer tokens, HS256 or RS256, on `node:crypto` only.
 * The verifier is configured with exactly one algorithm and never takes it from the token.
 */

export type SigningKey = { alg: 'HS256'; secret: string } | { alg: 'RS256'; privateKeyPem: string };

export type VerificationKey = { alg: 'HS256'; secret: string } | { alg: 'RS256'; publicKeyPem: string };

export interface TokenClaims {
  sub: string;
  roles: Role[];
  /** GB/T 2260 division code the subject acts in. */
  jurisdiction: string;
  /** For enterprise users: their own USCC. */
  uscc?: string;
  iss: string;
  aud: string | string[];
}

export interface SignOptions {
  /** Lifetime from `now`; default 3600. */
  expiresInSeconds?: number;
  /** The `nbf` claim as a NumericDate (seconds since the epoch); omitted when not given. */
  notBefore?: number;
  /** The signing clock; default the current time. */
  now?: Date;
}

export interface VerifyExpectations {
  issuer: string;
  audience: string;
  /** The verification clock; default the current time. */
  now?: Date;
  /** Leeway applied to `exp` and `nbf`; default 0. */
  clockToleranceSeconds?: number;
}

export interface Principal {
  id: string;
  roles: Role[];
  jurisdiction: string;
  uscc?: string;
  expiresAt: Date;
}

export const AUTH_ERROR_CODES = {
  TOKEN_MISSING: 'AUTH.TOKEN_MISSING',
  TOKEN_MALFORMED: 'AUTH.TOKEN_MALFORMED',
  ALGORITHM_NOT_ALLOWED: 'AUTH.ALGORITHM_NOT_ALLOWED',
  SIGNATURE_INVALID: 'AUTH.SIGNATURE_INVALID',
  TOKEN_EXPIRED: 'AUTH.TOKEN_EXPIRED',
  TOKEN_NOT_YET_VALID: 'AUTH.TOKEN_NOT_YET_VALID',
  ISSUER_INVALID: 'AUTH.ISSUER_INVALID',
  AUDIENCE_INVALID: 'AUTH.AUDIENCE_INVALID',
  ROLE_UNKNOWN: 'AUTH.ROLE_UNKNOWN',
  CLAIMS_INVALID: 'AUTH.CLAIMS_INVALID',
} as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[keyof typeof AUTH_ERROR_CODES];

const DEFAULT_EXPIRES_IN_SECONDS = 3600;
/** Bearer tokens are small; anything larger is refused before any decoding. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const MIN_RSA_MODULUS_BITS = 2048;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** GB 32100-2015 shape: 18 characters from the code's alphabet (no I, O, S, V, Z). */
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

function refuse(code: AuthErrorCode, message: string, details: Record<string, unknown> = {}): never {
  throw new DomainError(code, 'unauthenticated', message, details);
}

// ---------------------------------------------------------------------------------------------------
// Signing

export const signToken = (claims: TokenClaims, key: SigningKey, options: SignOptions = {}): string => {
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('signToken: options.now is not a valid date');
  const expiresIn = options.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS;
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new RangeError('signToken: options.expiresInSeconds must be a positive number');
  }
  if (options.notBefore !== undefined && !Number.isFinite(options.notBefore)) {
    throw new RangeError('signToken: options.notBefore must be a NumericDate (seconds since the epoch)');
  }

  const iat = Math.floor(nowMs / 1000);
  const payload: Record<string, unknown> = {
    iss: claims.iss,
    sub: claims.sub,
    aud: claims.aud,
    iat,
    ...(options.notBefore !== undefined ? { nbf: options.notBefore } : {}),
    exp: iat + Math.ceil(expiresIn),
    roles: claims.roles,
    jurisdiction: claims.jurisdiction,
    ...(claims.uscc !== undefined ? { uscc: claims.uscc } : {}),
  };
  const header = { alg: key.alg, typ: 'JWT' };
  const signingInput = `${encodeJson(header)}.${encodeJson(payload)}`;
  return `${signingInput}.${createSignature(signingInput, key).toString('base64url')}`;
};

const encodeJson = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

const createSignature = (signingInput: string, key: SigningKey): Buffer => {
  switch (key.alg) {
    case 'HS256':
      return createHmac('sha256', hmacSecret(key.secret)).update(signingInput, 'ascii').digest();
    case 'RS256':
      return cryptoSign('sha256', Buffer.from(signingInput, 'ascii'), rsaPrivateKey(key.privateKeyPem));
    default:
      throw new Error(`signToken: unsupported algorithm ${String((key as { alg?: unknown }).alg)}`);
  }
};

// ---------------------------------------------------------------------------------------------------
// Verification

export const verifyToken = (token: string, key: VerificationKey, expected: VerifyExpectations): Principal => {
  const verifier = verifierFor(key);
  const now = expected.now ?? new Date();
  const nowSeconds = now.getTime() / 1000;
  if (!Number.isFinite(nowSeconds)) throw new RangeError('verifyToken: expected.now is not a valid date');
  const tolerance = expected.clockToleranceSeconds ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError('verifyToken: expected.clockToleranceSeconds must be a non-negative number');
  }

  if (typeof token !== 'string' || token.trim() === '') refuse(AUTH_ERROR_CODES.TOKEN_MISSING, 'a bearer token is required');
  if (token.length > MAX_TOKEN_LENGTH) refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, 'the token is too long');

  const parts = token.split('.');
  if (parts.length !== 3) refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, 'the token must have three dot-separated parts');
  const [encodedHeader, encodedPayload, encodedSignature] = parts;
  if (encodedHeader === '' || encodedPayload === '') {
    refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, 'the token header and payload must not be empty');
  }

  const header = decodeJsonObject(encodedHeader, 'header');
  if (typeof header.alg !== 'string') refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, 'the token header has no algorithm');
  if (header.alg !== key.alg) {
    refuse(AUTH_ERROR_CODES.ALGORITHM_NOT_ALLOWED, `algorithm ${JSON.stringify(header.alg)} is not allowed`, {
      allowed: key.alg,
    });
  }
  if ('crit' in header) refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, 'critical header extensions are not supported');

  const signature = decodeBase64Url(encodedSignature, 'signature');
  if (!verifier(`${encodedHeader}.${encodedPayload}`, signature)) {
    refuse(AUTH_ERROR_CODES.SIGNATURE_INVALID, 'the token signature is invalid');
  }

  const payload = decodeJsonObject(encodedPayload, 'payload');
  return principalFromPayload(payload, nowSeconds, tolerance, expected);
};

type Verifier = (signingInput: string, signature: Buffer) => boolean;

const verifierFor = (key: VerificationKey): Verifier => {
  switch (key.alg) {
    case 'HS256': {
      const secret = hmacSecret(key.secret);
      return (signingInput, signature) => {
        const computed = createHmac('sha256', secret).update(signingInput, 'ascii').digest();
        // The digest length is public (32 bytes); only equal-length buffers reach the constant-time compare.
        return signature.length === computed.length && timingSafeEqual(signature, computed);
      };
    }
    case 'RS256': {
      const publicKey = rsaPublicKey(key.publicKeyPem);
      return (signingInput, signature) => {
        if (signature.length === 0) return false;
        try {
          return cryptoVerify('sha256', Buffer.from(signingInput, 'ascii'), publicKey, signature);
        } catch {
          return false;
        }
      };
    }
    default:
      throw new Error(`verifyToken: unsupported algorithm ${String((key as { alg?: unknown }).alg)}`);
  }
};

const decodeBase64Url = (part: string, what: string): Buffer => {
  if (!BASE64URL.test(part) || part.length % 4 === 1) {
    refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, `the token ${what} is not base64url`);
  }
  const bytes = Buffer.from(part, 'base64url');
  // Refuse non-canonical encodings (stray bits in the last character), so one token has one spelling.
  if (bytes.toString('base64url') !== part) refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, `the token ${what} is not canonical base64url`);
  return bytes;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

const decodeJsonObject = (part: string, what: 'header' | 'payload'): Record<string, unknown> => {
  const bytes = decodeBase64Url(part, what);
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    return refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, `the token ${what} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    refuse(AUTH_ERROR_CODES.TOKEN_MALFORMED, `the token ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
};

const isNumericDate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const principalFromPayload = (
  payload: Record<string, unknown>,
  nowSeconds: number,
  tolerance: number,
  expected: VerifyExpectations,
): Principal => {
  const { exp, nbf, iss, aud, sub, roles, jurisdiction, uscc } = payload;

  if (!isNumericDate(exp)) return refuse(AUTH_ERROR_CODES.CLAIMS_INVALID, 'the token has no valid exp claim', { claim: 'exp' });
  if (nbf !== undefined && !isNumericDate(nbf)) {
    refuse(AUTH_ERROR_CODES.CLAIMS_INVALID, 'the token nbf claim is not a NumericDate', { claim: 'nbf' });
  }
  if (nowSeconds >= exp + tolerance) {
    refuse(AUTH_ERROR_CODES.TOKEN_EXPIRED, 'the token has expired', { expiredAt: new Date(exp * 1000).toISOString() });
  }
  if (isNumericDate(nbf) && nowSeconds + tolerance < nbf) {
    refuse(AUTH_ERROR_CODES.TOKEN_NOT_YET_VALID, 'the token is not valid yet', { notBefore: new Date(nbf * 1000).toISOString() });
  }

  if (typeof iss !== 'string' || iss !== expected.issuer) refuse(AUTH_ERROR_CODES.ISSUER_INVALID, 'the token issuer is not accepted');
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.some((a) => typeof a === 'string' && a === expected.audience)) {
    refuse(AUTH_ERROR_CODES.AUDIENCE_INVALID, 'the token audience is not accepted');
  }

  if (typeof sub !== 'string' || sub.trim() === '') {
    return refuse(AUTH_ERROR_CODES.CLAIMS_INVALID, 'the token has no subject', { claim: 'sub' });
  }
  if (!Array.isArray(roles)) return refuse(AUTH_ERROR_CODES.CLAIMS_INVALID, 'the token roles claim is not a list', { claim: 'roles' });
  if (roles.length === 0) return refuse(AUTH_ERROR_CODES.ROLE_UNKNOWN, 'the token grants no role');
  const unknown = roles.filter((r) => typeof r !== 'string' || !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) refuse(AUTH_ERROR_CODES.ROLE_UNKNOWN, 'the token grants an unknown role', { roles: unknown.map(String) });
  const principalRoles = [...new Set(roles as Role[])];

  if (typeof jurisdiction !== 'string' || !isDivisionCode(jurisdiction)) {
    return refuse(AUTH_ERROR_CODES.CLAIMS_INVALID, 'the token jurisdiction is not a six-digit division code', { claim: 'jurisdiction' });
  }
  if (uscc !== undefined && (typeof uscc !== 'string' || !USCC_SHAPE.test(uscc))) {
    refuse(AUTH_ERROR_CODES.CLAIMS_INVALID, 'the token uscc claim is not an 18-character USCC', { claim: 'uscc' });
  }
  if (principalRoles.includes('enterprise') && uscc === undefined) {
    refuse(AUTH_ERROR_CODES.CLAIMS_INVALID, 'an enterprise token needs a uscc claim', { claim: 'uscc' });
  }

  return {
    id: sub,
    roles: principalRoles,
    jurisdiction,
    ...(typeof uscc === 'string' ? { uscc } : {}),
    expiresAt: new Date(exp * 1000),
  };
};

// ---------------------------------------------------------------------------------------------------
// Principal → Actor

/** The acting role is `role` when the principal holds it, else its first role. */
export const principalActor = (p: Principal, role?: Role): Actor => {
  const acting = role !== undefined && p.roles.includes(role) ? role : p.roles[0];
  if (acting === undefined) refuse(AUTH_ERROR_CODES.ROLE_UNKNOWN, 'the principal holds no role');
  return {
    id: p.id,
    role: acting,
    jurisdiction: p.jurisdiction,
    ...(p.uscc !== undefined ? { uscc: p.uscc } : {}),
  };
};

// ---------------------------------------------------------------------------------------------------
// Keys

const PEM_MARKER = '-----BEGIN';

/** An HMAC secret must not be a PEM key: that is how an RS256 public key becomes a forgery key. */
const hmacSecret = (secret: string): Buffer => {
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('HS256 secret must be a non-empty string');
  if (secret.includes(PEM_MARKER)) throw new Error('HS256 secret must not be a PEM key; configure RS256 for key pairs');
  return Buffer.from(secret, 'utf8');
};

const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();
const KEY_CACHE_LIMIT = 16;

const cached = (cache: Map<string, KeyObject>, pem: string, make: () => KeyObject): KeyObject => {
  const hit = cache.get(pem);
  if (hit) return hit;
  const made = make();
  if (cache.size >= KEY_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pem, made);
  return made;
};

const assertRsa = (key: KeyObject, what: string): KeyObject => {
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`RS256 ${what} must be an RSA key (got ${String(key.asymmetricKeyType)})`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_MODULUS_BITS) throw new Error(`RS256 ${what} must have at least ${MIN_RSA_MODULUS_BITS} bits (got ${bits})`);
  return key;
};

const rsaPrivateKey = (pem: string): KeyObject =>
  cached(privateKeys, pem, () => {
    if (typeof pem !== 'string' || !pem.includes(PEM_MARKER)) throw new Error('RS256 private key must be PEM text');
    return assertRsa(createPrivateKey({ key: pem, format: 'pem' }), 'private key');
  });

const rsaPublicKey = (pem: string): KeyObject =>
  cached(publicKeys, pem, () => {
    if (typeof pem !== 'string' || !pem.includes(PEM_MARKER)) throw new Error('RS256 public key must be PEM text');
    return assertRsa(createPublicKey({ key: pem, format: 'pem' }), 'public key');
  });
