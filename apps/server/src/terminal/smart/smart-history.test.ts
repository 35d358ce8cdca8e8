/**
 * The smart terminal's history on the server: each user's command lines, newest first, from the one-shot
 * route and the streaming socket alike; never a command's stdin; a confirmation kept once; bounded per user.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationsFixture, startOperationsFixture } from '../../test-support/operations-fixture.js';
import { connect, wsUrl } from '../../ws/ws-test-client.js';
import { createTerminalHistory } from './history.js';

type History = {
  items: { command: string; cluster_id: string | null; namespace: string | null; exit_code: number | null }[];
};

describe('smart terminal history (GET /api/terminal/history)', () => {
  let f: OperationsFixture;
  const run = (token: string, command: string, extra: Record<string, unknown> = {}) =>
    f.api('POST', '/api/terminal/run', token, { cluster: f.id, command, ...extra });
  const history = async (token: string, q = '') => {
    const r = await f.api<History>('GET', `/api/terminal/history${q}`, token);
    expect(r.status).toBe(200);
    return r.body.items;
  };

  beforeAll(async () => {
    f = await startOperationsFixture();
  }, 120_000);
  afterAll(() => f?.stop());

  it('keeps each user’s lines newest first, with cluster, namespace and exit code, never stdin', async () => {
    await run(f.viewer, 'get pods -n shop');
    await run(f.viewer, 'get deployments', { namespace: 'shop' });
    await run(f.viewer, 'apply -f -', {
      stdin: 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData: { p: supersecret-value }\n',
    });
    await run(f.viewer, 'frobnicate');
    const items = await history(f.viewer);
    expect(items.map((i) => i.command)).toEqual(['frobnicate', 'apply -f -', 'get deployments', 'get pods -n shop']);
    expect(items[0]).toMatchObject({ cluster_id: f.id, exit_code: 1 });
    expect(items[2]).toMatchObject({ namespace: 'shop', exit_code: 0 });
    const leaked = await f.s.server.db.query("SELECT 1 FROM terminal_history WHERE command LIKE '%supersecret%'");
    expect(leaked.rows).toEqual([]);
    // another user sees only their own
    expect(await history(f.shopOperator)).toEqual([]);
    expect((await history(f.viewer, '?limit=2')).map((i) => i.command)).toEqual(['frobnicate', 'apply -f -']);
    expect((await f.api('GET', '/api/terminal/history?limit=0', f.viewer)).status).toBe(400);
    expect((await f.s.fetch('/api/terminal/history')).status).toBe(401);
  });

  it('keeps a confirmed command once and a repeated line once', async () => {
    await f.kubectl.run(['create', 'configmap', 'gone', '-n', 'shop', '--from-literal=a=b']);
    await run(f.shopOperator, 'delete configmap gone -n shop');
    await run(f.shopOperator, 'delete configmap gone -n shop', { confirmed: true });
    await run(f.shopOperator, 'get configmaps -n shop');
    await run(f.shopOperator, 'get configmaps -n shop');
    expect((await history(f.shopOperator)).map((i) => i.command)).toEqual([
      'get configmaps -n shop',
      'delete configmap gone -n shop',
    ]);
  });

  it('keeps lines typed into a streaming session (a watch as it starts)', async () => {
    const c = await connect(wsUrl(f.s.url, '/ws/terminal'), { ca: f.s.caPem });
    try {
      c.send({ type: 'auth', token: f.s.adminToken });
      await c.next((m) => m.type === 'authenticated');
      c.send({ type: 'open', mode: 'smart', cluster: f.id, namespace: 'shop' });
      await c.next((m) => m.type === 'opened', 10_000);
      c.send({ type: 'input', data: 'get deployments' });
      await c.next((m) => m.type === 'exit', 10_000);
      c.send({ type: 'input', data: 'get pods -w' });
      await c.next(() => c.messages.filter((m) => m.type === 'output').length >= 2, 10_000);
      expect((await history(f.s.adminToken)).map((i) => i.command).slice(0, 2)).toEqual([
        'get pods -w',
        'get deployments',
      ]);
      c.send({ type: 'input', data: '\u0003' });
      await c.next((m) => m.type === 'exit' && m.code === 130, 10_000);
    } finally {
      c.close();
    }
  });

  it('keeps the newest 500 lines per user', async () => {
    const h = createTerminalHistory(f.s.server.db, pino({ level: 'silent' }));
    const userId = (
      await f.s.server.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'ops-viewer@example.com'")
    ).rows[0]!.id;
    for (let i = 0; i < 510; i++) await h.record(userId, { command: `get pods --v=${i}` });
    const n = await f.s.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM terminal_history WHERE user_id = $1',
      [userId],
    );
    expect(n.rows[0]!.n).toBe(500);
    const items = await history(f.viewer, '?limit=500');
    expect(items[0]!.command).toBe('get pods --v=509');
    expect(items.at(-1)!.command).toBe('get pods --v=10');
  });
});
