'use client';
import { EventsList } from '@argus/plugin-sdk/frontend';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useApiResources } from '@/hooks/use-api-resources';
import { usePermissions } from '@/hooks/use-permissions';
import { useQueryState } from '@/hooks/use-query-state';
import { api } from '@/lib/api';
import type { KubeObject } from '@/lib/kube';
import { argusClient } from '@/lib/plugins';
import { containerNames } from '@/lib/pod-status';
import { objectPath, RESTARTABLE, resolveSegment, SCALABLE, WORKLOAD_KINDS } from '@/lib/resources';
import { DescribeTab } from './detail/DescribeTab';
import { hasKindDetails, KindDetails } from './detail/KindDetails';
import { ErrorAlert } from './ErrorAlert';
import { LogsViewer } from './LogsViewer';
import { ObjectActions } from './ObjectActions';
import { ObjectRelations } from './ObjectRelations';
import { ObjectSummary } from './ObjectSummary';
import { PluginDetailTab, usePluginDetailTabs } from './PluginDetailTab';
import { SecretYamlTab } from './SecretYamlTab';
import { TerminalButton } from './terminal/TerminalButton';
import { YamlTab } from './YamlTab';

interface Props {
  clusterId: string;
  segment: string;
  namespace: string;
  name: string;
}

/**
 * `/clusters/{id}/{resource}/{namespace}/{name}`: summary (what the kind is about, `detail/KindDetails`, then
 * metadata and conditions), related, events, YAML, logs, and the tabs plugins add to the kinds they own
 * (manifest `detail_tabs`); actions the user may take.
 */
export function ResourceDetailView({ clusterId, segment, namespace, name }: Props) {
  const router = useRouter();
  const [params, setParams] = useQueryState();
  const discovery = useApiResources(clusterId);
  const { can } = usePermissions();
  const r = discovery.data ? resolveSegment(discovery.data, segment) : undefined;
  const pluginTabs = usePluginDetailTabs(clusterId, r);
  const ns = namespace === '_' ? undefined : namespace;
  const path = r ? objectPath(clusterId, r, name, ns) : '';
  const obj = useQuery({
    queryKey: ['object', path],
    queryFn: () => api<KubeObject>(path),
    enabled: !!r,
    refetchInterval: 5_000,
  });
  const scope = { clusterId, namespace: ns };
  const canWrite = can('resources', 'write', scope);
  // Secret values come only with secrets:read (without it the server sends data_keys instead of data).
  const canReveal = can('secrets', 'read', scope) && obj.data?.data_keys === undefined;
  const listHref = `/clusters/${encodeURIComponent(clusterId)}/${segment}${ns ? `?namespace=${encodeURIComponent(ns)}` : ''}`;

  if (discovery.error) return <ErrorAlert error={discovery.error} />;
  if (discovery.data && !r) return <ErrorAlert error={new Error(`This cluster does not serve "${segment}".`)} />;
  const o = obj.data;
  const isPod = r?.resource === 'pods' && !r.group;
  const isWorkload = !!r && WORKLOAD_KINDS.has(r.resource);
  const tab = params.get('tab') ?? 'summary';

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <div>
          <Link href={listHref} className="text-sm text-muted-foreground hover:underline">
            {r?.kind ?? segment}
          </Link>
          <h1 className="text-xl font-semibold">
            {ns && <span className="text-muted-foreground">{ns}/</span>}
            {name}
          </h1>
        </div>
        {o && r && (
          <div className="ml-auto flex items-center gap-2">
            {(isPod || isWorkload) && ns && can('pods', 'exec', scope) && (
              <TerminalButton clusterId={clusterId} namespace={ns} object={o} kind={isPod ? 'pod' : 'workload'} />
            )}
            <ObjectActions
              clusterId={clusterId}
              resource={r}
              path={path}
              object={o}
              canScale={SCALABLE.has(r.resource) && canWrite}
              canRestart={RESTARTABLE.has(r.resource) && canWrite}
              canDelete={can('resources', 'delete', scope)}
              onChanged={() => void obj.refetch()}
              onDeleted={() => router.push(listHref)}
            />
          </div>
        )}
      </div>
      <ErrorAlert error={obj.error} title={`Could not read ${name}`} />
      {o && r && (
        <Tabs value={tab} onValueChange={(t) => setParams({ tab: t === 'summary' ? null : t })}>
          <TabsList>
            <TabsTrigger value="summary">Summary</TabsTrigger>
            <TabsTrigger value="related">Related</TabsTrigger>
            <TabsTrigger value="events">Events</TabsTrigger>
            <TabsTrigger value="yaml">YAML</TabsTrigger>
            <TabsTrigger value="describe">Describe</TabsTrigger>
            {(isPod || isWorkload) && can('pods', 'logs', scope) && <TabsTrigger value="logs">Logs</TabsTrigger>}
            {pluginTabs.map((t) => (
              <TabsTrigger key={t.value} value={t.value}>
                {t.tab.title}
              </TabsTrigger>
            ))}
          </TabsList>
          <TabsContent value="summary" className="grid gap-6">
            <KindDetails
              clusterId={clusterId}
              resource={r}
              object={o}
              resources={discovery.data ?? []}
              can={(resource, action) => can(resource, action, scope)}
              onLogs={(container) => setParams({ tab: 'logs', container: container ?? null })}
              onChanged={() => void obj.refetch()}
            />
            <section aria-label="Metadata" className="grid gap-2">
              {hasKindDetails(r) && <h3 className="text-sm font-medium">Metadata</h3>}
              <ObjectSummary object={o} showStatus={!hasKindDetails(r)} />
            </section>
          </TabsContent>
          <TabsContent value="related">
            <ObjectRelations clusterId={clusterId} resource={r.resource} object={o} resources={discovery.data ?? []} />
          </TabsContent>
          <TabsContent value="events">
            <EventsList api={argusClient} clusterId={clusterId} namespace={ns} name={name} kind={o.kind} />
          </TabsContent>
          <TabsContent value="yaml">
            {o.kind === 'Secret' ? (
              <SecretYamlTab
                clusterId={clusterId}
                object={o}
                canReveal={canReveal}
                canEdit={canWrite}
                onApplied={() => void obj.refetch()}
              />
            ) : (
              <YamlTab clusterId={clusterId} object={o} canEdit={canWrite} onApplied={() => void obj.refetch()} />
            )}
          </TabsContent>
          <TabsContent value="describe">
            <DescribeTab clusterId={clusterId} resource={r} name={name} namespace={ns} />
          </TabsContent>
          <TabsContent value="logs">
            {isPod ? (
              <LogsViewer
                key={params.get('container') ?? ''}
                clusterId={clusterId}
                namespace={ns ?? 'default'}
                pod={{ name, containers: containerNames(o) }}
                container={params.get('container') ?? undefined}
              />
            ) : (
              <LogsViewer clusterId={clusterId} namespace={ns ?? 'default'} workload={`${r.resource}/${name}`} />
            )}
          </TabsContent>
          {pluginTabs.map((t) => (
            <TabsContent key={t.value} value={t.value}>
              <PluginDetailTab
                pluginId={t.pluginId}
                tabId={t.tab.id}
                clusterId={clusterId}
                object={o}
                resource={r}
                reload={() => void obj.refetch()}
              />
            </TabsContent>
          ))}
        </Tabs>
      )}
    </div>
  );
}
