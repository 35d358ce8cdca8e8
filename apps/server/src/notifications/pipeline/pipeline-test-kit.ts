/** For the pipeline's tests: events like the alert engine makes, enqueued as it does, and polling. */
import type { Database } from '../../db/types.js';
import { NOTIFICATION_TOPICS, type NotificationEvent, type Severity } from '../types.js';
import { createNotificationOutbox } from './outbox.js';

export function crashLoopEvent(
  id: string,
  clusterId: string,
  namespace: string,
  name: string,
  severity: Severity = 'critical',
): NotificationEvent {
  return {
    id,
    type: 'CrashLoopBackOff',
    severity,
    state: 'firing',
    title: `Deployment ${namespace}/${name} is crash-looping`,
    body: `Pods of ${namespace}/${name} restart repeatedly (CrashLoopBackOff).`,
    cluster_id: clusterId,
    resource_ref: {
      cluster_id: clusterId,
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      resource: 'deployments',
      namespace,
      name,
    },
    link: `/clusters/${clusterId}/deployments/${namespace}/${name}`,
    occurred_at: new Date().toISOString(),
  };
}

/** Enqueues the event through the outbox in a transaction, as the alert engine does. */
export async function raise(db: Database, event: NotificationEvent): Promise<void> {
  const outbox = createNotificationOutbox();
  await db.transaction((tx) =>
    outbox.enqueue(tx, {
      topic: NOTIFICATION_TOPICS.events,
      key: event.resource_ref ? `${event.resource_ref.namespace}/${event.resource_ref.name}` : event.id,
      value: event,
    }),
  );
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface SeededUsers {
  clusterId: string;
  admin: string;
  /** Viewer in namespace `payments` only. */
  alice: string;
  /** Viewer in namespace `shipping` only. */
  bob: string;
}

/** A cluster and three users with real role assignments (what the role routes write). */
export async function seedUsers(db: Database): Promise<SeededUsers> {
  const cluster = await db.query<{ id: string }>(
    "INSERT INTO clusters (name, connection_type) VALUES ('prod', 'agent') RETURNING id::text AS id",
  );
  const clusterId = cluster.rows[0]!.id;
  const user = async (email: string, role: string, namespace?: string) => {
    const u = await db.query<{ id: string }>(
      `INSERT INTO users (email, name, auth_provider, oidc_issuer, oidc_subject)
       VALUES ($1, $2, 'oidc', 'https://idp.example.com', $1) RETURNING id::text AS id`,
      [email, email.split('@')[0]],
    );
    const id = u.rows[0]!.id;
    await db.query(
      `INSERT INTO user_roles (user_id, role_id, cluster_id, namespace)
       SELECT $1, id, $3::uuid, $4 FROM roles WHERE name = $2`,
      [id, role, namespace ? clusterId : null, namespace ?? null],
    );
    return id;
  };
  return {
    clusterId,
    admin: await user('admin@example.com', 'admin'),
    alice: await user('alice@example.com', 'viewer', 'payments'),
    bob: await user('bob@example.com', 'viewer', 'shipping'),
  };
}

export async function notificationsOf(
  db: Database,
  userId: string,
): Promise<Array<{ event_id: string; title: string }>> {
  const r = await db.query<{ event_id: string; title: string }>(
    'SELECT event_id, title FROM notifications WHERE user_id = $1 ORDER BY created_at',
    [userId],
  );
  return r.rows;
}
