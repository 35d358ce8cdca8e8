import { formatBytes } from '@argus/contracts/quantity';
import Link from 'next/link';

interface TerminalAuditEntry {
  action: string;
  namespace: string | null;
  resource_name?: string | null;
  duration_ms?: number | null;
  error_code: string | null;
  request_body?: unknown;
}

/**
 * The audit log's detail for a terminal session row: the container and command, and at the end its exit
 * code (or why it ended), length and bytes in/out, and a link to the recording when the session was
 * recorded. Null for any other row.
 */
export function TerminalAuditDetails({ entry }: { entry: TerminalAuditEntry }) {
  if (!entry.action.startsWith('terminal.exec.')) return null;
  const b = (entry.request_body ?? {}) as {
    container?: string;
    command?: string[];
    exit_code?: number | null;
    bytes_in?: number;
    bytes_out?: number;
    reason?: string;
    session?: string;
    recording?: boolean;
  };
  const where = `${entry.namespace ?? ''}/${entry.resource_name ?? ''}${b.container ? ` (${b.container})` : ''}`;
  const parts = [where, (b.command ?? []).join(' ')];
  if (entry.action === 'terminal.exec.end') {
    parts.push(typeof b.exit_code === 'number' ? `exit ${b.exit_code}` : (entry.error_code ?? 'ended'));
    if (typeof entry.duration_ms === 'number') parts.push(`${Math.round(entry.duration_ms / 1000)} s`);
    parts.push(`${formatBytes(b.bytes_in ?? 0)} in / ${formatBytes(b.bytes_out ?? 0)} out`);
  } else if (b.reason) parts.push(b.reason);
  return (
    <span className="font-mono text-xs">
      {parts.filter(Boolean).join(' · ')}
      {b.recording && b.session && (
        <>
          {' · '}
          <Link className="underline" href={`/admin/audit/recording?id=${encodeURIComponent(b.session)}`}>
            Play recording
          </Link>
        </>
      )}
    </span>
  );
}
