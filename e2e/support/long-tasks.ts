import type { Page } from 'playwright-core';

/**
 * An init script (page.addInitScript, so it runs before the app and is not subject to its CSP): every
 * main-thread task over 50 ms (PerformanceObserver "longtask") is kept in `window.__longTasks` as
 * [startTime, duration] in ms.
 */
export const longTaskProbe = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export interface LargeListResult {
  /** ms from navigation to the "N items" count */
  complete: number;
  /** the longest main-thread task while scrolling and filtering, ms (0 when none over 50 ms) */
  longest: number;
  /** how many tasks over 50 ms */
  tasks: number;
  /** rows after the first and the second keystroke */
  narrowed: number[];
  /** ms from each keystroke until the table showed fewer rows (polled from outside the page) */
  keys: number[];
  /** ms from clearing the box until every row was back */
  cleared: number;
}

/**
 * Opens a pod list of `rows` pods (the page must have `longTaskProbe` installed), waits for the complete
 * table and for the load's own work to settle, then scrolls to the end in four steps, types "9" twice and
 * clears the box; returns the long tasks of that part (the load itself is not counted).
 */
export async function scrollAndFilterLarge(page: Page, url: string, rows: number): Promise<LargeListResult> {
  const t0 = Date.now();
  await page.goto(url);
  const table = page.getByRole('table', { name: 'Pod list' });
  await page.getByText(`${rows.toLocaleString('en-US')} items`).waitFor({ timeout: 300_000 });
  const complete = Date.now() - t0;
  const rowCount = async () => Number(await table.getAttribute('aria-rowcount')) - 1;
  await poll('the table to hold every row', async () => ((await rowCount()) === rows ? true : undefined), 60_000);
  // Settle: the load (parsing, the usage figures that follow the list) is done when no long task has
  // started for 2 s (at most 60 s).
  const settleUntil = Date.now() + 60_000;
  for (let quiet = 0; quiet < 2000 && Date.now() < settleUntil; ) {
    const before = (await page.evaluate('window.__longTasks.length')) as number;
    await sleep(250);
    quiet = ((await page.evaluate('window.__longTasks.length')) as number) === before ? quiet + 250 : 0;
  }
  await page.evaluate('window.__longTasks = []');

  // (a script string: the e2e and benchmarks have no DOM types)
  for (const f of [0.25, 0.5, 0.75, 1]) {
    await page.evaluate(
      `(() => { const el = document.querySelector('[data-testid="table-scroll"]'); el.scrollTo({ top: el.scrollHeight * ${f} }); })()`,
    );
    await sleep(100);
  }
  await table.locator(`[role="row"][aria-rowindex="${rows + 1}"]`).waitFor({ timeout: 30_000 });

  const filter = page.getByLabel('Filter');
  const narrowed: number[] = [];
  const keys: number[] = [];
  let last = rows;
  for (let i = 0; i < 2; i++) {
    const k0 = Date.now();
    await filter.press('9');
    const n = await poll(
      'the filter to narrow the rows',
      async () => {
        const c = await rowCount();
        return c < last ? c : undefined;
      },
      60_000,
    );
    keys.push(Date.now() - k0);
    narrowed.push(n);
    last = n;
  }
  const c0 = Date.now();
  await filter.press('Backspace');
  await filter.press('Backspace');
  await poll('every row to come back', async () => ((await rowCount()) === rows ? true : undefined), 60_000);
  const cleared = Date.now() - c0;
  await sleep(500);
  const tasks = (await page.evaluate('window.__longTasks')) as [number, number][];
  return {
    complete,
    longest: Math.max(0, ...tasks.map((t) => t[1])),
    tasks: tasks.length,
    narrowed,
    keys,
    cleared,
  };
}
