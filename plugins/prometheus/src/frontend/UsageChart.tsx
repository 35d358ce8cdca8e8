/** CPU or memory over time for the cluster, a namespace or a workload, from the backend's /usage. */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { usePluginData } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  AlertDescription,
  Badge,
  Input,
  LineChart,
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
  Skeleton,
} from '@argus/ui';
import { useEffect, useState } from 'react';
import { formatBytes, formatCores, seriesName } from './format';
import { NoPrometheus } from './NoPrometheus';
import type { UsageAnswer } from './types';

export type UsageMetric = 'cpu' | 'memory';
type Scope = 'cluster' | 'namespace' | 'workload';
const RANGES = ['15m', '1h', '6h', '24h', '7d'] as const;
/** How long a failed answer is shown before the chart asks again. */
const RETRY_MS = 10_000;

export interface UsageChartProps {
  api: PluginApi;
  metric: UsageMetric;
  height?: number;
  /** Whether the caller may read metrics of the whole cluster (else the chart starts at one namespace). */
  clusterWide?: boolean;
  /** For the link to the cluster's Prometheus settings when it has none. */
  clusterId?: string;
}

type Loaded = { answer: UsageAnswer } | { missing: string };

export function UsageChart({ api, metric, height = 180, clusterWide = true, clusterId }: UsageChartProps) {
  const [chosen, setScope] = useState<Scope>();
  // Until the user picks a scope it follows what they may read: the permissions may arrive after the first
  // render (a slow answer), and the chart must not stay on "name a namespace" for someone who may see it all.
  const scope: Scope = chosen ?? (clusterWide ? 'cluster' : 'namespace');
  const [namespace, setNamespace] = useState('');
  const [workload, setWorkload] = useState('');
  const [range, setRange] = useState<(typeof RANGES)[number]>('1h');
  const ready = scope === 'cluster' || (namespace !== '' && (scope === 'namespace' || workload !== ''));
  const query = {
    scope,
    range,
    ...(scope === 'cluster' ? {} : { namespace }),
    ...(scope === 'workload' ? { workload } : {}),
  };
  const loaded = usePluginData<Loaded>(
    JSON.stringify(query),
    ready
      ? () =>
          api.get<UsageAnswer>('/usage', query).then(
            (answer): Loaded => ({ answer }),
            (err: unknown): Loaded => {
              if ((err as { code?: unknown }).code === 'PROMETHEUS_NOT_FOUND')
                return { missing: err instanceof Error ? err.message : String(err) };
              throw err;
            },
          )
      : undefined,
  );
  const usage = { ...loaded, data: loaded.data && 'answer' in loaded.data ? loaded.data.answer : undefined };
  // A failed answer is asked again after a while (a cluster just registered, a Prometheus restarting): the
  // widget heals by itself instead of showing the first error until the page is reloaded.
  const { error, reload } = loaded;
  useEffect(() => {
    if (!error) return;
    const t = setTimeout(reload, RETRY_MS);
    return () => clearTimeout(t);
  }, [error, reload]);
  const missing = loaded.data && 'missing' in loaded.data ? loaded.data.missing : undefined;
  if (missing !== undefined) return <NoPrometheus reason={missing} clusterId={clusterId} />;
  const part = usage.data?.[metric];
  const format = metric === 'cpu' ? formatCores : formatBytes;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Select value={scope} onValueChange={(v) => setScope(v as Scope)}>
          <SelectTrigger className="h-8 w-32" aria-label="Scope">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="cluster">Cluster</SelectItem>
            <SelectItem value="namespace">Namespace</SelectItem>
            <SelectItem value="workload">Workload</SelectItem>
          </SelectContent>
        </Select>
        {scope !== 'cluster' && <NameInput label="Namespace" value={namespace} onCommit={setNamespace} />}
        {scope === 'workload' && <NameInput label="Workload" value={workload} onCommit={setWorkload} />}
        <Select value={range} onValueChange={(v) => setRange(v as (typeof RANGES)[number])}>
          <SelectTrigger className="h-8 w-20" aria-label="Range">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {RANGES.map((r) => (
              <SelectItem key={r} value={r}>
                {r}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {usage.data && (
          <Badge variant={usage.data.source === 'cadvisor' ? 'secondary' : 'warning'} title={usage.data.note}>
            {usage.data.source === 'cadvisor' ? 'containers' : 'process metrics'}
          </Badge>
        )}
      </div>
      {!ready && (
        <p className="text-sm text-muted-foreground">
          Name a namespace{scope === 'workload' ? ' and a workload' : ''}.
        </p>
      )}
      {usage.error && (
        <Alert variant="destructive">
          <AlertDescription>{usage.error}</AlertDescription>
        </Alert>
      )}
      {ready && usage.loading && !usage.data && <Skeleton style={{ height }} />}
      {part && (
        <LineChart
          aria-label={metric === 'cpu' ? 'CPU usage (cores)' : 'Memory usage (bytes)'}
          height={height}
          formatY={format}
          series={part.series.map((s) => ({ name: seriesName(s.labels), points: s.points }))}
          empty="No samples for this selection"
        />
      )}
      {usage.data?.note && <p className="text-xs text-muted-foreground">{usage.data.note}</p>}
    </div>
  );
}

/** A name typed in full: taken on Enter or when the field loses focus (not on every key). */
function NameInput({ label, value, onCommit }: { label: string; value: string; onCommit(v: string): void }) {
  return (
    <Input
      className="h-8 w-36"
      placeholder={label.toLowerCase()}
      aria-label={label}
      defaultValue={value}
      onBlur={(e) => onCommit(e.currentTarget.value.trim())}
      onKeyDown={(e) => e.key === 'Enter' && onCommit(e.currentTarget.value.trim())}
    />
  );
}
