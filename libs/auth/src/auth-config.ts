import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SigningKey, VerificationKey } from './jwt.js';

export interface AuthConfig {
  verificationKey: VerificationKey;
  /** Null when only a public key is known: this process verifies tokens but cannot issue them. */
  signingKey: SigningKey | null;
  issuer: string;
  audience: string;
  /** True when the development secret under DATA_DIR is in use. */
  development: boolean;
}

export const DEFAULT_JWT_ISSUER = 'regledger';
export const DEFAULT_JWT_AUDIENCE = 'regledger-api';
export const DEV_JWT_SECRET_FILE = 'dev-jwt-secret';

const DEFAULT_DATA_DIR = './.data';
const PEM_MARKER = '-----BEGIN';
/** RFC 7518 §3.2: an HS256 key has at least 256 bits. Enforced in production. */
const MIN_PRODUCTION_SECRET_LENGTH = 32;
const MIN_RSA_MODULUS_BITS = 2048;

const setting = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

export const loadAuthConfig = (env: NodeJS.ProcessEnv): AuthConfig => {
  const production = env.NODE_ENV === 'production';
  const issuer = setting(env, 'JWT_ISSUER') ?? DEFAULT_JWT_ISSUER;
  const audience = setting(env, 'JWT_AUDIENCE') ?? DEFAULT_JWT_AUDIENCE;
  const secret = setting(env, 'JWT_SECRET');
  const publicSetting = setting(env, 'JWT_PUBLIC_KEY');
  const privateSetting = setting(env, 'JWT_PRIVATE_KEY');

  if (secret !== undefined && (publicSetting !== undefined || privateSetting !== undefined)) {
    throw new Error('Set either JWT_SECRET (HS256) or JWT_PUBLIC_KEY/JWT_PRIVATE_KEY (RS256), not both');
  }

  if (secret !== undefined) {
    if (secret.includes(PEM_MARKER)) {
      throw new Error('JWT_SECRET must not be a PEM key; put RSA keys in JWT_PUBLIC_KEY/JWT_PRIVATE_KEY');
    }
    if (production && secret.length < MIN_PRODUCTION_SECRET_LENGTH) {
      throw new Error(`JWT_SECRET must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`);
    }
    return {
      verificationKey: { alg: 'HS256', secret },
      signingKey: { alg: 'HS256', secret },
      issuer,
      audience,
      development: false,
    };
  }

  if (publicSetting !== undefined || privateSetting !== undefined) {
    const privatePem = privateSetting !== undefined ? readPem(privateSetting, 'JWT_PRIVATE_KEY') : undefined;
    const privateKey = privatePem !== undefined ? parseKey(() => createPrivateKey(privatePem), 'JWT_PRIVATE_KEY') : undefined;
    let publicPem: string;
    if (publicSetting !== undefined) {
      publicPem = readPem(publicSetting, 'JWT_PUBLIC_KEY');
      const publicKey = parseKey(() => createPublicKey(publicPem), 'JWT_PUBLIC_KEY');
      if (privateKey !== undefined && !spki(createPublicKey(privateKey)).equals(spki(publicKey))) {
        throw new Error('JWT_PUBLIC_KEY does not match JWT_PRIVATE_KEY');
      }
    } else {
      publicPem = createPublicKey(privateKey as KeyObject).export({ type: 'spki', format: 'pem' }).toString();
    }
    return {
      verificationKey: { alg: 'RS256', publicKeyPem: publicPem },
      signingKey: privatePem !== undefined ? { alg: 'RS256', privateKeyPem: privatePem } : null,
      issuer,
      audience,
      development: false,
    };
  }

  if (production) throw new Error('JWT_SECRET or JWT_PUBLIC_KEY must be set in production');

  const devSecret = developmentSecret(resolve(setting(env, 'DATA_DIR') ?? DEFAULT_DATA_DIR));
  return {
    verificationKey: { alg: 'HS256', secret: devSecret },
    signingKey: { alg: 'HS256', secret: devSecret },
    issuer,
    audience,
    development: true,
  };
};

/** PEM text (literal `\n` escapes allowed, as env files often carry them) or a path to a PEM file. */
const readPem = (value: string, name: string): string => {
  if (value.includes(PEM_MARKER)) return `${(value.includes('\n') ? value : value.replace(/\\n/g, '\n')).trim()}\n`;
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (error) {
    throw new Error(`${name} is neither PEM text nor a readable PEM file (${(error as NodeJS.ErrnoException).code ?? 'read failed'}: ${value})`);
  }
  if (!text.includes(PEM_MARKER)) throw new Error(`${name} file does not contain a PEM key: ${value}`);
  return text;
};

const parseKey = (parse: () => KeyObject, name: string): KeyObject => {
  let key: KeyObject;
  try {
    key = parse();
  } catch (error) {
    throw new Error(`${name} is not a valid PEM key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`${name} must be an RSA key for RS256 (got ${String(key.asymmetricKeyType)})`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_MODULUS_BITS) throw new Error(`${name} must have at least ${MIN_RSA_MODULUS_BITS} bits (got ${bits})`);
  return key;
};

const spki = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });

/** The development HS256 secret: 32 random bytes, hex, created once under DATA_DIR with mode 0600. */
const developmentSecret = (dataDir: string): string => {
  const file = join(dataDir, DEV_JWT_SECRET_FILE);
  const existing = readSecretFile(file);
  if (existing !== undefined) return existing;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  try {
    createExclusively(file, `${secret}\n`);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process created it first: use its secret.
    const winner = readSecretFile(file);
    if (winner === undefined) throw error;
    return winner;
  }
};

/**
 * Write a private temporary file, then hard-link it into place, so the secret file appears complete or
 * not at all. Where hard links are not supported, fall back to an exclusive create. Throws EEXIST when
 * the file already exists.
 */
const createExclusively = (file: string, content: string): void => {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    writeFileSync(file, content, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  } finally {
    rmSync(temporary, { force: true });
  }
};

const readSecretFile = (file: string): string | undefined => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret === '') throw new Error(`The development JWT secret file is empty: ${file}; delete it to create a new one`);
  return secret;
};
