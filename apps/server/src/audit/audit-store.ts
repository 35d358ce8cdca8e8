import type { AuditOutcome } from '@argus/contracts';
import type { Database } from '../db/types.js';

export interface AuditRecord {
  userId: string | null;
  userEmail: string | null;
  sourceIp: string | null;
  method: string;
  route: string | null;
  path: string;
  action: string;
  clusterId: string | null;
  namespace: string | null;
  resource: string | null;
  resourceName: string | null;
  requestBody: unknown;
}

export interface AuditResult {
  outcome: AuditOutcome;
  statusCode: number;
  errorCode: string | null;
  durationMs: number;
  /** Who it turned out to be (login and setup learn the user in the handler). */
  userId?: string | null | undefined;
  userEmail?: string | null | undefined;
}

/** A settled audit row, as listeners see it (issue 19: audit events become admin notifications). */
export interface SettledAudit {
  id: string;
  action: string;
  method: string;
  route: string | null;
  outcome: AuditOutcome;
  userEmail: string | null;
  clusterId: string | null;
  namespace: string | null;
  resourceName: string | null;
}

/** Writes audit rows: a `pending` row before a mutation runs, its outcome after. */
export interface AuditStore {
  begin(record: AuditRecord): Promise<string>;
  finish(id: string, result: AuditResult): Promise<void>;
  /** One complete row, for requests that failed before the pending row could be written (bad JSON, say). */
  record(record: AuditRecord, result: AuditResult): Promise<void>;
  /** Called after each row gets its outcome; a listener's failure never fails the request. */
  onSettled(listener: (row: SettledAudit) => void | Promise<void>): () => void;
}

const SETTLED = `RETURNING id::text, action, method, route, outcome, user_email, cluster_id::text, namespace, resource_name`;
interface SettledRow {
  id: string;
  action: string;
  method: string;
  route: string | null;
  outcome: AuditOutcome;
  user_email: string | null;
  cluster_id: string | null;
  namespace: string | null;
  resource_name: string | null;
}

const COLUMNS = `user_id, user_email, source_ip, method, route, path, action, cluster_id, namespace, resource,
  resource_name, request_body`;

const params = (r: AuditRecord) => [
  r.userId,
  r.userEmail,
  r.sourceIp,
  r.method,
  r.route,
  r.path.slice(0, 2000),
  r.action.slice(0, 200),
  r.clusterId,
  r.namespace?.slice(0, 253) ?? null,
  r.resource?.slice(0, 200) ?? null,
  r.resourceName?.slice(0, 253) ?? null,
  r.requestBody === null || r.requestBody === undefined ? null : JSON.stringify(r.requestBody),
];

export function createAuditStore(db: Database): AuditStore {
  const listeners = new Set<(row: SettledAudit) => void | Promise<void>>();
  const settled = async (rows: SettledRow[]) => {
    for (const r of rows)
      for (const l of listeners) {
        try {
          await l({
            id: r.id,
            action: r.action,
            method: r.method,
            route: r.route,
            outcome: r.outcome,
            userEmail: r.user_email,
            clusterId: r.cluster_id,
            namespace: r.namespace,
            resourceName: r.resource_name,
          });
        } catch {
          // a listener's problem (it logs its own) never fails the audited request
        }
      }
  };
  return {
    onSettled(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async begin(record) {
      const res = await db.query<{ id: string }>(
        `INSERT INTO audit_logs (${COLUMNS}, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, 'pending') RETURNING id::text`,
        params(record),
      );
      return res.rows[0]!.id;
    },
    async finish(id, result) {
      const res = await db.query<SettledRow>(
        `UPDATE audit_logs SET outcome = $2, status_code = $3, error_code = $4, duration_ms = $5,
                user_id = coalesce($6, user_id), user_email = coalesce($7, user_email)
          WHERE id = $1 ${SETTLED}`,
        [
          id,
          result.outcome,
          result.statusCode,
          result.errorCode,
          Math.max(0, Math.round(result.durationMs)),
          result.userId ?? null,
          result.userEmail ?? null,
        ],
      );
      if (listeners.size > 0) await settled(res.rows);
    },
    async record(record, result) {
      const res = await db.query<SettledRow>(
        `INSERT INTO audit_logs (${COLUMNS}, outcome, status_code, error_code, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16) ${SETTLED}`,
        [
          ...params({
            ...record,
            userId: result.userId ?? record.userId,
            userEmail: result.userEmail ?? record.userEmail,
          }),
          result.outcome,
          result.statusCode,
          result.errorCode,
          Math.max(0, Math.round(result.durationMs)),
        ],
      );
      if (listeners.size > 0) await settled(res.rows);
    },
  };
}
