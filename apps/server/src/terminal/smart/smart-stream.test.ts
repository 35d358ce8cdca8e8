/**
 * Smart mode over `/ws/terminal`: `get -w` prints kubectl's table and then a row per change (a new
 * ConfigMap appears as a row), Ctrl+C ends it with exit 130; `logs -f` streams the pod's log; a one-shot
 * command answers with output and exit; a namespace-scoped user's watch outside its namespace is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationsFixture, startOperationsFixture } from '../../test-support/operations-fixture.js';
import { connect, type TestClient, wsUrl } from '../../ws/ws-test-client.js';

describe('/ws/terminal smart mode', () => {
  let f: OperationsFixture;
  const open: TestClient[] = [];

  const smart = async (token: string, namespace?: string) => {
    const c = await connect(wsUrl(f.s.url, '/ws/terminal'), { ca: f.s.caPem });
    open.push(c);
    c.send({ type: 'auth', token });
    await c.next((m) => m.type === 'authenticated');
    c.send({ type: 'open', mode: 'smart', cluster: f.id, ...(namespace ? { namespace } : {}) });
    await c.next((m) => m.type === 'opened', 10_000);
    return c;
  };
  const output = (c: TestClient, from = 0) =>
    c.messages
      .slice(from)
      .filter((m) => m.type === 'output')
      .map((m) => m.data as string)
      .join('');

  beforeAll(async () => {
    f = await startOperationsFixture();
  }, 120_000);
  afterAll(async () => {
    for (const c of open) c.close();
    await f?.stop();
  });

  it('runs one-shot commands and reports their exit codes', async () => {
    const c = await smart(f.s.adminToken, 'shop');
    c.send({ type: 'input', data: 'get deployments\n' });
    const exit = await c.next((m) => m.type === 'exit', 10_000);
    expect(exit.code).toBe(0);
    expect(output(c)).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
    expect(output(c)).toContain('web ');
    const from = c.messages.length;
    c.send({ type: 'input', data: 'frobnicate' });
    expect((await c.next((m) => m.type === 'exit', 10_000, from)).code).toBe(1);
    expect(output(c, from)).toBe('Error: unknown command "frobnicate" for "kubectl"\n');
  });

  it('watches with get -w until Ctrl+C', async () => {
    const c = await smart(f.s.adminToken);
    c.send({ type: 'input', data: 'get configmaps -n shop -w' });
    // the list first, as kubectl prints it (shop has no ConfigMap yet), then a row per change
    await c.next(() => output(c) === 'No resources found in shop namespace.\n', 10_000);
    await f.kubectl.run(['create', 'configmap', 'watched', '-n', 'shop', '--from-literal=a=b']);
    await c.next(() => /\nNAME\s+DATA\s+AGE\nwatched\s+1\s+\S+\n$/.test(output(c)), 10_000);
    await f.kubectl.run(['create', 'configmap', 'watched-2', '-n', 'shop', '--from-literal=a=b', '--from-literal=c=d']);
    await c.next(() => /\nwatched-2\s+2\s+\S+\n$/.test(output(c)), 10_000);
    c.send({ type: 'input', data: '\u0003' });
    expect((await c.next((m) => m.type === 'exit', 10_000)).code).toBe(130);
  });

  it('follows logs with logs -f', async () => {
    const pod = (await f.kget(['pods', '-n', 'payments', '-l', 'app=ledger', '-o', 'name'])).replace('pod/', '');
    const want = (await f.kubectl.run(['logs', pod, '-n', 'payments'])).stdout;
    const c = await smart(f.s.adminToken, 'payments');
    c.send({ type: 'input', data: `logs -f ${pod}` });
    const firstLine = want.split('\n')[0]!;
    expect(firstLine).not.toBe('');
    await c.next(() => output(c).includes(firstLine), 10_000);
    c.send({ type: 'input', data: '\u0003' });
    expect((await c.next((m) => m.type === 'exit', 10_000)).code).toBe(130);
  });

  it('refuses a watch where the user may not read, as kubectl prints it', async () => {
    const c = await smart(f.shopOperator);
    c.send({ type: 'input', data: 'get pods -n payments -w' });
    const exit = await c.next((m) => m.type === 'exit', 10_000);
    expect(exit.code).toBe(1);
    expect(output(c)).toMatch(/^Error from server \(Forbidden\): .+\n$/);
  });
});
