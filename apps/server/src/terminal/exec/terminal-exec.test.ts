/**
 * `/ws/terminal` exec mode against kube-sim over both transports (direct kubeconfig and the real agent):
 * a shell that lists and exits with a code, RBAC (viewer refused, smart mode still reachable), the idle
 * timeout, the per-user cap, the Origin check, and the audit rows at start and end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningAgent } from '@argus/agent';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterConnection } from '../../clusters/connection.js';
import { issueToken, runAgent } from '../../test-support/agent-test-kit.js';
import { type ClusterTestServer, startClusterTestServer } from '../../test-support/cluster-test-kit.js';
import { connect, type Msg, type TestClient, wsUrl } from '../../ws/ws-test-client.js';
import { openKubeExec } from './kube-exec.js';

type Transport = 'direct' | 'agent';
type AuditRow = {
  action: string;
  outcome: string;
  status_code: number;
  error_code: string | null;
  duration_ms: number | null;
  resource_name: string;
  request_body: {
    session: string;
    container?: string;
    exit_code?: number | null;
    bytes_in?: number;
    bytes_out?: number;
  };
};

describe('/ws/terminal: a shell in a container', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let dir: string;
  let agent: RunningAgent;
  const ids: Record<Transport, string> = { direct: '', agent: '' };
  let ns: string;
  let pod: string;
  const tokens: Record<string, string> = {};
  const open: TestClient[] = [];

  const terminal = async (who: string) => {
    const c = await connect(wsUrl(s.url, '/ws/terminal'), { ca: s.caPem });
    open.push(c);
    c.send({ type: 'auth', token: tokens[who]! });
    await c.next((m) => m.type === 'authenticated');
    return c;
  };
  const openShell = async (c: TestClient, cluster: string, extra: object = {}) => {
    const from = c.messages.length;
    c.send({ type: 'open', cluster, namespace: ns, pod, command: ['sh'], ...extra });
    return c.next((m) => m.type === 'opened' || m.type === 'error', 15_000, from);
  };
  const output = (c: TestClient) =>
    c.messages
      .filter((m) => m.type === 'output')
      .map((m) => m.data as string)
      .join('');
  const outputContains = (c: TestClient, text: string) => c.next(() => output(c).includes(text), 10_000);
  const auditRows = async (): Promise<AuditRow[]> =>
    (
      await s.server.db.query<AuditRow>(
        "SELECT action, outcome, status_code, error_code, duration_ms, resource_name, request_body FROM audit_logs WHERE route = '/ws/terminal' ORDER BY id",
      )
    ).rows;

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer({
        tls: true,
        env: {
          AGENT_PING_INTERVAL_MS: '500',
          AGENT_PING_TIMEOUT_MS: '3000',
          TERMINAL_IDLE_TIMEOUT_SECONDS: '2',
          TERMINAL_MAX_SESSIONS_PER_USER: '2',
        },
      }),
      startKubeSim({ tls: true, scenario: 'demo', seed: 5 }),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'argus-terminal-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    const direct = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'sim-direct', kubeconfig: sim.kubeconfig() }),
    });
    ids.direct = ((await direct.json()) as { id: string }).id;
    const issued = await issueToken(s, 'sim-agent');
    ids.agent = issued.cluster_id;
    agent = await runAgent(s, { dir, kubeconfig: join(dir, 'kubeconfig'), token: issued.token });
    const pods = (await (
      await s.fetch(`/api/clusters/${ids.direct}/resources/core/v1/pods?fieldSelector=status.phase=Running`, {
        token: s.adminToken,
      })
    ).json()) as { items: Array<{ metadata: { namespace: string; name: string } }> };
    const p = pods.items.find((x) => x.metadata.namespace !== 'kube-system')!;
    ns = p.metadata.namespace;
    pod = p.metadata.name;
    tokens.operator = await s.addUser('op', 'operator');
    tokens.viewer = await s.addUser('view', 'viewer');
    tokens.capped = await s.addUser('capped', 'operator');
  }, 60_000);

  afterAll(async () => {
    for (const c of open) c.close();
    await agent?.stop();
    await Promise.all([s?.stop(), sim?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const transport of ['direct', 'agent'] as const) {
    it(`${transport}: ls lists the container's files and exit 3 ends with exit code 3, audited at start and end`, async () => {
      const c = await terminal('operator');
      const opened = await openShell(c, ids[transport], { cols: 100, rows: 30 });
      expect(opened).toMatchObject({ type: 'opened', protocol: 'v5.channel.k8s.io' });
      await outputContains(c, '# ');
      c.send({ type: 'input', data: 'stty size\r' });
      await outputContains(c, '30 100\r\n');
      c.send({ type: 'resize', cols: 120, rows: 40 });
      c.send({ type: 'input', data: 'stty size\r' });
      await outputContains(c, '40 120\r\n');
      c.send({ type: 'input', data: 'ls /\r' });
      await outputContains(c, 'etc');
      c.send({ type: 'input', data: 'exit 3\r' });
      const exit = await c.next((m) => m.type === 'exit', 10_000);
      expect(exit).toEqual({ type: 'exit', code: 3 });
      expect((await c.closed).code).toBe(1000);

      await expect.poll(async () => (await auditRows()).filter((r) => r.request_body.session)).not.toHaveLength(0);
      const session = (await auditRows())
        .filter((r) => r.action === 'terminal.exec.start' && r.outcome === 'success')
        .at(-1)!.request_body.session;
      await expect
        .poll(async () => (await auditRows()).filter((r) => r.request_body.session === session))
        .toHaveLength(2);
      const [start, end] = (await auditRows()).filter((r) => r.request_body.session === session);
      expect(start).toMatchObject({
        action: 'terminal.exec.start',
        outcome: 'success',
        status_code: 101,
        resource_name: pod,
      });
      expect(end).toMatchObject({ action: 'terminal.exec.end', outcome: 'success', resource_name: pod });
      expect(end!.request_body.exit_code).toBe(3);
      expect(end!.request_body.bytes_in).toBe(Buffer.byteLength('stty size\rstty size\rls /\rexit 3\r'));
      expect(end!.request_body.bytes_out).toBeGreaterThan(10);
      expect(end!.duration_ms).toBeGreaterThanOrEqual(0);
    });
  }

  it('falls back to v4.channel.k8s.io when the API server does not speak v5, exit code from the v4 Status', async () => {
    const conn = await s.module.clusters.connection(ids.direct);
    const v4Only: ClusterConnection = {
      ...conn,
      transport: conn.transport,
      server: conn.server,
      request: (r) => conn.request(r),
      stream: (r) => conn.stream(r),
      close: () => conn.close(),
      // An older API server: it picks from what it knows, which is not v5.
      upgrade: (r) => conn.upgrade({ ...r, headers: { ...r.headers, 'sec-websocket-protocol': 'v4.channel.k8s.io' } }),
    };
    const podObj = (await (
      await s.fetch(`/api/clusters/${ids.direct}/resources/core/v1/pods/${pod}?namespace=${ns}`, {
        token: s.adminToken,
      })
    ).json()) as { spec: { containers: { name: string }[] } };
    const container = podObj.spec.containers[0]!.name;
    let out = '';
    let resolveEnd: (v: number | string) => void = () => {};
    const ended = new Promise<number | string>((resolve) => {
      resolveEnd = resolve;
    });
    const exec = await openKubeExec(
      v4Only,
      { namespace: ns, pod, container, command: ['sh', '-c', 'echo v4-here; exit 7'] },
      { output: (d) => (out += d.toString()), exit: (c) => resolveEnd(c), failure: (m) => resolveEnd(m) },
      { maxMessageBytes: 65_536 },
    );
    expect(exec.protocol).toBe('v4.channel.k8s.io');
    expect(await ended).toBe(7);
    expect(out).toContain('v4-here');
  });

  it('refuses a viewer with FORBIDDEN (audited as denied) and keeps the connection for another open', async () => {
    const c = await terminal('viewer');
    const refused = await openShell(c, ids.direct);
    expect(refused).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect(refused.message).toContain('pods:exec');
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    const from = c.messages.length;
    c.send({ type: 'ping' });
    expect(await c.next((m) => m.type === 'pong', 5_000, from)).toEqual({ type: 'pong' });
    const denied = (await auditRows()).filter((r) => r.outcome === 'denied');
    expect(denied.at(-1)).toMatchObject({ action: 'terminal.exec.start', status_code: 403, error_code: 'FORBIDDEN' });
  });

  it('answers NOT_FOUND for a pod that does not exist, and BAD_REQUEST for input before open', async () => {
    const c = await terminal('operator');
    c.send({ type: 'input', data: 'ls\r' });
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ code: 'BAD_REQUEST' });
    const from = c.messages.length;
    c.send({ type: 'open', cluster: ids.direct, namespace: ns, pod: 'no-such-pod' });
    expect(await c.next((m) => m.type === 'error', 10_000, from)).toMatchObject({ code: 'NOT_FOUND' });
    const from2 = c.messages.length;
    c.send({ type: 'open', cluster: ids.direct, namespace: ns, pod, container: 'nope' });
    expect(await c.next((m: Msg) => m.type === 'error', 10_000, from2)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('closes a session idle past the limit with a message saying so', async () => {
    const c = await terminal('operator');
    expect(await openShell(c, ids.direct)).toMatchObject({ type: 'opened' });
    const err = await c.next((m) => m.type === 'error', 10_000);
    expect(err).toEqual({ type: 'error', code: 'SESSION_IDLE', message: 'session idle for 2 s: closed' });
    await c.closed;
    const end = (await auditRows()).filter((r) => r.action === 'terminal.exec.end').at(-1)!;
    expect(end).toMatchObject({ error_code: 'SESSION_IDLE' });
    expect(end.request_body.exit_code).toBeNull();
  });

  it('caps the shells one user may have open at once', async () => {
    const a = await terminal('capped');
    const b = await terminal('capped');
    const c = await terminal('capped');
    expect(await openShell(a, ids.direct)).toMatchObject({ type: 'opened' });
    expect(await openShell(b, ids.direct)).toMatchObject({ type: 'opened' });
    expect(await openShell(c, ids.direct)).toMatchObject({ type: 'error', code: 'TOO_MANY_SESSIONS' });
    a.send({ type: 'input', data: 'exit\r' });
    expect(await a.next((m) => m.type === 'exit')).toEqual({ type: 'exit', code: 0 });
    await a.closed;
    expect(await openShell(c, ids.direct)).toMatchObject({ type: 'opened' });
  });

  it('holds the cap when opens race, and a refused open (no such pod) does not use up a place', async () => {
    tokens.racer = await s.addUser('racer', 'operator');
    const missing = await terminal('racer');
    missing.send({ type: 'open', cluster: ids.direct, namespace: ns, pod: 'no-such-pod' });
    expect(await missing.next((m) => m.type === 'error', 10_000)).toMatchObject({ code: 'NOT_FOUND' });
    const clients = await Promise.all([terminal('racer'), terminal('racer'), terminal('racer')]);
    const answers = await Promise.all(clients.map((c) => openShell(c, ids.direct)));
    expect(answers.map((a) => (a.type === 'opened' ? 'opened' : a.code)).sort()).toEqual([
      'TOO_MANY_SESSIONS',
      'opened',
      'opened',
    ]);
    for (const c of clients) c.close();
  });

  it('ends the session with SESSION_LOST when the pod is deleted', async () => {
    const c = await terminal('operator');
    const victim = (await (
      await s.fetch(`/api/clusters/${ids.direct}/resources/core/v1/pods?fieldSelector=status.phase=Running`, {
        token: s.adminToken,
      })
    ).json()) as { items: Array<{ metadata: { namespace: string; name: string } }> };
    const other = victim.items.find((x) => x.metadata.namespace !== 'kube-system' && x.metadata.name !== pod)!;
    const from = c.messages.length;
    c.send({ type: 'open', cluster: ids.direct, namespace: other.metadata.namespace, pod: other.metadata.name });
    expect(await c.next((m) => m.type === 'opened' || m.type === 'error', 15_000, from)).toMatchObject({
      type: 'opened',
    });
    // Keep it busy so the idle limit does not end it first.
    const keepAlive = setInterval(() => c.send({ type: 'input', data: 'true\r' }), 500);
    try {
      const kubectl = createKubectl(join(dir, 'kubeconfig'));
      const del = await kubectl.run([
        'delete',
        'pod',
        '-n',
        other.metadata.namespace,
        other.metadata.name,
        '--grace-period=0',
        '--force',
      ]);
      expect(del.code, del.stderr).toBe(0);
      const err = await c.next((m) => m.type === 'error', 15_000, from);
      expect(err).toMatchObject({ code: 'SESSION_LOST' });
      expect(err.message).toContain(other.metadata.name);
    } finally {
      clearInterval(keepAlive);
    }
  });

  it('refuses a cross-site Origin and credentials in the URL before the upgrade', async () => {
    await expect(
      connect(wsUrl(s.url, '/ws/terminal'), { ca: s.caPem, headers: { origin: 'https://evil.example' } }),
    ).rejects.toThrow('HTTP 403');
    await expect(connect(`${wsUrl(s.url, '/ws/terminal')}?token=x`, { ca: s.caPem })).rejects.toThrow('HTTP 400');
    const same = await connect(wsUrl(s.url, '/ws/terminal'), { ca: s.caPem, headers: { origin: s.url } });
    open.push(same);
  });
});
