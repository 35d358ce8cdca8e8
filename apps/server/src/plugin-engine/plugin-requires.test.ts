/**
 * `requires` and waiting watchers against kube-sim's `empty` scenario: a plugin whose CRDs a cluster lacks
 * is not available there (GET /api/plugins, 409 on its routes) and becomes available within seconds of the
 * CRD being created; a watcher whose resource is missing starts when its CRD appears.
 */
import { definePlugin, type WatchEvent } from '@argus/plugin-sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { type PluginTestKit, startPluginTestKit, waitFor } from '../test-support/plugin-test-kit.js';

function crd(group: string, kind: string, plural: string): string {
  return JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });
}

const needsCrd = definePlugin({
  manifest: {
    id: 'needs-crd',
    name: 'Needs a CRD',
    version: '1.0.0',
    sdk: '^1.0.0',
    requires: [{ group: 'postgresql.cnpg.io', resource: 'clusters' }],
    permissions: [{ resource: 'needs-crd.things', actions: ['read'], description: 'test', default_roles: {} }],
    routes: [
      {
        method: 'GET',
        path: '/ping',
        permission: { resource: 'needs-crd.things', action: 'read' },
        description: 'ping',
      },
    ],
  },
  deps: [],
  registerRoutes(router) {
    router.route({
      method: 'GET',
      path: '/ping',
      responses: { 200: z.object({ ok: z.boolean() }) },
      handler: async () => ({ ok: true }),
    });
  },
});

const events: WatchEvent[] = [];
const watches = definePlugin({
  manifest: {
    id: 'watches-widgets',
    name: 'Watches widgets',
    version: '1.0.0',
    sdk: '^1.0.0',
    watchers: [{ id: 'widgets', group: 'example.com', version: 'v1', resource: 'widgets' }],
  },
  deps: [],
  registerWatchers(w) {
    w.on('widgets', (_cluster, event) => events.push(event));
  },
});

let kit: PluginTestKit;
type Entry = { id: string; available: boolean; enabled: boolean; watchers: number };
const stateOf = async (plugin: string): Promise<Entry | undefined> => {
  const res = await kit.call(kit.admin, 'GET', '/api/plugins');
  const p = res.body.plugins.find((x: { id: string }) => x.id === plugin);
  return p.clusters.find((c: Entry) => c.id === kit.clusterId);
};

beforeAll(async () => {
  kit = await startPluginTestKit({ plugins: [needsCrd, watches], sim: { scenario: 'empty' } });
});
afterAll(() => kit?.close());

it('is unavailable on a cluster without the CRD, and available within seconds of its creation', async () => {
  expect(await stateOf('needs-crd')).toMatchObject({ enabled: true, available: false });
  expect(await stateOf('watches-widgets')).toMatchObject({ available: true });
  const refused = await kit.call(kit.admin, 'GET', `/api/plugins/needs-crd/clusters/${kit.clusterId}/ping`);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('PLUGIN_NOT_AVAILABLE');

  const created = await kit.sim.kubectl.run(['apply', '-f', '-'], {
    input: crd('postgresql.cnpg.io', 'Cluster', 'clusters'),
  });
  expect(created.code, created.stderr).toBe(0);
  const start = Date.now();
  await waitFor(async () => (await stateOf('needs-crd'))?.available === true, 10_000, 200);
  expect(Date.now() - start).toBeLessThan(10_000);
  const ok = await kit.call(kit.admin, 'GET', `/api/plugins/needs-crd/clusters/${kit.clusterId}/ping`);
  expect(ok).toMatchObject({ status: 200, body: { ok: true } });

  // and unavailable again when it is removed
  expect((await kit.sim.kubectl.run(['delete', 'crd', 'clusters.postgresql.cnpg.io'])).code).toBe(0);
  await waitFor(async () => (await stateOf('needs-crd'))?.available === false, 10_000, 200);
});

it('starts a watcher whose resource appears later', async () => {
  expect((await stateOf('watches-widgets'))?.watchers).toBe(0);
  const created = await kit.sim.kubectl.run(['apply', '-f', '-'], { input: crd('example.com', 'Widget', 'widgets') });
  expect(created.code, created.stderr).toBe(0);
  await waitFor(async () => (await stateOf('watches-widgets'))?.watchers === 1, 10_000, 200);
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default' } };
  await waitFor(
    async () => {
      // the watch cache may still be starting: create once, then wait for the event
      if ((await kit.sim.kubectl.run(['get', 'widgets.example.com', 'w1', '-n', 'default'])).code !== 0)
        await kit.sim.kubectl.run(['apply', '-f', '-'], { input: JSON.stringify(widget) });
      return events.some((e) => e.type === 'ADDED' && (e.object.metadata as { name: string }).name === 'w1');
    },
    10_000,
    200,
  );
});
