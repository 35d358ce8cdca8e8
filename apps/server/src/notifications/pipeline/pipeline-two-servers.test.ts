import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type MockKafka, startMockKafka } from '../../broker/kafka-test-kit.js';
import type { RunningServer } from '../../lifecycle/start-server.js';
import { type ReplicaSet, startReplicas } from '../../test-support/replica-set.js';
import { startTestReceiver, type TestReceiver } from '../channels/test-receiver.js';
import { raise, until } from './pipeline-test-kit.js';

/**
 * Two real servers on one PostgreSQL database with KAFKA_BROKERS pointing at librdkafka's mock cluster: an
 * alert is notified once (in-app and on the channel), whichever replica handles it, and when one replica
 * stops the other carries on.
 */
describe.skipIf(!inject('postgresAdminUrl'))('two servers on Kafka', () => {
  let set: ReplicaSet;
  let replicas: RunningServer[] = [];
  let mock: MockKafka;
  let receiver: TestReceiver;
  let adminId = '';
  const http = (r: RunningServer, path: string, init: RequestInit = {}) => set.http(r, path, init);
  const webhookIds = (eventId: string) =>
    receiver.requests
      .filter((r) => (r.json() as { data: { id: string } }).data.id === eventId)
      .map((r) => r.headers['webhook-id']);
  const event = (id: string) => ({
    id,
    type: 'audit.test',
    severity: 'warning' as const,
    state: 'event' as const,
    title: `event ${id}`,
    body: '',
    audience: 'admins' as const,
    occurred_at: new Date().toISOString(),
  });
  const inApp = async (id: string) =>
    (
      await replicas[1]!.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications WHERE event_id = $1 AND user_id = $2',
        [id, adminId],
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    mock = await startMockKafka();
    receiver = await startTestReceiver();
    set = await startReplicas(2, { KAFKA_BROKERS: mock.bootstrap });
    replicas = set.replicas;
    adminId = set.admin.userId;
    const [a] = replicas as [RunningServer, RunningServer];
    const channel = (await (
      await http(a, '/api/notifications/channels', {
        method: 'POST',
        body: JSON.stringify({ name: 'hook', type: 'webhook', config: { url: `${receiver.url}/hook` } }),
      })
    ).json()) as { id: string };
    const prefs = await http(a, '/api/notifications/preferences', {
      method: 'PUT',
      body: JSON.stringify({ min_severity: 'info', channels: [channel.id], mode: 'immediate' }),
    });
    expect(prefs.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await set?.close();
    await receiver?.close();
    await mock?.stop();
  });

  it('notifies once across both replicas, and the survivor carries on when one stops', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    expect(a.live.broker.kind).toBe('kafka');
    for (const id of ['two-1', 'two-2', 'two-3']) await raise(a.db, event(id));
    for (const id of ['two-1', 'two-2', 'two-3']) {
      await until(`the webhook of ${id}`, () => webhookIds(id).length >= 1, 120_000);
      await until(`the notification of ${id}`, async () => (await inApp(id)) === 1, 60_000);
    }
    const ready = (await (await http(b, '/readyz')).json()) as { checks: { broker: unknown } };
    expect(ready.checks.broker).toEqual({ status: 'ok', kind: 'kafka' });

    await a.close();
    await raise(b.db, event('two-after'));
    await until('the webhook after one replica stopped', () => webhookIds('two-after').length >= 1, 120_000);
    expect(await inApp('two-after')).toBe(1);
    for (const id of ['two-1', 'two-2', 'two-3', 'two-after']) {
      // At-least-once: a rebalance may hand a delivery out again, always with the same webhook-id.
      expect(new Set(webhookIds(id)).size).toBe(1);
      expect(await inApp(id)).toBe(1);
    }
  }, 300_000);
});
