'use client';
import { Badge, Button, ConfirmDialog } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { HistoryIcon } from 'lucide-react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { age } from '@/lib/format';
import type { ApiResource } from '@/lib/resources';
import { operations, type Revision } from '../operations';
import { DetailTable, MUTED } from '../shared';

/** Revisions (ReplicaSets or ControllerRevisions), newest first, each with a confirmed roll back. */
export function RevisionHistory({
  clusterId,
  resource,
  name,
  namespace,
  canRollback,
  onChanged,
}: {
  clusterId: string;
  resource: ApiResource;
  name: string;
  namespace?: string;
  canRollback: boolean;
  onChanged: () => void;
}) {
  const revisions = useQuery({
    queryKey: ['revisions', clusterId, resource.resource, namespace ?? '', name],
    queryFn: () => operations.revisions(clusterId, resource, name, namespace),
    refetchInterval: 10_000,
    retry: false,
  });
  const rows = revisions.data?.items ?? [];
  return (
    <div className="grid gap-2">
      <ErrorAlert error={revisions.error} title="Could not read the revisions" />
      <DetailTable
        label="Revisions"
        rows={rows}
        rowKey={(r) => String(r.revision)}
        empty={revisions.isLoading ? 'Loading…' : 'No revisions.'}
        columns={[
          {
            header: 'Revision',
            cell: (r) => (
              <span className="flex items-center gap-2">
                {r.revision}
                {r.current && <Badge variant="success">current</Badge>}
              </span>
            ),
          },
          { header: 'Images', cell: (r) => <span className="font-mono text-xs">{r.images.join(', ') || '—'}</span> },
          { header: 'Change cause', cell: (r) => r.change_cause ?? <span className={MUTED}>—</span> },
          { header: 'Created', cell: (r) => (r.created_at ? `${age(r.created_at)} ago` : '—') },
          {
            header: '',
            cell: (r: Revision) =>
              canRollback && !r.current ? (
                <ConfirmDialog
                  trigger={
                    <Button variant="outline" size="sm" aria-label={`Roll back to revision ${r.revision}`}>
                      <HistoryIcon aria-hidden="true" /> Roll back
                    </Button>
                  }
                  title={`Roll back to revision ${r.revision}`}
                  description={`Roll ${resource.kind} ${name} back to revision ${r.revision} (${r.images.join(', ') || 'no images'}), like kubectl rollout undo --to-revision=${r.revision}. Its pods are replaced.`}
                  confirm="Roll back"
                  renderError={(e) => <ErrorAlert error={e} title="Roll back failed" />}
                  onConfirm={async () => {
                    await operations.rollback(clusterId, resource, name, namespace, r.revision);
                    await revisions.refetch();
                    onChanged();
                  }}
                />
              ) : null,
          },
        ]}
      />
    </div>
  );
}
