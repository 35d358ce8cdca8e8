'use client';
import { Badge, Button, Input, Label } from '@argus/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorAlert } from '@/components/ErrorAlert';
import { SimpleTable } from '@/components/SimpleTable';
import { TerminalAuditDetails } from '@/components/terminal/TerminalAuditDetails';
import { useQueryState } from '@/hooks/use-query-state';
import { api, qs } from '@/lib/api';

interface Entry {
  id: string;
  occurred_at: string;
  user_email: string | null;
  method: string;
  path: string;
  action: string;
  cluster_id: string | null;
  namespace: string | null;
  outcome: string;
  status_code: number | null;
  error_code: string | null;
  resource_name?: string | null;
  duration_ms?: number | null;
  request_body?: unknown;
}

const FILTERS = ['user_id', 'action', 'cluster_id', 'outcome', 'from', 'to'] as const;

/** `/admin/audit?action=&user_id=&cluster_id=&outcome=&from=&to=`: filters live in the URL. */
export default function AuditPage() {
  const [params, setParams] = useQueryState();
  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const log = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<{ entries?: Entry[]; items?: Entry[]; next_cursor?: string | null }>(
        `/api/audit-log${qs({ ...filter, limit: 100, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = (log.data?.pages ?? []).flatMap((p) => p.entries ?? p.items ?? []);
  return (
    <div className="grid gap-4">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Audit filters">
        {FILTERS.map((f) => (
          <div key={f} className="grid gap-1">
            <Label htmlFor={`f-${f}`}>{f.replace('_', ' ')}</Label>
            <Input
              id={`f-${f}`}
              className="w-44"
              defaultValue={params.get(f) ?? ''}
              placeholder={f === 'from' || f === 'to' ? '2026-01-01T00:00:00Z' : ''}
              onBlur={(e) => setParams({ [f]: e.target.value })}
              onKeyDown={(e) => e.key === 'Enter' && setParams({ [f]: e.currentTarget.value })}
            />
          </div>
        ))}
      </div>
      <ErrorAlert error={log.error} title="Could not read the audit log" />
      <SimpleTable
        label="Audit log"
        rows={rows}
        rowKey={(e) => e.id}
        columns={[
          { header: 'When', cell: (e) => e.occurred_at.replace('T', ' ').slice(0, 19) },
          { header: 'User', cell: (e) => e.user_email ?? '—' },
          { header: 'Action', cell: (e) => <code className="text-xs">{e.action}</code> },
          {
            header: 'Request',
            cell: (e) => (
              <span className="font-mono text-xs">
                {e.method} {e.path}
              </span>
            ),
          },
          { header: 'Details', cell: (e) => <TerminalAuditDetails entry={e} /> },
          {
            header: 'Outcome',
            cell: (e) => (
              <Badge variant={e.outcome === 'success' ? 'success' : e.outcome === 'denied' ? 'warning' : 'destructive'}>
                {e.outcome} {e.status_code ?? ''}
              </Badge>
            ),
          },
        ]}
      />
      {log.hasNextPage && (
        <Button variant="outline" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </div>
  );
}
