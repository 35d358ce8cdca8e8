/**
 * `GET /api/alerts` for one caller: only alerts on objects the caller may read (`resources:read` in the
 * alert's namespace; the whole cluster for cluster-scoped objects such as nodes; a global grant for alerts
 * that belong to no registered cluster).
 */
import type { Alert, AlertListQuery } from '@argus/contracts';
import type { Authorizer, Principal } from '../../auth/types.js';
import type { Queryable } from '../../db/types.js';

interface Row {
  fingerprint: string;
  type: string;
  severity: Alert['severity'];
  state: Alert['state'];
  source: Alert['source'];
  cluster_id: string | null;
  resource_ref: Alert['resource_ref'];
  summary: string;
  inhibited: boolean;
  started_at: Date | string;
  fired_at: Date | string | null;
  resolved_at: Date | string | null;
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export async function listAlerts(
  db: Queryable,
  authorizer: Authorizer,
  principal: Principal,
  query: AlertListQuery,
): Promise<Alert[]> {
  const clusterIds = query.cluster_id
    ? [query.cluster_id]
    : (await db.query<{ id: string }>('SELECT id::text FROM clusters')).rows.map((r) => r.id);
  // Build the visibility filter: per cluster, everything or a set of namespaces.
  const whole: string[] = [];
  const scoped: Array<{ cluster: string; namespaces: string[] }> = [];
  for (const id of clusterIds) {
    const allowed = await authorizer.namespacesFor(principal, id, 'resources', 'read');
    if (allowed === 'all') whole.push(id);
    else if (allowed.size > 0) scoped.push({ cluster: id, namespaces: [...allowed] });
  }
  const global = !query.cluster_id && (await authorizer.can(principal, 'resources', 'read'));
  const params: unknown[] = [whole];
  const visible = ['cluster_id = ANY($1::uuid[])'];
  for (const s of scoped) {
    params.push(s.cluster, s.namespaces);
    visible.push(`(cluster_id = $${params.length - 1}::uuid AND namespace = ANY($${params.length}::text[]))`);
  }
  if (global) visible.push('cluster_id IS NULL');
  params.push(query.state ?? null, query.limit);
  const stateParam = `$${params.length - 1}`;
  const res = await db.query<Row>(
    `SELECT fingerprint, type, severity, state, source, cluster_id::text, resource_ref, summary, inhibited,
            started_at, fired_at, resolved_at
       FROM alerts
      WHERE (${visible.join(' OR ')})
        AND (${stateParam}::text IS NULL AND state <> 'resolved' OR state = ${stateParam}::text)
      ORDER BY coalesce(resolved_at, fired_at, started_at) DESC, fingerprint
      LIMIT $${params.length}`,
    params,
  );
  return res.rows.map((r) => ({
    fingerprint: r.fingerprint,
    type: r.type,
    severity: r.severity,
    state: r.state,
    source: r.source,
    cluster_id: r.cluster_id,
    resource_ref: r.resource_ref,
    summary: r.summary,
    inhibited: r.inhibited,
    started_at: iso(r.started_at),
    ...(r.fired_at ? { fired_at: iso(r.fired_at) } : {}),
    ...(r.resolved_at ? { resolved_at: iso(r.resolved_at) } : {}),
  }));
}
