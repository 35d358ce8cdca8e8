import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerMessage } from '../../broker/broker.js';
import { bearer, createUser, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';
import { connectAs, type TestClient, wsUrl } from '../../ws/ws-test-client.js';
import { reply, startTestReceiver, type TestReceiver } from '../channels/test-receiver.js';
import { NOTIFICATION_TOPICS } from '../types.js';
import { crashLoopEvent, raise, until } from './pipeline-test-kit.js';

/**
 * The whole path on the real server: an event enqueued through the outbox (as the alert engine does) →
 * the relay → the in-memory broker → fan-out (preferences, RBAC) → in-app notification, WebSocket push
 * and a signed webhook to a local receiver.
 */
describe.each(testDrivers())('notification pipeline on %s', (driver) => {
  let server: TestServer;
  let app: FastifyInstance;
  let admin: SignedIn;
  let alice: SignedIn; // viewer in namespace payments
  let bob: SignedIn; // viewer in namespace shipping
  let receiver: TestReceiver;
  let clusterId: string;
  let hook: string;
  let seq = 0;
  const clients: TestClient[] = [];

  const api = (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, payload: payload as object, headers: bearer(who.token) });
  const list = async (who: SignedIn, query = '') => {
    const res = await api(who, 'GET', `/api/notifications${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: Array<{ id: string; title: string; read_at: string | null }>;
      unread: number;
      next_cursor?: string;
    };
  };
  const titled = async (who: SignedIn, title: string) => (await list(who)).items.filter((n) => n.title === title);
  const hooksFor = (eventId: string) =>
    receiver.requests.filter((r) => (r.json() as { data?: { id?: string } }).data?.id === eventId);
  const nextId = () => `test-event-${driver}-${++seq}`;

  beforeAll(async () => {
    server = await createTestServer(driver, {
      listen: true,
      env: { NOTIFICATION_RETRY_BASE_MS: '200', NOTIFICATION_DELIVERY_ATTEMPTS: '3' },
    });
    app = server.app;
    admin = await setupAdmin(app);
    const c = await server.db.query<{ id: string }>(
      "INSERT INTO clusters (name, connection_type) VALUES ('prod', 'agent') RETURNING id::text AS id",
    );
    clusterId = c.rows[0]!.id;
    alice = await createUser(app, admin.token, {
      email: 'alice@example.com',
      role: 'viewer',
      clusterId,
      namespace: 'payments',
    });
    bob = await createUser(app, admin.token, {
      email: 'bob@example.com',
      role: 'viewer',
      clusterId,
      namespace: 'shipping',
    });
    receiver = await startTestReceiver();
    const created = await api(admin, 'POST', '/api/notifications/channels', {
      name: 'On-call hook',
      type: 'webhook',
      config: { url: `${receiver.url}/hook`, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    });
    expect(created.statusCode, created.body).toBe(201);
    hook = created.json().id;
    for (const who of [alice, bob]) {
      const res = await api(who, 'PUT', '/api/notifications/preferences', {
        min_severity: 'warning',
        channels: [hook],
        mode: 'immediate',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  }, 120_000);
  beforeEach(() => receiver.setDefault(reply(200, 'ok')));
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await receiver?.close();
  });

  it('tells only those who may read the object: in-app once, pushed live, and once on the chosen channel', async () => {
    const ws = await connectAs(wsUrl(server.url.replace('localhost', '127.0.0.1')), alice.token);
    clients.push(ws);
    const e = crashLoopEvent(nextId(), clusterId, 'payments', 'api');
    await raise(server.db, e);

    const pushed = await ws.next((m) => m.type === 'notification' && m.notification.title === e.title, 30_000);
    expect(pushed.notification).toMatchObject({
      type: 'CrashLoopBackOff',
      severity: 'critical',
      cluster_id: clusterId,
      resource_ref: { namespace: 'payments', name: 'api', kind: 'Deployment' },
      link: e.link,
      read_at: null,
    });
    await until('the webhook', () => hooksFor(e.id).length === 1);
    expect(await titled(alice, e.title)).toHaveLength(1);
    expect(await titled(admin, e.title)).toHaveLength(1); // admin: default preferences, reads everything
    expect(await titled(bob, e.title)).toHaveLength(0); // scoped to another namespace: nothing

    // Redelivered (a replica died after publishing, Kafka handed it out again): nothing new is visible.
    await raise(server.db, e);
    await server.live.broker.publish(NOTIFICATION_TOPICS.events, e, { key: 'payments/api' });
    // A later event on the same key is handled after the redeliveries (in order per key).
    const after = crashLoopEvent(nextId(), clusterId, 'payments', 'api');
    after.title = 'later event on the same object';
    await raise(server.db, after);
    await until('the later webhook', () => hooksFor(after.id).length === 1);
    await until('the later notification', async () => (await titled(alice, after.title)).length === 1);
    expect(await titled(alice, e.title)).toHaveLength(1);
    expect(hooksFor(e.id)).toHaveLength(1);
    expect(ws.messages.filter((m) => m.type === 'notification' && m.notification.title === e.title)).toHaveLength(1);
    // Signed per Standard Webhooks, with a stable id.
    const req = hooksFor(e.id)[0]!;
    expect(req.headers['webhook-id']).toBeTruthy();
    expect(req.headers['webhook-signature']).toMatch(/^v1,/);
  }, 60_000);

  it('retries after the Retry-After the receiver asked for, with the same webhook-id', async () => {
    receiver.enqueue(reply(429, 'slow down', { 'retry-after': '2' }));
    const e = crashLoopEvent(nextId(), clusterId, 'payments', 'worker');
    await raise(server.db, e);
    await until('the first attempt', () => hooksFor(e.id).length === 1);
    const firstSeen = performance.now();
    await until('the retried webhook', () => hooksFor(e.id).length === 2, 30_000);
    // Retry-After: 2 → not before two seconds (the first was seen up to one poll after it came).
    expect(performance.now() - firstSeen).toBeGreaterThanOrEqual(1_900);
    const [first, second] = hooksFor(e.id);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    const row = await until('the delivery recorded', async () => {
      const r = await server.db.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM notification_deliveries WHERE event_id = $1',
        [e.id],
      );
      return r.rows[0]?.status === 'sent' ? r.rows : undefined;
    });
    expect(row).toEqual([{ status: 'sent', attempts: 2 }]);
  }, 60_000);

  it('disables a channel that answers 410 (with the reason) and dead-letters the delivery', async () => {
    const dead: BrokerMessage[] = [];
    const off = server.live.broker.subscribe(NOTIFICATION_TOPICS.deadLetter, (m) => void dead.push(m));
    try {
      receiver.enqueue(reply(410, 'gone'));
      const e = crashLoopEvent(nextId(), clusterId, 'payments', 'db');
      await raise(server.db, e);
      const channel = await until('the channel disabled', async () => {
        const c = (await api(admin, 'GET', `/api/notifications/channels/${hook}`)).json();
        return c.enabled === false ? c : undefined;
      });
      expect(channel.disabled_reason).toMatch(/410/);
      await until('the dead letter', () => dead.some((m) => (m.value as { event_id: string }).event_id === e.id));
      const row = await server.db.query<{ status: string }>(
        'SELECT status FROM notification_deliveries WHERE event_id = $1',
        [e.id],
      );
      expect(row.rows).toEqual([{ status: 'dead' }]);
    } finally {
      off();
      await api(admin, 'PUT', `/api/notifications/channels/${hook}`, {
        name: 'On-call hook',
        type: 'webhook',
        config: { url: `${receiver.url}/hook` },
        enabled: true,
      });
    }
  }, 60_000);

  it('lists with unread, pages with a cursor, marks read one or all, and keeps users apart', async () => {
    for (let i = 0; i < 3; i++) await raise(server.db, crashLoopEvent(nextId(), clusterId, 'payments', `svc-${i}`));
    await until('three more notifications', async () => (await list(alice)).items.length >= 7);
    const all = await list(alice, '?limit=200');
    const first = await list(alice, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).toBeTruthy();
    const second = await list(alice, `?limit=2&cursor=${first.next_cursor}`);
    expect(second.items.map((n) => n.id)).toEqual(all.items.slice(2, 4).map((n) => n.id));
    expect((await api(alice, 'GET', '/api/notifications?cursor=bm9wZQ')).statusCode).toBe(400);

    const target = all.items[0]!;
    const unreadBefore = all.unread;
    // Bob cannot mark Alice's notification.
    expect((await api(bob, 'POST', `/api/notifications/${target.id}/read`)).statusCode).toBe(404);
    const read = await api(alice, 'POST', `/api/notifications/${target.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().read_at).toBeTruthy();
    const unread = await list(alice, '?unread=true&limit=200');
    expect(unread.unread).toBe(unreadBefore - 1);
    expect(unread.items.map((n) => n.id)).not.toContain(target.id);
    const all2 = await api(alice, 'POST', '/api/notifications/read-all');
    expect(all2.json()).toEqual({ marked: unreadBefore - 1, unread: 0 });
    expect((await list(alice)).unread).toBe(0);
  }, 60_000);

  it('has default preferences, and refuses unknown channels and time zones', async () => {
    const carol = await createUser(app, admin.token, { email: `carol-${driver}@example.com`, role: 'viewer' });
    expect((await api(carol, 'GET', '/api/notifications/preferences')).json()).toEqual({
      min_severity: 'warning',
      channels: [],
      mode: 'immediate',
      clusters: null,
      namespaces: null,
      types: null,
      quiet_hours: null,
    });
    const unknown = await api(carol, 'PUT', '/api/notifications/preferences', {
      min_severity: 'info',
      channels: ['00000000-0000-4000-8000-000000000000'],
      mode: 'immediate',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    const badZone = await api(carol, 'PUT', '/api/notifications/preferences', {
      min_severity: 'info',
      channels: [],
      mode: 'digest',
      quiet_hours: { start: '22:00', end: '07:00', time_zone: 'Mars/Olympus' },
    });
    expect(badZone.statusCode).toBe(400);
    const good = {
      min_severity: 'critical',
      channels: [hook],
      mode: 'digest',
      clusters: [clusterId],
      namespaces: ['payments'],
      types: ['CrashLoopBackOff'],
      quiet_hours: { start: '22:00', end: '07:00', time_zone: 'Europe/Berlin' },
    };
    expect((await api(carol, 'PUT', '/api/notifications/preferences', good)).json()).toEqual(good);
    expect((await api(carol, 'GET', '/api/notifications/preferences')).json()).toEqual(good);
    // A channel deleted since is no longer listed.
    const temp = await api(admin, 'POST', '/api/notifications/channels', {
      name: `temp-${driver}`,
      type: 'webhook',
      config: { url: `${receiver.url}/temp` },
    });
    const tempId = temp.json().id as string;
    await api(carol, 'PUT', '/api/notifications/preferences', { ...good, channels: [hook, tempId] });
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/notifications/channels/${tempId}`,
          headers: bearer(admin.token),
        })
      ).statusCode,
    ).toBe(204);
    expect((await api(carol, 'GET', '/api/notifications/preferences')).json().channels).toEqual([hook]);
  });

  it('reports the broker in /readyz', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.json().checks.broker).toEqual({ status: 'ok', kind: 'memory' });
  });
});
