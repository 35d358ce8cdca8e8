/**
 * Audit rows of a terminal exec session: one when it starts (or is refused), one when it ends with its
 * duration, exit code and bytes in/out. Method 'EXEC' like the kubectl gateway's exec upgrades; details
 * go in request_body.
 */
import type { Logger } from 'pino';
import type { Principal } from '../../auth/types.js';
import type { Database } from '../../db/types.js';

export interface ExecAuditEntry {
  principal: Principal;
  ip: string;
  clusterId: string;
  namespace: string;
  pod: string;
  phase: 'start' | 'end';
  outcome: 'success' | 'denied' | 'failed' | 'error';
  status: number;
  errorCode?: string;
  durationMs?: number;
  details: {
    session: string;
    container?: string;
    command: string[];
    exit_code?: number | null;
    bytes_in?: number;
    bytes_out?: number;
    reason?: string;
    /** The session is recorded: GET /api/audit/recordings/{session}. */
    recording?: boolean;
  };
}

export async function auditTerminalExec(db: Database, logger: Logger, e: ExecAuditEntry): Promise<void> {
  try {
    await db.query(
      `INSERT INTO audit_logs (user_id, user_email, source_ip, method, route, path, action, cluster_id, namespace, resource, resource_name, status_code, outcome, error_code, duration_ms, request_body)
       VALUES ($1,$2,$3,'EXEC','/ws/terminal',$4,$5,$6,$7,'pods',$8,$9,$10,$11,$12,$13)`,
      [
        e.principal.userId,
        e.principal.email,
        e.ip,
        `/api/v1/namespaces/${e.namespace}/pods/${e.pod}/exec`,
        e.phase === 'start' ? 'terminal.exec.start' : 'terminal.exec.end',
        e.clusterId,
        e.namespace,
        e.pod,
        e.status,
        e.outcome,
        e.errorCode ?? null,
        e.durationMs ?? null,
        JSON.stringify(e.details),
      ],
    );
  } catch (err) {
    logger.error(
      { err, clusterId: e.clusterId, user: e.principal.userId, pod: e.pod, phase: e.phase },
      'terminal audit record could not be written',
    );
  }
}
