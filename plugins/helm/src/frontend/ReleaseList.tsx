/** Releases of the cluster (latest revision each), filtered by namespace (`?namespace=`). */

import { type PluginPageProps, usePluginData } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  Button,
  Input,
  Skeleton,
  StatusBadge,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@argus/ui';
import { useState } from 'react';
import { type ReleaseSummary, releasePath } from './types';

export function ReleaseList({ api, searchParams, navigate, can }: PluginPageProps) {
  const namespace = searchParams.get('namespace') ?? '';
  const [draft, setDraft] = useState(namespace);
  const list = usePluginData(`releases:${namespace}`, () =>
    api.get<{ items: ReleaseSummary[] }>('/releases', namespace ? { namespace } : undefined),
  );
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2">
        <h1 className="text-xl font-semibold">Helm releases</h1>
        <form
          className="ml-auto flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(draft ? `/releases?namespace=${encodeURIComponent(draft)}` : '/releases');
          }}
        >
          <Input
            aria-label="Namespace"
            placeholder="All namespaces"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className="w-48"
          />
          <Button type="submit" variant="outline" size="sm">
            Filter
          </Button>
        </form>
        {can('helm.releases', 'write') && (
          <Button size="sm" onClick={() => navigate('/releases/install')}>
            Install chart
          </Button>
        )}
      </div>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      {list.loading ? (
        <Skeleton className="h-32 w-full" />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Namespace</TableHead>
              <TableHead>Revision</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Chart</TableHead>
              <TableHead>App version</TableHead>
              <TableHead>Updated</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(list.data?.items ?? []).map((r) => (
              <TableRow
                key={`${r.namespace}/${r.name}`}
                className="cursor-pointer"
                onClick={() => navigate(releasePath(r))}
              >
                <TableCell className="font-medium">{r.name}</TableCell>
                <TableCell>{r.namespace}</TableCell>
                <TableCell>{r.revision}</TableCell>
                <TableCell>
                  <StatusBadge status={r.status} />
                </TableCell>
                <TableCell>{r.chart}</TableCell>
                <TableCell>{r.app_version ?? '—'}</TableCell>
                <TableCell>{r.updated ? new Date(r.updated).toLocaleString() : '—'}</TableCell>
              </TableRow>
            ))}
            {list.data?.items.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} className="text-center text-muted-foreground">
                  No releases{namespace ? ` in ${namespace}` : ''}.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
