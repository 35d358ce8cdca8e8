/**
 * Drain and top against the real server and kube-sim: drain refuses (409 DRAIN_BLOCKED naming the budget) while
 * a PodDisruptionBudget allows no disruption and succeeds once it does, skipping DaemonSet pods; cordon and
 * drain need the whole cluster; usage from metrics.k8s.io filtered to the caller's namespaces, and
 * available=false without a metrics API.
 */
import type { DrainBlocked, DrainResponse, NodeTopResponse, PodTopResponse } from '@argus/contracts';
import type { KubeSim } from '@argus/kube-sim';
import type { Kubectl } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterTestServer } from '../test-support/cluster-test-kit.js';
import { type OperationsFixture, startOperationsFixture, until } from '../test-support/operations-fixture.js';

describe('operations: drain and top', () => {
  let f: OperationsFixture;
  let s: ClusterTestServer;
  let sim: KubeSim;
  let kubectl: Kubectl;
  let id = '';
  let viewer = '';
  let shopOperator = '';
  const api = <T = unknown>(method: string, path: string, token: string, body?: unknown) =>
    f.api<T>(method, path, token, body);
  const res = (resource: string) => f.res(resource);
  const kget = (args: string[]) => f.kget(args);

  beforeAll(async () => {
    f = await startOperationsFixture();
    ({ s, sim, kubectl, id, viewer, shopOperator } = f);
  });
  afterAll(async () => {
    await f?.stop();
  });

  it("serves usage from metrics.k8s.io, filtered to the caller's namespaces", async () => {
    await until('pod metrics', async () => {
      const top = await api<PodTopResponse>('GET', `/api/clusters/${id}/top/pods`, shopOperator);
      return top.body.available && top.body.items.length >= 2;
    });
    const top = await api<PodTopResponse>('GET', `/api/clusters/${id}/top/pods`, shopOperator);
    expect(top.body.items.every((p) => p.namespace === 'shop')).toBe(true);
    const web = top.body.items.find((p) => p.name.startsWith('web-'))!;
    expect(web.cpu_millicores).toBeGreaterThan(0);
    expect(web.memory_bytes).toBeGreaterThan(1024 * 1024);
    expect(web.requests).toEqual({ cpu_millicores: 100, memory_bytes: 64 * 2 ** 20 });
    expect(web.limits).toEqual({ cpu_millicores: 200, memory_bytes: 128 * 2 ** 20 });
    expect(web.containers.length).toBeGreaterThan(0);
    // A list's usage columns ask for the sums only.
    const sums = await api<PodTopResponse>('GET', `/api/clusters/${id}/top/pods?containers=false`, shopOperator);
    const webSums = sums.body.items.find((p) => p.name === web.name)!;
    expect(webSums.containers).toEqual([]);
    expect(webSums.requests).toEqual(web.requests);
    expect(webSums.limits).toEqual(web.limits);
    expect((await api('GET', `/api/clusters/${id}/top/pods?containers=maybe`, shopOperator)).status).toBe(400);
    const all = await api<PodTopResponse>('GET', `/api/clusters/${id}/top/pods`, viewer);
    expect(all.body.items.some((p) => p.namespace === 'payments')).toBe(true);
    expect((await api('GET', `/api/clusters/${id}/top/pods?namespace=payments`, shopOperator)).status).toBe(403);

    const nodes = await api<NodeTopResponse>('GET', `/api/clusters/${id}/top/nodes`, viewer);
    expect(nodes.body.available).toBe(true);
    expect(nodes.body.items.find((n) => n.name === 'worker-1')).toMatchObject({
      name: 'worker-1',
      allocatable: { cpu_millicores: 4000, memory_bytes: 32763400 * 1024 },
    });
    expect((await api('GET', `/api/clusters/${id}/top/nodes`, shopOperator)).status).toBe(403);
  });

  it('drain refuses while the PodDisruptionBudget allows no disruption, then succeeds', async () => {
    expect((await api('POST', `${res('nodes')}/worker-1/cordon`, shopOperator)).status).toBe(403);
    expect((await api('POST', `${res('nodes')}/worker-1/drain?namespace=shop`, shopOperator, {})).status).toBe(403);
    expect((await api('POST', `${res('nodes')}/worker-1/drain`, viewer, {})).status).toBe(403);

    const blocked = await api<DrainBlocked>('POST', `${res('nodes')}/worker-1/drain`, s.adminToken, {
      timeout_seconds: 2,
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('DRAIN_BLOCKED');
    expect(blocked.body.blocked.length).toBeGreaterThan(0);
    expect(blocked.body.blocked[0]!.reason).toContain('web-pdb');
    expect(blocked.body.error.message).toMatch(/[1-9]\d* evicted/); // ledger (no budget), and the finished job pod
    expect(await kget(['node', 'worker-1', '-o', 'jsonpath={.spec.unschedulable}'])).toBe('true');
    expect((await kget(['pods', '-n', 'shop', '-l', 'app=web', '-o', 'name'])).split('\n')).toHaveLength(2);

    // a second node for the replacements, and a budget that allows one disruption at a time
    await kubectl.run(['apply', '-f', '-'], {
      input:
        'apiVersion: v1\nkind: Node\nmetadata: {name: worker-2}\nstatus:\n  conditions: [{type: Ready, status: "True"}]\n',
    });
    await kubectl.run(['patch', 'pdb', '-n', 'shop', 'web-pdb', '--type=merge', '-p', '{"spec":{"minAvailable":1}}']);
    const drained = await api<DrainResponse>('POST', `${res('nodes')}/worker-1/drain`, s.adminToken, {
      timeout_seconds: 30,
    });
    expect(drained.status).toBe(200);
    expect(drained.body.skipped).toContainEqual(
      expect.objectContaining({ namespace: 'shop', reason: 'DaemonSet-managed pod (ignored)' }),
    );
    const evicted = drained.body.evicted.map((p) => `${p.namespace}/${p.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')}`);
    expect(evicted.filter((p) => p === 'shop/web')).toHaveLength(2);
    // payments/ledger (no budget) went in the first, refused drain already: every running pod has left worker-1
    // every pod but the DaemonSet's has left worker-1
    await until('pods moved', async () => {
      const placed = (
        await kget(['pods', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.nodeName}{"\\n"}{end}'])
      ).split('\n');
      return placed.length > 1 && placed.every((p) => p.startsWith('agent-') || !p.endsWith('=worker-1'));
    });

    const uncordoned = await api<{ unschedulable: boolean }>('POST', `${res('nodes')}/worker-1/uncordon`, s.adminToken);
    expect(uncordoned.body).toEqual({ unschedulable: false });
    expect(await kget(['node', 'worker-1', '-o', 'jsonpath={.spec.unschedulable}'])).toBe('');
  });

  it('answers available=false, not an error, when the cluster serves no metrics.k8s.io', async () => {
    sim.registry.remove('metrics.k8s.io', 'v1beta1', 'pods');
    sim.registry.remove('metrics.k8s.io', 'v1beta1', 'nodes');
    const pods = await api<PodTopResponse>('GET', `/api/clusters/${id}/top/pods`, viewer);
    expect(pods.status).toBe(200);
    expect(pods.body).toMatchObject({ available: false, items: [] });
    expect(pods.body.reason).toContain('metrics-server');
    const nodes = await api<NodeTopResponse>('GET', `/api/clusters/${id}/top/nodes`, viewer);
    expect(nodes.body).toMatchObject({ available: false, items: [] });
  });
});
