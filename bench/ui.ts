/**
 * UI: in real Chromium (Debian's /usr/bin/chromium through playwright-core, as the e2e tests), the pod list
 * page of a cluster with 10,000 pods (/clusters/{id}/pods, the built web UI served by the real server):
 * time from navigation to the first row, to the complete table (the "10,000 items" count), and the latency
 * of a filter keystroke (keydown to the frame with fewer rows). Baseline, same browser and run: a plain
 * static page that fetches the same list JSON (the bytes Argus served), JSON.parse and renders one plain
 * <table> of 10,000 rows with innerHTML, and filters it by hiding rows. Ratio: complete table, Argus /
 * plain. No target is set by issue 11 (informational). Needs `next build` (done here when missing).
 * BENCH_SAMPLES: navigations per page (median reported), default 3.
 */
import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { addCluster, setupAdmin, signIn } from '../e2e/support/argus-api.js';
import { startArgus } from '../e2e/support/argus-process.js';
import { chromiumAvailable, launch } from '../e2e/support/browser.js';
import { filterLatencyProbe } from '../e2e/support/filter-latency.js';
import { buildWeb } from '../e2e/support/web-build.js';
import { percentile } from './lib/load.js';
import { report } from './lib/report.js';
import { startScaleSim } from './lib/sim.js';

const PODS = 10_000;
const RUNS = Number(process.env.BENCH_SAMPLES ?? 3);
const median = (v: number[]) => percentile(v, 50);

if (!chromiumAvailable) {
  console.log('ui: SKIPPED (no Chromium at /usr/bin/chromium; set CHROMIUM_PATH)');
  process.exit(0);
}

async function keystroke(page: Page, input: string, rows: string): Promise<number> {
  await page.evaluate('window.__filterLatency = undefined');
  await page.evaluate(filterLatencyProbe(input, rows));
  await page.locator(input).press('9');
  // Polled: waitForFunction with a string needs eval, which Argus's CSP forbids.
  for (let i = 0; i < 400; i++) {
    const v = (await page.evaluate('window.__filterLatency')) as number | undefined;
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the filter keystroke did not narrow the rows within 20 s');
}

const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>plain</title>
<input aria-label="Filter"><table><thead><tr><th>Name</th><th>Namespace</th><th>Status</th><th>Node</th><th>Created</th></tr></thead><tbody></tbody></table>
<script>
(async () => {
  const list = await (await fetch('/pods.json')).json();
  let html = '';
  for (const p of list.items)
    html += '<tr><td>' + p.metadata.name + '</td><td>' + p.metadata.namespace + '</td><td>' + (p.status?.phase ?? '') +
      '</td><td>' + (p.spec?.nodeName ?? '') + '</td><td>' + p.metadata.creationTimestamp + '</td></tr>';
  const tbody = document.querySelector('tbody');
  tbody.innerHTML = html;
  tbody.dataset.visible = String(list.items.length);
  document.querySelector('input').addEventListener('input', (e) => {
    const q = e.target.value;
    let visible = 0;
    for (const row of tbody.rows) {
      row.hidden = !row.cells[0].textContent.includes(q);
      if (!row.hidden) visible++;
    }
    tbody.dataset.visible = String(visible);
  });
})();
</script>`;

await buildWeb();
const sim = await startScaleSim(PODS);
const argus = await startArgus();
const plain = createServer();
const browser = await launch();
try {
  const admin = await setupAdmin(argus.url);
  const clusterId = await addCluster(admin, 'scale', sim.kubeconfig({ name: 'scale' }));
  const listPath = `/api/clusters/${clusterId}/resources/core/v1/pods`;
  // Wait for the watch cache (until then lists come from the API server).
  let json: Buffer | undefined;
  for (let i = 0; i < 120 && !json; i++) {
    const res = await fetch(argus.url + listPath, { headers: { authorization: `Bearer ${admin.token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.ok && (JSON.parse(body.toString()) as { source: string }).source === 'cache') json = body;
    else await new Promise((r) => setTimeout(r, 500));
  }
  if (!json) throw new Error('the pods cache did not sync');
  plain.on('request', (req, res) => {
    if (req.url === '/pods.json') res.writeHead(200, { 'content-type': 'application/json' }).end(json);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PLAIN_PAGE);
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  const plainUrl = `http://127.0.0.1:${(plain.address() as { port: number }).port}/`;

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await signIn(page, argus.url, 'admin@example.com', 'correct-horse-battery');

  const argusRuns = {
    first: [] as number[],
    full: [] as number[],
    key: [] as number[],
    requestStart: [] as number[],
    requestEnd: [] as number[],
  };
  const plainRuns = { full: [] as number[], key: [] as number[] };
  // One unmeasured navigation each first (bundles into the browser cache), then RUNS measured ones.
  for (let run = 0; run <= RUNS; run++) {
    const table = page.getByRole('table', { name: 'Pod list' });
    const t0 = Date.now();
    await page.goto(`${argus.url}/clusters/${clusterId}/pods`);
    await table.locator('[role="row"][aria-rowindex="2"]').waitFor({ timeout: 60_000 });
    const first = Date.now() - t0;
    await page.getByText(`${PODS.toLocaleString('en-US')} items`).waitFor({ timeout: 60_000 });
    const full = Date.now() - t0;
    // The list requests (the first page, then the rest): when the first started (after the app's
    // bootstrap) and when the last ended.
    const [requestStart, requestEnd] = (await page.evaluate(
      `(() => { const e = performance.getEntriesByType('resource').filter((e) => e.name.includes('/resources/core/v1/pods'));
        return e.length ? [e[0].startTime, Math.max(...e.map((x) => x.responseEnd))] : [NaN, NaN]; })()`,
    )) as [number, number];
    const key = await keystroke(
      page,
      'input[aria-label="Filter"]',
      `Number(document.querySelector('[role="table"]').getAttribute('aria-rowcount'))`,
    );

    const p0 = Date.now();
    await page.goto(plainUrl);
    await page.locator(`tbody tr:nth-child(${PODS})`).waitFor({ state: 'attached', timeout: 60_000 });
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r()))');
    const plainFull = Date.now() - p0;
    const plainKey = await keystroke(
      page,
      'input[aria-label="Filter"]',
      `Number(document.querySelector('tbody').dataset.visible)`,
    );
    if (run === 0) continue;
    argusRuns.first.push(first);
    argusRuns.full.push(full);
    argusRuns.key.push(key);
    argusRuns.requestStart.push(requestStart);
    argusRuns.requestEnd.push(requestEnd);
    plainRuns.full.push(plainFull);
    plainRuns.key.push(plainKey);
  }
  const full = median(argusRuns.full);
  const plainFull = median(plainRuns.full);
  report({
    name: 'ui',
    figure: `first row ${median(argusRuns.first).toFixed(0)} ms, complete table ${full.toFixed(0)} ms, filter keystroke ${median(argusRuns.key).toFixed(0)} ms`,
    baseline: `plain HTML table (fetch + JSON.parse + innerHTML) ${plainFull.toFixed(0)} ms, keystroke ${median(plainRuns.key).toFixed(0)} ms`,
    ratio: full / plainFull,
    target: 'none set',
    met: undefined,
    extra: `${PODS} pods, ${(json.length / 1024 / 1024).toFixed(1)} MB of JSON (the page's list requests run from ${median(argusRuns.requestStart).toFixed(0)} to ${median(argusRuns.requestEnd).toFixed(0)} ms), median of ${RUNS} navigations, headless Chromium 1440×900`,
  });
} finally {
  await browser.close();
  plain.close();
  await argus.stop();
  await sim.close();
}
