/**
 * kube-sim's demo scenario: `monitoring/prometheus-operated` exists but its pod IPs lead nowhere. Argus
 * must say "Prometheus unreachable", not crash, and still list the operator's objects.
 */
import { type PluginTestKit, startPluginTestKit, type TestUser } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from './index.js';

let kit: PluginTestKit;
let viewer: TestUser;
const router = {
  call: (method: string, path: string, opts: { query?: Record<string, string> } = {}) =>
    kit.call(viewer, method, `${path}${opts.query ? `?${new URLSearchParams(opts.query)}` : ''}`),
};

beforeAll(async () => {
  kit = await startPluginTestKit({ plugins: [plugin], sim: { scenario: 'demo', controllers: false } });
  viewer = await kit.user('viewer', [{ role: 'viewer' }]);
});

afterAll(async () => {
  await kit?.close();
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
