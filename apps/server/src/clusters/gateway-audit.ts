/**
 * Audit rows for gateway sessions the HTTP audit stage does not see: exec/attach/port-forward upgrades
 * are GETs that become WebSocket sessions, recorded here with method 'EXEC'.
 */
import type { Logger } from 'pino';
import type { Principal } from '../auth/types.js';
import type { Database } from '../db/types.js';
import type { KubeAttributes } from './gateway-path.js';

export async function auditExec(
  db: Database,
  logger: Logger,
  e: {
    principal: Principal;
    ip: string;
    path: string;
    clusterId: string;
    attrs: KubeAttributes;
    status: number;
    outcome: 'success' | 'denied' | 'failed';
  },
): Promise<void> {
  try {
    await db.query(
      `INSERT INTO audit_logs (user_id, user_email, source_ip, method, route, path, action, cluster_id, namespace, resource, resource_name, status_code, outcome)
       VALUES ($1,$2,$3,'EXEC',$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [
        e.principal.userId,
        e.principal.email,
        e.ip,
        '/api/clusters/:clusterId/k8s/*',
        e.path.split('?')[0],
        `pods.${e.attrs.subresource ?? 'exec'}`,
        e.clusterId,
        e.attrs.namespace ?? null,
        e.attrs.resource,
        e.attrs.name ?? null,
        e.status,
        e.outcome,
      ],
    );
  } catch (err) {
    // Never let a session pass unrecorded silently: the log line is the trace.
    logger.error(
      { err, clusterId: e.clusterId, user: e.principal.userId, path: e.path.split('?')[0] },
      'exec audit record could not be written',
    );
  }
}
