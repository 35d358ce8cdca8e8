import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCacheManager } from './cache-manager.js';
import type { ClusterConnection, KubeRequest, KubeStream } from './connection.js';
import { createDirectConnection } from './direct-connection.js';
import type { ResourceInfo } from './discovery.js';
import { type CacheEvent, createWatchCache } from './watch-cache.js';

const logger = pino({ level: 'silent' });
const configmaps: ResourceInfo = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  shortNames: ['cm'],
  singular: 'configmap',
  categories: [],
  preferred: true,
};

/**
 * The real direct connection to a real kube-sim, with a switch that cuts the open watch and holds
 * the next one back: a network outage as the cache sees it.
 */
function interruptible(conn: ClusterConnection) {
  const open = new Set<KubeStream>();
  let held: Promise<void> | undefined;
  let release: () => void = () => undefined;
  const wrapped: ClusterConnection = {
    transport: conn.transport,
    server: conn.server,
    request: (req) => conn.request(req),
    upgrade: (req) => conn.upgrade(req),
    close: () => conn.close(),
    async stream(req: KubeRequest) {
      if (held) await held;
      const s = await conn.stream(req);
      open.add(s);
      s.body.once('close', () => open.delete(s));
      return s;
    },
  };
  return {
    conn: wrapped,
    cut() {
      held = new Promise((r) => {
        release = r;
      });
      for (const s of open) s.close();
    },
    restore() {
      held = undefined;
      release();
    },
  };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('watch cache against kube-sim', () => {
  let sim: KubeSim;
  let conn: ClusterConnection;
  const cm = (name: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data: { a: name },
  });
  const create = (name: string) =>
    conn.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm(name) });
  const remove = (name: string) =>
    conn.request({ method: 'DELETE', path: `/api/v1/namespaces/default/configmaps/${name}` });

  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'empty', controllers: false, historySize: 5, bookmarkIntervalMs: 100 });
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig());
    conn = await createDirectConnection(kc, { requestMs: 10_000, connectMs: 5_000 });
  });
  afterAll(async () => {
    conn.close();
    await sim.close();
  });

  it('relists after 410 Gone and tells subscribers exactly what changed while it was cut off', async () => {
    for (const n of ['keep', 'gone']) expect((await create(n)).status).toBe(201);
    const net = interruptible(conn);
    const cache = createWatchCache(net.conn, configmaps, { maxObjects: 1000, pageSize: 2, logger });
    await cache.ready(10_000);
    const mine = () =>
      cache
        .list({ namespace: 'default' })
        .items.filter((o) => o.name !== 'kube-root-ca.crt')
        .map((o) => o.name);
    expect(mine()).toEqual(['gone', 'keep']);
    const events: CacheEvent[] = [];
    cache.subscribe((e) => events.push(e));

    net.cut();
    // More changes than the sim keeps (historySize 5): the old resourceVersion is now too old.
    expect((await remove('gone')).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await create(`new-${i}`)).status).toBe(201);
    for (let i = 0; i < 7; i++) expect((await remove(`new-${i}`)).status).toBe(200);
    net.restore();

    await until(() => cache.stats().relists === 2);
    expect(mine()).toEqual(['keep', 'new-7']);
    const seen = events.map((e) => `${e.type} ${e.entry.object().metadata.name}`).sort();
    expect(seen).toEqual(['ADDED new-7', 'DELETED gone']);
    cache.stop();
  });

  it('follows bookmarks so its resourceVersion keeps up when its own resource is quiet', async () => {
    const cache = createWatchCache(conn, configmaps, { maxObjects: 1000, pageSize: 100, logger });
    await cache.ready(10_000);
    const before = Number(cache.resourceVersion);
    const secret = await conn.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/secrets',
      body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'other', namespace: 'default' } },
    });
    const rv = Number(secret.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion);
    expect(rv).toBeGreaterThan(before);
    await until(() => Number(cache.resourceVersion) >= rv);
    cache.stop();
  });

  it('stops idle caches, keeps subscribed ones, and leaves over-large resources to the API server', async () => {
    const manager = createCacheManager({
      connection: async () => conn,
      logger,
      idleMs: 50,
      maxObjectsPerCache: 1000,
      maxBytes: 64 * 1024 * 1024,
      syncTimeoutMs: 10_000,
    });
    const cached = await manager.synced('c1', configmaps);
    expect(cached?.state).toBe('synced');
    const stopSub = manager.onEvent('c2', configmaps, () => undefined);
    await until(() => manager.stats().caches.length === 2);
    await new Promise((r) => setTimeout(r, 120));
    manager.sweep();
    expect(manager.stats().caches.map((c) => c.cluster)).toEqual(['c2']);
    expect(cached?.state).toBe('stopped');
    stopSub();
    await new Promise((r) => setTimeout(r, 120));
    manager.sweep();
    expect(manager.stats().caches).toEqual([]);
    manager.close();

    const small = createCacheManager({
      connection: async () => conn,
      logger,
      idleMs: 60_000,
      maxObjectsPerCache: 1,
      maxBytes: 64 * 1024 * 1024,
      syncTimeoutMs: 10_000,
    });
    expect(await small.synced('c1', configmaps)).toBeUndefined();
    small.close();

    // Over the byte budget: the synced cache is stopped and the read answers without it.
    const tight = createCacheManager({
      connection: async () => conn,
      logger,
      idleMs: 60_000,
      maxObjectsPerCache: 1000,
      maxBytes: 1,
      syncTimeoutMs: 10_000,
    });
    expect(await tight.synced('c1', configmaps)).toBeUndefined();
    expect(tight.stats().caches).toEqual([]);
    tight.close();
  });
});
