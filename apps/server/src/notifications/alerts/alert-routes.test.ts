/**
 * The Alertmanager webhook and `/api/alerts` on the real server: sources (admin) with tokens shown once,
 * 401 without a valid source token, Alertmanager's JSON v4 mapped to alerts (cluster/namespace/severity
 * labels), firing and resolved, and only alerts on objects the caller may read.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../../test-support/cluster-test-kit.js';

let sim: KubeSim;
let s: ClusterTestServer;
let clusterId: string;

beforeAll(async () => {
  sim = await startKubeSim({ tls: false, scenario: 'empty' });
  s = await startClusterTestServer();
  const res = await s.fetch('/api/clusters', {
    method: 'POST',
    token: s.adminToken,
    body: JSON.stringify({ name: 'prod', kubeconfig: sim.kubeconfig() }),
  });
  expect(res.status).toBe(201);
  clusterId = ((await res.json()) as { id: string }).id;
}, 120_000);
afterAll(async () => {
  await s?.stop();
  await sim?.close();
});

const payload = (status: 'firing' | 'resolved', labels: Record<string, string>, summary = 'Pod is crash looping') => ({
  version: '4',
  groupKey: '{}:{alertname="KubePodCrashLooping"}',
  status,
  receiver: 'argus',
  groupLabels: { alertname: labels.alertname ?? 'x' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [
    {
      status,
      labels,
      annotations: { summary },
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph',
      fingerprint: 'abc',
    },
  ],
});

describe('Alertmanager webhook and /api/alerts', () => {
  let token: string;

  it('admins create sources; the token is shown once', async () => {
    const created = await s.fetch('/api/alerts/sources', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'prometheus-prod' }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; token: string; token_prefix: string };
    token = body.token;
    expect(token.startsWith(body.token_prefix)).toBe(true);
    const list = (await (await s.fetch('/api/alerts/sources', { token: s.adminToken })).json()) as {
      items: Array<Record<string, unknown>>;
    };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).not.toHaveProperty('token');
    expect(JSON.stringify(list)).not.toContain(token);
    const dup = await s.fetch('/api/alerts/sources', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'Prometheus-Prod' }),
    });
    expect(dup.status).toBe(409);
    const viewer = await s.addUser('viewer-src', 'viewer');
    expect((await s.fetch('/api/alerts/sources', { token: viewer })).status).toBe(403);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const body = JSON.stringify(payload('firing', { alertname: 'KubePodCrashLooping' }));
    const none = await s.fetch('/api/alerts/alertmanager', { method: 'POST', body });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const wrong = await s.fetch('/api/alerts/alertmanager', {
      method: 'POST',
      body,
      headers: { authorization: 'Bearer argusam_not-a-real-token' },
    });
    expect(wrong.status).toBe(401);
    // A user's own access token is not a source token.
    const user = await s.fetch('/api/alerts/alertmanager', { method: 'POST', body, token: s.adminToken });
    expect(user.status).toBe(401);
  });

  it('maps firing alerts to the cluster, namespace and severity; readers of that namespace see them', async () => {
    const labels = {
      alertname: 'KubePodCrashLooping',
      cluster: 'prod',
      namespace: 'shop',
      pod: 'web-1',
      severity: 'critical',
    };
    const post = (b: unknown) =>
      s.fetch('/api/alerts/alertmanager', {
        method: 'POST',
        body: JSON.stringify(b),
        headers: { authorization: `Bearer ${token}` },
      });
    const res = await post(payload('firing', labels));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1 });
    // Alertmanager re-sends firing alerts every repeat: the same alert, not a new one.
    expect(await (await post(payload('firing', labels))).json()).toEqual({ accepted: 0 });
    // Another namespace, no known cluster label: only global readers see it.
    await post(
      payload('firing', { alertname: 'TargetDown', cluster: 'elsewhere', severity: 'warning' }, 'Targets down'),
    );

    const admin = (await (await s.fetch('/api/alerts', { token: s.adminToken })).json()) as {
      items: Array<Record<string, unknown>>;
    };
    const crash = admin.items.find((a) => a.type === 'alertmanager.KubePodCrashLooping');
    expect(crash).toMatchObject({
      state: 'firing',
      severity: 'critical',
      source: 'alertmanager',
      cluster_id: clusterId,
      summary: 'Pod is crash looping',
      resource_ref: { cluster_id: clusterId, kind: 'Pod', namespace: 'shop', name: 'web-1' },
    });
    expect(admin.items.find((a) => a.type === 'alertmanager.TargetDown')).toMatchObject({
      cluster_id: null,
      severity: 'warning',
    });

    const shopViewer = await s.addUser('shop-viewer', 'viewer', { cluster_id: clusterId, namespace: 'shop' });
    const otherViewer = await s.addUser('other-viewer', 'viewer', { cluster_id: clusterId, namespace: 'payments' });
    const seen = async (tok: string, q = '') =>
      (
        (await (await s.fetch(`/api/alerts${q}`, { token: tok })).json()) as { items: Array<{ type: string }> }
      ).items.map((a) => a.type);
    expect(await seen(shopViewer)).toEqual(['alertmanager.KubePodCrashLooping']);
    expect(await seen(shopViewer, `?cluster_id=${clusterId}&state=firing`)).toEqual([
      'alertmanager.KubePodCrashLooping',
    ]);
    expect(await seen(otherViewer)).toEqual([]);

    // Resolved by Alertmanager: listed under state=resolved, no longer among the open ones.
    expect(await (await post(payload('resolved', labels))).json()).toEqual({ accepted: 1 });
    expect(await seen(shopViewer)).toEqual([]);
    expect(await seen(shopViewer, '?state=resolved')).toEqual(['alertmanager.KubePodCrashLooping']);
  });

  it('rejects a body that is not Alertmanager JSON (400) and a bad query (400)', async () => {
    const bad = await s.fetch('/api/alerts/alertmanager', {
      method: 'POST',
      body: JSON.stringify({ alerts: [{ status: 'maybe', labels: {} }] }),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect((await s.fetch('/api/alerts?state=exploding', { token: s.adminToken })).status).toBe(400);
  });

  it('a deleted source’s token stops working', async () => {
    const list = (await (await s.fetch('/api/alerts/sources', { token: s.adminToken })).json()) as {
      items: Array<{ id: string }>;
    };
    const del = await s.fetch(`/api/alerts/sources/${list.items[0]!.id}`, { method: 'DELETE', token: s.adminToken });
    expect(del.status).toBe(204);
    const res = await s.fetch('/api/alerts/alertmanager', {
      method: 'POST',
      body: JSON.stringify(payload('firing', { alertname: 'X' })),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(401);
  });
});
