import { AppError, type AuditEntry, type AuditLogQuery, type AuditLogResponse } from '@argus/contracts';
import type { Queryable } from '../db/types.js';

/**
 * The cursor is opaque to clients: base64url of "<occurred_at in µs since the epoch>.<id>", the position
 * of the last row of a page in the (occurred_at DESC, id DESC) order. Microseconds keep it exact.
 */
export function encodeCursor(occurredUs: string, id: string): string {
  return Buffer.from(`${occurredUs}.${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { us: string; id: string } {
  const m = /^(-?\d{1,20})\.(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new AppError('VALIDATION_FAILED', 'Invalid request: cursor: not a cursor returned by this API');
  return { us: m[1]!, id: m[2]! };
}

interface Row extends Omit<AuditEntry, 'occurred_at'> {
  occurred_at: Date;
  occurred_us: string;
}

/** Newest first, filtered; every value is a bound parameter. */
export async function queryAuditLog(q: Queryable, query: AuditLogQuery): Promise<AuditLogResponse> {
  const where: string[] = [];
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (query.user_id) where.push(`user_id = ${bind(query.user_id)}::uuid`);
  if (query.action) where.push(`action = ${bind(query.action)}`);
  if (query.cluster_id) where.push(`cluster_id = ${bind(query.cluster_id)}::uuid`);
  if (query.outcome) where.push(`outcome = ${bind(query.outcome)}`);
  if (query.from) where.push(`occurred_at >= ${bind(query.from)}::timestamptz`);
  if (query.to) where.push(`occurred_at <= ${bind(query.to)}::timestamptz`);
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where.push(
      `(occurred_at, id) < (timestamptz 'epoch' + ${bind(c.us)}::bigint * interval '1 microsecond', ${bind(c.id)}::bigint)`,
    );
  }
  const sql = `
    SELECT id::text, occurred_at, (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS occurred_us,
           user_id::text, user_email, source_ip, method, route, path, action, cluster_id::text, namespace, resource,
           resource_name, status_code, outcome, error_code, duration_ms, request_body
      FROM audit_logs
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY occurred_at DESC, id DESC
     LIMIT ${bind(query.limit + 1)}`;
  const res = await q.query<Row>(sql, values);
  const rows = res.rows.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    items: rows.map(({ occurred_us: _, ...r }) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() })),
    next_cursor: res.rows.length > query.limit && last ? encodeCursor(last.occurred_us, last.id) : null,
  };
}
