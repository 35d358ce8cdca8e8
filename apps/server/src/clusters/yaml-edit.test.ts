// Editing objects other tools made (issue 23, item 4), with the real kubectl making them: an update carrying
// the loaded resourceVersion succeeds over fields kubectl owns; a stale one is 409; server-side apply names
// the conflicting managers and fields, and force=true takes ownership.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl, type Kubectl } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes JSON
type Json = Record<string, any>;

describe('editing objects made by kubectl', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let kubectl: Kubectl;
  let dir: string;
  let id: string;
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await s.fetch(path, { token: s.adminToken, ...init });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const cm = () => `/api/clusters/${id}/resources/core/v1/configmaps`;

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'empty' })]);
    dir = mkdtempSync(join(tmpdir(), 'argus-yaml-edit-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    kubectl = createKubectl(join(dir, 'kubeconfig'));
    id = (
      await api('/api/clusters', {
        method: 'POST',
        body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
      })
    ).body.id;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an update with the loaded resourceVersion changes fields kubectl owns; a stale one is 409 CONFLICT', async () => {
    const made = await kubectl.run(['create', 'configmap', 'by-kubectl', '-n', 'default', '--from-literal=color=blue']);
    expect(made.code, made.stderr).toBe(0);
    const loaded = (await api(`${cm()}/by-kubectl?namespace=default`)).body;
    expect(loaded.metadata.managedFields.map((m: Json) => m.manager)).toEqual(['kubectl-create']);

    // Server-side apply of the edit (what the editor did before) conflicts with kubectl-create's ownership.
    const ssa = await api(`/api/clusters/${id}/apply?dryRun=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: by-kubectl\n  namespace: default\ndata:\n  color: green\n',
    });
    expect(ssa.status).toBe(200);
    expect(ssa.body.results[0].action).toBe('failed');
    expect(ssa.body.results[0].error.status).toBe(409);
    expect(ssa.body.results[0].conflicts).toEqual([{ manager: 'kubectl-create', field: '.data.color' }]);

    // The editor's update: the whole object as loaded, edited, with its resourceVersion.
    const edited: Json = { ...loaded, data: { color: 'green', size: 'L' } };
    delete edited.metadata.managedFields;
    const dry = await api(`${cm()}/by-kubectl?namespace=default&dryRun=true`, {
      method: 'PUT',
      body: JSON.stringify(edited),
    });
    expect(dry.status).toBe(200);
    expect(dry.body.data).toEqual({ color: 'green', size: 'L' });
    expect((await kubectl.run(['get', 'cm', 'by-kubectl', '-o', 'jsonpath={.data.color}'])).stdout).toBe('blue');
    const saved = await api(`${cm()}/by-kubectl?namespace=default`, { method: 'PUT', body: JSON.stringify(edited) });
    expect(saved.status).toBe(200);
    expect((await kubectl.run(['get', 'cm', 'by-kubectl', '-o', 'jsonpath={.data.color}'])).stdout).toBe('green');

    // Someone changes it (kubectl), then the editor still holding the first version saves: refused, not overwritten.
    const theirs = await kubectl.run(['patch', 'cm', 'by-kubectl', '-p', '{"data":{"color":"red"}}']);
    expect(theirs.code, theirs.stderr).toBe(0);
    const stale = await api(`${cm()}/by-kubectl?namespace=default`, {
      method: 'PUT',
      body: JSON.stringify({ ...edited, data: { color: 'purple' } }),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect((await kubectl.run(['get', 'cm', 'by-kubectl', '-o', 'jsonpath={.data.color}'])).stdout).toBe('red');
  });

  it('server-side apply over kubectl apply names kubectl’s manager and field; force=true takes ownership', async () => {
    const yaml =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: default\ndata:\n  mode: fast\n  keep: "1"\n';
    const applied = await kubectl.run(['apply', '-f', '-'], { input: yaml });
    expect(applied.code, applied.stderr).toBe(0);
    const mine = yaml.replace('mode: fast', 'mode: safe');
    const post = (q: string) =>
      api(`/api/clusters/${id}/apply?${q}`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body: mine,
      });
    const refused = await post('dryRun=false');
    expect(refused.body.results[0].action).toBe('failed');
    expect(refused.body.results[0].conflicts).toEqual([{ manager: 'kubectl-client-side-apply', field: '.data.mode' }]);
    expect((await kubectl.run(['get', 'cm', 'applied', '-o', 'jsonpath={.data.mode}'])).stdout).toBe('fast');
    const forced = await post('dryRun=false&force=true');
    expect(forced.body.results[0].action).toBe('configured');
    expect(forced.body.results[0].conflicts).toBeUndefined();
    expect((await kubectl.run(['get', 'cm', 'applied', '-o', 'jsonpath={.data.mode}'])).stdout).toBe('safe');
  });
});
