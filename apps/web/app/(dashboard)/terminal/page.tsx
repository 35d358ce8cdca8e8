'use client';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@argus/ui';
import { useMemo } from 'react';
import { NamespacePicker } from '@/components/NamespacePicker';
import { SmartTerminal } from '@/components/terminal/smart/SmartTerminal';
import { useClusters } from '@/hooks/use-clusters';
import { useQueryState } from '@/hooks/use-query-state';
import { useResourceList } from '@/hooks/use-resource-list';
import { WELL_KNOWN } from '@/lib/resources';

const NAMESPACES = { ...WELL_KNOWN.namespaces!, verbs: ['list'] };

/** `/terminal?cluster=&namespace=`: the smart terminal, kubectl commands run as the signed-in user. */
export default function TerminalPage() {
  const [params, setParams] = useQueryState();
  const clusters = useClusters();
  const list = clusters.data ?? [];
  const cluster = params.get('cluster') || list[0]?.id || '';
  const namespace = params.get('namespace') || 'default';
  const namespaces = useResourceList(cluster, cluster ? NAMESPACES : undefined);
  const nsNames = useMemo(() => (namespaces.data?.items ?? []).map((n) => n.metadata.name), [namespaces.data]);
  const nameOf = (id: string) => list.find((c) => c.id === id)?.name ?? id;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Terminal</h1>
          <p className="text-sm text-muted-foreground">
            kubectl commands, run as you: what your role allows, audited under your name. Type <code>help</code>.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Select value={cluster} onValueChange={(v) => setParams({ cluster: v })}>
            <SelectTrigger className="w-56" aria-label="Cluster">
              <SelectValue placeholder="Cluster" />
            </SelectTrigger>
            <SelectContent>
              {list.map((c) => (
                <SelectItem key={c.id} value={c.id}>
                  {c.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {cluster && (
            <NamespacePicker
              clusterId={cluster}
              value={namespace}
              onChange={(ns) => setParams({ namespace: ns || null })}
            />
          )}
        </div>
      </div>
      {clusters.isLoading ? (
        <p className="text-sm text-muted-foreground">Loading clusters…</p>
      ) : !cluster ? (
        <p className="text-sm text-muted-foreground">No cluster yet: add one to use the terminal.</p>
      ) : (
        <SmartTerminal
          context={{ cluster, namespace }}
          clusterName={nameOf}
          clusterByName={(name) => list.find((c) => c.name === name || c.id === name)?.id}
          namespaces={nsNames}
          onContext={(c) => setParams({ cluster: c.cluster, namespace: c.namespace })}
        />
      )}
    </div>
  );
}
