import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';
import { connect, connectAs, wsUrl } from './ws-test-client.js';

describe('/ws protocol: auth first, bounded, malformed frames', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let url: string;
  let clusterId: string;

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer({
        env: {
          WS_AUTH_TIMEOUT_MS: '300',
          WS_MAX_SUBSCRIPTIONS: '2',
          WS_MAX_PAYLOAD_BYTES: '4096',
          WS_PING_INTERVAL_MS: '300',
          WS_REAUTH_INTERVAL_MS: '1000',
        },
      }),
      startKubeSim({ scenario: 'demo', seed: 5 }),
    ]);
    url = wsUrl(s.url);
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('closes with 4408 when no auth message comes in time', async () => {
    const c = await connect(url);
    const t0 = performance.now();
    const closed = await c.closed;
    expect(closed.code).toBe(4408);
    expect(closed.reason).toContain('auth');
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(c.messages[0]).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
  });

  it('refuses bad credentials (4401 with the HTTP code), a first message that is not auth, and tokens in the URL', async () => {
    const bad = await connect(url);
    bad.send({ type: 'auth', token: 'not-a-jwt' });
    const closed = await bad.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^TOKEN_INVALID/);
    const badKey = await connect(url);
    badKey.send({ type: 'auth', token: 'argus_nope' });
    expect((await badKey.closed).reason).toMatch(/^API_KEY_INVALID/);
    const early = await connect(url);
    early.send({ type: 'subscribe', id: 'x', cluster: clusterId, group: 'core', version: 'v1', resource: 'pods' });
    expect((await early.closed).code).toBe(4401);
    await expect(connect(`${url}?token=${s.adminToken}`)).rejects.toThrow('HTTP 400');
    await expect(connect(`${url}?access_token=abc`)).rejects.toThrow('HTTP 400');
  });

  it('accepts an API key exactly as HTTP does', async () => {
    const res = await s.fetch('/api/auth/api-keys', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'ws' }),
    });
    expect(res.status).toBe(201);
    const key = ((await res.json()) as { key: string }).key;
    const c = await connectAs(url, key);
    c.send({
      type: 'subscribe',
      id: 'p',
      cluster: clusterId,
      group: 'core',
      version: 'v1',
      resource: 'pods',
      sendInitial: true,
    });
    await c.next((m) => m.type === 'synced' && m.id === 'p');
    expect(c.messages.filter((m) => m.type === 'event').length).toBeGreaterThan(0);
    c.close();
  });

  it('answers malformed frames with an error frame and stays usable', async () => {
    const c = await connectAs(url, s.adminToken);
    let from = c.messages.length;
    const expectError = async (code: string) => {
      const m = await c.next((x) => x.type === 'error', 2_000, from);
      from = c.messages.length;
      expect(m.code).toBe(code);
      return m;
    };
    c.sendRaw('{not json');
    await expectError('INVALID_JSON');
    c.sendRaw(Buffer.from([1, 2, 3]));
    await expectError('BAD_REQUEST');
    c.send({ type: 'nope' });
    await expectError('VALIDATION_FAILED');
    c.send({ type: 'subscribe', id: 's1', cluster: clusterId });
    const invalid = await expectError('VALIDATION_FAILED');
    expect(invalid.id).toBe('s1');
    expect(invalid.message).toContain('version');
    c.send({ type: 'subscribe', id: 's2', cluster: 'no-such-cluster', group: 'core', version: 'v1', resource: 'pods' });
    expect((await expectError('NOT_FOUND')).id).toBe('s2');
    c.send({
      type: 'subscribe',
      id: 's3',
      cluster: clusterId,
      group: 'example.com',
      version: 'v1',
      resource: 'widgets',
    });
    await expectError('UNKNOWN_KIND');
    c.send({
      type: 'subscribe',
      id: 's4',
      cluster: clusterId,
      group: 'core',
      version: 'v1',
      resource: 'pods',
      labelSelector: 'a in (',
    });
    await expectError('BAD_REQUEST');
    c.send({ type: 'unsubscribe', id: 'never' });
    await expectError('UNKNOWN_SUBSCRIPTION');
    c.send({ type: 'ping' });
    await c.next((m) => m.type === 'pong', 2_000, from);
    c.send({
      type: 'subscribe',
      id: 'ok',
      cluster: clusterId,
      group: 'core',
      version: 'v1',
      resource: 'namespaces',
      sendInitial: true,
    });
    await c.next((m) => m.type === 'synced' && m.id === 'ok', 5_000, from);
    c.close();
  });

  it('limits subscriptions per connection; unsubscribing frees a slot', async () => {
    const c = await connectAs(url, s.adminToken);
    const sub = (id: string) =>
      c.send({ type: 'subscribe', id, cluster: clusterId, group: 'core', version: 'v1', resource: 'pods' });
    sub('a');
    sub('b');
    await c.next((m) => m.type === 'subscribed' && m.id === 'b');
    sub('c');
    expect(await c.next((m) => m.type === 'error' && m.id === 'c')).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS' });
    sub('a'); // replacing an id is not a new slot
    c.send({ type: 'unsubscribe', id: 'b' });
    await c.next((m) => m.type === 'unsubscribed' && m.id === 'b');
    sub('c');
    await c.next((m) => m.type === 'subscribed' && m.id === 'c');
    c.close();
  });

  it('closes on frames over the maximum message size (1009)', async () => {
    const c = await connectAs(url, s.adminToken);
    c.sendRaw(JSON.stringify({ type: 'ping', pad: 'x'.repeat(10_000) }));
    expect((await c.closed).code).toBe(1009);
  });

  it('drops a peer that does not answer pings', async () => {
    const c = await connect(url, { autoPong: false });
    c.send({ type: 'auth', token: s.adminToken });
    await c.next((m) => m.type === 'authenticated');
    const t0 = performance.now();
    const closed = await c.closed;
    expect(closed.code).toBe(1006);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('ends the connection when its session ends (logout), at the next credential check', async () => {
    const login = await s.fetch('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'admin@example.com', password: 'correct horse battery staple' }),
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const c = await connectAs(url, token);
    expect((await s.fetch('/api/auth/logout', { method: 'POST', token })).status).toBe(204);
    const closed = await c.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^TOKEN_REVOKED/);
  });

  it('takes a fresh token for the same user, and refuses another user', async () => {
    const c = await connectAs(url, s.adminToken);
    const login = await s.fetch('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'admin@example.com', password: 'correct horse battery staple' }),
    });
    const fresh = ((await login.json()) as { access_token: string }).access_token;
    let from = c.messages.length;
    c.send({ type: 'auth', token: fresh });
    await c.next((m) => m.type === 'authenticated', 2_000, from);
    const other = await s.addUser('someone', 'viewer');
    from = c.messages.length;
    c.send({ type: 'auth', token: other });
    expect(await c.next((m) => m.type === 'error', 2_000, from)).toMatchObject({ code: 'FORBIDDEN' });
    c.send({ type: 'ping' });
    await c.next((m) => m.type === 'pong', 2_000, from);
    c.close();
  });
});

describe('/ws on shutdown', () => {
  it('closes clients with 1001 and does not hold the shutdown up', async () => {
    const s = await startClusterTestServer();
    const c = await connectAs(wsUrl(s.url), s.adminToken);
    const t0 = performance.now();
    await s.stop();
    expect((await c.closed).code).toBe(1001);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
