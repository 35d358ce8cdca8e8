import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { definePlugin, defineServiceContract } from '@argus/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
type Json = Record<string, any>;

interface Greeter {
  greet(clusterId: string): string;
}
const GREETER = defineServiceContract<Greeter>({
  plugin: 'provider',
  service: 'greeter',
  is: (v): v is Greeter => typeof (v as Greeter | undefined)?.greet === 'function',
});
const MISSING = defineServiceContract<Greeter>({ plugin: 'nowhere', service: 'greeter', is: GREETER.is });
const WRONG_SHAPE = defineServiceContract<{ other(): void }>({
  plugin: 'provider',
  service: 'greeter',
  is: (v): v is { other(): void } => typeof (v as { other?: unknown } | undefined)?.other === 'function',
});

const perm = (id: string) => ({ resource: `${id}.x`, actions: ['read'], description: 'X', default_roles: {} });
const route = (id: string, path: string) => ({
  method: 'GET',
  path,
  permission: { resource: `${id}.x`, action: 'read' },
  description: path,
});

const provider = definePlugin({
  manifest: {
    id: 'provider',
    name: 'Provider',
    version: '1.0.0',
    sdk: '^1.0.0',
    permissions: [perm('provider')],
    provides: [{ service: 'greeter', description: 'Greets' }],
  },
  deps: ['logger'],
  provides: { greeter: (): Greeter => ({ greet: (clusterId) => `hello ${clusterId}` }) },
});

const answer = z.object({ ok: z.boolean(), text: z.string() });
const consumer = definePlugin({
  manifest: {
    id: 'consumer',
    name: 'Consumer',
    version: '1.0.0',
    sdk: '^1.0.0',
    permissions: [perm('consumer')],
    routes: [route('consumer', '/greet'), route('consumer', '/missing'), route('consumer', '/shape')],
    uses: [
      { plugin: 'provider', service: 'greeter' },
      { plugin: 'nowhere', service: 'greeter' },
    ],
  },
  deps: ['plugins'],
  registerRoutes(router, deps) {
    const show = async (contract: typeof GREETER, clusterId: string) => {
      const used = await deps.plugins.get(contract, clusterId);
      return used.ok
        ? { ok: true, text: used.service.greet(clusterId) }
        : { ok: false, text: `${used.reason}: ${used.message}` };
    };
    router.route({
      method: 'GET',
      path: '/greet',
      responses: { 200: answer },
      handler: (ctx) => show(GREETER, ctx.clusterId),
    });
    router.route({
      method: 'GET',
      path: '/missing',
      responses: { 200: answer },
      handler: (ctx) => show(MISSING, ctx.clusterId),
    });
    router.route({
      method: 'GET',
      path: '/shape',
      responses: { 200: answer },
      async handler(ctx) {
        const used = await deps.plugins.get(WRONG_SHAPE, ctx.clusterId);
        return used.ok ? { ok: true, text: 'matched' } : { ok: false, text: `${used.reason}: ${used.message}` };
      },
    });
  },
});

/** Uses the provider's service without declaring it in its manifest. */
const sneaky = definePlugin({
  manifest: {
    id: 'sneaky',
    name: 'Sneaky',
    version: '1.0.0',
    sdk: '^1.0.0',
    permissions: [perm('sneaky')],
    routes: [route('sneaky', '/greet')],
  },
  deps: ['plugins'],
  registerRoutes(router, deps) {
    router.route({
      method: 'GET',
      path: '/greet',
      responses: { 200: answer },
      async handler(ctx) {
        const used = await deps.plugins.get(GREETER, ctx.clusterId);
        return { ok: used.ok, text: 'should not get here' };
      },
    });
  },
});

/** Declares a service in its manifest but builds none: refused at load. */
const hollow = definePlugin({
  manifest: {
    id: 'hollow',
    name: 'Hollow',
    version: '1.0.0',
    sdk: '^1.0.0',
    provides: [{ service: 'nothing', description: 'Promised' }],
  },
  deps: [],
});

describe("plugins using other plugins' services (manifest provides / uses)", () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let clusterId: string;
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await s.fetch(path, { token: s.adminToken, ...init });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer({ plugins: [provider, consumer, sneaky, hollow] }),
      startKubeSim({ scenario: 'empty' }),
    ]);
    clusterId = (
      await api('/api/clusters', {
        method: 'POST',
        body: JSON.stringify({ name: 'one', kubeconfig: sim.kubeconfig() }),
      })
    ).body.id as string;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('hands a declared service to the consumer, and says why when the provider is off, missing or different', async () => {
    const greet = await api(`/api/plugins/consumer/clusters/${clusterId}/greet`);
    expect(greet.body).toEqual({ ok: true, text: `hello ${clusterId}` });

    expect((await api(`/api/clusters/${clusterId}/plugins/provider/disable`, { method: 'POST' })).status).toBe(200);
    const off = await api(`/api/plugins/consumer/clusters/${clusterId}/greet`);
    expect(off.body).toEqual({ ok: false, text: 'disabled: The "provider" plugin is turned off on this cluster' });
    await api(`/api/clusters/${clusterId}/plugins/provider/enable`, { method: 'POST' });
    expect((await api(`/api/plugins/consumer/clusters/${clusterId}/greet`)).body.ok).toBe(true);

    const missing = await api(`/api/plugins/consumer/clusters/${clusterId}/missing`);
    expect(missing.body).toEqual({ ok: false, text: 'absent: The "nowhere" plugin is not installed' });
    const shape = await api(`/api/plugins/consumer/clusters/${clusterId}/shape`);
    expect(shape.body.text).toMatch(/^failed: .*does not match/);
  });

  it('refuses undeclared use (a plugin failure) and a declared service without a factory', async () => {
    const res = await api(`/api/plugins/sneaky/clusters/${clusterId}/greet`);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('PLUGIN_FAILED');
    const list = (await api('/api/plugins')).body.plugins as Json[];
    const sneakyState = list.find((p) => p.id === 'sneaky');
    expect(sneakyState?.failures.last.message).toContain('without declaring it in its manifest\'s "uses"');
    const hollowState = list.find((p) => p.id === 'hollow');
    expect(hollowState?.status).toBe('failed');
    expect(hollowState?.error).toContain('manifest service "nothing" (provides) has no factory');
  });
});
