import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture, waitFor } from '../testing/sim-fixture.js';

let f: SimFixture;

beforeAll(async () => {
  f = await startSimFixture();
});

afterAll(async () => {
  await f.close();
});

const deployment = (image: string, envValue: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports: [{containerPort: 80}]
        env: [{name: MODE, value: "${envValue}"}]
      - name: sidecar
        image: busybox:1.36
`;

describe('kubectl writes against kube-sim', () => {
  it('apply creates, re-applies with a strategic merge patch, and reports unchanged', async () => {
    const file = join(f.dir, 'deploy.yaml');
    writeFileSync(file, deployment('nginx:1.27', 'a'));
    const created = await f.kubectl.run(['apply', '-f', file]);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('deployment.apps/web created');
    writeFileSync(file, deployment('nginx:1.28', 'b'));
    const again = await f.kubectl.run(['apply', '-f', file]);
    expect(again.stdout.trim()).toBe('deployment.apps/web configured');
    const same = await f.kubectl.run(['apply', '-f', file]);
    expect(same.stdout.trim()).toBe('deployment.apps/web unchanged');
    const got = JSON.parse((await f.kubectl.run(['get', 'deploy', 'web', '-o', 'json'])).stdout) as {
      metadata: { generation: number };
      spec: { template: { spec: { containers: Array<{ name: string; image: string; env?: unknown }> } } };
    };
    expect(got.metadata.generation).toBe(2);
    expect(got.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual([
      'nginx=nginx:1.28',
      'sidecar=busybox:1.36',
    ]);
    expect(got.spec.template.spec.containers[0]?.env).toEqual([{ name: 'MODE', value: 'b' }]);
  });

  it('scale and rollout status', async () => {
    expect((await f.kubectl.run(['scale', 'deployment/web', '--replicas=3'])).stdout.trim()).toBe(
      'deployment.apps/web scaled',
    );
    const r = await f.kubectl.run(['rollout', 'status', 'deployment/web', '--timeout=30s'], { timeoutMs: 40_000 });
    expect(r.stdout).toMatch(/deployment "web" successfully rolled out/);
    const pods = await f.kubectl.run(['get', 'pods', '-l', 'app=web', '-o', 'name']);
    await waitFor(
      async () =>
        (
          await f.kubectl.run(['get', 'pods', '-l', 'app=web', '--field-selector=status.phase=Running', '-o', 'name'])
        ).stdout
          .trim()
          .split('\n').length === 3,
      20_000,
      200,
    );
    expect(pods.code).toBe(0);
  });

  it('server-side apply: conflicts as 409 and --force-conflicts takes over', async () => {
    const cm = (v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {level: "${v}", color: blue}\n`;
    const first = await f.kubectl.run(['apply', '--server-side', '-f', '-'], { input: cm('1') });
    expect(first.stdout.trim()).toBe('configmap/settings serverside-applied');
    const other = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {level: "2"}\n`;
    const conflict = await f.kubectl.run(['apply', '--server-side', '--field-manager=ops', '-f', '-'], {
      input: other,
    });
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toMatch(/Apply failed with 1 conflict: conflict with "kubectl": \.data\.level/);
    const forced = await f.kubectl.run(
      ['apply', '--server-side', '--field-manager=ops', '--force-conflicts', '-f', '-'],
      { input: other },
    );
    expect(forced.stdout.trim()).toBe('configmap/settings serverside-applied');
    const got = JSON.parse(
      (await f.kubectl.run(['get', 'cm', 'settings', '-o', 'json', '--show-managed-fields'])).stdout,
    ) as {
      data: Record<string, string>;
      metadata: { managedFields: Array<{ manager: string; fieldsV1: Record<string, Record<string, unknown>> }> };
    };
    expect(got.data).toEqual({ level: '2', color: 'blue' });
    const byManager = Object.fromEntries(
      got.metadata.managedFields.map((m) => [
        m.manager,
        Object.keys(m.fieldsV1['f:data'] ?? {}).filter((k) => k !== '.'),
      ]),
    );
    expect(byManager).toEqual({ kubectl: ['f:color'], ops: ['f:level'] });
  });

  it('delete waits until the object is gone, cascading to replicasets and pods', async () => {
    const r = await f.kubectl.run(['delete', 'deployment', 'web', '--wait=true', '--timeout=30s']);
    expect(r.stdout.trim()).toBe('deployment.apps "web" deleted');
    const left = await f.kubectl.run(['get', 'rs,pods', '-l', 'app=web', '-o', 'name']);
    expect(left.stdout.trim()).toBe('');
  });

  it('delete waits for finalizers', async () => {
    await f.kubectl.run(['apply', '-f', '-'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, finalizers: [example.com/hold]}\n',
    });
    const del = f.kubectl.spawn(['delete', 'cm', 'held', '--timeout=30s']);
    await waitFor(
      async () =>
        Boolean((await f.kubectl.run(['get', 'cm', 'held', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).stdout),
      10_000,
      100,
    );
    expect(del.child.exitCode).toBeNull();
    await f.kubectl.run(['patch', 'cm', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    await waitFor(() => del.child.exitCode !== null, 20_000);
    expect(del.output()).toMatch(/configmap "held" deleted/);
  });

  it('creates a CRD and then its objects, with printer columns and explain', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer, description: How big the widget is.}
`;
    expect((await f.kubectl.run(['apply', '-f', '-'], { input: crd })).stdout.trim()).toBe(
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.com created',
    );
    const w = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3}\n';
    expect((await f.kubectl.run(['apply', '-f', '-'], { input: w })).stdout.trim()).toBe(
      'widget.example.com/w1 created',
    );
    expect((await f.kubectl.run(['apply', '-f', '-'], { input: w.replace('size: 3', 'size: 4') })).stdout.trim()).toBe(
      'widget.example.com/w1 configured',
    );
    const table = await f.kubectl.run(['get', 'wd']);
    expect(table.stdout).toMatch(/NAME\s+SIZE\s+AGE\nw1\s+4\s+\d+s/);
    expect((await f.kubectl.run(['explain', 'widget.spec.size'])).stdout).toMatch(/How big the widget is/);
    await f.kubectl.run(['delete', 'crd', 'widgets.example.com']);
    const gone = await f.kubectl.run(['get', 'widgets.example.com']);
    expect(gone.stderr).toMatch(/the server doesn't have a resource type "widgets"/);
  });

  it('dry-run=server persists nothing', async () => {
    const r = await f.kubectl.run([
      'create',
      'configmap',
      'dry',
      '--from-literal=a=b',
      '--dry-run=server',
      '-o',
      'name',
    ]);
    expect(r.stdout.trim()).toBe('configmap/dry');
    expect((await f.kubectl.run(['get', 'cm', 'dry'])).code).not.toBe(0);
  });
});
