import type { Socket } from 'node:net';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';
import { connectAs, type Msg, wsUrl } from './ws-test-client.js';

const metric = (text: string, name: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith(name))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);

describe('/ws slow clients: bounded buffers, resync instead of growth', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let clusterId: string;

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer({
        env: {
          WS_SEND_BUFFER_BYTES: String(1024 * 1024),
          WS_SEND_BUFFER_MESSAGES: '500',
          WS_PING_INTERVAL_MS: '60000',
        },
      }),
      startKubeSim({ scenario: 'scale', pods: 60, seed: 3, churnPerSecond: 20 }),
    ]);
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('a client that stops reading gets a resync; the others keep their latency', async () => {
    const url = wsUrl(s.url);
    const fast = await connectAs(url, s.adminToken);
    const slow = await connectAs(url, s.adminToken);
    for (const c of [fast, slow]) {
      for (const [id, resource] of [
        ['cms', 'configmaps'],
        ['pods', 'pods'],
      ] as const) {
        c.send({ type: 'subscribe', id, cluster: clusterId, group: 'core', version: 'v1', resource });
        await c.next((m) => m.type === 'subscribed' && m.id === id);
      }
    }
    (slow.ws as unknown as { _socket: Socket })._socket.pause();

    const base = `/api/clusters/${clusterId}/resources/core/v1/configmaps`;
    const big = (i: number) => ({ i: String(i), blob: 'x'.repeat(400 * 1024) });
    const created = await s.fetch(`${base}?namespace=default`, {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: big(0) }),
    });
    expect(created.status).toBe(201);
    const latencies: number[] = [];
    for (let i = 1; i <= 40; i++) {
      const from = fast.messages.length;
      const res = await s.fetch(`${base}/big?namespace=default`, {
        method: 'PATCH',
        token: s.adminToken,
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ data: big(i) }),
      });
      expect(res.status).toBe(200);
      const t = performance.now();
      const m = await fast
        .next((x) => x.type === 'event' && x.id === 'cms' && x.object.data?.i === String(i), 2_000, from)
        .catch((e) => {
          throw new Error(
            `change ${i}: ${fast.messages
              .slice(from)
              .map((x) => `${x.type}/${x.id}/${x.object?.metadata?.name}/${x.object?.data?.i}`)
              .join(',')} ${String(e).slice(0, 300)}`,
          );
        });
      latencies.push(fast.times[fast.messages.indexOf(m)]! - t);
      const text = await (await s.fetch('/metrics')).text();
      if (metric(text, 'argus_ws_resyncs_total{reason="slow_client"}') > 0 && i >= 20) break;
    }
    const text = await (await s.fetch('/metrics')).text();
    const resyncs = metric(text, 'argus_ws_resyncs_total{reason="slow_client"}');
    const dropped = metric(text, 'argus_ws_dropped_events_total');
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length / 2)]!;
    const max = latencies[latencies.length - 1]!;
    console.log(
      `slow client: ${resyncs} resync(s), ${dropped} events dropped; fast client latency after PATCH over ${latencies.length} changes of 400 KiB: p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );
    expect(resyncs).toBeGreaterThanOrEqual(1);
    expect(max).toBeLessThan(1_000);
    expect(fast.messages.some((m) => m.type === 'resync')).toBe(false);

    // Reading again: the slow client finds the resync among what was buffered, and the connection still works.
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    const resync = await slow.next((m: Msg) => m.type === 'resync', 10_000);
    expect(resync).toMatchObject({ reason: 'slow_client' });
    const from = slow.messages.length;
    slow.send({
      type: 'subscribe',
      id: resync.id,
      cluster: clusterId,
      group: 'core',
      version: 'v1',
      resource: resync.id === 'cms' ? 'configmaps' : 'pods',
      sendInitial: true,
    });
    await slow.next((m) => m.type === 'synced' && m.id === resync.id, 10_000, from);
    fast.close();
    slow.close();
  });
});
