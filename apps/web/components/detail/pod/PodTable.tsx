'use client';
import { formatBytes, formatCpu } from '@argus/contracts/quantity';
import { StatusBadge } from '@argus/ui';
import { ErrorAlert } from '@/components/ErrorAlert';
import { age } from '@/lib/format';
import type { KubeObject } from '@/lib/kube';
import { podReady, podRestarts, podStatus } from '@/lib/pod-status';
import { WELL_KNOWN } from '@/lib/resources';
import { type PodTop, usePodTop } from '../operations';
import { DetailTable, MUTED, ObjectLink, str, useKubeList } from '../shared';

/**
 * Pods (a workload's, a service's, a node's) with status, restarts and live CPU/memory against their
 * requests; read again every few seconds.
 */
export function PodTable({
  clusterId,
  namespace,
  labelSelector,
  fieldSelector,
  filter,
  label = 'Pods',
  showNamespace = false,
}: {
  clusterId: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  filter?: (pod: KubeObject) => boolean;
  label?: string;
  showNamespace?: boolean;
}) {
  const pods = useKubeList(
    clusterId,
    WELL_KNOWN.pods as { group: string; version: string; resource: string },
    { namespace, labelSelector, fieldSelector },
    !!(labelSelector || fieldSelector),
  );
  const top = usePodTop(clusterId, namespace);
  const usage = new Map((top.data?.items ?? []).map((p) => [`${p.namespace}/${p.name}`, p]));
  const rows = (pods.data?.items ?? [])
    .filter((p) => !filter || filter(p))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const u = (p: KubeObject): PodTop | undefined => usage.get(`${p.metadata.namespace}/${p.metadata.name}`);
  const noMetrics = top.data && !top.data.available;
  return (
    <div className="grid gap-2">
      <ErrorAlert error={pods.error} title="Could not list the pods" />
      <DetailTable
        label={label}
        rows={rows}
        rowKey={(p) => p.metadata.uid ?? p.metadata.name}
        empty={pods.isLoading ? 'Loading…' : 'No pods.'}
        columns={[
          {
            header: 'Name',
            cell: (p) => (
              <ObjectLink clusterId={clusterId} kind="pods" name={p.metadata.name} namespace={p.metadata.namespace} />
            ),
          },
          ...(showNamespace ? [{ header: 'Namespace', cell: (p: KubeObject) => p.metadata.namespace }] : []),
          { header: 'Status', cell: (p) => <StatusBadge status={podStatus(p)} /> },
          { header: 'Ready', cell: (p) => podReady(p) },
          { header: 'Restarts', cell: (p) => podRestarts(p) },
          {
            header: 'CPU (used / requested)',
            cell: (p) => {
              const x = u(p);
              if (!x) return <span className={MUTED}>—</span>;
              return (
                <span title="usage / requests">
                  {formatCpu(x.cpu_millicores)}
                  {x.requests?.cpu_millicores ? (
                    <span className={MUTED}> / {formatCpu(x.requests.cpu_millicores)}</span>
                  ) : null}
                </span>
              );
            },
          },
          {
            header: 'Memory (used / requested)',
            cell: (p) => {
              const x = u(p);
              if (!x) return <span className={MUTED}>—</span>;
              return (
                <span title="usage / requests">
                  {formatBytes(x.memory_bytes)}
                  {x.requests?.memory_bytes ? (
                    <span className={MUTED}> / {formatBytes(x.requests.memory_bytes)}</span>
                  ) : null}
                </span>
              );
            },
          },
          { header: 'Node', cell: (p) => str(p.spec?.nodeName) ?? '—' },
          { header: 'Age', cell: (p) => age(p.metadata.creationTimestamp) },
        ]}
      />
      {noMetrics && (
        <p className="text-xs text-muted-foreground">
          No live usage: {top.data?.reason ?? 'the cluster serves no metrics.k8s.io'}.
        </p>
      )}
    </div>
  );
}
