import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl, type Kubectl } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

describe('kubectl through the gateway (real kubectl, HTTPS, Argus tokens)', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let clusterId: string;
  let dir: string;
  let operator: Kubectl;
  let viewer: Kubectl;
  let ns: string;

  const kubeconfigFor = (name: string, token: string) => {
    const file = join(dir, `${name}.kubeconfig`);
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters:
- name: argus
  cluster:
    server: ${s.url}/api/clusters/${clusterId}/k8s
    certificate-authority-data: ${Buffer.from(s.caPem!).toString('base64')}
users:
- name: ${name}
  user:
    token: ${token}
contexts:
- name: argus
  context: {cluster: argus, user: ${name}, namespace: default}
current-context: argus
`,
    );
    return createKubectl(file);
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer({ tls: true }), startKubeSim({ scenario: 'demo', seed: 3 })]);
    dir = mkdtempSync(join(tmpdir(), 'argus-gateway-'));
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await res.json()) as { id: string }).id;
    const pods = (await (
      await s.fetch(`/api/clusters/${clusterId}/resources/core/v1/pods?fieldSelector=status.phase=Running`, {
        token: s.adminToken,
      })
    ).json()) as {
      items: Array<{ metadata: { namespace: string } }>;
    };
    ns = pods.items.find((p) => p.metadata.namespace !== 'kube-system')!.metadata.namespace;
    operator = kubeconfigFor('operator', await s.addUser('op', 'operator'));
    viewer = kubeconfigFor('viewer', await s.addUser('nsview', 'viewer', { cluster_id: clusterId, namespace: ns }));
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('as an operator: get, create, apply, logs, exec, delete', async () => {
    const all = await operator.run(['get', 'pods', '-A']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('kube-system');
    const created = await operator.run(['create', 'configmap', 'via-gateway', '-n', 'default', '--from-literal=a=1']);
    expect(created.code, created.stderr).toBe(0);
    const applied = await operator.run(['apply', '-f', '-'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied-gw\n  namespace: default\ndata:\n  x: "1"\n',
    });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('configmap/applied-gw created');
    const pod = (
      await operator.run([
        'get',
        'pods',
        '-n',
        ns,
        '--field-selector=status.phase=Running',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      ])
    ).stdout;
    const logs = await operator.run(['logs', '-n', ns, pod, '--tail=2']);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout.trim().split('\n').length).toBeLessThanOrEqual(2);
    const exec = await operator.run(['exec', '-n', ns, pod, '--', 'echo', 'hello-from-exec']);
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stdout).toContain('hello-from-exec');
    const del = await operator.run(['delete', 'configmap', 'via-gateway', 'applied-gw', '-n', 'default']);
    expect(del.code, del.stderr).toBe(0);
    const audit = await s.server.db.query<{ method: string; outcome: string }>(
      "SELECT method, outcome FROM audit_logs WHERE method = 'EXEC'",
    );
    expect(audit.rows).toEqual([{ method: 'EXEC', outcome: 'success' }]);
  });

  it('as a namespace-scoped viewer: cluster-wide lists hold only its namespace; elsewhere and writes are forbidden', async () => {
    const all = await viewer.run([
      'get',
      'pods',
      '-A',
      '-o',
      'jsonpath={range .items[*]}{.metadata.namespace}{"\\n"}{end}',
    ]);
    expect(all.code, all.stderr).toBe(0);
    const namespaces = new Set(all.stdout.trim().split('\n'));
    expect([...namespaces]).toEqual([ns]);
    const table = await viewer.run(['get', 'pods', '-A']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toContain('kube-system');
    const other = await viewer.run(['get', 'pods', '-n', 'kube-system']);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('Forbidden');
    const write = await viewer.run(['create', 'configmap', 'nope', '-n', ns]);
    expect(write.code).not.toBe(0);
    expect(write.stderr, write.stderr).toContain('forbidden');
    const mine = await viewer.run(['get', 'pods', '-n', ns]);
    expect(mine.code, mine.stderr).toBe(0);
  });
});
