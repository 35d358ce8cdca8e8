/**
 * Secret values need secrets:read: a viewer reads Secrets (REST get and list, across clusters, WebSocket)
 * without data, stringData and the last-applied annotation, with data_keys; an operator reads them whole;
 * a namespace grant of secrets:read shows values only there; a writer without it gets write answers and
 * apply diffs without values.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';
import { connectAs, type Msg, type TestClient, wsUrl } from '../ws/ws-test-client.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary Kubernetes JSON
type Json = Record<string, any>;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const CERT = 'c'.repeat(1000);
const dbSecret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db',
    annotations: {
      owner: 'team-a',
      [LAST_APPLIED]: JSON.stringify({ kind: 'Secret', data: { password: b64('hunter2') } }),
    },
  },
  type: 'Opaque',
  data: { password: b64('hunter2'), 'tls.crt': b64(CERT) },
};
const apiSecret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'api' },
  stringData: { token: 'päss-token' },
};
/** Every value above, as it could appear in an answer. */
const VALUES = ['hunter2', b64('hunter2'), b64(CERT), 'päss-token', b64('päss-token')];

describe('Secret values need secrets:read', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let clusterId: string;
  const tokens: Record<string, string> = {};
  const open: TestClient[] = [];

  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await s.fetch(path, { token: s.adminToken, ...init });
    const text = await res.text();
    return { status: res.status, text, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const secrets = (rest = '') => `/api/clusters/${clusterId}/resources/core/v1/secrets${rest}`;
  const expectNoValues = (text: string) => {
    for (const v of VALUES) expect(text).not.toContain(v);
  };
  const role = async (name: string, permissions: Array<{ resource: string; action: string }>) =>
    expect((await api('/api/roles', { method: 'POST', body: JSON.stringify({ name, permissions }) })).status).toBe(201);
  const grant = async (user: string, roleName: string, scope: object) => {
    const users = (await api('/api/users')).body.items as Json[];
    const id = users.find((u) => u.email === `${user}@example.com`)!.id;
    const res = await api('/api/roles/assign', {
      method: 'POST',
      body: JSON.stringify({ user_id: id, role: roleName, ...scope }),
    });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'empty' })]);
    clusterId = (
      await api('/api/clusters', {
        method: 'POST',
        body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
      })
    ).body.id;
    for (const ns of ['team-a', 'team-b'])
      expect(
        (
          await api(`/api/clusters/${clusterId}/resources/core/v1/namespaces`, {
            method: 'POST',
            body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }),
          })
        ).status,
      ).toBe(201);
    expect((await api(secrets('?namespace=team-a'), { method: 'POST', body: JSON.stringify(dbSecret) })).status).toBe(
      201,
    );
    expect((await api(secrets('?namespace=team-b'), { method: 'POST', body: JSON.stringify(apiSecret) })).status).toBe(
      201,
    );
    tokens.viewer = await s.addUser('viewer', 'viewer');
    tokens.operator = await s.addUser('operator', 'operator');
    // A viewer who may read Secret values in team-a only.
    tokens.teamA = await s.addUser('team-a-reader', 'viewer');
    await role('secret-reader', [{ resource: 'secrets', action: 'read' }]);
    await grant('team-a-reader', 'secret-reader', { cluster_id: clusterId, namespace: 'team-a' });
    // May write resources, but not read Secret values.
    await role('writer', [
      { resource: 'clusters', action: 'read' },
      { resource: 'resources', action: 'read' },
      { resource: 'resources', action: 'write' },
      { resource: 'resources', action: 'delete' },
    ]);
    tokens.writer = await s.addUser('writer', 'viewer');
    await grant('writer', 'writer', {});
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('a viewer gets a Secret without values, with each key and its decoded size; an operator gets it whole', async () => {
    const viewed = await api(secrets('/db?namespace=team-a'), { token: tokens.viewer });
    expect(viewed.status).toBe(200);
    expect(viewed.body.data).toBeUndefined();
    expect(viewed.body.stringData).toBeUndefined();
    expect(viewed.body.metadata.annotations).toEqual({ owner: 'team-a' });
    expect(viewed.body.data_keys).toEqual([
      { key: 'password', size: 7 },
      { key: 'tls.crt', size: 1000 },
    ]);
    expect(viewed.body.type).toBe('Opaque');
    expectNoValues(viewed.text);
    // stringData was stored as data: its size is the UTF-8 byte length.
    const token = await api(secrets('/api?namespace=team-b'), { token: tokens.viewer });
    expect(token.body.data_keys).toEqual([{ key: 'token', size: Buffer.byteLength('päss-token') }]);
    expectNoValues(token.text);

    const operated = await api(secrets('/db?namespace=team-a'), { token: tokens.operator });
    expect(operated.body.data).toEqual(dbSecret.data);
    expect(operated.body.metadata.annotations[LAST_APPLIED]).toContain(b64('hunter2'));
    expect(operated.body.data_keys).toBeUndefined();
  });

  it('lists (one cluster and across clusters) redact per object by its namespace', async () => {
    for (const path of [
      secrets(),
      secrets('?namespace=team-a'),
      secrets('?limit=1'),
      '/api/resources/core/v1/secrets',
    ]) {
      const viewed = await api(path, { token: tokens.viewer });
      expect(viewed.status, path).toBe(200);
      expect(viewed.body.items.length, path).toBeGreaterThan(0);
      for (const o of viewed.body.items) expect(o.data_keys, path).toBeDefined();
      expectNoValues(viewed.text);
    }
    const byName = (items: Json[]) => Object.fromEntries(items.map((o) => [o.metadata.name, o]));
    for (const path of [secrets(), '/api/resources/core/v1/secrets']) {
      const mixed = byName((await api(path, { token: tokens.teamA })).body.items);
      expect(mixed.db!.data).toEqual(dbSecret.data);
      expect(mixed.api!.data).toBeUndefined();
      expect(mixed.api!.data_keys).toEqual([{ key: 'token', size: Buffer.byteLength('päss-token') }]);
      const whole = byName((await api(path, { token: tokens.operator })).body.items);
      expect(whole.db!.data).toEqual(dbSecret.data);
      expect(whole.api!.data.token).toBe(b64('päss-token'));
    }
    // Other kinds are untouched.
    const namespaces = await api(`/api/clusters/${clusterId}/resources/core/v1/namespaces`, { token: tokens.viewer });
    expect(namespaces.body.items.every((o: Json) => o.data_keys === undefined)).toBe(true);
  });

  it('a writer without secrets:read gets write answers and apply diffs without values', async () => {
    const patched = await api(secrets('/api?namespace=team-b'), {
      token: tokens.writer,
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { touched: 'yes' } } }),
    });
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.labels).toEqual({ touched: 'yes' });
    expect(patched.body.data).toBeUndefined();
    expect(patched.body.data_keys).toEqual([{ key: 'token', size: Buffer.byteLength('päss-token') }]);
    expectNoValues(patched.text);

    const applied = await api(`/api/clusters/${clusterId}/apply?dryRun=true`, {
      token: tokens.writer,
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: team-a\ndata:\n  extra: ${b64('more')}\n`,
    });
    expect(applied.status).toBe(200);
    expect(applied.body.results[0]).toMatchObject({ kind: 'Secret', action: 'configured' });
    expect(applied.body.results[0].diff).toContain('key: extra');
    expect(applied.text).not.toContain(b64('more'));
    expectNoValues(applied.text);
    const operatorApplied = await api(`/api/clusters/${clusterId}/apply?dryRun=true`, {
      token: tokens.operator,
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: team-a\ndata:\n  extra: ${b64('more')}\n`,
    });
    expect(operatorApplied.body.results[0].diff).toContain(`+  extra: ${b64('more')}`);

    const removed = await api(secrets('/db?namespace=team-a&dryRun=true'), { token: tokens.writer, method: 'DELETE' });
    expect(removed.status).toBe(200);
    expectNoValues(removed.text);
  });

  it('the WebSocket sends a viewer Secrets without values, initial list and events alike', async () => {
    const subscribe = async (who: string) => {
      const c = await connectAs(wsUrl(s.url), tokens[who]!);
      open.push(c);
      c.send({
        type: 'subscribe',
        id: 'secrets',
        cluster: clusterId,
        group: 'core',
        version: 'v1',
        resource: 'secrets',
        sendInitial: true,
      });
      await c.next((m) => m.type === 'synced' && m.id === 'secrets', 10_000);
      return c;
    };
    const [viewer, teamA, operator] = [
      await subscribe('viewer'),
      await subscribe('teamA'),
      await subscribe('operator'),
    ];
    const initial = (c: TestClient, name: string) =>
      c.messages.find((m) => m.type === 'event' && m.object.metadata.name === name)!.object as Json;
    expect(initial(viewer, 'db').data_keys).toEqual([
      { key: 'password', size: 7 },
      { key: 'tls.crt', size: 1000 },
    ]);
    expect(initial(viewer, 'db').data).toBeUndefined();
    expect(initial(viewer, 'db').metadata.annotations[LAST_APPLIED]).toBeUndefined();
    expect(initial(teamA, 'db').data).toEqual(dbSecret.data);
    expect(initial(teamA, 'api').data).toBeUndefined();
    expect(initial(operator, 'api').data.token).toBe(b64('päss-token'));

    const changed = (m: Msg) => m.type === 'event' && m.event === 'MODIFIED' && m.object.metadata.name === 'db';
    const patched = await api(secrets('/db?namespace=team-a'), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ data: { password: b64('hunter2'), pin: b64('1234') } }),
    });
    expect(patched.status).toBe(200);
    const seen = await viewer.next(changed, 5_000);
    expect(seen.object.data).toBeUndefined();
    expect(seen.object.data_keys).toContainEqual({ key: 'pin', size: 4 });
    expect((await teamA.next(changed, 5_000)).object.data.pin).toBe(b64('1234'));
    expect((await operator.next(changed, 5_000)).object.data.pin).toBe(b64('1234'));
    for (const m of viewer.messages) {
      expectNoValues(JSON.stringify(m));
      expect(JSON.stringify(m)).not.toContain(b64('1234'));
    }
  });
});
