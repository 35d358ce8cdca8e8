/**
 * The cluster the operations tests act on: the real server in process and kube-sim with a Deployment (two
 * revisions), a PodDisruptionBudget, a StatefulSet, a DaemonSet, a CronJob and a Secret in `shop`, a
 * Deployment in `payments`, all on worker-1 (the scenario's node-1 is cordoned); a viewer and an operator of
 * `shop`; the real kubectl on the same cluster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl, type Kubectl } from '@argus/kube-sim/testing';
import { type ClusterTestServer, startClusterTestServer } from './cluster-test-kit.js';

export const MANIFEST = `
apiVersion: v1
kind: Node
metadata: { name: worker-1 }
status:
  conditions: [{ type: Ready, status: "True" }]
  allocatable: { cpu: "4", memory: 32763400Ki, pods: "110" }
  capacity: { cpu: "4", memory: 32865800Ki, pods: "110" }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: Namespace
metadata: { name: payments }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.26
          resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { cpu: 200m, memory: 128Mi } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web-pdb, namespace: shop }
spec:
  minAvailable: 2
  selector: { matchLabels: { app: web } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ledger, namespace: payments }
spec:
  replicas: 1
  selector: { matchLabels: { app: ledger } }
  template:
    metadata: { labels: { app: ledger } }
    spec:
      containers: [{ name: ledger, image: nginx:1.27 }]
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: shop }
stringData: { password: hunter2-secret-value }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: cache, namespace: shop }
spec:
  replicas: 1
  serviceName: cache
  selector: { matchLabels: { app: cache } }
  template:
    metadata: { labels: { app: cache } }
    spec:
      containers: [{ name: redis, image: "redis:7.0" }]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: shop }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers: [{ name: agent, image: "fluent-bit:3.0" }]
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: report, image: busybox:1.36, command: [sh, -c, "echo done"] }]
`;

export interface OperationsFixture {
  s: ClusterTestServer;
  sim: KubeSim;
  kubectl: Kubectl;
  /** The cluster's id in Argus. */
  id: string;
  viewer: string;
  shopOperator: string;
  api<T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** `/api/clusters/{id}/resources/{group}/{version}/{resource}` of the kinds the tests use. */
  res(resource: string): string;
  /** `kubectl get …` output, trimmed. */
  kget(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function must(what: string, run: Promise<{ code: number; stderr: string }>): Promise<void> {
  const r = await run;
  if (r.code !== 0) throw new Error(`${what}: ${r.stderr}`);
}

export async function startOperationsFixture(): Promise<OperationsFixture> {
  const [s, sim] = await Promise.all([
    startClusterTestServer(),
    startKubeSim({ scenario: 'empty', controllerTimings: { startMs: 300 } }),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'argus-operations-'));
  const file = join(dir, 'kubeconfig');
  sim.writeKubeconfig(file);
  const kubectl = createKubectl(file);
  const api = async <T = unknown>(method: string, path: string, token: string, body?: unknown) => {
    const res = await s.fetch(path, { method, token, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  // the empty scenario's own node-1 stays cordoned: every pod lands on worker-1
  await must('cordon node-1', kubectl.run(['cordon', 'node-1']));
  await must('apply', kubectl.run(['apply', '-f', '-'], { input: MANIFEST }));
  const rollout = () =>
    must('rollout', kubectl.run(['rollout', 'status', '-n', 'shop', 'deployment/web', '--timeout=30s']));
  await rollout();
  // a second revision: the image changes
  await must('set image', kubectl.run(['set', 'image', '-n', 'shop', 'deployment/web', 'web=nginx:1.27']));
  await rollout();
  const created = await api<{ id: string }>('POST', '/api/clusters', s.adminToken, {
    name: 'ops',
    kubeconfig: sim.kubeconfig(),
  });
  const id = created.body.id;
  const viewer = await s.addUser('ops-viewer', 'viewer');
  const shopOperator = await s.addUser('shop-operator', 'operator', { cluster_id: id, namespace: 'shop' });
  const group = (resource: string) =>
    resource === 'nodes' || resource === 'secrets' ? 'core/v1' : resource === 'cronjobs' ? 'batch/v1' : 'apps/v1';
  return {
    s,
    sim,
    kubectl,
    id,
    viewer,
    shopOperator,
    api,
    res: (resource) => `/api/clusters/${id}/resources/${group(resource)}/${resource}`,
    kget: async (args) => (await kubectl.run(['get', ...args])).stdout.trim(),
    async stop() {
      await Promise.all([s.stop(), sim.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
