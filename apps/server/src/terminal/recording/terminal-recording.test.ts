/**
 * Exec-session recordings against kube-sim: off by default (no recording, no flag in the audit rows), an
 * admin turns them on, then a shell's output and resizes are kept as asciicast v2 that only audit-log readers
 * may fetch (and fetching is audited); a session longer than TERMINAL_RECORDING_MAX_BYTES keeps its
 * beginning and says where it stopped, while the shell itself goes on.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../../test-support/cluster-test-kit.js';
import { connect, type TestClient, wsUrl } from '../../ws/ws-test-client.js';

const MAX = 4096;

describe('terminal session recordings', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let cluster: string;
  let ns: string;
  let pod: string;
  let operator: string;
  let viewer: string;
  const sockets: TestClient[] = [];

  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await s.fetch(path, { method, token, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const output = (c: TestClient) =>
    c.messages
      .filter((m) => m.type === 'output')
      .map((m) => m.data as string)
      .join('');
  /** A shell as the operator: the `opened` frame and the socket. */
  const shell = async () => {
    const c = await connect(wsUrl(s.url, '/ws/terminal'), { ca: s.caPem });
    sockets.push(c);
    c.send({ type: 'auth', token: operator });
    await c.next((m) => m.type === 'authenticated');
    c.send({ type: 'open', cluster, namespace: ns, pod, command: ['sh'], cols: 100, rows: 30 });
    const opened = await c.next((m) => m.type === 'opened' || m.type === 'error', 15_000);
    expect(opened.type).toBe('opened');
    await c.next(() => output(c).length > 0, 10_000); // the prompt
    return { c, opened };
  };
  const sessionRows = async () =>
    (
      await s.server.db.query<{ action: string; request_body: { session: string; recording?: boolean } }>(
        "SELECT action, request_body FROM audit_logs WHERE route = '/ws/terminal' ORDER BY id",
      )
    ).rows;

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer({ tls: true, env: { TERMINAL_RECORDING_MAX_BYTES: String(MAX) } }),
      startKubeSim({ tls: true, scenario: 'demo', seed: 5 }),
    ]);
    const created = await api('POST', '/api/clusters', s.adminToken, { name: 'rec', kubeconfig: sim.kubeconfig() });
    cluster = (JSON.parse(created.text) as { id: string }).id;
    const pods = JSON.parse(
      (
        await api(
          'GET',
          `/api/clusters/${cluster}/resources/core/v1/pods?fieldSelector=status.phase=Running`,
          s.adminToken,
        )
      ).text,
    ) as { items: Array<{ metadata: { namespace: string; name: string } }> };
    const p = pods.items.find((x) => x.metadata.namespace !== 'kube-system')!;
    ns = p.metadata.namespace;
    pod = p.metadata.name;
    operator = await s.addUser('rec-op', 'operator');
    viewer = await s.addUser('rec-view', 'viewer');
  }, 60_000);
  afterAll(async () => {
    for (const c of sockets) c.close();
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('records nothing until an admin turns recording on', async () => {
    expect(JSON.parse((await api('GET', '/api/settings/terminal', s.adminToken)).text)).toEqual({
      recording: false,
      recording_max_bytes: MAX,
    });
    const { c, opened } = await shell();
    expect(opened.recording).toBeUndefined();
    c.send({ type: 'input', data: 'exit 0\r' });
    await c.next((m) => m.type === 'exit', 10_000);
    const rows = await sessionRows();
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.request_body.recording === undefined)).toBe(true);
    const n = await s.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM terminal_recordings');
    expect(n.rows[0]!.n).toBe(0);
    // only admins change it; the body is checked
    expect((await api('PUT', '/api/settings/terminal', operator, { recording: true })).status).toBe(403);
    expect((await api('GET', '/api/settings/terminal', viewer)).status).toBe(403);
    expect((await api('PUT', '/api/settings/terminal', s.adminToken, { recording: 'yes' })).status).toBe(400);
  });

  it('records output and resizes as asciicast v2, for audit-log readers only', async () => {
    const put = await api('PUT', '/api/settings/terminal', s.adminToken, { recording: true });
    expect(JSON.parse(put.text)).toEqual({ recording: true, recording_max_bytes: MAX });
    const { c, opened } = await shell();
    expect(opened.recording).toBe(true);
    c.send({ type: 'input', data: 'echo recorded-marker\r' });
    await c.next(() => output(c).split('recorded-marker').length === 3, 10_000);
    c.send({ type: 'resize', cols: 90, rows: 20 });
    c.send({ type: 'input', data: 'exit 3\r' });
    expect((await c.next((m) => m.type === 'exit', 10_000)).code).toBe(3);
    const rows = (await sessionRows()).slice(-2);
    expect(rows.map((r) => [r.action, r.request_body.recording])).toEqual([
      ['terminal.exec.start', true],
      ['terminal.exec.end', true],
    ]);
    const id = rows[0]!.request_body.session;
    // the end is written when the session ends: poll for it
    let cast = await api('GET', `/api/audit/recordings/${id}`, s.adminToken);
    for (let i = 0; i < 50 && !cast.text.includes('"exit 3'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      cast = await api('GET', `/api/audit/recordings/${id}`, s.adminToken);
    }
    expect(cast.status).toBe(200);
    expect(cast.type).toMatch(/^application\/x-asciicast/);
    const [header, ...events] = cast.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(header).toMatchObject({ version: 2, width: 100, height: 30 });
    const typed = events as [number, string, string][];
    expect(typed.every(([t, type]) => typeof t === 'number' && (type === 'o' || type === 'r'))).toBe(true);
    expect(typed.map((e) => e[0])).toEqual([...typed.map((e) => e[0])].sort((a, b) => a - b));
    const text = typed
      .filter((e) => e[1] === 'o')
      .map((e) => e[2])
      .join('');
    expect(text).toBe(output(c));
    expect(typed).toContainEqual([expect.any(Number), 'r', '90x20']);
    // who may fetch it: audit readers (the admin), not an operator or viewer; a wrong id is 404 / 400
    expect((await api('GET', `/api/audit/recordings/${id}`, operator)).status).toBe(403);
    expect((await api('GET', `/api/audit/recordings/${id}`, viewer)).status).toBe(403);
    expect((await api('GET', '/api/audit/recordings/00000000-0000-4000-8000-000000000000', s.adminToken)).status).toBe(
      404,
    );
    expect((await api('GET', '/api/audit/recordings/nope', s.adminToken)).status).toBe(400);
    const views = await s.server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_logs WHERE action = 'terminal.recording.view' AND resource_name = $1",
      [id],
    );
    expect(views.rows[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('keeps at most TERMINAL_RECORDING_MAX_BYTES and says where it stopped; the shell goes on', async () => {
    const { c } = await shell();
    const long = 'x'.repeat(900);
    for (let i = 0; i < 8; i++) c.send({ type: 'input', data: `echo ${i}-${long}\r` });
    await c.next(() => output(c).includes(`7-${long}`), 10_000);
    c.send({ type: 'input', data: 'echo still-here\r' });
    await c.next(() => output(c).includes('still-here'), 10_000);
    c.send({ type: 'input', data: 'exit 0\r' });
    await c.next((m) => m.type === 'exit', 10_000);
    const id = (await sessionRows()).at(-1)!.request_body.session;
    let row: { truncated: boolean; size_bytes: number; ended_at: Date | null } | undefined;
    for (let i = 0; i < 50 && !row?.ended_at; i++) {
      row = (
        await s.server.db.query<{ truncated: boolean; size_bytes: number; ended_at: Date | null }>(
          'SELECT truncated, size_bytes, ended_at FROM terminal_recordings WHERE id = $1',
          [id],
        )
      ).rows[0];
      if (!row?.ended_at) await new Promise((r) => setTimeout(r, 100));
    }
    expect(row?.truncated).toBe(true);
    expect(row!.size_bytes).toBeLessThanOrEqual(MAX + 200);
    const cast = (await api('GET', `/api/audit/recordings/${id}`, s.adminToken)).text;
    expect(cast).toContain(`recording stopped at its limit of ${MAX} bytes`);
    expect(cast).not.toContain('still-here');
    await api('PUT', '/api/settings/terminal', s.adminToken, { recording: false });
  });
});
