import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRecord, createAuditStore } from '../../audit/audit-store.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { createNotificationOutbox } from '../pipeline/outbox.js';
import type { NotificationEvent } from '../types.js';
import { forwardAuditEvents } from './audit-events.js';

describe('audit events become admin notifications', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
  });
  afterAll(() => t.drop());

  const record = (method: string, route: string, action: string): AuditRecord => ({
    userId: null,
    userEmail: 'ops@example.com',
    sourceIp: '127.0.0.1',
    method,
    route,
    path: route,
    action,
    clusterId: null,
    namespace: null,
    resource: null,
    resourceName: null,
    requestBody: null,
  });
  const ok = { outcome: 'success' as const, statusCode: 201, errorCode: null, durationMs: 3 };

  it('forwards role changes, clusters added/removed and API keys created — successful ones only', async () => {
    const audit = createAuditStore(t.db);
    const stop = forwardAuditEvents({
      audit,
      db: t.db,
      outbox: createNotificationOutbox(),
      logger: pino({ level: 'silent' }),
    });
    const run = async (r: AuditRecord, result = ok) => audit.finish(await audit.begin(r), result);
    await run(record('POST', '/api/roles/assign', 'role.assign'));
    await run(record('POST', '/api/clusters', 'clusters.create'));
    await run(record('DELETE', '/api/clusters/:clusterId', 'clusters.delete'));
    await run(record('POST', '/api/auth/api-keys', 'api_key.create'));
    // Not of interest, or not successful.
    await run(record('POST', '/api/auth/login', 'auth.login'));
    await run(record('POST', '/api/roles/assign', 'role.assign'), {
      ...ok,
      outcome: 'denied',
      statusCode: 403,
    } as never);
    await audit.record(record('POST', '/api/auth/api-keys', 'api_key.create'), ok);
    stop();
    await run(record('POST', '/api/roles/assign', 'role.assign'));

    const rows = (
      await t.db.query<{ value: NotificationEvent; msg_key: string }>(
        'SELECT value, msg_key FROM notification_outbox ORDER BY id',
      )
    ).rows;
    expect(rows.map((r) => r.value.type)).toEqual([
      'audit.role.assign',
      'audit.clusters.create',
      'audit.clusters.delete',
      'audit.api_key.create',
      'audit.api_key.create',
    ]);
    for (const { value, msg_key } of rows) {
      expect(value).toMatchObject({ audience: 'admins', state: 'event' });
      expect(value.id).toMatch(/^audit:\d+$/);
      expect(msg_key).toBe(value.id);
    }
    expect(rows[2]!.value).toMatchObject({ title: 'ops@example.com removed a cluster', severity: 'warning' });
  });
});
