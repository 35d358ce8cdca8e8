/**
 * Real `kubectl port-forward` (1.32: SPDY tunneled in a WebSocket) through the Argus kubectl gateway to
 * kube-sim, with a downloaded kubeconfig: an operator reaches what answers in the pod; a viewer (no
 * `pods:exec`, which port-forward needs) is refused before anything is forwarded.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl, waitFor } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../../test-support/cluster-test-kit.js';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: pf, namespace: default }
spec:
  replicas: 1
  selector: { matchLabels: { app: pf } }
  template:
    metadata: { labels: { app: pf } }
    spec:
      containers: [{ name: web, image: "nginx:1.27", ports: [{ containerPort: 8080 }] }]
`;

describe('kubectl port-forward through the Argus gateway', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let clusterId: string;
  let dir: string;
  let pod: string;

  const kubectlAs = async (name: string, token: string) => {
    const res = await s.fetch(`/api/clusters/${clusterId}/kubeconfig`, { method: 'POST', token });
    const body = (await res.json()) as { kubeconfig: string };
    const file = join(dir, `${name}.kubeconfig`);
    writeFileSync(file, body.kubeconfig);
    return createKubectl(file);
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer({ tls: true }), startKubeSim({ scenario: 'empty' })]);
    dir = mkdtempSync(join(tmpdir(), 'argus-portforward-'));
    sim.writeKubeconfig(join(dir, 'direct'));
    const direct = createKubectl(join(dir, 'direct'));
    await direct.run(['apply', '-f', '-'], { input: DEPLOYMENT });
    const first = (path: string) => direct.run(['get', 'pods', '-l', 'app=pf', '-o', `jsonpath={.items[0].${path}}`]);
    await waitFor(async () => (await first('status.phase')).stdout === 'Running', 30_000, 200);
    pod = (await first('metadata.name')).stdout;
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'pf', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await res.json()) as { id: string }).id;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('forwards an operator’s local port to the pod, and refuses a viewer', async () => {
    const operator = await kubectlAs('op', await s.addUser('pf-op', 'operator'));
    const pf = operator.spawn(['port-forward', `pod/${pod}`, ':8080', '-n', 'default', '--address', '127.0.0.1']);
    try {
      await waitFor(() => /Forwarding from 127\.0\.0\.1:\d+ -> 8080/.test(pf.output()), 30_000, 100);
      const local = Number(/127\.0\.0\.1:(\d+) -> 8080/.exec(pf.output())![1]);
      const res = await fetch(`http://127.0.0.1:${local}/through-argus`);
      expect(await res.text()).toBe(`kube-sim nginx:1.27 on default/${pod}:8080: GET /through-argus\n`);
    } finally {
      pf.child.kill();
    }
    const viewer = await kubectlAs('view', await s.addUser('pf-view', 'viewer'));
    const refused = await viewer.run(['port-forward', `pod/${pod}`, ':8080', '-n', 'default'], { timeoutMs: 20_000 });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/[Ff]orbidden|403/);
  }, 90_000);
});
