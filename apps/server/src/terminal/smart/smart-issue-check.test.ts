/**
 * The issue's own check, each against the real kubectl 1.32 on the same kube-sim: `get pods -A -o wide`,
 * `describe deployment`, `logs -f` (the same followed stream) and `rollout undo` (same messages, same errors,
 * same resulting object).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationsFixture, startOperationsFixture, until } from '../../test-support/operations-fixture.js';
import { connect, type TestClient, wsUrl } from '../../ws/ws-test-client.js';
import { expectGolden, kubectlRun, normaliseAges, smartRun } from './test-support/golden-kit.js';

const _normalise = (text: string) => normaliseAges(text);

describe('smart terminal: the issue’s check against kubectl', () => {
  let f: OperationsFixture;
  const sockets: TestClient[] = [];
  const run = (command: string) => smartRun(f, command);
  const kubectl = (args: string[]) => kubectlRun(f, args);
  const golden = (args: string[]) => expectGolden(f, args, { attempts: 3, pauseMs: 300 });
  const image = () =>
    f.kget(['deployment', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);

  beforeAll(async () => {
    f = await startOperationsFixture();
    await until(
      'web pods',
      async () => (await f.kget(['pods', '-n', 'shop', '-l', 'app=web', '--no-headers'])).split('\n').length === 2,
    );
  }, 120_000);
  afterAll(async () => {
    for (const c of sockets) c.close();
    await f?.stop();
  });

  it('get pods -A -o wide', async () => {
    const out = await golden(['get', 'pods', '-A', '-o', 'wide']);
    expect(out.output).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/,
    );
  });

  it('describe deployment', async () => {
    const out = await golden(['describe', 'deployment', 'web', '-n', 'shop']);
    expect(out.output).toMatch(/\nNewReplicaSet:\s+web-\S+ \(2\/2 replicas created\)\n/);
  });

  it('logs -f follows the same stream kubectl logs -f follows', async () => {
    const pod = (await f.kget(['pods', '-n', 'payments', '-l', 'app=ledger', '-o', 'name'])).replace('pod/', '');
    const real = f.kubectl.spawn(['logs', '-f', '--tail=2', pod, '-n', 'payments']);
    const c = await connect(wsUrl(f.s.url, '/ws/terminal'), { ca: f.s.caPem });
    sockets.push(c);
    c.send({ type: 'auth', token: f.s.adminToken });
    await c.next((m) => m.type === 'authenticated');
    c.send({ type: 'open', mode: 'smart', cluster: f.id, namespace: 'payments' });
    await c.next((m) => m.type === 'opened', 10_000);
    c.send({ type: 'input', data: `logs -f --tail=2 ${pod}` });
    const smart = () =>
      c.messages
        .filter((m) => m.type === 'output')
        .map((m) => m.data as string)
        .join('');
    const lines = (text: string) => text.split('\n').filter(Boolean);
    try {
      // both print the last two lines, then keep following: wait for new lines on each side
      await until('followed lines', async () => lines(smart()).length >= 5 && lines(real.output()).length >= 5, 30_000);
    } finally {
      real.child.kill();
    }
    c.send({ type: 'input', data: '\u0003' });
    expect((await c.next((m) => m.type === 'exit', 10_000)).code).toBe(130);
    // they started a moment apart (so `--tail=2` began at different lines): the overlap must be identical
    const a = lines(smart());
    const b = lines(real.output());
    const [early, late] = b.includes(a[0]!) ? [b, a] : [a, b];
    const from = early.indexOf(late[0]!);
    expect(from).toBeGreaterThanOrEqual(0);
    const overlap = Math.min(early.length - from, late.length);
    expect(overlap).toBeGreaterThanOrEqual(3);
    expect(late.slice(0, overlap)).toEqual(early.slice(from, from + overlap));
  });

  it('rollout undo: the same messages, errors and resulting template', async () => {
    expect(await image()).toBe('nginx:1.27');
    await golden(['rollout', 'undo', 'deployment/web', '-n', 'shop', '--to-revision=9']);
    await golden(['rollout', 'undo', 'deployment/nope', '-n', 'shop']);
    await golden(['rollout', 'undo', 'statefulset/cache', '-n', 'shop']);
    // the current revision (2): kubectl skips it
    await golden(['rollout', 'undo', 'deployment/web', '-n', 'shop', '--to-revision=2']);
    // the smart terminal rolls back to revision 1 …
    expect(await run('rollout undo deployment/web -n shop')).toEqual({
      output: 'deployment.apps/web rolled back\n',
      exit_code: 0,
    });
    await until('image back to 1.26', async () => (await image()) === 'nginx:1.26');
    await f.kubectl.run(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=30s']);
    await golden(['rollout', 'history', 'deployment/web', '-n', 'shop']);
    // … and kubectl agrees on what the previous revision is now: it rolls back to 1.27
    const back = await kubectl(['rollout', 'undo', 'deployment/web', '-n', 'shop']);
    expect(back).toEqual({ output: 'deployment.apps/web rolled back\n', exit_code: 0 });
    await until('image back to 1.27', async () => (await image()) === 'nginx:1.27');
    await f.kubectl.run(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=30s']);
    await golden(['rollout', 'history', 'deployment/web', '-n', 'shop']);
    await golden(['describe', 'deployment', 'web', '-n', 'shop']);
  });
});
