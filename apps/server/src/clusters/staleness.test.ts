// Disconnected clusters (issue 23, item 6): once a registered cluster's API server stops, the next health
// round marks its lists and objects served from the watch cache as stale, with the last contact.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';
import { createStaleness, LAST_CONTACT_HEADER, STALE_SINCE_HEADER, staleHeaders } from './staleness.js';

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes JSON
type Json = Record<string, any>;

describe('createStaleness', () => {
  it('marks a cluster from its first failed check, keeps the last contact, clears when it answers again', () => {
    const s = createStaleness();
    s.observe([{ id: 'a', status: 'connected', last_checked_at: '2026-01-01T00:00:00.000Z' }]);
    expect(s.of('a')).toBeUndefined();
    s.observe([{ id: 'a', status: 'disconnected', last_checked_at: '2026-01-01T00:00:30.000Z' }]);
    s.observe([{ id: 'a', status: 'error', last_checked_at: '2026-01-01T00:01:00.000Z' }]);
    expect(s.of('a')).toEqual({ since: '2026-01-01T00:00:30.000Z', last_contact: '2026-01-01T00:00:00.000Z' });
    expect(staleHeaders(s.of('a'))).toEqual({
      [STALE_SINCE_HEADER]: '2026-01-01T00:00:30.000Z',
      [LAST_CONTACT_HEADER]: '2026-01-01T00:00:00.000Z',
    });
    s.observe([{ id: 'a', status: 'connected', last_checked_at: '2026-01-01T00:01:30.000Z' }]);
    expect(s.of('a')).toBeUndefined();
    // Never reached since this server started: no last contact.
    s.observe([{ id: 'b', status: 'disconnected', last_checked_at: '2026-01-01T00:02:00.000Z' }]);
    expect(s.of('b')).toEqual({ since: '2026-01-01T00:02:00.000Z', last_contact: null });
    expect(staleHeaders(s.of('b'))).toEqual({ [STALE_SINCE_HEADER]: '2026-01-01T00:02:00.000Z' });
    expect(staleHeaders(undefined)).toEqual({});
  });
});

describe('stale answers when the cluster stops', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let id: string;
  const get = async (path: string) => {
    const res = await s.fetch(path, { token: s.adminToken });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer({ env: { CLUSTER_HEALTH_INTERVAL_MS: '1000', KUBE_CONNECT_TIMEOUT_MS: '500' } }),
      startKubeSim({ scenario: 'demo', seed: 1 }),
    ]);
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    id = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('lists and objects come from the cache, marked stale with the last contact, within the health interval', async () => {
    const base = `/api/clusters/${id}/resources/core/v1/configmaps`;
    const live = await get(`${base}?namespace=kube-system`);
    expect(live.status).toBe(200);
    expect((await get('/api/resources/core/v1/configmaps?namespace=kube-system')).body.stale).toBeUndefined();
    expect(live.body.source).toBe('cache');
    expect(live.headers.get(STALE_SINCE_HEADER)).toBeNull();
    const name = live.body.items[0].metadata.name as string;
    const one = await get(`${base}/${name}?namespace=kube-system`);
    expect(one.status).toBe(200);
    expect(one.headers.get(STALE_SINCE_HEADER)).toBeNull();
    // A health round that reached the cluster: the last contact to report later.
    await expect
      .poll(async () => (await get(`/api/clusters/${id}`)).body.last_checked_at, { timeout: 10_000 })
      .toBeTruthy();
    const stoppedAt = Date.now();
    await sim.close();

    let stale = await get(`${base}?namespace=kube-system`);
    await expect
      .poll(
        async () => {
          stale = await get(`${base}?namespace=kube-system`);
          return stale.headers.get(STALE_SINCE_HEADER);
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBeTruthy();
    expect(stale.status).toBe(200);
    expect(stale.body.items.map((o: Json) => o.metadata.name)).toEqual(
      live.body.items.map((o: Json) => o.metadata.name),
    );
    const since = Date.parse(stale.headers.get(STALE_SINCE_HEADER) ?? '');
    const contact = Date.parse(stale.headers.get(LAST_CONTACT_HEADER) ?? '');
    expect(since).toBeGreaterThanOrEqual(stoppedAt - 1000);
    expect(contact).toBeLessThanOrEqual(since);
    expect((await get(`/api/clusters/${id}`)).body.status).not.toBe('connected');

    // The object, as the cache last saw it (the API server is gone).
    const cached = await get(`${base}/${name}?namespace=kube-system`);
    expect(cached.status).toBe(200);
    expect(cached.body.metadata.name).toBe(name);
    expect(cached.headers.get(STALE_SINCE_HEADER)).toBe(stale.headers.get(STALE_SINCE_HEADER));
    // Across clusters: the cluster answered from the cache is named as stale.
    const across = await get('/api/resources/core/v1/configmaps?namespace=kube-system');
    expect(across.status).toBe(200);
    expect(across.body.items.length).toBe(live.body.items.length);
    expect(across.body.stale).toEqual([
      {
        cluster: { id, name: 'sim' },
        since: stale.headers.get(STALE_SINCE_HEADER),
        last_contact: stale.headers.get(LAST_CONTACT_HEADER),
      },
    ]);
    // Something the cache never held cannot be served: the cluster's error, as before.
    const missing = await get(`/api/clusters/${id}/resources/core/v1/secrets/nothing?namespace=kube-system`);
    expect(missing.status).toBe(502);
    expect(missing.body.error.code).toBe('CLUSTER_UNREACHABLE');
  }, 60_000);
});
