/**
 * The whole alert side inside the real server (as `npm start` runs it), on kube-sim's demo scenario (the
 * objects reference/operators.md describes): the signals service owns the registered cluster, the analyzers
 * run on its watch caches, pod and Job signals roll up to their workloads, operator resources are judged by
 * their plugin's own health rules (the built-in plugins), and `GET /api/alerts` shows each caller only what
 * they may read.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../../test-support/cluster-test-kit.js';

let sim: KubeSim;
let s: ClusterTestServer;
let clusterId: string;

interface Item {
  type: string;
  severity: string;
  state: string;
  summary: string;
  resource_ref: { kind: string; namespace?: string; name: string; group: string };
}

beforeAll(async () => {
  // The demo scenario as loaded, without controllers: its objects stay as the scenario describes them.
  sim = await startKubeSim({ tls: false, scenario: 'demo', controllers: false });
  s = await startClusterTestServer({
    env: {
      ALERT_GRACE_SECONDS: '0',
      NOTIFY_GROUP_WAIT_SECONDS: '0',
      SIGNALS_EVAL_INTERVAL_MS: '200',
    },
  });
  const res = await s.fetch('/api/clusters', {
    method: 'POST',
    token: s.adminToken,
    body: JSON.stringify({ name: 'demo', kubeconfig: sim.kubeconfig() }),
  });
  expect(res.status).toBe(201);
  clusterId = ((await res.json()) as { id: string }).id;
}, 120_000);
afterAll(async () => {
  await s?.stop();
  await sim?.close();
});

async function alertsFor(token: string, query = ''): Promise<Item[]> {
  const res = await s.fetch(`/api/alerts${query}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
}

const key = (a: Item) => `${a.type} ${a.resource_ref.kind} ${a.resource_ref.namespace ?? ''}/${a.resource_ref.name}`;

describe('alerts from the demo cluster', () => {
  it('raises the demo’s problems as alerts about their workloads and operator resources', async () => {
    const expected = [
      'CrashLoopBackOff Deployment payments/fraud-detector',
      'JobFailed CronJob payments/settlement-report',
      'Unschedulable Deployment analytics/etl-batch',
      'OperatorResourceUnhealthy Backup analytics/pg-reporting-adhoc',
    ];
    const end = Date.now() + 90_000;
    let items: Item[] = [];
    while (Date.now() < end) {
      items = await alertsFor(s.adminToken, `?cluster_id=${clusterId}&state=firing`);
      if (expected.every((e) => items.some((a) => key(a) === e))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(items.map(key)).toEqual(expect.arrayContaining(expected));
    const backup = items.find(
      (a) => a.type === 'OperatorResourceUnhealthy' && a.resource_ref.name === 'pg-reporting-adhoc',
    );
    expect(backup).toMatchObject({ severity: 'critical', resource_ref: { group: 'postgresql.cnpg.io' } });
    expect(backup!.summary).toContain('Backup analytics/pg-reporting-adhoc is Failed');
    // Rolled up: no alert is about a single pod of a workload.
    expect(items.filter((a) => a.resource_ref.kind === 'Pod' && a.type === 'CrashLoopBackOff')).toEqual([]);
  });

  it('shows a namespace-scoped user only the alerts of their namespace', async () => {
    const payments = await s.addUser('payments-viewer', 'viewer', { cluster_id: clusterId, namespace: 'payments' });
    const seen = await alertsFor(payments);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((a) => a.resource_ref.namespace === 'payments')).toBe(true);
    expect(seen.map(key)).toContain('CrashLoopBackOff Deployment payments/fraud-detector');
  });
});
