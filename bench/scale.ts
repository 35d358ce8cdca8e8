/**
 * Scale: the size Argus is for — ten clusters of 10,000 pods each (with their Deployments, ReplicaSets,
 * Services and Events, and pod churn) registered on one server running on PostgreSQL, as a separate process.
 * It reports, once every cache is warm:
 * - server RSS and heap (the server's own /metrics), target RSS < 1.5 GB;
 * - a cross-cluster page of 500 pods with a label selector (`/api/resources/core/v1/pods`) p50/p99, against
 *   the real `kubectl proxy`'s p50 for the same page of ONE cluster, alternating rounds; target ratio ≤ 1;
 * - global search (`/api/search`) p50, target < 50 ms;
 * - a new WebSocket subscriber's initial list of one cluster's pods (auth → `synced`), informational;
 * - in Chromium, the cross-cluster pods page's first row and its first page complete, against a plain HTML
 *   table of the same pods (all clusters' lists fetched and rendered with innerHTML, as a page without paging
 *   would); target first row ≤ 0.5× the plain table's.
 * Each ratio is the median of BENCH_ROUNDS (default 3) alternating rounds, printed with its spread.
 * BENCH_SCALE_CLUSTERS / BENCH_SCALE_PODS / BENCH_SCALE_CHURN shrink it for a quick try.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { addCluster, setupAdmin, signIn } from '../e2e/support/argus-api.js';
import { startArgus } from '../e2e/support/argus-process.js';
import { chromiumAvailable, launch } from '../e2e/support/browser.js';
import { buildWeb } from '../e2e/support/web-build.js';
import { startKubectlProxy } from './lib/kubectl-proxy.js';
import { percentile, runLoad } from './lib/load.js';
import { createBenchPostgres } from './lib/postgres.js';
import { report } from './lib/report.js';
import { type SimProcess, spawnScaleSim } from './lib/sim-process.js';
import { spread } from './lib/stats.js';

const CLUSTERS = Number(process.env.BENCH_SCALE_CLUSTERS ?? 10);
const PODS = Number(process.env.BENCH_SCALE_PODS ?? 10_000);
const CHURN = Number(process.env.BENCH_SCALE_CHURN ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const RSS_LIMIT = 1.5 * 1024 ** 3;
const median = (v: number[]) => percentile(v, 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = await mkdtemp(join(tmpdir(), 'argus-bench-scale-'));
const pg = await createBenchPostgres();
if (chromiumAvailable) await buildWeb();
const sims: SimProcess[] = await Promise.all(
  Array.from({ length: CLUSTERS }, (_, i) => spawnScaleSim(dir, `c${i}`, PODS, CHURN, { related: true, seed: i + 1 })),
);
const argus = await startArgus({
  ...(pg ? { DATABASE_URL: pg.url, REPLICA_PORT: '0' } : {}),
  RATE_LIMIT_PER_SECOND: '1000000',
  RATE_LIMIT_BURST: '1000000',
});
const kubeconfig0 = join(dir, 'c0.kubeconfig');
await writeFile(kubeconfig0, sims[0]?.kubeconfig ?? '');
const proxy = await startKubectlProxy(kubeconfig0);
const cleanup: Array<() => unknown> = [];
try {
  const admin = await setupAdmin(argus.url);
  const auth = { authorization: `Bearer ${admin.token}` };
  const ids: string[] = [];
  for (const [i, sim] of sims.entries()) ids.push(await addCluster(admin, `scale-${i}`, sim.kubeconfig));

  // Warm every cache the pages use: lists answer from the cache once it has synced.
  const warm = Date.now();
  const kinds = ['core/v1/pods', 'apps/v1/deployments', 'apps/v1/replicasets', 'core/v1/services', 'core/v1/events'];
  for (const id of ids)
    for (const kind of kinds)
      for (let i = 0; ; i++) {
        const res = await fetch(`${argus.url}/api/clusters/${id}/resources/${kind}?limit=1`, { headers: auth });
        const body = (await res.json()) as { source?: string };
        if (res.ok && body.source === 'cache') break;
        if (i > 600) throw new Error(`the ${kind} cache of ${id} did not sync`);
        await sleep(250);
      }
  const warmSeconds = (Date.now() - warm) / 1000;

  // A selector matching ≥ 500 pods in one cluster (the same apps exist in every cluster).
  const token0 = (sims[0]?.kubeconfig.match(/token: (\S+)/) ?? [])[1];
  const sample = (await (
    await fetch(`${sims[0]?.url}/api/v1/pods`, { headers: { authorization: `Bearer ${token0}` } })
  ).json()) as { items: Array<{ metadata: { labels?: Record<string, string> } }> };
  const counts = new Map<string, number>();
  for (const p of sample.items) {
    const app = p.metadata.labels?.app;
    if (app) counts.set(app, (counts.get(app) ?? 0) + 1);
  }
  const chosen: string[] = [];
  let matches = 0;
  for (const [app, n] of [...counts].sort((a, b) => b[1] - a[1])) {
    if (matches >= 500) break;
    chosen.push(app);
    matches += n;
  }
  const selector = encodeURIComponent(`app in (${chosen.join(',')})`);
  const fleetPath = `/api/resources/core/v1/pods?labelSelector=${selector}&limit=500`;
  const onePath = `/api/v1/pods?labelSelector=${selector}&limit=500`;
  const searchPath = `/api/search?q=${encodeURIComponent(chosen[0] ?? 'app')}`;
  const opts = { count: SAMPLES, concurrency: 1, maxMs: 120_000 };
  await runLoad(argus.url, fleetPath, { ...opts, count: 10, headers: auth });
  await runLoad(proxy.url, onePath, { ...opts, count: 10 });
  await runLoad(argus.url, searchPath, { ...opts, count: 10, headers: auth });

  const rounds = {
    fleet50: [] as number[],
    fleet99: [] as number[],
    proxy50: [] as number[],
    search50: [] as number[],
  };
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const fleet = (await runLoad(argus.url, fleetPath, { ...opts, headers: auth })).latenciesMs;
    const one = (await runLoad(proxy.url, onePath, opts)).latenciesMs;
    const search = (await runLoad(argus.url, searchPath, { ...opts, headers: auth })).latenciesMs;
    rounds.fleet50.push(percentile(fleet, 50));
    rounds.fleet99.push(percentile(fleet, 99));
    rounds.proxy50.push(percentile(one, 50));
    rounds.search50.push(percentile(search, 50));
    ratios.push(percentile(fleet, 50) / percentile(one, 50));
  }

  // A new WebSocket subscriber: auth, subscribe to one cluster's pods, until `synced`.
  const initial: number[] = [];
  for (let r = 0; r < Math.max(3, ROUNDS); r++) initial.push(await initialList(argus.url, admin.token, ids[0] ?? ''));

  const metrics = await (await fetch(`${argus.url}/metrics`)).text();
  const gauge = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
  const rss = gauge('argus_process_resident_memory_bytes');
  const heap = gauge('argus_nodejs_heap_size_used_bytes');
  const gb = (n: number) => `${(n / 1024 ** 3).toFixed(2)} GB`;
  const scope = `${CLUSTERS} clusters × ${PODS.toLocaleString('en-US')} pods (+ Deployments, ReplicaSets, Services, Events; churn ${CHURN}/s each), PostgreSQL ${pg ? 'server' : 'unavailable: embedded PGlite'}, caches warm in ${warmSeconds.toFixed(0)} s`;
  report({
    name: 'scale-memory',
    figure: `server RSS ${gb(rss)}, heap used ${gb(heap)}`,
    baseline: 'limit 1.5 GB',
    ratio: rss / RSS_LIMIT,
    target: 'RSS < 1.5 GB',
    met: rss < RSS_LIMIT,
    extra: scope,
  });
  report({
    name: 'scale-list',
    figure: `cross-cluster page p50 ${median(rounds.fleet50).toFixed(1)} ms, p99 ${median(rounds.fleet99).toFixed(1)} ms`,
    baseline: `kubectl proxy, one cluster's page, p50 ${median(rounds.proxy50).toFixed(1)} ms`,
    ratio: median(ratios),
    target: '≤ 1.00 of kubectl proxy (p50)',
    met: median(ratios) <= 1,
    extra: `limit=500, ${chosen.length} apps in the selector (${matches} pods per cluster), ${SAMPLES} sequential samples, ${spread(ratios)}`,
  });
  report({
    name: 'scale-search',
    figure: `search p50 ${median(rounds.search50).toFixed(1)} ms`,
    baseline: 'limit 50 ms',
    ratio: median(rounds.search50) / 50,
    target: 'p50 < 50 ms',
    met: median(rounds.search50) < 50,
    extra: `q=${chosen[0]}, across ${CLUSTERS} clusters, ${spread(rounds.search50, 'ms')}`,
  });
  report({
    name: 'scale-ws',
    figure: `new subscriber's initial list ${median(initial).toFixed(0)} ms`,
    baseline: `${PODS.toLocaleString('en-US')} pods of one cluster`,
    ratio: 1,
    target: 'none set',
    met: undefined,
    extra: `auth → subscribe → synced, ${spread(initial, 'ms')}`,
  });
  let ui: { first: number[]; full: number[]; plainFirst: number[]; ratios: number[] } | undefined;
  let uiFailed = false;
  // The server-side lines are printed first: a failure in the browser part must not lose them.
  if (chromiumAvailable) {
    ui = { first: [], full: [], plainFirst: [], ratios: [] };
    // The plain page's data: every cluster's pods, as a page without paging would fetch them.
    const lists: Buffer[] = [];
    for (const sim of sims) {
      const token = (sim.kubeconfig.match(/token: (\S+)/) ?? [])[1];
      lists.push(
        Buffer.from(
          await (
            await fetch(`${sim.url}/api/v1/pods`, { headers: { authorization: `Bearer ${token}` } })
          ).arrayBuffer(),
        ),
      );
    }
    const plain = createServer((req, res) => {
      const m = /^\/pods-(\d+)\.json$/.exec(req.url ?? '');
      if (m) res.writeHead(200, { 'content-type': 'application/json' }).end(lists[Number(m[1])]);
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(plainPage(lists.length));
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    cleanup.push(() => plain.close());
    const plainUrl = `http://127.0.0.1:${(plain.address() as { port: number }).port}/`;
    const browser = await launch();
    cleanup.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, argus.url, 'admin@example.com', 'correct-horse-battery');
    const total = (CLUSTERS * PODS).toLocaleString('en-US');
    try {
      for (let r = 0; r <= ROUNDS; r++) {
        const t0 = Date.now();
        await page.goto(`${argus.url}/resources/pods`);
        await page
          .getByRole('table', { name: 'Pod across clusters' })
          .locator('[role="row"][aria-rowindex="2"]')
          .waitFor({ timeout: 120_000 });
        const first = Date.now() - t0;
        await page.getByText(`500 of ${total} items`).waitFor({ timeout: 120_000 });
        const full = Date.now() - t0;
        const p0 = Date.now();
        await page.goto(plainUrl);
        await page.locator('tbody tr').first().waitFor({ state: 'attached', timeout: 120_000 });
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => r()))');
        const plainFirst = Date.now() - p0;
        if (r === 0) continue; // the first navigation fills the browser's caches
        ui.first.push(first);
        ui.full.push(full);
        ui.plainFirst.push(plainFirst);
        ui.ratios.push(first / plainFirst);
      }
    } catch (err) {
      console.log(`scale-ui: FAILED (${(err as Error).message.split('\n')[0]})`);
      ui = undefined;
      uiFailed = true;
    }
  }

  if (ui)
    report({
      name: 'scale-ui',
      figure: `cross-cluster pods page: first row ${median(ui.first).toFixed(0)} ms, first page complete ${median(ui.full).toFixed(0)} ms`,
      baseline: `plain HTML table of every cluster's pods, first row ${median(ui.plainFirst).toFixed(0)} ms`,
      ratio: median(ui.ratios),
      target: 'first row ≤ 0.50 of the plain table',
      met: median(ui.ratios) <= 0.5,
      extra: `headless Chromium 1440×900, ${spread(ui.ratios)}`,
    });
  else if (!uiFailed) console.log('scale-ui: SKIPPED (no Chromium at /usr/bin/chromium; set CHROMIUM_PATH)');
} finally {
  for (const c of cleanup.reverse()) await c();
  proxy.child.kill();
  await argus.stop();
  for (const sim of sims) sim.stop();
  await pg?.drop();
  await rm(dir, { recursive: true, force: true });
}

/** Milliseconds from opening /ws to the `synced` of a subscription to one cluster's pods. */
function initialList(base: string, token: string, cluster: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws`);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no synced within 120 s'));
    }, 120_000);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'auth', token }));
    });
    ws.on('unexpected-response', (_q, res) => reject(new Error(`/ws answered ${res.statusCode}`)));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string };
      if (m.type === 'authenticated')
        ws.send(
          JSON.stringify({
            type: 'subscribe',
            id: 's1',
            cluster,
            group: 'core',
            version: 'v1',
            resource: 'pods',
            sendInitial: true,
          }),
        );
      else if (m.type === 'synced') {
        clearTimeout(timer);
        ws.close();
        resolve(performance.now() - t0);
      } else if (m.type === 'error') {
        clearTimeout(timer);
        ws.close();
        reject(new Error(JSON.stringify(m)));
      }
    });
    ws.on('error', reject);
  });
}

/** A page that fetches every cluster's pod list and renders one plain table (no paging, no virtualisation). */
function plainPage(lists: number): string {
  return `<!doctype html><meta charset="utf-8"><title>plain</title>
<table><thead><tr><th>Name</th><th>Namespace</th><th>Status</th><th>Node</th><th>Created</th></tr></thead><tbody></tbody></table>
<script>
(async () => {
  const lists = await Promise.all(Array.from({ length: ${lists} }, (_, i) => fetch('/pods-' + i + '.json').then((r) => r.json())));
  let html = '';
  for (const list of lists)
    for (const p of list.items)
      html += '<tr><td>' + p.metadata.name + '</td><td>' + p.metadata.namespace + '</td><td>' + (p.status?.phase ?? '') +
        '</td><td>' + (p.spec?.nodeName ?? '') + '</td><td>' + p.metadata.creationTimestamp + '</td></tr>';
  document.querySelector('tbody').innerHTML = html;
})();
</script>`;
}
