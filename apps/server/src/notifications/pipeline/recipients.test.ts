import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../auth/authorizer.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import type { NotificationEvent } from '../types.js';
import { crashLoopEvent, type SeededUsers, seedUsers } from './pipeline-test-kit.js';
import { recipientsOf } from './recipients.js';

/** Who is told, with the real RBAC of real role assignments. */
describe('recipients', () => {
  let t: TestDatabase;
  let users: SeededUsers;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    users = await seedUsers(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const names = (rs: Array<{ principal: { userId: string } }>) =>
    rs.map((r) => Object.entries(users).find(([, id]) => id === r.principal.userId)?.[0]).sort();

  it('tells readers of the object only', async () => {
    const rs = await recipientsOf(
      t.db,
      createAuthorizer(t.db),
      crashLoopEvent('r1', users.clusterId, 'payments', 'api'),
    );
    expect(names(rs)).toEqual(['admin', 'alice']);
  });

  it('narrows a group to the alerts each user may read, and rewrites its body', async () => {
    const payments = crashLoopEvent('x', users.clusterId, 'payments', 'api').resource_ref!;
    const shipping = crashLoopEvent('y', users.clusterId, 'shipping', 'worker').resource_ref!;
    const group: NotificationEvent = {
      ...crashLoopEvent('g1', users.clusterId, 'payments', 'api'),
      body: 'api and worker crash-loop',
      alerts: [
        { fingerprint: 'a', state: 'firing', summary: 'payments/api crash-loops', resource_ref: payments },
        { fingerprint: 'b', state: 'firing', summary: 'shipping/worker crash-loops', resource_ref: shipping },
      ],
    };
    const rs = await recipientsOf(t.db, createAuthorizer(t.db), group);
    expect(names(rs)).toEqual(['admin', 'alice', 'bob']);
    const of = (name: 'admin' | 'alice' | 'bob') => rs.find((r) => r.principal.userId === users[name])!.event;
    expect(of('admin').alerts).toHaveLength(2);
    expect(of('alice').alerts!.map((a) => a.fingerprint)).toEqual(['a']);
    expect(of('bob').alerts!.map((a) => a.fingerprint)).toEqual(['b']);
    expect(of('bob').resource_ref).toEqual(shipping);
    expect(of('bob').body).toBe('Firing: shipping/worker crash-loops');
    expect(of('bob').body).not.toContain('payments');
  });

  it('tells admins only of audit events and of events about no object', async () => {
    const audit: NotificationEvent = {
      id: 'audit:1',
      type: 'audit.role_changed',
      severity: 'warning',
      state: 'event',
      title: 'role changed',
      body: '',
      audience: 'admins',
      occurred_at: new Date().toISOString(),
    };
    expect(names(await recipientsOf(t.db, createAuthorizer(t.db), audit))).toEqual(['admin']);
    const { audience: _, ...aboutNothing } = audit;
    expect(names(await recipientsOf(t.db, createAuthorizer(t.db), aboutNothing))).toEqual(['admin']);
  });
});
