/**
 * Who is told about an event: every active user whose preferences want it AND who may read what it is
 * about, judged now by the identity's authorizer (RBAC at notification time; the delivery worker asks
 * again before it sends). `audience: 'admins'` (audit events) and events about no object go to global
 * admins only. A group's alerts are filtered per user to the objects that user may read.
 */
import type { NotificationPreferences } from '@argus/contracts';
import type { Authorizer, Principal } from '../../auth/types.js';
import type { Queryable } from '../../db/types.js';
import type { NotificationEvent, ResourceRef } from '../types.js';
import { PREFERENCE_COLUMNS, type PreferenceRow, preferencesOf, wants } from './preferences.js';

export interface Candidate {
  principal: Principal;
  isAdmin: boolean;
  preferences: NotificationPreferences;
}

export interface Recipient extends Candidate {
  /** The event as this user may see it (a group's alerts narrowed to readable objects). */
  event: NotificationEvent;
}

const ADMIN_SQL = `EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                    WHERE ur.user_id = u.id AND r.name = 'admin' AND ur.cluster_id IS NULL)`;

/** Active users with their preferences (or the defaults); `userId` narrows to one. */
export async function loadCandidates(db: Queryable, userId?: string): Promise<Candidate[]> {
  const res = await db.query<PreferenceRow & { id: string; email: string; name: string; is_admin: boolean }>(
    `SELECT u.id::text AS id, u.email, u.name, ${ADMIN_SQL} AS is_admin, ${PREFERENCE_COLUMNS}
       FROM users u LEFT JOIN notification_user_preferences p ON p.user_id = u.id
      WHERE u.is_active ${userId ? 'AND u.id = $1' : ''}`,
    userId ? [userId] : [],
  );
  return res.rows.map((r) => ({
    principal: { userId: r.id, email: r.email, name: r.name, via: 'jwt' },
    isAdmin: r.is_admin,
    preferences: preferencesOf(r),
  }));
}

/** Whether the principal may read the object (the permission the resource routes ask for). */
export async function mayRead(authorizer: Authorizer, principal: Principal, ref: ResourceRef): Promise<boolean> {
  const resource = ref.resource === 'events' ? 'events' : 'resources';
  return authorizer.can(principal, resource, 'read', {
    clusterId: ref.cluster_id,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
  });
}

/** The event as `c` may see it, or undefined when `c` may not be told about it at all. */
export async function visibleEvent(
  authorizer: Authorizer,
  c: Candidate,
  event: NotificationEvent,
): Promise<NotificationEvent | undefined> {
  if (event.audience === 'admins') return c.isAdmin ? event : undefined;
  const grouped = event.alerts?.some((a) => a.resource_ref) ?? false;
  if (!grouped) {
    if (!event.resource_ref) return c.isAdmin ? event : undefined; // about no object: admins only
    return (await mayRead(authorizer, c.principal, event.resource_ref)) ? event : undefined;
  }
  const all = event.alerts ?? [];
  const alerts: typeof all = [];
  for (const a of all) {
    if (a.resource_ref ? await mayRead(authorizer, c.principal, a.resource_ref) : c.isAdmin) alerts.push(a);
  }
  if (alerts.length === 0) return undefined;
  if (alerts.length === all.length) return event;
  const topReadable = event.resource_ref ? await mayRead(authorizer, c.principal, event.resource_ref) : false;
  const first = alerts.find((a) => a.resource_ref)?.resource_ref;
  return {
    ...event,
    alerts,
    ...(topReadable || !first ? {} : { resource_ref: first }),
    // The group's text may name objects this user may not read: say only what is theirs.
    body: alerts.map((a) => `${a.state === 'resolved' ? 'Resolved' : 'Firing'}: ${a.summary}`).join('\n'),
  };
}

/** Everyone to tell about `event`, each with the event as they may see it. */
export async function recipientsOf(
  db: Queryable,
  authorizer: Authorizer,
  event: NotificationEvent,
): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (const c of await loadCandidates(db)) {
    if (!wants(c.preferences, event)) continue;
    const visible = await visibleEvent(authorizer, c, event);
    if (visible) out.push({ ...c, event: visible });
  }
  return out;
}
