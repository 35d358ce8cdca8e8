/** A release's revisions, each (but the deployed one) with a "Roll back" button that asks first. */

import { type PluginPageProps, usePluginData } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  Button,
  ConfirmDialog,
  StatusBadge,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@argus/ui';
import { type HistoryEntry, releasePath } from './types';

export function HistoryTab(props: PluginPageProps & { namespace: string; name: string; onRolledBack(): void }) {
  const { api, namespace, name, can } = props;
  const base = releasePath({ namespace, name });
  const history = usePluginData(`${base}/history`, () => api.get<{ items: HistoryEntry[] }>(`${base}/history`));
  const mayWrite = can('helm.releases', 'write', namespace);
  if (history.error) return <Alert variant="destructive">{history.error}</Alert>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Revision</TableHead>
          <TableHead>Updated</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Chart</TableHead>
          <TableHead>Description</TableHead>
          <TableHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {[...(history.data?.items ?? [])].reverse().map((h) => (
          <TableRow key={h.revision}>
            <TableCell>{h.revision}</TableCell>
            <TableCell>{h.updated ? new Date(h.updated).toLocaleString() : '—'}</TableCell>
            <TableCell>
              <StatusBadge status={h.status} />
            </TableCell>
            <TableCell>{h.chart}</TableCell>
            <TableCell>{h.description}</TableCell>
            <TableCell className="text-right">
              {mayWrite && h.status !== 'deployed' && (
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="outline">
                      Roll back
                    </Button>
                  }
                  title={`Roll back ${name} to revision ${h.revision}?`}
                  description={`Writes a new revision with revision ${h.revision}'s chart, values and manifest, and applies its objects.`}
                  confirm="Roll back"
                  onConfirm={async () => {
                    await api.post(`${base}/rollback`, { revision: h.revision });
                    history.reload();
                    props.onRolledBack();
                  }}
                />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
