/**
 * PodDisruptionBudgets, policy/v1 Eviction and ResourceQuota/LimitRange against the real kubectl: the budget's
 * status follows its pods, `kubectl drain` is refused while the budget allows no disruption and succeeds once it
 * does, and a quota's status.used sums its namespace's pods.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';
import { findKubectl, kubectlRunner } from './kubectl-test-helpers.js';

const bin = findKubectl();

const manifest = `
apiVersion: v1
kind: Node
metadata: { name: worker-1 }
status:
  conditions: [{ type: Ready, status: "True" }]
  allocatable: { cpu: "4", memory: 8Gi, pods: "110" }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: nginx:1.27
          resources: { requests: { cpu: 250m, memory: 128Mi }, limits: { cpu: 500m, memory: 256Mi } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api-pdb, namespace: shop }
spec:
  minAvailable: 2
  selector: { matchLabels: { app: api } }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: compute, namespace: shop }
spec:
  hard: { requests.cpu: "2", requests.memory: 2Gi, limits.cpu: "4", pods: "10", configmaps: "5" }
---
apiVersion: v1
kind: LimitRange
metadata: { name: defaults, namespace: shop }
spec:
  limits:
    - type: Container
      default: { cpu: 500m, memory: 256Mi }
      defaultRequest: { cpu: 100m, memory: 64Mi }
`;

describe.skipIf(!bin)('PodDisruptionBudget, eviction and quotas with kubectl', () => {
  let sim: KubeSim;
  let dir: string;
  let kubectl: ReturnType<typeof kubectlRunner>;

  const until = async (what: string, check: () => Promise<boolean>, ms = 15_000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  /** POST …/pods/{pod}/eviction straight to the API server. */
  const evict = (pod: string) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const url = new URL(`${sim.url}/api/v1/namespaces/shop/pods/${pod}/eviction`);
      const req = httpsRequest(
        url,
        {
          method: 'POST',
          ca: sim.caPem,
          headers: { authorization: `Bearer ${sim.tokens.admin}`, 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
          );
        },
      );
      req.on('error', reject);
      req.end(
        JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: 'shop' } }),
      );
    });
  const jsonpath = async (args: string[], path: string) =>
    (await kubectl.run([...args, '-o', `jsonpath=${path}`])).stdout.trim();

  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'empty', tls: true, controllerTimings: { startMs: 300 } });
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-pdb-'));
    const file = join(dir, 'kubeconfig');
    sim.writeKubeconfig(file);
    kubectl = kubectlRunner(bin!, file);
    const applied = await kubectl.run(['apply', '-f', '-'], manifest);
    expect(applied.stderr).toBe('');
    const status = await kubectl.run(['rollout', 'status', '-n', 'shop', 'deployment/api', '--timeout=30s']);
    expect(status.code).toBe(0);
  });

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("computes the budget's status from its pods", async () => {
    await until(
      'pdb status',
      async () => (await jsonpath(['get', 'pdb', '-n', 'shop', 'api-pdb'], '{.status.currentHealthy}')) === '2',
    );
    const st = JSON.parse((await kubectl.run(['get', 'pdb', '-n', 'shop', 'api-pdb', '-o', 'json'])).stdout).status;
    expect(st).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 2 });
    expect(st.conditions[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' });
  });

  it('kubectl drain is refused while the budget allows no disruption, then succeeds', async () => {
    const refused = await kubectl.run(['drain', 'worker-1', '--ignore-daemonsets', '--timeout=3s']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Cannot evict pod as it would violate the pod's disruption budget");
    // the Status names the budget in its causes (kubectl prints only the message)
    const pod = await jsonpath(['get', 'pods', '-n', 'shop', '-l', 'app=api'], '{.items[0].metadata.name}');
    const refusal = await evict(pod);
    expect(refusal.status).toBe(429);
    expect(refusal.body).toMatchObject({
      reason: 'TooManyRequests',
      details: {
        causes: [
          { reason: 'DisruptionBudget', message: expect.stringContaining('api-pdb needs 2 healthy pods and has 2') },
        ],
      },
    });
    expect(await jsonpath(['get', 'node', 'worker-1'], '{.spec.unschedulable}')).toBe('true');
    // both pods are still there
    expect(
      (await jsonpath(['get', 'pods', '-n', 'shop', '-l', 'app=api'], '{.items[*].metadata.name}')).split(' '),
    ).toHaveLength(2);

    const patched = await kubectl.run([
      'patch',
      'pdb',
      '-n',
      'shop',
      'api-pdb',
      '--type=merge',
      '-p',
      '{"spec":{"minAvailable":1}}',
    ]);
    expect(patched.code).toBe(0);
    await until(
      'disruptions allowed',
      async () => (await jsonpath(['get', 'pdb', '-n', 'shop', 'api-pdb'], '{.status.disruptionsAllowed}')) === '1',
    );
    // one pod goes at once; the other once its replacement is Ready (the replacement cannot schedule on the
    // cordoned node, so the budget stays at 1 healthy: the second eviction keeps being refused)
    const drained = await kubectl.run(['drain', 'worker-1', '--ignore-daemonsets', '--timeout=4s']);
    expect(drained.stdout + drained.stderr).toMatch(/evicting pod shop\/api-/);
    expect(drained.stdout).toMatch(/pod\/api-\S+ evicted/);
  });

  it("sums the namespace's pods into the quota's status.used", async () => {
    await kubectl.run(['uncordon', 'worker-1']);
    await kubectl.run(['rollout', 'status', '-n', 'shop', 'deployment/api', '--timeout=30s']);
    await until('quota used', async () => {
      const used = JSON.parse((await kubectl.run(['get', 'quota', '-n', 'shop', 'compute', '-o', 'json'])).stdout)
        .status?.used;
      return used?.pods === '2' && used?.['requests.cpu'] === '500m';
    });
    const quota = JSON.parse(
      (await kubectl.run(['get', 'resourcequota', '-n', 'shop', 'compute', '-o', 'json'])).stdout,
    );
    expect(quota.status.hard['requests.cpu']).toBe('2');
    expect(quota.status.used).toMatchObject({
      'requests.cpu': '500m',
      'requests.memory': '256Mi',
      'limits.cpu': '1',
      pods: '2',
      configmaps: '0',
    });
    // kubectl's table: REQUEST and LIMIT as used/hard
    const table = (await kubectl.run(['get', 'quota', '-n', 'shop'])).stdout;
    expect(table).toMatch(/^NAME\s+AGE\s+REQUEST\s+LIMIT$/m);
    expect(table).toContain('pods: 2/10');
    expect(table).toContain('requests.cpu: 500m/2');
    expect(table).toContain('limits.cpu: 1/4');
    expect((await kubectl.run(['get', 'pdb', '-n', 'shop'])).stdout).toMatch(/^api-pdb\s+1\s+N\/A\s+\d+\s/m);
    const lr = await kubectl.run([
      'get',
      'limits',
      '-n',
      'shop',
      'defaults',
      '-o',
      'jsonpath={.spec.limits[0].default.cpu}',
    ]);
    expect(lr.stdout).toBe('500m');
  });
});
