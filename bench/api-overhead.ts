/**
 * API overhead: requests/s of an authenticated GET /api/auth/me through Argus's whole middleware
 * stack (headers, CORS, rate limit, JWT auth, setup guard, audit, RBAC) against a bare Fastify
 * route in the same process, same load loop, in 4 alternating rounds (Argus, bare, Argus, …) summed per
 * side. Target: ratio ≥ 0.5.
 * Imports apps/server/src/test-support by relative path (the documented exception for benchmarks).
 */
import Fastify from 'fastify';
import { startBenchServer } from './lib/argus-server.js';
import { runLoad } from './lib/load.js';
import { report } from './lib/report.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 20_000);
const CONCURRENCY = 32;
const ROUNDS = 4;

const argus = await startBenchServer();
const bare = Fastify({ logger: false });
bare.get('/me', async () => ({ id: '1', email: 'admin@example.com', name: 'Admin', roles: ['admin'] }));
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
try {
  const auth = { authorization: `Bearer ${argus.adminToken}` };
  // warm-up both
  await runLoad(argus.url, '/api/auth/me', { count: 500, concurrency: CONCURRENCY, headers: auth });
  await runLoad(bareUrl, '/me', { count: 500, concurrency: CONCURRENCY });
  // Alternating rounds, so that load from other work on the shared machine falls on both sides alike.
  const a = { requests: 0, seconds: 0, perSecond: 0 };
  const b = { requests: 0, seconds: 0, perSecond: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [total, url, path, headers] of [
      [a, argus.url, '/api/auth/me', auth],
      [b, bareUrl, '/me', {}],
    ] as const) {
      const r = await runLoad(url, path, {
        count: COUNT / ROUNDS,
        concurrency: CONCURRENCY,
        headers,
        maxMs: 15_000 / ROUNDS,
      });
      total.requests += r.requests;
      total.seconds += r.seconds;
    }
  }
  a.perSecond = a.requests / a.seconds;
  b.perSecond = b.requests / b.seconds;
  const ratio = a.perSecond / b.perSecond;
  report({
    name: 'api-overhead',
    figure: `${a.perSecond.toFixed(0)} req/s (GET /api/auth/me, authenticated)`,
    baseline: `${b.perSecond.toFixed(0)} req/s (bare Fastify)`,
    ratio,
    target: '≥ 0.50',
    met: ratio >= 0.5,
  });
} finally {
  await bare.close();
  await argus.stop();
}
