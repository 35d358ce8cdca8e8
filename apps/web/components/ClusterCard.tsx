'use client';
import { Badge, Card, CardContent, CardDescription, CardHeader, CardTitle, StatusBadge } from '@argus/ui';
import Link from 'next/link';
import { PHASES, useClusterStats } from '@/hooks/use-cluster-stats';
import type { Cluster } from '@/hooks/use-clusters';
import { describeError } from '@/lib/api';
import { formatBytes, formatCores } from '@/lib/format';
import { UsageBar } from './UsageBar';

const PHASE_COLOUR: Record<string, string> = {
  Running: 'bg-success',
  Pending: 'bg-warning',
  Succeeded: 'bg-primary',
  Failed: 'bg-destructive',
};

export function ClusterCard({ cluster }: { cluster: Cluster }) {
  const stats = useClusterStats(cluster.id, cluster.status !== 'disconnected');
  const total = PHASES.reduce((n, p) => n + (stats.pods[p] ?? 0), 0);
  return (
    <Card className="transition-shadow hover:shadow-md" data-testid="cluster-card">
      <CardHeader>
        <div className="flex items-center justify-between gap-2">
          <CardTitle>
            <Link
              href={`/clusters/${cluster.id}`}
              className="hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              {cluster.name}
            </Link>
          </CardTitle>
          <StatusBadge status={cluster.status} />
        </div>
        <CardDescription>
          {cluster.kubernetes_version ?? 'version unknown'} · {cluster.connection_type}
          {cluster.latency_ms !== null && ` · ${cluster.latency_ms} ms`}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {cluster.status_message && cluster.status !== 'connected' && (
          <p className="text-xs text-destructive">{cluster.status_message}</p>
        )}
        <div className="flex gap-6">
          <div>
            <div className="text-2xl font-semibold">{stats.nodes?.length ?? '—'}</div>
            <div className="text-xs text-muted-foreground">nodes</div>
          </div>
          <div>
            <div className="text-2xl font-semibold">{stats.podsError ? '—' : total}</div>
            <div className="text-xs text-muted-foreground">pods</div>
          </div>
        </div>
        {stats.podsError ? (
          <p className="text-xs text-destructive">{describeError(stats.podsError)}</p>
        ) : (
          <div className="grid gap-1.5">
            <div className="flex h-2 overflow-hidden rounded bg-muted" aria-hidden="true">
              {PHASES.map((p) => (
                <div
                  key={p}
                  className={PHASE_COLOUR[p]}
                  style={{ width: total ? `${((stats.pods[p] ?? 0) / total) * 100}%` : 0 }}
                />
              ))}
            </div>
            <ul className="flex flex-wrap gap-2" aria-label="Pods by phase">
              {PHASES.map((p) => (
                <li key={p}>
                  <Badge variant="outline">
                    <span className={`size-2 rounded-full ${PHASE_COLOUR[p]}`} aria-hidden="true" /> {p}{' '}
                    {stats.pods[p] ?? '—'}
                  </Badge>
                </li>
              ))}
            </ul>
          </div>
        )}
        <UsageBar label="CPU" used={stats.cpu.usage} total={stats.cpu.capacity} format={formatCores} />
        <UsageBar label="Memory" used={stats.memory.usage} total={stats.memory.capacity} format={formatBytes} />
      </CardContent>
    </Card>
  );
}
