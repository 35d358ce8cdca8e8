/** A cluster's instances: role, CloudNativePG's state, fencing, the switchover target. */
import { StatusBadge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@argus/ui';
import { instances } from '../shared/cluster-view';
import type { Cluster } from '../shared/types';

const STATE: Record<string, string> = {
  healthy: 'Healthy',
  replicating: 'Replicating',
  failed: 'Failed',
  unknown: 'Unknown',
};

export function InstancesTable({ cluster }: { cluster: Cluster }) {
  const rows = instances(cluster);
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No instance reported yet.</p>;
  return (
    <Table aria-label="Instances">
      <TableHeader>
        <TableRow>
          <TableHead>Instance</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>State</TableHead>
          <TableHead>Timeline</TableHead>
          <TableHead>Notes</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((i) => (
          <TableRow key={i.name}>
            <TableCell className="font-medium">{i.name}</TableCell>
            <TableCell>{i.role === 'primary' ? 'Primary' : 'Replica'}</TableCell>
            <TableCell>
              <StatusBadge status={STATE[i.state] ?? i.state} />
            </TableCell>
            <TableCell>{i.timeline ?? cluster.status?.timelineID ?? '—'}</TableCell>
            <TableCell className="text-muted-foreground">
              {[i.fenced && 'Fenced', i.target && 'Being promoted (switchover target)'].filter(Boolean).join(' · ') ||
                '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
