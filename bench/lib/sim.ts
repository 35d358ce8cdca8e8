/** kube-sim helpers for benchmarks: a scale sim and its label values. */
import { startKubeSim } from '@argus/kube-sim';

export type Sim = Awaited<ReturnType<typeof startKubeSim>>;

export function startScaleSim(pods: number, churnPerSecond = 0, tls = false): Promise<Sim> {
  return startKubeSim({ scenario: 'scale', pods, churnPerSecond, seed: 1, tls });
}

/** A label selector on `app` matching at least `atLeast` pods (the most common apps, `app in (…)`). */
export async function selectorMatching(sim: Sim, atLeast: number): Promise<{ selector: string; matches: number }> {
  const res = await fetch(`${sim.url}/api/v1/pods`, { headers: { authorization: `Bearer ${sim.tokens.admin}` } });
  const list = (await res.json()) as { items: { metadata: { labels?: Record<string, string> } }[] };
  const counts = new Map<string, number>();
  for (const p of list.items) {
    const app = p.metadata.labels?.app;
    if (app) counts.set(app, (counts.get(app) ?? 0) + 1);
  }
  const apps = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const chosen: string[] = [];
  let matches = 0;
  for (const [app, n] of apps) {
    if (matches >= atLeast) break;
    chosen.push(app);
    matches += n;
  }
  const selector = chosen.length === 1 ? `app=${chosen[0]}` : `app in (${chosen.join(',')})`;
  return { selector, matches };
}
