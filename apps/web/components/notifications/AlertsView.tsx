'use client';
import { age, Badge, Label } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ClusterSelect } from '@/components/ScopeSelects';
import { SimpleTable } from '@/components/SimpleTable';
import { useClusters } from '@/hooks/use-clusters';
import { useQueryState } from '@/hooks/use-query-state';
import { type Alert, describeRef, listAlerts, notificationHref, severityRank } from '@/lib/notifications';
import { SeverityBadge } from './SeverityBadge';

const SELECT = 'h-9 w-full min-w-0 rounded-md border bg-transparent px-2 text-sm';

/** Firing (or resolved) alerts of one cluster, or across clusters with a cluster filter; most severe first. */
export function AlertsView({ clusterId }: { clusterId?: string }) {
  const [params, setParams] = useQueryState();
  const raw = params.get('state');
  // Default: what is going on now (pending and firing), as the API answers without `state`.
  const state = raw === 'firing' || raw === 'pending' || raw === 'resolved' ? raw : undefined;
  const cluster = clusterId ?? params.get('cluster') ?? undefined;
  const clusters = useClusters();
  const clusterName = (id: string | null | undefined) =>
    (id && clusters.data?.find((c) => c.id === id)?.name) || id || '';
  const alerts = useQuery({
    queryKey: ['alerts', cluster ?? '', state ?? ''],
    queryFn: () => listAlerts({ cluster_id: cluster, state }),
    refetchInterval: 15_000,
  });
  const rows = [...(alerts.data ?? [])].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || b.started_at.localeCompare(a.started_at),
  );
  const title = clusterId ? `Alerts in ${clusterName(clusterId)}` : 'Alerts';
  return (
    <div className="grid gap-4">
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="grid max-w-2xl grid-cols-2 items-end gap-3">
        <div className="grid min-w-0 gap-1">
          <Label htmlFor="a-state">State</Label>
          <select
            id="a-state"
            className={SELECT}
            value={state ?? ''}
            onChange={(e) => setParams({ state: e.target.value || null })}
          >
            <option value="">Active (firing and pending)</option>
            <option value="firing">Firing</option>
            <option value="pending">Pending (grace period)</option>
            <option value="resolved">Resolved</option>
          </select>
        </div>
        {!clusterId && (
          <ClusterSelect
            id="a-cluster"
            label="Cluster"
            clusters={clusters.data ?? []}
            value={cluster ?? ''}
            onChange={(v) => setParams({ cluster: v || null })}
          />
        )}
      </div>
      <ErrorAlert error={alerts.error} title="Could not list alerts" />
      {alerts.isLoading ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <SimpleTable<Alert>
          label={state === 'resolved' ? 'Resolved alerts' : 'Active alerts'}
          rows={rows}
          rowKey={(a) => a.fingerprint}
          columns={[
            { header: 'Severity', cell: (a) => <SeverityBadge severity={a.severity} /> },
            {
              header: 'State',
              cell: (a) => (
                <span className="flex flex-wrap gap-1">
                  <Badge variant={a.state === 'firing' ? 'destructive' : a.state === 'pending' ? 'warning' : 'success'}>
                    {a.state}
                  </Badge>
                  {a.inhibited && (
                    <Badge variant="outline" title="Muted by another alert (e.g. its node is NotReady)">
                      inhibited
                    </Badge>
                  )}
                </span>
              ),
            },
            { header: 'Alert', cell: (a) => a.type },
            {
              header: 'Object',
              cell: (a) => {
                const href = notificationHref(a);
                const text = describeRef(a.resource_ref) || '—';
                return href ? (
                  <Link href={href} prefetch={false} className="text-primary underline-offset-2 hover:underline">
                    {text}
                  </Link>
                ) : (
                  text
                );
              },
            },
            { header: 'Summary', cell: (a) => <span className="whitespace-normal">{a.summary}</span> },
            ...(clusterId ? [] : [{ header: 'Cluster', cell: (a: Alert) => clusterName(a.cluster_id) }]),
            {
              header: state === 'resolved' ? 'Resolved' : 'Since',
              cell: (a) => {
                const at = a.state === 'resolved' ? (a.resolved_at ?? a.started_at) : (a.fired_at ?? a.started_at);
                return <span title={at}>{age(at)} ago</span>;
              },
            },
          ]}
        />
      )}
    </div>
  );
}
