import { afterAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuthConfig } from './auth-config.js';
import { signToken, verifyToken, type TokenClaims } from './jwt.js';

const root = mkdtempSync(join(tmpdir(), 'regledger-auth-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => join(root, `data-${++dirs}`);

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

const SECRET = 'a-production-grade-secret-0123456789abcdef';
const claims = (issuer: string, audience: string): TokenClaims => ({
  sub: 'user-1',
  roles: ['analyst'],
  jurisdiction: '000000',
  iss: issuer,
  aud: audience,
});

describe('loadAuthConfig', () => {
  it('uses JWT_SECRET for HS256 with the default issuer and audience', () => {
    const config = loadAuthConfig({ JWT_SECRET: SECRET, NODE_ENV: 'production' });
    expect(config).toEqual({
      verificationKey: { alg: 'HS256', secret: SECRET },
      signingKey: { alg: 'HS256', secret: SECRET },
      issuer: 'regledger',
      audience: 'regledger-api',
      development: false,
    });
  });

  it('reads JWT_ISSUER and JWT_AUDIENCE', () => {
    const config = loadAuthConfig({ JWT_SECRET: SECRET, JWT_ISSUER: 'regledger-gd', JWT_AUDIENCE: 'regledger-cli' });
    expect(config.issuer).toBe('regledger-gd');
    expect(config.audience).toBe('regledger-cli');
  });

  it('refuses to start in production without a key', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', DATA_DIR: freshDir() })).toThrow(
      'JWT_SECRET or JWT_PUBLIC_KEY must be set in production',
    );
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: '  ', DATA_DIR: freshDir() })).toThrow(
      'JWT_SECRET or JWT_PUBLIC_KEY must be set in production',
    );
  });

  it('does not create a development secret in production', () => {
    const dir = freshDir();
    expect(() => loadAuthConfig({ NODE_ENV: 'production', DATA_DIR: dir })).toThrow();
    expect(existsSync(join(dir, 'dev-jwt-secret'))).toBe(false);
  });

  it('refuses a short JWT_SECRET in production', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
  });

  it('refuses a PEM key given as JWT_SECRET', () => {
    expect(() => loadAuthConfig({ JWT_SECRET: pair.publicKey })).toThrow(/PEM/);
  });

  it('refuses JWT_SECRET together with an RSA key', () => {
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_PUBLIC_KEY: pair.publicKey })).toThrow(/not both/);
  });

  describe('development secret', () => {
    it('creates 32 random bytes hex under DATA_DIR with mode 0600 and reuses it', () => {
      const dir = freshDir();
      const first = loadAuthConfig({ NODE_ENV: 'development', DATA_DIR: dir });
      const file = join(dir, 'dev-jwt-secret');
      const stored = readFileSync(file, 'utf8').trim();
      expect(stored).toMatch(/^[0-9a-f]{64}$/);
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(first).toEqual({
        verificationKey: { alg: 'HS256', secret: stored },
        signingKey: { alg: 'HS256', secret: stored },
        issuer: 'regledger',
        audience: 'regledger-api',
        development: true,
      });
      const second = loadAuthConfig({ DATA_DIR: dir });
      expect(second.verificationKey).toEqual({ alg: 'HS256', secret: stored });
      expect(second.development).toBe(true);
    });

    it('differs between data directories', () => {
      const a = loadAuthConfig({ NODE_ENV: 'test', DATA_DIR: freshDir() });
      const b = loadAuthConfig({ NODE_ENV: 'test', DATA_DIR: freshDir() });
      expect(a.verificationKey).not.toEqual(b.verificationKey);
    });

    it('signs tokens the same configuration verifies', () => {
      const config = loadAuthConfig({ NODE_ENV: 'test', DATA_DIR: freshDir() });
      const token = signToken(claims(config.issuer, config.audience), config.signingKey!);
      expect(verifyToken(token, config.verificationKey, { issuer: config.issuer, audience: config.audience }).id).toBe('user-1');
    });
  });

  describe('RS256', () => {
    it('takes PEM text for both keys', () => {
      const config = loadAuthConfig({ NODE_ENV: 'production', JWT_PUBLIC_KEY: pair.publicKey, JWT_PRIVATE_KEY: pair.privateKey });
      expect(config.verificationKey).toEqual({ alg: 'RS256', publicKeyPem: pair.publicKey });
      expect(config.signingKey).toEqual({ alg: 'RS256', privateKeyPem: pair.privateKey });
      expect(config.development).toBe(false);
      const token = signToken(claims(config.issuer, config.audience), config.signingKey!);
      expect(verifyToken(token, config.verificationKey, { issuer: config.issuer, audience: config.audience }).id).toBe('user-1');
    });

    it('takes paths to PEM files', () => {
      const dir = mkdtempSync(join(root, 'keys-'));
      writeFileSync(join(dir, 'public.pem'), pair.publicKey);
      writeFileSync(join(dir, 'private.pem'), pair.privateKey);
      const config = loadAuthConfig({
        NODE_ENV: 'production',
        JWT_PUBLIC_KEY: join(dir, 'public.pem'),
        JWT_PRIVATE_KEY: join(dir, 'private.pem'),
      });
      expect(config.verificationKey).toEqual({ alg: 'RS256', publicKeyPem: pair.publicKey });
      expect(config.signingKey).toEqual({ alg: 'RS256', privateKeyPem: pair.privateKey });
    });

    it('accepts PEM text with literal \\n escapes', () => {
      const escaped = pair.publicKey.trim().replace(/\n/g, '\\n');
      const config = loadAuthConfig({ JWT_PUBLIC_KEY: escaped });
      const token = signToken(claims(config.issuer, config.audience), { alg: 'RS256', privateKeyPem: pair.privateKey });
      expect(verifyToken(token, config.verificationKey, { issuer: config.issuer, audience: config.audience }).id).toBe('user-1');
    });

    it('verifies only when only a public key is known', () => {
      const config = loadAuthConfig({ NODE_ENV: 'production', JWT_PUBLIC_KEY: pair.publicKey });
      expect(config.verificationKey).toEqual({ alg: 'RS256', publicKeyPem: pair.publicKey });
      expect(config.signingKey).toBeNull();
    });

    it('derives the public key when only a private key is given', () => {
      const config = loadAuthConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: pair.privateKey });
      expect(config.verificationKey.alg).toBe('RS256');
      const token = signToken(claims(config.issuer, config.audience), config.signingKey!);
      expect(verifyToken(token, config.verificationKey, { issuer: config.issuer, audience: config.audience }).id).toBe('user-1');
    });

    it('refuses a public key that does not match the private key', () => {
      expect(() => loadAuthConfig({ JWT_PUBLIC_KEY: otherPair.publicKey, JWT_PRIVATE_KEY: pair.privateKey })).toThrow(/does not match/);
    });

    it('refuses a missing key file or a file without a PEM key', () => {
      expect(() => loadAuthConfig({ JWT_PUBLIC_KEY: join(root, 'no-such.pem') })).toThrow(/JWT_PUBLIC_KEY/);
      const junk = join(root, 'junk.pem');
      writeFileSync(junk, 'not a key');
      expect(() => loadAuthConfig({ JWT_PUBLIC_KEY: junk })).toThrow(/JWT_PUBLIC_KEY/);
    });

    it('refuses a key that is not RSA', () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
      expect(() => loadAuthConfig({ JWT_PUBLIC_KEY: ec.publicKey })).toThrow(/RSA/);
    });
  });
});
