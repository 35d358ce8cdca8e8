import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture, waitFor } from '../testing/sim-fixture.js';

const NS = { apiVersion: 'v1', kind: 'Namespace' };
let f: SimFixture;

beforeAll(async () => {
  f = await startSimFixture({ controllers: false });
  const s = f.sim.store;
  const ns = f.sim.registry.find('', 'v1', 'namespaces');
  const pods = f.sim.registry.find('', 'v1', 'pods');
  if (!ns || !pods) throw new Error('registry');
  s.create(ns, { ...NS, metadata: { name: 'shop' } });
  const pod = (name: string, namespace: string, app: string, phase: string, node: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app } },
    spec: { nodeName: node, containers: [{ name: 'main', image: 'nginx:1.27' }] },
    status: {
      phase,
      containerStatuses: [
        {
          name: 'main',
          ready: phase === 'Running',
          restartCount: 2,
          state: phase === 'Running' ? { running: {} } : { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    },
  });
  s.create(pods, pod('web-1', 'default', 'web', 'Running', 'node-a'));
  s.create(pods, pod('web-2', 'default', 'web', 'Pending', 'node-b'));
  s.create(pods, pod('db-1', 'default', 'db', 'Running', 'node-a'));
  s.create(pods, pod('cart-1', 'shop', 'cart', 'Running', 'node-b'));
});

afterAll(async () => {
  await f.close();
});

describe('kubectl get against kube-sim', () => {
  it('prints the pod table with the columns kubectl shows', async () => {
    const r = await f.kubectl.run(['get', 'pods']);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.find((l) => l.startsWith('web-1'))).toMatch(/^web-1\s+1\/1\s+Running\s+2\s+\d+s$/);
    expect(lines.find((l) => l.startsWith('web-2'))).toMatch(/0\/1\s+ContainerCreating/);
    expect(lines).toHaveLength(4);
  });

  it('-o wide adds IP and NODE, -A adds NAMESPACE', async () => {
    const wide = await f.kubectl.run(['get', 'pods', '-o', 'wide']);
    expect(wide.stdout.split('\n')[0]).toMatch(
      /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/,
    );
    const all = await f.kubectl.run(['get', 'pods', '-A']);
    expect(all.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME/);
    expect(all.stdout).toMatch(/shop\s+cart-1/);
  });

  it('-o yaml and -o json give the object', async () => {
    const y = await f.kubectl.run(['get', 'pod', 'web-1', '-o', 'yaml']);
    expect(y.stdout).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(y.stdout).toMatch(/uid: [0-9a-f-]{36}/);
    const j = JSON.parse((await f.kubectl.run(['get', 'pods', '-o', 'json'])).stdout) as {
      kind: string;
      items: Array<{ metadata: { name: string } }>;
    };
    expect(j.kind).toBe('List');
    expect(j.items.map((i) => i.metadata.name)).toEqual(['db-1', 'web-1', 'web-2']);
  });

  it('-l and --field-selector filter on the server', async () => {
    const l = await f.kubectl.run(['get', 'pods', '-l', 'app in (web)', '-o', 'name']);
    expect(l.stdout.trim().split('\n')).toEqual(['pod/web-1', 'pod/web-2']);
    const fs = await f.kubectl.run([
      'get',
      'pods',
      '-A',
      '--field-selector',
      'spec.nodeName=node-b,status.phase=Running',
      '-o',
      'name',
    ]);
    expect(fs.stdout.trim()).toBe('pod/cart-1');
    const bad = await f.kubectl.run(['get', 'pods', '--field-selector', 'spec.bogus=1']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/field label not supported: spec.bogus/);
  });

  it('pages with --chunk-size', async () => {
    const r = await f.kubectl.run(['get', 'pods', '-A', '--chunk-size=1', '-o', 'name']);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('get -w sees a change made by another client', async () => {
    const w = f.kubectl.spawn(['get', 'configmaps', '-w']);
    await waitFor(() => w.output().includes('kube-root-ca.crt') || w.output().includes('NAME'), 10_000);
    const cms = f.sim.registry.find('', 'v1', 'configmaps');
    if (!cms) throw new Error('registry');
    f.sim.store.create(cms, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'from-elsewhere', namespace: 'default' },
      data: { a: '1', b: '2' },
    });
    await waitFor(() => /from-elsewhere\s+2\s+\d+s/.test(w.output()), 10_000);
    w.child.kill();
  });

  it('api-resources and explain', async () => {
    const r = await f.kubectl.run(['api-resources']);
    expect(r.stdout).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND/);
    expect(r.stdout).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    expect(r.stdout).toMatch(/horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler/);
    const e = await f.kubectl.run(['explain', 'deployment.spec.replicas']);
    expect(e.stdout).toMatch(/KIND:\s+Deployment/);
    expect(e.stdout).toMatch(/FIELD: replicas <integer>/);
  });

  it('answers malformed input and unknown resources with Status errors', async () => {
    const res = await fetch(`${f.sim.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      body: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { kind: string }).kind).toBe('Status');
    const missing = await fetch(`${f.sim.url}/apis/apps/v1/namespaces/default/gizmos`);
    expect(missing.status).toBe(404);
    const r = await f.kubectl.run(['get', 'pod', 'nope']);
    expect(r.stderr.trim()).toBe('Error from server (NotFound): pods "nope" not found');
  });
});
