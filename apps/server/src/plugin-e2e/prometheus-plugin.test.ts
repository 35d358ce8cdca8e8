/**
 * End to end: Argus API → the built-in Prometheus plugin → kube-sim's service proxy → a real Prometheus
 * scraping Argus's own /metrics. Also RBAC as the engine applies it: a namespace-scoped viewer may not
 * run raw PromQL but may chart its namespace.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { waitFor } from '@argus/kube-sim/testing';
import {
  addPrometheusService,
  ensureNamespaces,
  type RealPrometheus,
  startRealPrometheus,
} from '@argus/plugin-prometheus/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
type Json = Record<string, any>;

describe('Prometheus plugin through the real server', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let prom: RealPrometheus;
  let clusterId: string;
  let base: string;
  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await s.fetch(path, { token: s.adminToken, ...init });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'empty', controllers: false })]);
    prom = await startRealPrometheus([
      { job: 'argus', address: new URL(s.url).host, labels: { namespace: 'argus', pod: 'argus-server-0' } },
    ]);
    ensureNamespaces(sim, ['argus']);
    addPrometheusService(sim, prom.port);
    const created = await api('/api/clusters', {
      method: 'POST',
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    expect(created.status).toBe(201);
    clusterId = created.body.id as string;
    base = `/api/plugins/prometheus/clusters/${clusterId}`;
  });

  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close(), prom?.close()]);
  });

  it('finds Prometheus through the service proxy and answers PromQL over Argus’s own metrics', async () => {
    const status = await api(`${base}/status`);
    expect(status).toMatchObject({
      status: 200,
      body: { source: 'discovered', service: { name: 'prometheus-operated', port: 'web' }, reachable: true },
    });
    let up: Json = {};
    await waitFor(
      async () => {
        up = await api(`${base}/query?query=${encodeURIComponent('argus_process_resident_memory_bytes{job="argus"}')}`);
        return up.status === 200 && up.body.data.result.length > 0;
      },
      60_000,
      250,
    );
    expect(up.body).toMatchObject({ status: 'success', data: { resultType: 'vector' } });
    expect(Number(up.body.data.result[0].value[1])).toBeGreaterThan(0);
    const bad = await api(`${base}/query?query=${encodeURIComponent('rate(up[')}`);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'PROMETHEUS_QUERY_FAILED' } } });
  });

  it('charts the server’s own CPU and memory, labelled as process metrics', async () => {
    let usage: Json = {};
    await waitFor(
      async () => {
        usage = await api(`${base}/usage?scope=namespace&namespace=argus&range=15m`);
        return usage.status === 200 && usage.body.cpu.series[0]?.points.length > 0;
      },
      60_000,
      250,
    );
    expect(usage.body.source).toBe('process');
    expect(usage.body.note).toMatch(/no container \(cAdvisor\) metrics/);
    expect(usage.body.memory.series[0].labels).toMatchObject({ job: 'argus' });
  });

  it('keeps raw PromQL from a namespace-scoped viewer but charts its namespace', async () => {
    const scoped = await s.addUser('argus-ns-viewer', 'viewer', { cluster_id: clusterId, namespace: 'argus' });
    const viewer = await s.addUser('cluster-viewer', 'viewer');
    const q = `${base}/query?query=up`;
    expect((await api(q, { token: scoped })).status).toBe(403);
    expect((await api(q, { token: viewer })).status).toBe(200);
    expect((await api(`${base}/usage?scope=namespace&namespace=argus`, { token: scoped })).status).toBe(200);
    expect((await api(`${base}/usage?scope=namespace&namespace=other`, { token: scoped })).status).toBe(403);
    expect((await api(`${base}/config`, { token: viewer })).status).toBe(403);
    const put = await api(`${base}/config`, {
      token: viewer,
      method: 'PUT',
      body: JSON.stringify({ discovery: false }),
    });
    expect(put.status).toBe(403);
  });
});
