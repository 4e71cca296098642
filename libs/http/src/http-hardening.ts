import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { EngineRequest } from './request-context.js';

/** The HTTP edge's settings, from the environment (README, configuration). */
export interface HttpConfig {
  /** Largest request body accepted, in bytes (REQUEST_BODY_LIMIT_BYTES); larger bodies get 413. */
  bodyLimitBytes: number;
  /** Origins a browser may call the API from (CORS_ORIGINS, comma-separated, or `*`); empty: none. */
  corsOrigins: readonly string[];
  /** Requests per minute per signed-in user (RATE_LIMIT_USER_PER_MINUTE); 0 turns the limit off. */
  rateLimitUserPerMinute: number;
  /** Requests per minute per client address (RATE_LIMIT_ADDRESS_PER_MINUTE); 0 turns the limit off. */
  rateLimitAddressPerMinute: number;
  /**
   * Reverse proxies in front of the API (TRUST_PROXY_HOPS): the client address is then taken that many hops
   * back in X-Forwarded-For. 0: the socket's peer is the client.
   */
  trustProxyHops: number;
}

/** Defaults (design choice): 1 MiB bodies, no cross-origin access, 600 requests a minute per user and 1,200 per address. */
export const DEFAULT_HTTP_CONFIG: HttpConfig = Object.freeze({
  bodyLimitBytes: 1_048_576,
  corsOrigins: Object.freeze([]) as readonly string[],
  rateLimitUserPerMinute: 600,
  rateLimitAddressPerMinute: 1200,
  trustProxyHops: 0,
});

export const HTTP_CONFIG = Symbol('HTTP_CONFIG');

const BODY_LIMIT_BOUNDS = Object.freeze({ min: 1024, max: 100 * 1_048_576 });
const RATE_LIMIT_MAX = 1_000_000;
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

const wholeNumber = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, unit: string): number => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number of ${unit} from ${min} to ${max}, got "${raw}"`);
  return n;
};

/** Reads REQUEST_BODY_LIMIT_BYTES, CORS_ORIGINS, RATE_LIMIT_USER_PER_MINUTE, RATE_LIMIT_ADDRESS_PER_MINUTE and TRUST_PROXY_HOPS; a bad value stops the start. */
export const loadHttpConfig = (env: NodeJS.ProcessEnv = process.env): HttpConfig => {
  const rawOrigins = (env.CORS_ORIGINS ?? '').trim();
  const corsOrigins = rawOrigins === '' ? [] : rawOrigins.split(',').map((o) => o.trim().replace(/\/$/, ''));
  for (const o of corsOrigins) {
    if (o !== '*' && !ORIGIN.test(o)) throw new Error(`CORS_ORIGINS must list origins like https://portal.example.gov.cn (scheme, host, optional port) or *, got "${o}"`);
  }
  if (corsOrigins.includes('*') && corsOrigins.length > 1) throw new Error('CORS_ORIGINS: * allows every origin and cannot be combined with others');
  return Object.freeze({
    bodyLimitBytes: wholeNumber(env, 'REQUEST_BODY_LIMIT_BYTES', DEFAULT_HTTP_CONFIG.bodyLimitBytes, BODY_LIMIT_BOUNDS.min, BODY_LIMIT_BOUNDS.max, 'bytes'),
    corsOrigins: Object.freeze(corsOrigins),
    rateLimitUserPerMinute: wholeNumber(env, 'RATE_LIMIT_USER_PER_MINUTE', DEFAULT_HTTP_CONFIG.rateLimitUserPerMinute, 0, RATE_LIMIT_MAX, 'requests'),
    rateLimitAddressPerMinute: wholeNumber(env, 'RATE_LIMIT_ADDRESS_PER_MINUTE', DEFAULT_HTTP_CONFIG.rateLimitAddressPerMinute, 0, RATE_LIMIT_MAX, 'requests'),
    trustProxyHops: wholeNumber(env, 'TRUST_PROXY_HOPS', DEFAULT_HTTP_CONFIG.trustProxyHops, 0, 10, 'proxies'),
  });
};

/** An error answer in the API's one envelope, for the middlewares that answer before Nest's filter can. */
const refuse = (req: EngineRequest, res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void => {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).json({ error: { status, code, message }, correlationId: req.correlationId });
};

/**
 * Security headers on every answer: no MIME sniffing, no framing, no referrer, a content security policy that
 * lets the API's JSON load nothing (the OpenAPI page at /docs keeps its own scripts and styles), and no caching
 * of answers that may carry personal data.
 */
export const securityHeadersMiddleware =
  () =>
  (req: EngineRequest, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    const docs = req.path === '/docs' || req.path.startsWith('/docs/');
    res.setHeader('Content-Security-Policy', docs ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'" : "default-src 'none'; frame-ancestors 'none'");
    if (!docs) res.setHeader('Cache-Control', 'no-store');
    next();
  };

/** A request with a body must say it is JSON: a form, text or XML body is a clear 400, never read as an empty object. */
export const jsonContentTypeMiddleware =
  () =>
  (req: EngineRequest, res: Response, next: NextFunction): void => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json' || type.endsWith('+json')) return next();
    refuse(req, res, 400, 'REQUEST.UNSUPPORTED_CONTENT_TYPE', `the body must be JSON (Content-Type: application/json), not ${type === '' ? 'untyped' : `"${type}"`}`);
  };

/**
 * Token buckets per key: `perMinute` requests, refilled evenly over the minute. In memory, per process: each
 * API process limits what reaches it.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`: null when allowed, else the seconds until one is available. */
  take(key: string): number | null {
    if (this.perMinute <= 0) return null;
    const t = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * rate);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.prune(t, rate);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }

  /** Forgets buckets that have refilled completely: they behave as new ones. */
  private prune(t: number, rate: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * rate >= this.perMinute) this.buckets.delete(k);
  }
}

const rateLimited = (what: string, retryAfter: number): [number, string, string, Record<string, string>] => [
  429,
  'REQUEST.RATE_LIMITED',
  `too many requests from this ${what}; retry in ${retryAfter} s`,
  { 'Retry-After': String(retryAfter) },
];

/** Requests per client address (the socket's peer, or the X-Forwarded-For hop TRUST_PROXY_HOPS names). */
export const addressRateLimitMiddleware = (config: HttpConfig) => {
  const limiter = new RateLimiter(config.rateLimitAddressPerMinute);
  return (req: EngineRequest, res: Response, next: NextFunction): void => {
    const retry = limiter.take(`addr:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`);
    if (retry === null) return next();
    const [status, code, message, headers] = rateLimited('address', retry);
    refuse(req, res, status, code, message, headers);
  };
};

/** Requests per signed-in user, after the token is verified (runs after the authentication guard). */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(@Inject(HTTP_CONFIG) config: HttpConfig) {
    this.limiter = new RateLimiter(config.rateLimitUserPerMinute);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<EngineRequest>();
    if (!req.actor) return true;
    const retry = this.limiter.take(`user:${req.actor.id}`);
    if (retry === null) return true;
    const res = context.switchToHttp().getResponse<Response>();
    const [status, code, message, headers] = rateLimited('user', retry);
    refuse(req, res, status, code, message, headers);
    return false;
  }
}
