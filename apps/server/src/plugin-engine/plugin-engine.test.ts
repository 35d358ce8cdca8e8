import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { waitFor } from '@argus/kube-sim/testing';
import { definePlugin, PluginResponse, type WatchEvent } from '@argus/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
type Json = Record<string, any>;

const events: Array<{ clusterId: string; event: WatchEvent }> = [];
const lifecycle: string[] = [];

const demoManifest = {
  id: 'demo',
  name: 'Demo',
  version: '1.0.0',
  sdk: '^1.0.0',
  enabled_by_default: true,
  permissions: [
    {
      resource: 'demo.things',
      actions: ['read', 'write'],
      description: 'Demo things',
      default_roles: { viewer: ['read'], operator: ['read', 'write'] },
    },
  ],
  routes: [
    { method: 'GET', path: '/things', permission: { resource: 'demo.things', action: 'read' }, description: 'List' },
    { method: 'POST', path: '/things', permission: { resource: 'demo.things', action: 'write' }, description: 'Add' },
    { method: 'POST', path: '/upload', permission: { resource: 'demo.things', action: 'write' }, description: 'Bytes' },
    { method: 'GET', path: '/boom', permission: { resource: 'demo.things', action: 'read' }, description: 'Throws' },
    {
      method: 'GET',
      path: '/everywhere',
      scope: 'global',
      permission: { resource: 'demo.things', action: 'read' },
      description: 'Across clusters',
    },
  ],
  watchers: [{ id: 'configmaps', group: '', version: 'v1', resource: 'configmaps' }],
  pages: [{ id: 'things', path: '/things', title: 'Things' }],
  navigation: [{ id: 'things', title: 'Things', page: 'things' }],
  widgets: [{ id: 'count', title: 'Things' }],
};

const demo = definePlugin({
  manifest: demoManifest,
  deps: ['clusters', 'config'],
  config: z.object({ greeting: z.string().default('hello') }),
  registerRoutes(router, deps) {
    router.route({
      method: 'GET',
      path: '/things',
      query: z.object({ namespace: z.string().default('default') }),
      responses: { 200: z.object({ greeting: z.string(), names: z.array(z.string()), user: z.string() }) },
      async handler(ctx) {
        const res = await deps.clusters
          .client(ctx.clusterId)
          .request({ path: `/api/v1/namespaces/${ctx.query.namespace}/configmaps` });
        const list = res.json<{ items: Array<{ metadata: { name: string } }> }>();
        const { greeting } = await deps.config.get(ctx.clusterId);
        return { greeting, names: list.items.map((i) => i.metadata.name), user: ctx.principal.email };
      },
    });
    router.route({
      method: 'POST',
      path: '/things',
      body: z.object({ name: z.string().min(1) }),
      bodyLimit: 2048,
      responses: { 201: z.object({ created: z.string() }) },
      async handler(ctx) {
        return new PluginResponse(201, { created: ctx.body.name });
      },
    });
    router.route<Record<string, string | undefined>, Buffer>({
      method: 'POST',
      path: '/upload',
      bodyType: 'binary',
      responses: { 200: z.object({ bytes: z.number() }) },
      async handler(ctx) {
        return { bytes: ctx.body.length };
      },
    });
    router.route({
      method: 'GET',
      path: '/boom',
      responses: { 200: z.object({}) },
      async handler() {
        throw new TypeError('kaput');
      },
    });
    router.route({
      method: 'GET',
      path: '/everywhere',
      scope: 'global',
      responses: { 200: z.object({ clusters: z.array(z.string()) }) },
      async handler(ctx) {
        return { clusters: (await ctx.enabledClusters()).map((c) => c.name).sort() };
      },
    });
  },
  registerWatchers(watchers) {
    watchers.on('configmaps', (clusterId, event) => events.push({ clusterId, event }));
  },
  onEnable({ clusterId }) {
    lifecycle.push(`enable ${clusterId}`);
  },
  onDisable({ clusterId }) {
    lifecycle.push(`disable ${clusterId}`);
  },
});

const typed = definePlugin({
  manifest: {
    id: 'typed',
    name: 'Typed',
    version: '1.0.0',
    sdk: '^1.0.0',
    permissions: [
      { resource: 'typed.items', actions: ['read'], description: 'Items', default_roles: { viewer: ['read'] } },
    ],
    routes: [
      {
        method: 'GET',
        path: '/items/:namespace/:name',
        permission: { resource: 'typed.items', action: 'read' },
        description: 'One item',
      },
      {
        method: 'DELETE',
        path: '/items/:namespace/:name',
        permission: { resource: 'typed.items', action: 'read' },
        description: 'Forget an item',
      },
      { method: 'GET', path: '/wrong', permission: { resource: 'typed.items', action: 'read' }, description: 'Lies' },
    ],
  },
  deps: [],
  registerRoutes(router) {
    router.route({
      method: 'GET',
      path: '/items/:namespace/:name',
      params: z.object({ name: z.string().regex(/^[a-z]+$/, 'must be lower-case letters') }),
      query: z.object({ n: z.coerce.number().int() }),
      responses: { 200: z.object({ params: z.record(z.string(), z.string()), n: z.number() }) },
      async handler(ctx) {
        return { params: ctx.params, n: ctx.query.n };
      },
    });
    router.route({
      method: 'DELETE',
      path: '/items/:namespace/:name',
      responses: { 204: { description: 'Forgotten' } },
      async handler() {},
    });
    router.route({
      method: 'GET',
      path: '/wrong',
      summary: 'Answers what it does not declare',
      responses: { 200: z.object({ ok: z.boolean() }) },
      async handler() {
        return { ok: 'yes' };
      },
    });
  },
});

const undeclared = definePlugin({
  manifest: {
    id: 'undeclared',
    name: 'Undeclared',
    version: '1.0.0',
    sdk: '^1.0.0',
    permissions: [{ resource: 'undeclared.x', actions: ['read'], description: 'X' }],
    routes: [{ method: 'GET', path: '/x', permission: { resource: 'undeclared.x', action: 'read' }, description: 'X' }],
  },
  deps: [],
  registerRoutes(router) {
    router.route({ method: 'GET', path: '/x', async handler() {} } as never);
  },
});

const broken = definePlugin({
  manifest: { id: 'broken', name: 'Broken', version: 'x', sdk: '^1.0.0', routes: [{ method: 'GET' }] },
  deps: [],
});

const throwsOnLoad = definePlugin({
  manifest: { id: 'fragile', name: 'Fragile', version: '1.0.0', sdk: '^1.0.0' },
  deps: ['logger'],
  registerRoutes() {
    throw new Error('cannot start');
  },
});

describe('plugin engine', () => {
  let s: ClusterTestServer;
  let east: KubeSim;
  let west: KubeSim;
  let eastId: string;
  let westId: string;
  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await s.fetch(path, { token: s.adminToken, ...init });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const register = async (name: string, sim: KubeSim) =>
    (await api('/api/clusters', { method: 'POST', body: JSON.stringify({ name, kubeconfig: sim.kubeconfig() }) })).body
      .id as string;

  beforeAll(async () => {
    [s, east, west] = await Promise.all([
      startClusterTestServer({ plugins: [demo, typed, undeclared, broken, throwsOnLoad] }),
      startKubeSim({ scenario: 'empty' }),
      startKubeSim({ scenario: 'empty' }),
    ]);
    eastId = await register('east', east);
    westId = await register('west', west);
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), east?.close(), west?.close()]);
  });

  it('lists manifests and state; a bad manifest is rejected naming the plugin and field; a throwing plugin is isolated', async () => {
    const { status, body } = await api('/api/plugins');
    expect(status).toBe(200);
    const byId = Object.fromEntries((body.plugins as Json[]).map((p) => [p.id, p]));
    expect(byId.demo.status).toBe('active');
    expect(byId.demo.manifest.routes).toHaveLength(5);
    expect(byId.demo.clusters.map((c: Json) => [c.name, c.enabled]).sort()).toEqual([
      ['east', true],
      ['west', true],
    ]);
    expect(byId.broken.status).toBe('rejected');
    expect(byId.broken.error).toContain('plugin "broken": version: must be a semantic version');
    expect(byId.broken.error).toContain('plugin "broken": routes[0].path');
    expect(byId.fragile.status).toBe('failed');
    expect(byId.fragile.error).toBe('cannot start');
    expect((await api('/api/auth/me')).status).toBe(200);
  });

  it('mounts routes per cluster with validation, status and binary bodies', async () => {
    await api(`/api/clusters/${eastId}/resources/core/v1/configmaps?namespace=default`, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' } }),
    });
    const list = await api(`/api/plugins/demo/clusters/${eastId}/things`);
    expect(list).toMatchObject({ status: 200, body: { greeting: 'hello', user: 'admin@example.com' } });
    expect(list.body.names).toContain('one');
    expect(
      (await api(`/api/plugins/demo/clusters/${eastId}/things`, { method: 'POST', body: '{}' })).body.error.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      await api(`/api/plugins/demo/clusters/${eastId}/things`, { method: 'POST', body: JSON.stringify({ name: 'x' }) }),
    ).toEqual({ status: 201, body: { created: 'x' } });
    const tooBig = await api(`/api/plugins/demo/clusters/${eastId}/things`, {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(3000) }),
    });
    expect(tooBig.status).toBe(413);
    const upload = await api(`/api/plugins/demo/clusters/${eastId}/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/gzip' },
      body: Buffer.alloc(3000, 1),
    });
    expect(upload).toEqual({ status: 200, body: { bytes: 3000 } });
    const unknownCluster = await api('/api/plugins/demo/clusters/00000000-0000-0000-0000-000000000000/things');
    expect(unknownCluster.status).toBe(404);
  });

  it('stores per-cluster config validated by the plugin schema', async () => {
    const bad = await api(`/api/clusters/${eastId}/plugins/demo/config`, {
      method: 'PUT',
      body: JSON.stringify({ greeting: 5 }),
    });
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await api(`/api/clusters/${eastId}/plugins/demo/config`, {
      method: 'PUT',
      body: JSON.stringify({ greeting: 'hej' }),
    });
    expect((await api(`/api/plugins/demo/clusters/${eastId}/things`)).body.greeting).toBe('hej');
    const raw = await s.server.db.query<{ config: string }>(
      "SELECT config::text AS config FROM plugin_config WHERE plugin_id = 'demo'",
    );
    expect(raw.rows[0]?.config).toContain('"sealed"');
    expect(raw.rows[0]?.config).not.toContain('hej');
    expect((await api(`/api/plugins/demo/clusters/${westId}/things`)).body.greeting).toBe('hello');
  });

  it('a handler that throws answers 500 PLUGIN_FAILED, is recorded, and nothing else breaks', async () => {
    const boom = await api(`/api/plugins/demo/clusters/${eastId}/boom`);
    expect(boom.status).toBe(500);
    expect(boom.body.error.code).toBe('PLUGIN_FAILED');
    expect(JSON.stringify(boom.body)).not.toContain('kaput');
    const demoInfo = (await api('/api/plugins')).body.plugins.find((p: Json) => p.id === 'demo');
    expect(demoInfo.failures.count).toBeGreaterThanOrEqual(1);
    expect(demoInfo.failures.last).toMatchObject({ where: 'GET /boom', message: 'kaput' });
    expect((await api(`/api/plugins/demo/clusters/${eastId}/things`)).status).toBe(200);
  });

  it('disabling on one cluster answers 409 there, stops its watchers, and leaves the other cluster alone', async () => {
    await waitFor(
      () => s.server.plugins.watching('demo', eastId) === 1 && s.server.plugins.watching('demo', westId) === 1,
    );
    await api(`/api/clusters/${westId}/resources/core/v1/configmaps?namespace=default`, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'seen' } }),
    });
    await waitFor(() => events.some((e) => e.clusterId === westId && e.event.object.metadata !== undefined));

    const off = await api(`/api/clusters/${westId}/plugins/demo/disable`, { method: 'POST' });
    expect(off).toEqual({ status: 200, body: { plugin: 'demo', cluster_id: westId, enabled: false } });
    expect(lifecycle).toContain(`disable ${westId}`);
    const disabled = await api(`/api/plugins/demo/clusters/${westId}/things`);
    expect(disabled.status).toBe(409);
    expect(disabled.body.error.code).toBe('PLUGIN_DISABLED');
    expect((await api(`/api/plugins/demo/clusters/${eastId}/things`)).status).toBe(200);
    expect(s.server.plugins.watching('demo', westId)).toBe(0);
    expect(s.server.plugins.watching('demo', eastId)).toBe(1);
    expect((await api('/api/plugins/demo/everywhere')).body).toEqual({ clusters: ['east'] });

    const before = events.filter((e) => e.clusterId === westId).length;
    await api(`/api/clusters/${westId}/resources/core/v1/configmaps?namespace=default`, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unseen' } }),
    });
    await api(`/api/clusters/${eastId}/resources/core/v1/configmaps?namespace=default`, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'east-seen' } }),
    });
    await waitFor(() =>
      events.some((e) => e.clusterId === eastId && (e.event.object.metadata as Json).name === 'east-seen'),
    );
    expect(events.filter((e) => e.clusterId === westId)).toHaveLength(before);

    const state = (await api('/api/plugins')).body.plugins.find((p: Json) => p.id === 'demo');
    expect(state.clusters.find((c: Json) => c.id === westId)).toMatchObject({ enabled: false, watchers: 0 });

    await api(`/api/clusters/${westId}/plugins/demo/enable`, { method: 'POST' });
    expect(lifecycle.filter((l) => l === `enable ${westId}`)).toHaveLength(2);
    expect((await api(`/api/plugins/demo/clusters/${westId}/things`)).status).toBe(200);
    await waitFor(() => s.server.plugins.watching('demo', westId) === 1);
  });

  it('declares routes like core routes: validated params and query, checked answers, a documented schema', async () => {
    const item = await api(`/api/plugins/typed/clusters/${eastId}/items/default/abc?n=7`);
    expect(item).toEqual({ status: 200, body: { params: { namespace: 'default', name: 'abc' }, n: 7 } });
    const badName = await api(`/api/plugins/typed/clusters/${eastId}/items/default/ABC?n=7`);
    expect(badName.status).toBe(400);
    expect(badName.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid path: name: must be lower-case letters',
    });
    const badQuery = await api(`/api/plugins/typed/clusters/${eastId}/items/default/abc?n=x`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/^Invalid query: n: /);
    // The engine's own name rules come first, whatever the route's schema says.
    const badNamespace = await api(`/api/plugins/typed/clusters/${eastId}/items/Default/abc?n=7`);
    expect(badNamespace.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid path: namespace: must be a DNS-1123 label',
    });
    const wrong = await api(`/api/plugins/typed/clusters/${eastId}/wrong`);
    expect(wrong.status).toBe(500);
    expect(wrong.body.error.code).toBe('RESPONSE_SCHEMA_MISMATCH');

    expect((await api(`/api/plugins/typed/clusters/${eastId}/items/default/abc`, { method: 'DELETE' })).status).toBe(
      204,
    );

    const doc = (await api('/api/openapi.json')).body;
    const items = doc.paths['/api/plugins/typed/clusters/{cluster}/items/{namespace}/{name}'];
    expect(items.get).toMatchObject({ tags: ['plugin: typed'], summary: 'One item' });
    expect(items.get.parameters.map((p: Json) => `${p.in} ${p.name}`)).toEqual([
      'query n',
      'path cluster',
      'path namespace',
      'path name',
    ]);
    expect(Object.keys(items.get.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '409']));
    expect(items.delete.responses['204']).toMatchObject({ description: 'Forgotten' });
    expect(doc.paths['/api/plugins/typed/clusters/{cluster}/wrong'].get).toMatchObject({
      summary: 'Answers what it does not declare',
      description: 'Lies',
    });

    const plugins = (await api('/api/plugins')).body.plugins as Json[];
    expect(plugins.find((p) => p.id === 'undeclared')).toMatchObject({
      status: 'failed',
      error: 'plugin "undeclared": route GET /x (cluster) declares no responses',
    });
  });

  it('folds plugin permissions into RBAC: viewers read, only writers write, enabling needs plugins:write', async () => {
    const viewer = await s.addUser('plugin-viewer', 'viewer');
    const operator = await s.addUser('plugin-operator', 'operator');
    expect((await api(`/api/plugins/demo/clusters/${eastId}/things`, { token: viewer })).status).toBe(200);
    const denied = await api(`/api/plugins/demo/clusters/${eastId}/things`, {
      token: viewer,
      method: 'POST',
      body: JSON.stringify({ name: 'x' }),
    });
    expect(denied.status).toBe(403);
    expect(
      (
        await api(`/api/plugins/demo/clusters/${eastId}/things`, {
          token: operator,
          method: 'POST',
          body: JSON.stringify({ name: 'x' }),
        })
      ).status,
    ).toBe(201);
    expect((await api(`/api/clusters/${eastId}/plugins/demo/disable`, { token: viewer, method: 'POST' })).status).toBe(
      403,
    );
    // Operators switch plugins on and off but do not re-point them: configuration is plugins:configure (admin).
    const reconfigure = await api(`/api/clusters/${eastId}/plugins/demo/config`, {
      token: operator,
      method: 'PUT',
      body: JSON.stringify({ greeting: 'from operator' }),
    });
    expect(reconfigure.status).toBe(403);
    const unknown = await api(`/api/clusters/${eastId}/plugins/nope/disable`, { method: 'POST' });
    expect(unknown.body.error.code).toBe('PLUGIN_NOT_FOUND');
  });
});
