/**
 * kube-sim's demo scenario: `monitoring/prometheus-operated` exists but its pod IPs lead nowhere. Argus
 * must say "Prometheus unreachable", not crash, and still list the operator's objects.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prometheusConfigSchema } from './config.js';
import plugin from './index.js';
import { createTestRouter, memoryConfig, silentLogger, simClusters, type TestRouter } from './testing/index.js';

let sim: KubeSim;
let router: TestRouter;

beforeAll(async () => {
  sim = await startKubeSim({ scenario: 'demo', controllers: false });
  router = createTestRouter();
  await plugin.registerRoutes?.(router, {
    clusters: simClusters(sim.url, sim.tokens.admin),
    config: memoryConfig(prometheusConfigSchema),
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await sim?.close();
});

it('discovers prometheus-operated and reports it unreachable with the reason', async () => {
  const status = await router.call('GET', '/status');
  expect(status).toMatchObject({
    status: 200,
    body: {
      source: 'discovered',
      service: { namespace: 'monitoring', name: 'prometheus-operated', port: 'web' },
      reachable: false,
      error: {
        code: 'PROMETHEUS_UNREACHABLE',
        message: expect.stringMatching(/^Prometheus unreachable \(service monitoring\/prometheus-operated:web\)/),
      },
    },
  });
  const query = await router.call('GET', '/query', { query: { query: 'up' } });
  expect(query).toMatchObject({ status: 502, body: { error: { code: 'PROMETHEUS_UNREACHABLE' } } });
});

it('lists the demo’s Prometheus operator objects', async () => {
  const r = await router.call('GET', '/monitors');
  const body = r.body as { items: Record<string, { namespace: string; name: string }[]>; notes: string[] };
  expect(body.items.prometheuses?.map((p) => `${p.namespace}/${p.name}`)).toContain('monitoring/k8s');
  expect(body.items.servicemonitors?.length).toBeGreaterThan(0);
  expect(body.notes).toEqual([]);
});
