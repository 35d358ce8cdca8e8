/**
 * `describe` in the smart terminal, GOLDEN against the real kubectl 1.32 on the same kube-sim: the same text
 * (ages normalised to same-length placeholders) for every kind it ports, one object, several, a whole kind,
 * and the errors. A namespace-scoped user's describe stays inside its namespace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationsFixture, startOperationsFixture, until } from '../../test-support/operations-fixture.js';
import { expectGolden, smartRun } from './test-support/golden-kit.js';

const EXTRA = `
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop, labels: { app: web }, annotations: { team: storefront } }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { "app.conf": "a=1\\nb=2\\n" }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: shop }
spec:
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 1Gi } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  tls: [{ hosts: [shop.example.com], secretName: shop-tls }]
  rules:
    - host: shop.example.com
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }]
---
apiVersion: batch/v1
kind: Job
metadata: { name: once, namespace: shop }
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: once
          image: busybox:1.36
          command: [sh, -c, "echo hi"]
          env: [{ name: MODE, value: fast }, { name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }]
`;

/** Ages (`5s`, `3m12s`, `(x2 over 4m)`), not quantities that look like them (`cpu: 100m`, `100m (2%)`). */
const AGE = /(?<=\s|\()(?<!(cpu|memory):\s*)(\d+d)?(\d+h)?(\d+m)?(\d+s)?(?! \(\d)(?=\s|$|\))/gm;

describe('smart terminal: describe like kubectl 1.32', () => {
  let f: OperationsFixture;
  const run = (command: string, token?: string) => smartRun(f, command, token);
  const golden = (args: string[]) => expectGolden(f, args, { attempts: 3, pauseMs: 300, age: AGE });

  beforeAll(async () => {
    f = await startOperationsFixture();
    const applied = await f.kubectl.run(['apply', '-f', '-'], { input: EXTRA });
    if (applied.code !== 0) throw new Error(applied.stderr);
    await until(
      'web pods',
      async () => (await f.kget(['pods', '-n', 'shop', '-l', 'app=web', '--no-headers'])).split('\n').length === 2,
    );
  }, 120_000);
  afterAll(() => f?.stop());

  it('describes a deployment exactly like kubectl (template, conditions, replica sets, events)', async () => {
    const out = await golden(['describe', 'deployment', 'web', '-n', 'shop']);
    expect(out.output).toMatch(/^Name:\s+web\nNamespace:\s+shop\n/);
    expect(out.output).toMatch(/\nOldReplicaSets:\s+web-\S+ \(0\/0 replicas created\)\n/);
    expect(out.output).toMatch(/\nEvents:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/);
    await golden(['describe', 'deployments', '-n', 'shop']);
    await golden(['describe', 'deploy/ledger', '-n', 'payments']);
  });

  it('describes pods, nodes and services exactly like kubectl', async () => {
    const pod = (await f.kget(['pods', '-n', 'shop', '-l', 'app=web', '-o', 'name'])).split('\n')[0]!;
    const out = await golden(['describe', pod, '-n', 'shop']);
    expect(out.output).toMatch(/\nContainers:\n {2}web:\n/);
    await golden(['describe', 'pods', '-n', 'shop', '-l', 'app=web']);
    await golden(['describe', 'node', 'worker-1']);
    await golden(['describe', 'nodes']);
    await golden(['describe', 'service', 'web', '-n', 'shop']);
  });

  it('describes the other common kinds exactly like kubectl', async () => {
    await golden(['describe', 'replicaset', '-n', 'shop']);
    await golden(['describe', 'statefulset', 'cache', '-n', 'shop']);
    await golden(['describe', 'daemonset', 'agent', '-n', 'shop']);
    await golden(['describe', 'job', 'once', '-n', 'shop']);
    await golden(['describe', 'cronjob', 'report', '-n', 'shop']);
    await golden(['describe', 'configmap', 'settings', '-n', 'shop']);
    await golden(['describe', 'secret', 'creds', '-n', 'shop']);
    await golden(['describe', 'namespace', 'shop']);
    await golden(['describe', 'pvc', 'data', '-n', 'shop']);
    await golden(['describe', 'ingress', 'web', '-n', 'shop']);
  });

  it('prints kubectl’s errors', async () => {
    await golden(['describe', 'deployment', 'nope', '-n', 'shop']);
    await golden(['describe', 'pods', '-n', 'empty-ns']);
    await golden(['describe', 'widgets']);
  });

  it('keeps a namespace-scoped user in its namespace and a viewer away from secrets', async () => {
    const mine = await run('describe deployment web -n shop', f.shopOperator);
    expect(mine.exit_code).toBe(0);
    expect(mine.output).toMatch(/^Name:\s+web\n/);
    const other = await run('describe deployment ledger -n payments', f.shopOperator);
    expect(other.exit_code).toBe(1);
    expect(other.output).toMatch(/^Error from server \(Forbidden\): /);
    const secret = await run('describe secret creds -n shop', f.viewer);
    expect(secret.exit_code).toBe(1);
    expect(secret.output).not.toContain('hunter2');
  });
});
