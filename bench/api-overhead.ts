/**
 * API overhead: requests/s of an authenticated GET /api/auth/me through Argus's whole middleware
 * stack (headers, CORS, rate limit, path guard, JWT auth, setup guard, audit, RBAC, schemas, metrics) against a
 * bare Fastify route in the same process, same load loop. BENCH_ROUNDS (default 5) alternating rounds (Argus,
 * bare, Argus, …) of BENCH_COUNT requests each (default 20,000, 32 in flight; rounds of 4,000 lasted a third of a
 * second and read 0.44–0.78 around the same median); the ratio is the median of the rounds' ratios (each Argus
 * round against the bare round right after it), printed with their spread.
 * Target (issue 24): ratio ≥ 0.6.
 * Imports apps/server/src/test-support by relative path (the documented exception for benchmarks).
 */
import Fastify from 'fastify';
import { startBenchServer } from './lib/argus-server.js';
import { runLoad } from './lib/load.js';
import { report } from './lib/report.js';
import { median, spread } from './lib/stats.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 20_000);
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5));
const CONCURRENCY = 32;
const TARGET = 0.6;

const argus = await startBenchServer();
const bare = Fastify({ logger: false });
bare.get('/me', async () => ({ id: '1', email: 'admin@example.com', name: 'Admin', roles: ['admin'] }));
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
try {
  const auth = { authorization: `Bearer ${argus.adminToken}` };
  // warm-up both
  await runLoad(argus.url, '/api/auth/me', { count: 1_000, concurrency: CONCURRENCY, headers: auth });
  await runLoad(bareUrl, '/me', { count: 1_000, concurrency: CONCURRENCY });
  // Alternating rounds, so that load from other work on the shared machine falls on both sides alike.
  const argusRps: number[] = [];
  const bareRps: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const opts = { count: COUNT, concurrency: CONCURRENCY, maxMs: 10_000 };
    const a = await runLoad(argus.url, '/api/auth/me', { ...opts, headers: auth });
    const b = await runLoad(bareUrl, '/me', opts);
    argusRps.push(a.perSecond);
    bareRps.push(b.perSecond);
    ratios.push(a.perSecond / b.perSecond);
  }
  const ratio = median(ratios);
  report({
    name: 'api-overhead',
    figure: `${median(argusRps).toFixed(0)} req/s (GET /api/auth/me, authenticated; median of ${ROUNDS} rounds)`,
    baseline: `${median(bareRps).toFixed(0)} req/s (bare Fastify)`,
    ratio,
    target: `≥ ${TARGET.toFixed(2)}`,
    met: ratio >= TARGET,
    extra: `median of ${ROUNDS} alternating rounds; ${spread(ratios)}`,
  });
} finally {
  await bare.close();
  await argus.stop();
}
