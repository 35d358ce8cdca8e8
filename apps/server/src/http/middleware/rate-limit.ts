import { AppError } from '@argus/contracts';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface RateLimitDeps {
  general: { perSecond: number; burst: number };
  auth: { perSecond: number; burst: number };
}

/**
 * A token bucket per key: `max` tokens (the burst), refilled at max/timeWindow per millisecond (the rate).
 * A bucket is updated in place (no Map re-insertion per request). Past `capacity` keys, the buckets that have
 * refilled completely are dropped first (a full bucket and a missing one answer alike), then the oldest
 * created, down to 90 % of the capacity.
 */
class TokenBucketStore {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly max: number,
    private readonly timeWindow: number,
    private readonly capacity = 100_000,
  ) {}

  /** Takes a token: -1 when allowed, else the ms until the next token. */
  take(key: string): number {
    const now = Date.now();
    const perMs = this.max / this.timeWindow;
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { tokens: this.max, at: now };
      this.buckets.set(key, b);
      if (this.buckets.size > this.capacity) this.evict(now, perMs);
    } else {
      b.tokens = Math.min(this.max, b.tokens + (now - b.at) * perMs);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return -1;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perMs));
  }

  private evict(now: number, perMs: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * perMs >= this.max) this.buckets.delete(key);
    const target = Math.floor(this.capacity * 0.9);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(key);
    }
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
  // routeOptions is a getter that builds a new object: read it once.
  const { config, url = '' } = request.routeOptions;
  if (config?.rateLimitGroup === 'auth') return true;
  return config?.permission === 'public' && (url.startsWith('/api/auth/') || url === '/api/setup/init');
}

/** The bucket key of a client: its IP, an IPv6 address reduced to its /64 as @fastify/rate-limit did. */
const keyOf = (ip: string): string => (ip.includes(':') ? normalizeIP(ip, 64) : ip);

/**
 * Stage 3: per client IP (request.ip, which honours X-Forwarded-For only from TRUSTED_PROXIES), a token
 * bucket of RATE_LIMIT_BURST refilled at RATE_LIMIT_PER_SECOND, and for credential endpoints a separate,
 * stricter one. Refused requests get 429 RATE_LIMITED with Retry-After (and X-RateLimit-Limit,
 * X-RateLimit-Remaining: 0); allowed ones get no header. The buckets are asked directly from a callback hook:
 * @fastify/rate-limit's handler (which answered the same) cost two promises and an options lookup per request.
 */
export const rateLimit = fp(
  async (app: FastifyInstance, deps: RateLimitDeps) => {
    const window = (l: { perSecond: number; burst: number }) => {
      const timeWindow = Math.max(1, Math.round((l.burst / l.perSecond) * 1000));
      return { store: new TokenBucketStore(l.burst, timeWindow), max: l.burst };
    };
    const general = window(deps.general);
    const auth = window(deps.auth);
    app.addHook('onRequest', function limit(request, reply, done) {
      const bucket = isAuthRoute(request) ? auth : general;
      const wait = bucket.store.take(keyOf(request.ip ?? ''));
      if (wait < 0) return done();
      const seconds = String(Math.max(1, Math.ceil(wait / 1000)));
      reply.header('x-ratelimit-limit', bucket.max);
      reply.header('x-ratelimit-remaining', 0);
      reply.header('retry-after', seconds);
      done(
        new AppError('RATE_LIMITED', `Too many requests; retry in ${seconds} s`, {
          headers: { 'Retry-After': seconds },
        }),
      );
    });
  },
  { name: 'argus-rate-limit' },
);
