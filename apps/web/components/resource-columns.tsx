import { formatBytes, formatCpu, parseCpuMillicores, parseMemoryBytes } from '@argus/contracts/quantity';
import { StatusBadge } from '@argus/ui';
import type { ColumnDef } from '@tanstack/react-table';
import type { TopData } from '@/hooks/use-top';
import { age } from '@/lib/format';
import { type KubeObject, pick } from '@/lib/kube';
import { nodeReady, podReady, podRestarts, podStatus } from '@/lib/pod-status';
import { usageColumns } from './usage/usage-columns';

type Col = ColumnDef<KubeObject>;

const text = (
  id: string,
  header: string,
  get: (o: KubeObject) => string | number | undefined,
  width?: string,
): Col => ({
  id,
  header,
  accessorFn: (o) => get(o) ?? '',
  cell: (c) => {
    const v = c.getValue() as string | number;
    return v === '' ? <span className="text-muted-foreground">—</span> : String(v);
  },
  meta: width ? { width } : undefined,
});

const status = (id: string, header: string, get: (o: KubeObject) => string | undefined): Col => ({
  id,
  header,
  accessorFn: (o) => get(o) ?? '',
  cell: (c) => <StatusBadge status={c.getValue() as string} />,
  meta: { width: 'minmax(7rem, 1fr)' },
});

/** A quantity column: sorts by the number, shows human units (`31.2 GiB`, never `32763400Ki`). */
const quantity = (id: string, header: string, kind: 'cpu' | 'memory', get: (o: KubeObject) => unknown): Col => ({
  id,
  header,
  sortUndefined: 'last',
  accessorFn: (o) => {
    const v = get(o) as string | number | undefined;
    return kind === 'cpu' ? parseCpuMillicores(v) : parseMemoryBytes(v);
  },
  cell: (c) => {
    const n = c.getValue() as number | undefined;
    const raw = get(c.row.original) as string | number | undefined;
    if (n === undefined) return raw === undefined ? <span className="text-muted-foreground">—</span> : String(raw);
    return <span title={String(raw)}>{kind === 'cpu' ? formatCpu(n) : formatBytes(n)}</span>;
  },
  meta: { width: '7rem' },
});

const replicas = (o: KubeObject, readyKey = 'readyReplicas') =>
  `${(pick(o, `status.${readyKey}`) as number | undefined) ?? 0}/${(o.spec?.replicas as number | undefined) ?? 0}`;

const jsonish = (v: unknown) =>
  v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

const EXTRA: Record<string, Col[]> = {
  pods: [
    text('ready', 'Ready', podReady, '5rem'),
    status('status', 'Status', podStatus),
    text('restarts', 'Restarts', podRestarts, '6rem'),
    text('node', 'Node', (o) => pick(o, 'spec.nodeName') as string),
    text('ip', 'IP', (o) => pick(o, 'status.podIP') as string, '8rem'),
  ],
  deployments: [
    text('ready', 'Ready', (o) => replicas(o)),
    text('updated', 'Up-to-date', (o) => pick(o, 'status.updatedReplicas') as number),
    text('available', 'Available', (o) => pick(o, 'status.availableReplicas') as number),
  ],
  statefulsets: [text('ready', 'Ready', (o) => replicas(o))],
  replicasets: [text('ready', 'Ready', (o) => replicas(o))],
  daemonsets: [
    text('desired', 'Desired', (o) => pick(o, 'status.desiredNumberScheduled') as number),
    text('ready', 'Ready', (o) => pick(o, 'status.numberReady') as number),
  ],
  jobs: [
    text(
      'completions',
      'Completions',
      (o) => `${pick(o, 'status.succeeded') ?? 0}/${pick(o, 'spec.completions') ?? 1}`,
    ),
    status('status', 'Status', (o) =>
      pick(o, 'status.succeeded') ? 'Complete' : pick(o, 'status.failed') ? 'Failed' : 'Running',
    ),
  ],
  cronjobs: [
    text('schedule', 'Schedule', (o) => pick(o, 'spec.schedule') as string),
    text('suspend', 'Suspend', (o) => String(pick(o, 'spec.suspend') ?? false)),
    text('last', 'Last schedule', (o) => age(pick(o, 'status.lastScheduleTime') as string)),
  ],
  services: [
    text('type', 'Type', (o) => pick(o, 'spec.type') as string, '8rem'),
    text('clusterIP', 'Cluster IP', (o) => pick(o, 'spec.clusterIP') as string),
    text('ports', 'Ports', (o) =>
      ((pick(o, 'spec.ports') as Array<{ port: number; protocol?: string }> | undefined) ?? [])
        .map((p) => `${p.port}/${p.protocol ?? 'TCP'}`)
        .join(', '),
    ),
  ],
  ingresses: [
    text('class', 'Class', (o) => pick(o, 'spec.ingressClassName') as string),
    text('hosts', 'Hosts', (o) =>
      ((pick(o, 'spec.rules') as Array<{ host?: string }> | undefined) ?? []).map((r) => r.host ?? '*').join(', '),
    ),
  ],
  configmaps: [text('data', 'Data', (o) => Object.keys(o.data ?? {}).length, '5rem')],
  secrets: [
    text('type', 'Type', (o) => o.type as string),
    text('data', 'Data', (o) => o.data_keys?.length ?? Object.keys(o.data ?? {}).length, '5rem'),
  ],
  persistentvolumeclaims: [
    status('status', 'Status', (o) => pick(o, 'status.phase') as string),
    text('volume', 'Volume', (o) => pick(o, 'spec.volumeName') as string),
    quantity('capacity', 'Capacity', 'memory', (o) => pick(o, 'status.capacity.storage')),
  ],
  persistentvolumes: [
    quantity('capacity', 'Capacity', 'memory', (o) => pick(o, 'spec.capacity.storage')),
    status('status', 'Status', (o) => pick(o, 'status.phase') as string),
  ],
  nodes: [
    status('status', 'Status', nodeReady),
    text('version', 'Version', (o) => pick(o, 'status.nodeInfo.kubeletVersion') as string),
    quantity('cpu', 'CPU allocatable', 'cpu', (o) => pick(o, 'status.allocatable.cpu')),
    quantity('memory', 'Memory allocatable', 'memory', (o) => pick(o, 'status.allocatable.memory')),
  ],
  namespaces: [status('status', 'Status', (o) => pick(o, 'status.phase') as string)],
  events: [
    status('type', 'Type', (o) => o.type as string),
    text('reason', 'Reason', (o) => o.reason as string),
    text(
      'object',
      'Object',
      (o) => `${pick(o, 'involvedObject.kind') ?? ''}/${pick(o, 'involvedObject.name') ?? ''}`,
      'minmax(10rem, 2fr)',
    ),
    text('message', 'Message', (o) => o.message as string, 'minmax(14rem, 3fr)'),
    text('count', 'Count', (o) => (o.count as number) ?? 1, '5rem'),
  ],
};

/**
 * Columns for a resource list: name, namespace, kind-specific ones (or the Ready condition), CPU/memory usage
 * for pods and nodes when `top` is given (useTop), age.
 */
export function resourceColumns(
  resource: string,
  opts: { namespaced: boolean; cluster?: boolean; top?: TopData | undefined },
): Col[] {
  const cols: Col[] = [];
  if (opts.cluster) cols.push(text('cluster', 'Cluster', (o) => o.cluster?.name, 'minmax(7rem, 1fr)'));
  cols.push(text('name', 'Name', (o) => o.metadata.name, 'minmax(12rem, 3fr)'));
  if (opts.namespaced) cols.push(text('namespace', 'Namespace', (o) => o.metadata.namespace, 'minmax(8rem, 1.5fr)'));
  const extra = EXTRA[resource];
  if (extra) cols.push(...extra);
  else
    cols.push(
      status('ready', 'Ready', (o) => {
        const c = (o.status?.conditions as Array<{ type: string; status: string }> | undefined)?.find((x) =>
          /^(Ready|Available|Healthy|Synced)$/.test(x.type),
        );
        return c
          ? c.status === 'True'
            ? 'Ready'
            : 'NotReady'
          : jsonish(pick(o, 'status.phase') ?? pick(o, 'status.state'));
      }),
    );
  if ('top' in opts) cols.push(...usageColumns(resource, opts.top));
  cols.push({
    id: 'age',
    header: 'Age',
    accessorFn: (o) => (o.metadata.creationTimestamp ? -Date.parse(o.metadata.creationTimestamp) : 0),
    // The value is a sort key (a negative timestamp), not what the cell shows: typing a digit in the
    // filter box would match it on every row.
    enableGlobalFilter: false,
    cell: (c) => age(c.row.original.metadata.creationTimestamp),
    meta: { width: '5rem' },
  });
  return cols;
}
