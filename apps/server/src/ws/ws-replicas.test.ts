import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningServer } from '../lifecycle/start-server.js';
import { type ReplicaSet, startReplicas } from '../test-support/replica-set.js';
import { connectAs, type Msg, type TestClient, wsUrl } from './ws-test-client.js';

const PODS = { group: 'core', version: 'v1', resource: 'pods' };
const key = (o: Msg) => `${o.metadata.namespace}/${o.metadata.name}`;

/** Two replicas behind one (imaginary) load balancer: one PostgreSQL database, the same secrets, own watch caches. */
describe.skipIf(!inject('postgresAdminUrl'))('/ws across replicas', () => {
  let set: ReplicaSet;
  let replicas: RunningServer[] = [];
  const clients: TestClient[] = [];
  let sim: KubeSim;
  let token: string;
  let clusterId: string;
  const http = (r: RunningServer, path: string, init: RequestInit = {}) => set.http(r, path, init);
  const client = async (r: RunningServer) => {
    const c = await connectAs(wsUrl(r.url.replace('localhost', '127.0.0.1')), token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'scale', pods: 60, seed: 21, churnPerSecond: 20 });
    set = await startReplicas(2);
    replicas = set.replicas;
    token = set.admin.token;
    const [a] = replicas as [RunningServer, RunningServer];
    const res = await http(a, '/api/clusters', {
      method: 'POST',
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await set?.close();
    await sim?.close();
  });

  it('a change made through replica A reaches a client of replica B (B watches the cluster itself)', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const onA = await client(a);
    const onB = await client(b);
    for (const c of [onA, onB]) {
      c.send({
        type: 'subscribe',
        id: 'cms',
        cluster: clusterId,
        group: 'core',
        version: 'v1',
        resource: 'configmaps',
      });
      await c.next((m) => m.type === 'subscribed', 10_000);
    }
    const t0 = performance.now();
    const created = await http(a, `/api/clusters/${clusterId}/resources/core/v1/configmaps?namespace=default`, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'across' }, data: { a: '1' } }),
    });
    expect(created.status).toBe(201);
    const isIt = (m: Msg) => m.type === 'event' && m.object.metadata.name === 'across';
    const [ea, eb] = await Promise.all([onA.next(isIt, 1_000), onB.next(isIt, 1_000)]);
    const latency = onB.times[onB.messages.indexOf(eb)]! - t0;
    console.log(`change through replica A → client on replica B: ${latency.toFixed(1)} ms after the request started`);
    expect(latency).toBeLessThan(1_000);
    // Same cluster, same resourceVersion: resume points are valid on every replica.
    expect(eb.object.metadata.resourceVersion).toBe(ea.object.metadata.resourceVersion);
  });

  it('a client of replica A that reconnects to replica B resumes from its resourceVersion', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    // B already follows pods (another client there), so its ring covers the gap.
    const other = await client(b);
    other.send({ type: 'subscribe', id: 'p', cluster: clusterId, ...PODS });
    await other.next((m) => m.type === 'subscribed', 10_000);

    const state = new Map<string, string>();
    const apply = (m: Msg) => {
      if (m.event === 'DELETED') state.delete(key(m.object));
      else state.set(key(m.object), m.object.metadata.resourceVersion);
    };
    const first = await client(a);
    first.send({ type: 'subscribe', id: 'p', cluster: clusterId, ...PODS, sendInitial: true });
    await first.next((m) => m.type === 'synced', 10_000);
    await new Promise((r) => setTimeout(r, 500));
    first.close();
    await first.closed;
    let lastRv = 0n;
    for (const m of first.messages) {
      if (m.type === 'event') {
        apply(m);
        lastRv =
          BigInt(m.object.metadata.resourceVersion) > lastRv ? BigInt(m.object.metadata.resourceVersion) : lastRv;
      } else if (m.type === 'synced' && BigInt(m.resourceVersion) > lastRv) lastRv = BigInt(m.resourceVersion);
    }
    await new Promise((r) => setTimeout(r, 1_000));

    const resumed = await client(b);
    resumed.send({ type: 'subscribe', id: 'p', cluster: clusterId, ...PODS, resourceVersion: String(lastRv) });
    await resumed.next((m) => m.type === 'synced' || m.type === 'resync', 10_000);
    expect(resumed.messages.some((m) => m.type === 'resync')).toBe(false);

    const fresh = await client(b);
    fresh.send({ type: 'subscribe', id: 'f', cluster: clusterId, ...PODS, sendInitial: true });
    const synced = await fresh.next((m) => m.type === 'synced', 10_000);
    const at = BigInt(synced.resourceVersion);
    const truth = new Map<string, string>();
    // The initial state only: what came before `synced`.
    for (const m of fresh.messages.slice(0, fresh.messages.indexOf(synced)))
      if (m.type === 'event') truth.set(key(m.object), m.object.metadata.resourceVersion);
    await resumed.next((m) => m.type === 'event' && BigInt(m.object.metadata.resourceVersion) > at, 5_000);
    for (const m of resumed.messages)
      if (m.type === 'event' && BigInt(m.object.metadata.resourceVersion) <= at) apply(m);
    expect(Object.fromEntries(state)).toEqual(Object.fromEntries(truth));
  });
});
