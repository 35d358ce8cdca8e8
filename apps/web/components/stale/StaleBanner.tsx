'use client';
import type { ClusterView } from '@argus/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CloudOffIcon } from 'lucide-react';
import { useParams, usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { api } from '@/lib/api';
import { age } from '@/lib/format';
import { useStaleStore } from '@/lib/stale';

const when = (iso: string) => `${new Date(iso).toLocaleString()} (${age(iso)} ago)`;

/**
 * On a cluster's pages: a banner while what they show comes from Argus's cache because the cluster cannot
 * be reached — from the answers' stale mark, and from the cluster's health (checked every few seconds here),
 * which also makes the page's lists and objects load again so they carry the server's mark.
 */
export function StaleBanner() {
  const params = useParams<{ cluster?: string }>();
  const pathname = usePathname();
  const clusterId = pathname.startsWith('/clusters/') ? params.cluster : undefined;
  const mark = useStaleStore((s) => (clusterId ? (s.marks[clusterId] ?? null) : null));
  const qc = useQueryClient();
  const health = useQuery({
    queryKey: ['cluster-status', clusterId],
    queryFn: () => api<ClusterView>(`/api/clusters/${encodeURIComponent(clusterId ?? '')}`),
    enabled: !!clusterId,
    refetchInterval: 5_000,
    // A caller who may not read the cluster's record still gets the answers' marks.
    retry: false,
  });
  const status = health.data?.status;
  const prev = useRef<string | undefined>(undefined);
  useEffect(() => {
    const was = prev.current;
    prev.current = status;
    if (!clusterId || !status || was === undefined || (was === 'connected') === (status === 'connected')) return;
    // Reachable ↔ unreachable: read the page's data again, so it says where it comes from.
    void qc.invalidateQueries({
      predicate: (q) => q.queryKey[0] !== 'cluster-status' && JSON.stringify(q.queryKey).includes(clusterId),
    });
  }, [status, clusterId, qc]);
  if (!clusterId) return null;
  const down = status === 'disconnected' || status === 'error';
  if (!mark && !down) return null;
  return (
    <div
      role="alert"
      aria-label="Stale data"
      className="mb-3 flex items-start gap-2 rounded-md border border-warning/60 bg-warning/10 p-3 text-sm"
    >
      <CloudOffIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
      <div className="grid gap-0.5">
        <p className="font-medium">
          {health.data?.name ?? 'This cluster'} cannot be reached: showing the last known state, not live data.
        </p>
        <p className="text-muted-foreground">
          {mark
            ? `Unreachable since ${when(mark.since)}`
            : health.data?.status_message || 'The last health check failed.'}
          {mark?.lastContact
            ? `; last contact ${when(mark.lastContact)}.`
            : mark
              ? '; no contact since Argus started.'
              : ''}
        </p>
      </div>
    </div>
  );
}
