'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorAlert } from '@/components/ErrorAlert';
import { usePermissions } from '@/hooks/use-permissions';
import { useQueryState } from '@/hooks/use-query-state';
import { api, qs } from '@/lib/api';
import type { KubeObject } from '@/lib/kube';
import { ExecTerminalPanel, SHELLS, type Shell } from './ExecTerminalPanel';

type PodObject = KubeObject & {
  spec?: { containers?: { name: string }[] };
  status?: { phase?: string };
};

/**
 * `/terminal/exec?cluster=&namespace=&pod=&container=&shell=` (a pod) or `…&selector=app%3Dweb&workload=web`
 * (a workload: pick one of its running pods). The server checks `pods:exec`; without it here the page says so.
 */
export function ExecTerminalPage() {
  const [params] = useQueryState();
  const cluster = params.get('cluster') ?? '';
  const namespace = params.get('namespace') ?? '';
  const pod = params.get('pod') ?? undefined;
  const selector = params.get('selector') ?? undefined;
  const workload = params.get('workload') ?? undefined;
  const shellParam = params.get('shell');
  const shell: Shell = SHELLS.includes(shellParam as Shell) ? (shellParam as Shell) : 'sh';
  const { can, isLoading } = usePermissions();
  const base = `/api/clusters/${encodeURIComponent(cluster)}/resources/core/v1/pods`;
  const pods = useQuery({
    queryKey: ['terminal-pods', cluster, namespace, pod, selector],
    queryFn: async (): Promise<PodObject[]> =>
      pod
        ? [await api<PodObject>(`${base}/${encodeURIComponent(pod)}${qs({ namespace })}`)]
        : (await api<{ items: PodObject[] }>(`${base}${qs({ namespace, labelSelector: selector })}`)).items,
    enabled: !!cluster && !!namespace && (!!pod || !!selector),
  });

  if (!cluster || !namespace || (!pod && !selector))
    return <ErrorAlert error={new Error('Open a terminal from a pod or a workload: this link names neither.')} />;
  const title = pod ?? workload ?? selector;
  const podHref = (name: string) =>
    `/clusters/${encodeURIComponent(cluster)}/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const running = (pods.data ?? []).filter((p) => p.status?.phase === 'Running');
  const byName = new Map(running.map((p) => [p.metadata.name ?? '', p]));

  return (
    <div className="grid h-[calc(100vh-8rem)] min-h-[480px] grid-rows-[auto_1fr] gap-3">
      <div>
        <h1 className="text-xl font-semibold">
          Terminal <span className="text-muted-foreground">{namespace}/</span>
          {title}
        </h1>
        {pod && (
          <Link href={podHref(pod)} className="text-sm text-muted-foreground hover:underline">
            Back to the pod
          </Link>
        )}
      </div>
      {!isLoading && !can('pods', 'exec', { clusterId: cluster, namespace }) ? (
        <ErrorAlert
          error={new Error(`You may not open a shell in the namespace "${namespace}" (it needs pods:exec).`)}
        />
      ) : pods.error ? (
        <ErrorAlert error={pods.error} title="Could not read the pod" />
      ) : !pods.data ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <ExecTerminalPanel
          clusterId={cluster}
          namespace={namespace}
          pods={[...byName.keys()]}
          {...(pod ? { pod } : {})}
          containersOf={(name) => (byName.get(name)?.spec?.containers ?? []).map((c) => c.name)}
          {...(params.get('container') ? { container: params.get('container') ?? '' } : {})}
          shell={shell}
          pickPod={!pod}
        />
      )}
    </div>
  );
}
