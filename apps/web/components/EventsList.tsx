'use client';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '@/lib/api';
import { age } from '@/lib/format';
import type { KubeList, KubeObject } from '@/lib/kube';
import { ErrorAlert } from './ErrorAlert';
import { StatusBadge } from './StatusBadge';

/** Events of a cluster, or of one object (fieldSelector on involvedObject). */
export function EventsList({
  clusterId,
  namespace,
  name,
  kind,
  limit = 50,
}: {
  clusterId: string;
  namespace?: string;
  name?: string;
  kind?: string;
  limit?: number;
}) {
  const fieldSelector = name
    ? [`involvedObject.name=${name}`, kind ? `involvedObject.kind=${kind}` : ''].filter(Boolean).join(',')
    : undefined;
  const events = useQuery({
    queryKey: ['events', clusterId, namespace, name, kind],
    queryFn: () =>
      api<KubeList>(`/api/clusters/${encodeURIComponent(clusterId)}/events${qs({ namespace, fieldSelector })}`),
    refetchInterval: 10_000,
  });
  const items = [...(events.data?.items ?? [])].sort((a, b) => stamp(b) - stamp(a)).slice(0, limit);
  return (
    <div className="grid gap-2">
      <ErrorAlert error={events.error} title="Could not read events" />
      {events.data && items.length === 0 && <p className="text-sm text-muted-foreground">No events.</p>}
      <ul className="grid gap-1 text-sm" aria-label="Events">
        {items.map((e) => (
          <li
            key={e.metadata.uid ?? e.metadata.name}
            className="grid grid-cols-[5rem_6rem_10rem_minmax(0,1fr)] items-start gap-2 border-b py-1.5"
          >
            <StatusBadge status={e.type as string} />
            <span className="text-muted-foreground">{age(lastSeen(e))} ago</span>
            <span className="truncate font-medium" title={e.reason as string}>
              {e.reason as string}
            </span>
            <span className="min-w-0 [overflow-wrap:anywhere]">
              {!name && (
                <span className="text-muted-foreground">
                  {(e.involvedObject as { kind?: string; name?: string } | undefined)?.kind}/
                  {(e.involvedObject as { name?: string } | undefined)?.name}:{' '}
                </span>
              )}
              {e.message as string}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const lastSeen = (e: KubeObject) =>
  (e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp) as string | undefined;
const stamp = (e: KubeObject) => Date.parse(lastSeen(e) ?? '') || 0;
