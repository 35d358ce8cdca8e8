/**
 * "Download kubeconfig": the file works with the real kubectl as the user who downloaded it — under that
 * user's Argus RBAC (a namespace-scoped viewer reads its namespace only, cannot write), audited, with an
 * API key the user sees and can revoke (then kubectl is refused).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../../test-support/cluster-test-kit.js';
import { KUBECONFIG_HTTP_WARNING } from './cluster-kubeconfig.js';

interface Downloaded {
  kubeconfig: string;
  server: string;
  context: string;
  api_key: { id: string; name: string; scope: string; expires_at: string };
  warnings: string[];
}

describe('download a kubeconfig for a cluster', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let clusterId: string;
  let dir: string;

  const download = async (token: string, body?: unknown) => {
    const res = await s.fetch(`/api/clusters/${clusterId}/kubeconfig`, {
      method: 'POST',
      token,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Downloaded & { error?: { code: string } } };
  };
  const kubectlWith = (name: string, kubeconfig: string) => {
    const file = join(dir, `${name}.kubeconfig`);
    writeFileSync(file, kubeconfig);
    return createKubectl(file);
  };

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer({ tls: true }), startKubeSim({ scenario: 'demo', seed: 8 })]);
    dir = mkdtempSync(join(tmpdir(), 'argus-kubeconfig-'));
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'Prod EU', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('works with the real kubectl as the user, within the user’s namespace, and is audited', async () => {
    const viewer = await s.addUser('kcview', 'viewer', { cluster_id: clusterId, namespace: 'payments' });
    const got = await download(viewer);
    expect(got.status).toBe(201);
    expect(got.body.server).toBe(`${s.url}/api/clusters/${clusterId}/k8s`);
    expect(got.body.context).toBe('argus-prod-eu');
    expect(got.body.warnings).toEqual([]);
    expect(got.body.kubeconfig).toContain('certificate-authority-data:');
    const kubectl = kubectlWith('viewer', got.body.kubeconfig);

    const mine = await kubectl.run(['get', 'pods', '-n', 'payments', '-o', 'name']);
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stdout).toContain('pod/');
    const other = await kubectl.run(['get', 'pods', '-n', 'kube-system']);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/forbidden/i);
    const write = await kubectl.run(['create', 'configmap', 'nope', '-n', 'payments', '--from-literal=a=1']);
    expect(write.code).not.toBe(0);
    expect(write.stderr).toMatch(/forbidden/i);

    const keys = (await (await s.fetch('/api/auth/api-keys', { token: viewer })).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    expect(keys.items.map((k) => k.id)).toContain(got.body.api_key.id);
    expect(got.body.api_key.name).toMatch(/^kubeconfig Prod EU /);
    const audit = (await (await s.fetch('/api/audit-log?action=api_key.create', { token: s.adminToken })).json()) as {
      items: Array<{ action: string; resource_path?: string; path?: string }>;
    };
    expect(JSON.stringify(audit.items)).toContain(`/api/clusters/${clusterId}/kubeconfig`);

    const revoked = await s.fetch(`/api/auth/api-keys/${got.body.api_key.id}`, { method: 'DELETE', token: viewer });
    expect(revoked.status).toBe(204);
    const after = await kubectl.run(['get', 'pods', '-n', 'payments']);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/Unauthorized|must be logged in/i);
  });

  it('a read-scoped key reads but does not write, even for an operator', async () => {
    const operator = await s.addUser('kcop', 'operator');
    const got = await download(operator, { scope: 'read', expires_in_days: 1 });
    expect(got.status).toBe(201);
    expect(Date.parse(got.body.api_key.expires_at) - Date.now()).toBeLessThanOrEqual(86_400_000);
    const kubectl = kubectlWith('operator-read', got.body.kubeconfig);
    expect((await kubectl.run(['get', 'ns'])).code).toBe(0);
    const write = await kubectl.run(['create', 'configmap', 'nope', '-n', 'default', '--from-literal=a=1']);
    expect(write.code).not.toBe(0);
  });

  it('refuses a user without access to the cluster, an unknown cluster and bad input', async () => {
    const res0 = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'other', kubeconfig: sim.kubeconfig() }),
    });
    const otherId = ((await res0.json()) as { id: string }).id;
    const stranger = await s.addUser('kcstranger', 'viewer', { cluster_id: otherId });
    expect((await download(stranger)).status).toBe(403);
    const bad = await download(s.adminToken, { expires_in_days: 0 });
    expect(bad.status).toBe(400);
    const res = await s.fetch('/api/clusters/00000000-0000-4000-8000-000000000001/kubeconfig', {
      method: 'POST',
      token: s.adminToken,
    });
    expect(res.status).toBe(404);
  });
});

describe('download a kubeconfig from a server without HTTPS', () => {
  it('says kubectl needs HTTPS for the token', async () => {
    const [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'empty' })]);
    try {
      const res = await s.fetch('/api/clusters', {
        method: 'POST',
        token: s.adminToken,
        body: JSON.stringify({ name: 'plain', kubeconfig: sim.kubeconfig() }),
      });
      const id = ((await res.json()) as { id: string }).id;
      const got = (await (
        await s.fetch(`/api/clusters/${id}/kubeconfig`, { method: 'POST', token: s.adminToken })
      ).json()) as Downloaded;
      expect(got.server.startsWith('http://')).toBe(true);
      expect(got.warnings).toEqual([KUBECONFIG_HTTP_WARNING]);
      expect(got.kubeconfig).not.toContain('certificate-authority-data');
    } finally {
      await Promise.all([s.stop(), sim.close()]);
    }
  });
});
