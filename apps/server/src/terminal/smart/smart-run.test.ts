/**
 * POST /api/terminal/run against kube-sim, GOLDEN: each command's text and exit code must equal the real
 * kubectl's (stdout then stderr) for the same command on the same cluster; only AGE values are normalised
 * (same-length placeholders, so column widths are still compared). Writes run as the caller: a viewer's
 * delete/scale is refused with kubectl's Forbidden text, and writes are audited under the user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationsFixture, startOperationsFixture, until } from '../../test-support/operations-fixture.js';
import { expectGolden, kubectlRun, normaliseAges, smartRun } from './test-support/golden-kit.js';

const normalise = (text: string) => normaliseAges(text);

describe('smart terminal (POST /api/terminal/run)', () => {
  let f: OperationsFixture;
  const run = (command: string, token?: string, extra?: Record<string, unknown>) => smartRun(f, command, token, extra);
  const kubectl = (args: string[]) => kubectlRun(f, args);
  /** The smart terminal's answer equals kubectl's (ages normalised); retried once if an age ticked over. */
  const golden = (args: string[], command?: string) =>
    expectGolden(f, args, { ...(command ? { command } : {}), attempts: 2 });
  /** `kubectl top`: the usage numbers move with time, so they are hidden (with their padding) on both sides. */
  const goldenTop = (args: string[]) => expectGolden(f, args, { attempts: 2, usage: true });

  beforeAll(async () => {
    f = await startOperationsFixture();
    await until(
      'web pods',
      async () => (await f.kget(['pods', '-n', 'shop', '-l', 'app=web', '--no-headers'])).split('\n').length === 2,
    );
  }, 120_000);
  afterAll(() => f?.stop());

  it('prints get tables exactly like kubectl', async () => {
    const out = await golden(['get', 'pods', '-n', 'shop']);
    expect(out.output).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    await golden(['get', 'deployments', '-n', 'shop']);
    await golden(['get', 'deploy', '-n', 'shop', '-o', 'wide']);
    await golden(['get', 'pods', '-A']);
    await golden(['get', 'pods', '-n', 'shop', '-l', 'app=web', '--show-labels']);
    await golden(['get', 'nodes']);
    await golden(['get', 'deploy', 'web', 'ledger', '-n', 'shop']);
    await golden(['get', 'deploy', 'web', 'ledger']);
    await golden(['get', 'deployment/web', '-n', 'shop']);
    await golden(['get', 'statefulsets.apps', '-n', 'shop']);
    await golden(['get', 'namespaces', '--no-headers']);
    await golden(['get', 'pods', '-n', 'shop', '--field-selector', 'status.phase=Running', '-o', 'name']);
    await golden(['get', 'deployments', '-A', '-o', 'name']);
    await golden(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json']);
    await golden(['get', 'pods', '-A', '--sort-by=.metadata.name']);
    await golden(['get', 'pods', '-A', '--sort-by', '{.metadata.creationTimestamp}']);
    await golden(['get', 'deployments', '-A', '--sort-by=.spec.replicas', '-o', 'name']);
    await golden(['get', 'pods,deployments', '-n', 'shop']);
    await golden(['get', 'deploy,sts,cronjobs', '-A', '-o', 'wide']);
    await golden(['get', 'deployment/web', 'statefulset/cache', '-n', 'shop']);
    await golden(['get', 'configmaps,deployments', '-n', 'payments']);
    await golden(['get', 'all', '-n', 'shop']);
    await golden(['get', 'all', '-A']);
    await golden(['get', 'deployments', '-n', 'shop', '-o', 'json']);
    await golden(['get', 'deployment', 'web', '-n', 'shop', '-o', 'yaml']);
    await golden(['get', 'pods', '-n', 'shop', '-o', 'yaml']);
  });

  it('takes the context namespace, and -n wins over it', async () => {
    const want = await kubectl(['get', 'deployments', '-n', 'shop']);
    const got = await run('get deployments', f.s.adminToken, { namespace: 'shop' });
    expect(normalise(got.output)).toBe(normalise(want.output));
    const other = await run('get deployments -n payments', f.s.adminToken, { namespace: 'shop' });
    expect(other.output).toContain('ledger');
  });

  it('quotes like a shell and never runs one', async () => {
    await golden(['get', 'pods', '-n', 'shop', '-l', 'app in (web)'], `get pods -n shop -l 'app in (web)'`);
    const r = await run('get pods -n shop; rm -rf /');
    expect(r.exit_code).toBe(1);
    expect((await run('get pods -n "shop')).output).toBe('error: unterminated double quote\n');
  });

  it('prints kubectl’s errors and exit codes', async () => {
    await golden(['get', 'pods', '-n', 'empty-ns']);
    await golden(['get', 'pods', 'nope', '-n', 'shop']);
    await golden(['get', 'widgets']);
    await golden(['get', 'pods', '--bogus']);
    await golden(['get', 'pods', '-x']);
    await golden(['get', 'pods', '-n']);
    await golden(['get']);
    await golden(['frobnicate']);
    await golden(['gte', 'pods']);
    await golden(['--foo', 'get', 'pods']);
    await golden(['--foo']);
    await golden(['-n', 'shop', 'get', 'deployments']);
    await golden(['--namespace=shop', 'get', 'deployments']);
    expect((await run('-n -n')).exit_code).toBe(1);
    expect((await run('-nshop')).exit_code).toBe(1);
    await golden(['get', 'pods', '-n', 'shop', '-o', 'table-ish']);
    await golden(['describe', 'deployment', 'nope', '-n', 'shop']);
    await golden(['logs', 'nope', '-n', 'shop']);
  });

  it('prints logs like kubectl', async () => {
    const pod = (await f.kget(['pods', '-n', 'payments', '-l', 'app=ledger', '-o', 'name'])).replace('pod/', '');
    await golden(['logs', pod, '-n', 'payments']);
    await golden(['logs', pod, '-n', 'payments', '--tail', '2']);
    await golden(['logs', `pod/${pod}`, '-n', 'payments', '-c', 'ledger']);
  });

  it('prints top, api-resources and version like kubectl', async () => {
    const top = await goldenTop(['top', 'pods', '-n', 'shop']);
    expect(top.output).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\nagent-\S+\s+\d+m\s+\d+Mi/);
    await goldenTop(['top', 'pods', '-A']);
    await goldenTop(['top', 'nodes']);
    await golden(['api-resources']);
    await golden(['api-resources', '--namespaced=false']);
    await golden(['api-resources', '-o', 'name']);
    const server = (await kubectl(['version'])).output.split('\n').find((l) => l.startsWith('Server Version:'));
    expect((await run('version')).output).toBe(`${server}\n`);
  });

  it('describes through the operations service, as the user', async () => {
    const r = await run('describe deployment web -n shop');
    expect(r.exit_code).toBe(0);
    expect(r.output).toMatch(/^Name:\s+web\n/);
    expect(r.output).toMatch(/Namespace:\s+shop/);
  });

  it('asks before deleting, then deletes as the user, audited', async () => {
    await f.kubectl.run(['create', 'configmap', 'doomed', '-n', 'shop', '--from-literal=a=b']);
    const asked = await run('delete configmap doomed -n shop', f.shopOperator);
    expect(asked).toEqual({
      output: '',
      exit_code: 0,
      confirm: { prompt: 'Delete configmap/doomed in namespace "shop"?' },
    });
    expect((await kubectl(['get', 'configmap', 'doomed', '-n', 'shop'])).exit_code).toBe(0);
    const done = await run('delete configmap doomed -n shop', f.shopOperator, { confirmed: true });
    expect(done).toEqual({ output: 'configmap "doomed" deleted\n', exit_code: 0 });
    expect((await kubectl(['get', 'configmap', 'doomed', '-n', 'shop'])).exit_code).toBe(1);
    await until('audit row', async () => {
      const log = await f.api<{ items: { user_email: string | null; method: string; path: string }[] }>(
        'GET',
        `/api/audit-log?cluster_id=${f.id}&limit=200`,
        f.s.adminToken,
      );
      return log.body.items.some(
        (e) =>
          e.user_email === 'shop-operator@example.com' &&
          e.method === 'DELETE' &&
          e.path.includes('/k8s/api/v1/namespaces/shop/configmaps/doomed'),
      );
    });
  });

  it('refuses a viewer’s writes with kubectl’s Forbidden text and changes nothing', async () => {
    const read = await run('get deployments -n shop', f.viewer);
    expect(read.exit_code).toBe(0);
    expect(read.output).toContain('web');
    const scale = await run('scale deployment web --replicas=5 -n shop', f.viewer);
    expect(scale.exit_code).toBe(1);
    expect(scale.output).toMatch(/^Error from server \(Forbidden\): .+\n$/);
    const del = await run('delete deployment web -n shop', f.viewer, { confirmed: true });
    expect(del.exit_code).toBe(1);
    expect(del.output).toMatch(/^Error from server \(Forbidden\): .+\n$/);
    // the same text the gateway gives kubectl
    const direct = await f.s.fetch(`/api/clusters/${f.id}/k8s/apis/apps/v1/namespaces/shop/deployments/web`, {
      method: 'DELETE',
      token: f.viewer,
    });
    const status = (await direct.json()) as { reason: string; message: string };
    expect(del.output).toBe(`Error from server (${status.reason}): ${status.message}\n`);
    expect(await f.kget(['deployment', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}'])).not.toBe('5');
  });

  it('keeps a namespace-scoped user inside its namespace, whatever the command says', async () => {
    const op = f.shopOperator;
    const all = await run('get deployments -A', op);
    expect(all.exit_code).toBe(0);
    expect(all.output).toMatch(/\nshop\s+web\s/);
    expect(all.output).not.toContain('payments');
    for (const command of [
      'get deployments -n payments',
      'get deployment ledger --namespace=payments',
      'describe deployment ledger -n payments',
      'logs ledger -n payments',
      'scale deployment ledger --replicas=3 -n payments',
    ]) {
      const r = await run(command, op, { namespace: 'shop' });
      expect(r.exit_code, command).toBe(1);
      expect(r.output, command).toMatch(/Forbidden/);
    }
    const tricky = await run('get configmaps ../../payments/configmaps/x -n shop', op);
    expect(tricky.exit_code).toBe(1);
    expect(tricky.output).not.toContain('payments/configmaps');
    const del = await run('delete deployment ledger -n payments', op, { confirmed: true });
    expect(del.output).toMatch(/^Error from server \(Forbidden\): /);
    expect(await f.kget(['deployment', 'ledger', '-n', 'payments', '-o', 'name'])).toBe('deployment.apps/ledger');
  });

  it('applies a manifest from stdin as the user, reporting like kubectl', async () => {
    const manifest = `apiVersion: v1
kind: ConfigMap
metadata: { name: applied }
data: { a: "1" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: applied-web }
spec:
  replicas: 1
  selector: { matchLabels: { app: applied-web } }
  template:
    metadata: { labels: { app: applied-web } }
    spec: { containers: [{ name: web, image: "nginx:1.27" }] }
`;
    const first = await run('apply -f -', f.shopOperator, { namespace: 'shop', stdin: manifest });
    expect(first).toEqual({ output: 'configmap/applied created\ndeployment.apps/applied-web created\n', exit_code: 0 });
    expect(await f.kget(['configmap', 'applied', '-n', 'shop', '-o', 'jsonpath={.data.a}'])).toBe('1');
    const again = await run('apply -f -', f.shopOperator, { namespace: 'shop', stdin: manifest });
    expect(again.output).toMatch(/^configmap\/applied unchanged\n/);
    const changed = await run('apply -f -', f.shopOperator, {
      namespace: 'shop',
      stdin: manifest.replace('a: "1"', 'a: "2"'),
    });
    expect(changed.output).toMatch(/^configmap\/applied configured\n/);
    expect(await f.kget(['configmap', 'applied', '-n', 'shop', '-o', 'jsonpath={.data.a}'])).toBe('2');
    const outside = await run('apply -f -', f.shopOperator, { namespace: 'payments', stdin: manifest });
    expect(outside.exit_code).toBe(1);
    expect(outside.output).toMatch(/^Error from server \(Forbidden\): /);
    const want = await f.kubectl.run(['apply', '--validate=false', '-f', '-'], {
      input: 'apiVersion: v1\nkind: Widget\nmetadata: { name: w }\n',
    });
    expect(
      await run('apply -f -', f.s.adminToken, { stdin: 'apiVersion: v1\nkind: Widget\nmetadata: { name: w }\n' }),
    ).toEqual({
      output: want.stdout + want.stderr,
      exit_code: want.code,
    });
  });

  it('cordons and uncordons like kubectl', async () => {
    // the fixture's node-1 is cordoned (no pods land there): compare, then put it back
    await golden(['cordon', 'node-1']);
    expect(await run('uncordon node-1')).toEqual({ output: 'node/node-1 uncordoned\n', exit_code: 0 });
    await golden(['uncordon', 'node-1']);
    expect(await run('cordon node-1')).toEqual({ output: 'node/node-1 cordoned\n', exit_code: 0 });
    expect(await f.kget(['node', 'node-1', '-o', 'jsonpath={.spec.unschedulable}'])).toBe('true');
    await golden(['cordon', 'no-such-node']);
    const viewer = await run('uncordon node-1', f.viewer);
    expect(viewer.output).toMatch(/^Error from server \(Forbidden\): /);
  });

  it('answers auth can-i from Argus RBAC, as the gateway decides', async () => {
    const ask = (command: string, token: string) => run(command, token);
    expect(await ask('auth can-i get pods -n shop', f.viewer)).toEqual({ output: 'yes\n', exit_code: 0 });
    expect(await ask('auth can-i delete pods -n shop', f.viewer)).toEqual({ output: 'no\n', exit_code: 1 });
    expect(await ask('auth can-i get secrets -n shop', f.viewer)).toEqual({ output: 'no\n', exit_code: 1 });
    expect(await ask('auth can-i delete deployments.apps/web -n shop', f.shopOperator)).toEqual({
      output: 'yes\n',
      exit_code: 0,
    });
    expect(await ask('auth can-i delete deployments -n payments', f.shopOperator)).toEqual({
      output: 'no\n',
      exit_code: 1,
    });
    expect(await ask('auth can-i list pods -A', f.shopOperator)).toEqual({ output: 'no\n', exit_code: 1 });
    expect(await ask('auth can-i create pods --subresource=exec -n shop', f.s.adminToken)).toEqual({
      output: 'yes\n',
      exit_code: 0,
    });
  });

  it('scales and restarts like kubectl says', async () => {
    expect(await run('scale deployment/ledger --replicas=2 -n payments')).toEqual({
      output: 'deployment.apps/ledger scaled\n',
      exit_code: 0,
    });
    expect(await f.kget(['deployment', 'ledger', '-n', 'payments', '-o', 'jsonpath={.spec.replicas}'])).toBe('2');
    await golden(['scale', 'deployment', 'ledger', '--replicas=1', '-n', 'payments']);
    // kubectl logs this one through klog (time, pid): compare the message
    expect(await run('scale deployment ledger -n payments')).toEqual({
      output: 'error: required flag(s) "replicas" not set\n',
      exit_code: 1,
    });
    await golden(['rollout', 'status', 'deployment/web', '-n', 'shop']);
    await golden(['rollout', 'status', 'statefulset/cache', '-n', 'shop']);
    await golden(['rollout', 'status', 'daemonset/agent', '-n', 'shop']);
    await golden(['rollout', 'history', 'deployment/web', '-n', 'shop']);
    expect(await run('rollout restart deployment/ledger -n payments')).toEqual({
      output: 'deployment.apps/ledger restarted\n',
      exit_code: 0,
    });
  });

  it('drains only after confirmation, as the user, and reports a PodDisruptionBudget that blocks it', async () => {
    const asked = await run('drain worker-1 --ignore-daemonsets');
    expect(asked).toEqual({
      output: '',
      exit_code: 0,
      confirm: { prompt: 'Drain node/worker-1 (cordon it and evict its pods)?' },
    });
    expect(await f.kget(['node', 'worker-1', '-o', 'jsonpath={.spec.unschedulable}'])).toBe('');
    const viewer = await run('drain worker-1 --ignore-daemonsets', f.viewer, { confirmed: true });
    expect(viewer.output).toMatch(/Forbidden/);
    expect(await f.kget(['node', 'worker-1', '-o', 'jsonpath={.spec.unschedulable}'])).toBe('');
    const done = await run('drain worker-1 --ignore-daemonsets --timeout=5s', f.s.adminToken, { confirmed: true });
    expect(done.exit_code).toBe(1);
    expect(done.output).toMatch(/^node\/worker-1 cordoned\nerror: unable to drain node "worker-1": .+\n/);
    expect(done.output).toContain('web-pdb');
    expect(await run('uncordon worker-1')).toEqual({ output: 'node/worker-1 uncordoned\n', exit_code: 0 });
  });
});
