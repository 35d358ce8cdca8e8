/**
 * One CephCluster at a glance: its health (by the reference's rules) and Ceph's own (HEALTH_OK/WARN/ERR with
 * each check's code and message), raw capacity used/total, the mon/mgr/osd counts (Ceph's versions report and
 * Rook's daemon Deployments, ready/desired), version and when Rook last checked; its actions.
 */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { age, cn, HealthBadge, StatusBadge } from '@argus/ui';
import { ActionBar } from './ActionBar';
import { bytes, type ClusterItem, type DaemonView, type Detail } from './types';

function CapacityBar({ used, total }: { used: number; total: number }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return (
    <div className="grid gap-1">
      <div className="h-2 w-full overflow-hidden rounded bg-muted" aria-hidden="true">
        <div
          className={cn('h-full', pct >= 85 ? 'bg-destructive' : pct >= 75 ? 'bg-amber-500' : 'bg-emerald-500')}
          style={{ width: `${pct}%` }}
        />
      </div>
      <p className="text-sm tabular-nums">
        {bytes(used)} used of {bytes(total)} ({pct.toFixed(1)}%)
      </p>
    </div>
  );
}

function DaemonCount({ label, ready, desired }: { label: string; ready: number; desired: number | null }) {
  return (
    <div className="rounded border p-2">
      <p className="text-xs text-muted-foreground">{label}</p>
      <p className="text-lg font-semibold tabular-nums">
        {ready}
        {desired !== null && <span className="text-sm font-normal text-muted-foreground"> / {desired}</span>}
      </p>
    </div>
  );
}

export function ClusterPanel({
  api,
  cluster,
  daemons,
  onChanged,
}: {
  api: PluginApi;
  cluster: ClusterItem | Detail<ClusterItem['summary']>;
  daemons: DaemonView[] | undefined;
  onChanged(): void;
}) {
  const s = cluster.summary;
  const ns = cluster.metadata.namespace ?? '';
  const mine = (daemons ?? []).filter((d) => d.cluster === ns);
  const count = (type: string) => {
    const ds = mine.filter((d) => d.type === type);
    return { ready: ds.reduce((n, d) => n + d.ready, 0), desired: ds.reduce((n, d) => n + d.desired, 0) };
  };
  const mon = count('mon');
  const mgr = count('mgr');
  const osd = count('osd');
  const fromDeployments = daemons !== undefined && mine.length > 0;
  return (
    <section aria-label={`Ceph cluster ${ns}/${cluster.metadata.name}`} className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <HealthBadge health={cluster.health} />
        {s.cephHealth && (
          <StatusBadge
            status={s.cephHealth}
            variant={
              s.cephHealth === 'HEALTH_OK' ? 'success' : s.cephHealth === 'HEALTH_ERR' ? 'destructive' : 'warning'
            }
          />
        )}
        <span className="text-sm text-muted-foreground">{cluster.health.reason}</span>
        {'actions' in cluster && (
          <div className="ml-auto">
            <ActionBar
              api={api}
              plural="cephclusters"
              namespace={ns}
              name={cluster.metadata.name}
              actions={cluster.actions}
              onDone={onChanged}
            />
          </div>
        )}
      </div>
      {s.checks.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-medium">Health checks</h3>
          <ul aria-label="Ceph health checks" className="grid gap-1 text-sm">
            {s.checks.map((c) => (
              <li key={c.code} className="flex flex-wrap items-center gap-2">
                <StatusBadge
                  status={c.severity || 'HEALTH_WARN'}
                  variant={c.severity === 'HEALTH_ERR' ? 'destructive' : 'warning'}
                />
                <code className="font-mono">{c.code}</code>
                <span>{c.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.capacity && <CapacityBar used={s.capacity.used} total={s.capacity.total} />}
      <div className="grid grid-cols-3 gap-2 sm:max-w-md">
        <DaemonCount
          label="Monitors"
          ready={fromDeployments ? mon.ready : s.mons.running}
          desired={s.mons.desired ?? (fromDeployments ? mon.desired : null)}
        />
        <DaemonCount
          label="Managers"
          ready={fromDeployments ? mgr.ready : s.mgrs}
          desired={fromDeployments ? mgr.desired : null}
        />
        <DaemonCount
          label="OSDs"
          ready={fromDeployments ? osd.ready : s.osds}
          desired={fromDeployments ? osd.desired : null}
        />
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Phase</dt>
        <dd>
          {s.phase ?? '—'}
          {s.message ? ` — ${s.message}` : ''}
        </dd>
        <dt className="text-muted-foreground">Ceph version</dt>
        <dd>{s.version ?? '—'}</dd>
        <dt className="text-muted-foreground">Last checked</dt>
        <dd title={s.lastChecked ?? undefined}>{s.lastChecked ? `${age(s.lastChecked)} ago` : '—'}</dd>
      </dl>
    </section>
  );
}
