import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../../test-support/cluster-test-kit.js';

interface Hit {
  source: string;
  source_id: string;
  cluster_id: string | null;
  content: string;
}

/** Runbook routes and knowledge search on the real server, with CRD schemas read from kube-sim's demo cluster. */
describe('/api/ai/runbooks and /api/ai/knowledge/search', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let clusterA: string;
  let clusterB: string;
  let viewer: string;
  let scopedToB: string;

  const json = (body: unknown) => JSON.stringify(body);
  const search = async (token: string, q: string) => {
    const res = await s.fetch(`/api/ai/knowledge/search?q=${encodeURIComponent(q)}&limit=10`, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as { items: Hit[]; mode: string };
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'demo', seed: 1 })]);
    const register = async (name: string) => {
      const res = await s.fetch('/api/clusters', {
        method: 'POST',
        token: s.adminToken,
        body: json({ name, kubeconfig: sim.kubeconfig() }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    clusterA = await register('sim-a');
    clusterB = await register('sim-b');
    viewer = await s.addUser('viewer', 'viewer');
    scopedToB = await s.addUser('only-b', 'viewer', { cluster_id: clusterB });
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('lets an admin upload, list and delete a runbook; others get 403; the audit log records it', async () => {
    const content = '# Kafka\n\n## Rebalance storm\nRestart the zebrafish-consumer one pod at a time.\n';
    const created = await s.fetch('/api/ai/runbooks', {
      method: 'POST',
      token: s.adminToken,
      body: json({ title: 'Kafka on-call', content }),
    });
    expect(created.status).toBe(201);
    const runbook = (await created.json()) as { id: string; chunks: number; size: number };
    expect(runbook).toMatchObject({ chunks: 1, size: content.length });

    for (const [method, path] of [
      ['GET', '/api/ai/runbooks'],
      ['POST', '/api/ai/runbooks'],
      ['DELETE', `/api/ai/runbooks/${runbook.id}`],
    ] as const) {
      const body = method === 'POST' ? json({ title: 'x', content: 'y' }) : null;
      const res = await s.fetch(path, { method, token: viewer, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }

    const listed = await s.fetch('/api/ai/runbooks', { token: s.adminToken });
    expect(((await listed.json()) as { items: Array<{ id: string }> }).items.map((r) => r.id)).toContain(runbook.id);

    // A viewer's search finds the runbook's section.
    const found = await search(viewer, 'zebrafish consumer rebalance');
    expect(found.items[0]).toMatchObject({ source: 'runbook', source_id: runbook.id });

    const removed = await s.fetch(`/api/ai/runbooks/${runbook.id}`, { method: 'DELETE', token: s.adminToken });
    expect(removed.status).toBe(204);
    const again = await s.fetch(`/api/ai/runbooks/${runbook.id}`, { method: 'DELETE', token: s.adminToken });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await search(viewer, 'zebrafish consumer rebalance')).items.map((i) => i.source)).not.toContain('runbook');

    const audit = await s.fetch('/api/audit-log?action=ai.runbook_create', { token: s.adminToken });
    const entries = ((await audit.json()) as { items: Array<{ outcome: string }> }).items;
    // The admin's upload succeeded; the viewer's attempt is recorded as denied.
    expect(entries.map((e) => e.outcome).sort()).toEqual(['denied', 'success']);
  });

  it('refuses an oversized or empty runbook with a stable code', async () => {
    const big = await s.fetch('/api/ai/runbooks', {
      method: 'POST',
      token: s.adminToken,
      body: json({ title: 'big', content: 'x'.repeat(262_145) }),
    });
    expect(big.status).toBe(400);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    const empty = await s.fetch('/api/ai/runbooks', {
      method: 'POST',
      token: s.adminToken,
      body: json({ title: ' ', content: 'text' }),
    });
    expect(empty.status).toBe(400);
  });

  it('answers from the knowledge base, and from CRD schemas only of the clusters the caller may read', async () => {
    const kb = await search(viewer, 'PersistentVolumeClaim stuck in Pending');
    expect(kb.items[0]).toMatchObject({ source: 'kb', source_id: 'pvc-pending' });

    // KEDA's ScaledObject CRD is served by the demo cluster: its schema is indexed per cluster. The first
    // search starts reading the clusters' CRDs and answers with what is indexed by then: ask until both are.
    const q = 'ScaledObject scaleTargetRef keda';
    const crdClusters = async (token: string) =>
      new Set((await search(token, q)).items.filter((i) => i.source === 'crd').map((i) => i.cluster_id));
    await expect
      .poll(() => crdClusters(viewer), { timeout: 60_000, interval: 1000 })
      .toEqual(new Set([clusterA, clusterB]));
    const all = await search(viewer, q);
    const crdHits = all.items.filter((i) => i.source === 'crd');
    expect(crdHits.map((i) => i.source_id)).toContain('scaledobjects.keda.sh');
    expect(new Set(crdHits.map((i) => i.cluster_id))).toEqual(new Set([clusterA, clusterB]));

    const onlyB = await search(scopedToB, 'ScaledObject scaleTargetRef keda');
    const bHits = onlyB.items.filter((i) => i.source === 'crd');
    expect(bHits.length).toBeGreaterThan(0);
    expect(bHits.every((i) => i.cluster_id === clusterB)).toBe(true);
  });

  it('says on /readyz whether retrieval has vectors or full-text search only (200 either way)', async () => {
    const res = await s.fetch('/readyz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { checks: { retrieval: { status: string; mode: string } } };
    expect(body.checks.retrieval).toMatchObject({ status: 'available', mode: 'hybrid' });
  });
});
