import { AppError } from '@argus/contracts';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface RateLimitDeps {
  general: { perSecond: number; burst: number };
  auth: { perSecond: number; burst: number };
}

/**
 * A token bucket per key: `max` tokens (the burst), refilled at max/timeWindow per millisecond (the rate).
 * It speaks @fastify/rate-limit's store protocol: `current` above `max` means refused, `ttl` is the time
 * until the next token (refused) or until the bucket is full (allowed).
 */
class TokenBucketStore {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly capacity = 100_000) {}

  incr(
    key: string,
    cb: (err: Error | null, res?: { current: number; ttl: number }) => void,
    timeWindow: number,
    max: number,
  ): void {
    const now = Date.now();
    const perMs = max / Math.max(1, timeWindow);
    const b = this.buckets.get(key) ?? { tokens: max, at: now };
    this.buckets.delete(key);
    b.tokens = Math.min(max, b.tokens + (now - b.at) * perMs);
    b.at = now;
    let res: { current: number; ttl: number };
    if (b.tokens >= 1) {
      b.tokens -= 1;
      res = { current: Math.max(1, max - Math.floor(b.tokens)), ttl: Math.ceil((max - b.tokens) / perMs) };
    } else {
      res = { current: max + 1, ttl: Math.max(1, Math.ceil((1 - b.tokens) / perMs)) };
    }
    this.buckets.set(key, b);
    if (this.buckets.size > this.capacity) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    cb(null, res);
  }

  child(): TokenBucketStore {
    return new TokenBucketStore(this.capacity);
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'auth' puts a route in the stricter bucket for credential endpoints. */
    rateLimitGroup?: 'auth';
  }
}

/** Credential endpoints: login, refresh, setup, OIDC (the public routes under /api/auth and /api/setup/init). */
export function isAuthRoute(request: FastifyRequest): boolean {
  const config = request.routeOptions.config;
  if (config?.rateLimitGroup === 'auth') return true;
  const url = request.routeOptions.url ?? '';
  return config?.permission === 'public' && (url.startsWith('/api/auth/') || url === '/api/setup/init');
}

/**
 * Stage 3: per client IP (request.ip, which honours X-Forwarded-For only from TRUSTED_PROXIES), a token
 * bucket of RATE_LIMIT_BURST refilled at RATE_LIMIT_PER_SECOND, and for credential endpoints a separate,
 * stricter one. Refused requests get 429 RATE_LIMITED with Retry-After.
 */
export const rateLimit = fp(
  async (app: FastifyInstance, deps: RateLimitDeps) => {
    await app.register(fastifyRateLimit, {
      global: false,
      store: TokenBucketStore as never,
      addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
      addHeaders: {
        'x-ratelimit-limit': true,
        'x-ratelimit-remaining': true,
        'x-ratelimit-reset': false,
        'retry-after': true,
      },
      errorResponseBuilder: (_request, ctx) => {
        const seconds = String(Math.max(1, Math.ceil(ctx.ttl / 1000)));
        return new AppError('RATE_LIMITED', `Too many requests; retry in ${seconds} s`, {
          headers: { 'Retry-After': seconds },
        });
      },
    });
    const window = (l: { perSecond: number; burst: number }) => ({
      max: l.burst,
      timeWindow: Math.max(1, Math.round((l.burst / l.perSecond) * 1000)),
    });
    const general = app.rateLimit(window(deps.general));
    const auth = app.rateLimit(window(deps.auth));
    app.addHook('onRequest', function limit(request, reply) {
      return (isAuthRoute(request) ? auth : general).call(this, request, reply);
    });
  },
  { name: 'argus-rate-limit' },
);
