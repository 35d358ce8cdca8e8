/**
 * Audit events that admins are told about (issue 19): role changes, clusters added or removed, API keys
 * created. Each successful one becomes a NotificationEvent with `audience: 'admins'` and the id
 * `audit:<audit row id>`, so a redelivery is the same notification.
 */
import type { Logger } from 'pino';
import type { AuditStore, SettledAudit } from '../../audit/audit-store.js';
import type { Queryable } from '../../db/types.js';
import { NOTIFICATION_TOPICS, type NotificationEvent, type NotificationOutbox, type Severity } from '../types.js';

interface Rule {
  title: (a: SettledAudit) => string;
  severity: Severity;
}

const who = (a: SettledAudit) => a.userEmail ?? 'someone';

/** By `METHOD route` or by action. */
const RULES: Record<string, Rule> = {
  'role.assign': { severity: 'info', title: (a) => `${who(a)} assigned a role` },
  'role.unassign': { severity: 'info', title: (a) => `${who(a)} removed a role assignment` },
  'role.create': { severity: 'info', title: (a) => `${who(a)} created a role` },
  'role.update': { severity: 'info', title: (a) => `${who(a)} changed a role's permissions` },
  'role.delete': { severity: 'info', title: (a) => `${who(a)} deleted a role` },
  'POST /api/clusters': { severity: 'info', title: (a) => `${who(a)} added a cluster` },
  'POST /api/clusters/agent-token': { severity: 'info', title: (a) => `${who(a)} added a cluster through an agent` },
  'DELETE /api/clusters/:clusterId': { severity: 'warning', title: (a) => `${who(a)} removed a cluster` },
  'api_key.create': { severity: 'info', title: (a) => `${who(a)} created an API key` },
};

export function auditEvent(a: SettledAudit): NotificationEvent | undefined {
  if (a.outcome !== 'success') return undefined;
  const rule = RULES[`${a.method} ${a.route ?? ''}`] ?? RULES[a.action];
  if (!rule) return undefined;
  return {
    id: `audit:${a.id}`,
    type: `audit.${a.action}`,
    severity: rule.severity,
    state: 'event',
    title: rule.title(a),
    body: `${a.method} ${a.route ?? ''} (${a.action})${a.clusterId ? ` on cluster ${a.clusterId}` : ''}${a.resourceName ? `: ${a.resourceName}` : ''}`,
    ...(a.clusterId ? { cluster_id: a.clusterId } : {}),
    audience: 'admins',
    link: '/admin/audit',
    occurred_at: new Date().toISOString(),
  };
}

/** Hooks the audit store: matching rows go to the outbox. Returns the unsubscribe. */
export function forwardAuditEvents(deps: {
  audit: AuditStore;
  db: Queryable;
  outbox: NotificationOutbox;
  logger: Logger;
}): () => void {
  return deps.audit.onSettled(async (row) => {
    const event = auditEvent(row);
    if (!event) return;
    try {
      await deps.outbox.enqueue(deps.db, { topic: NOTIFICATION_TOPICS.events, key: event.id, value: event });
    } catch (err) {
      deps.logger.error({ err, auditId: row.id, action: row.action }, 'audit notification not enqueued');
    }
  });
}
