/**
 * One Rook object on the plugin's pages (`/{page}/{namespace}/{name}`): its health, what the table summarises,
 * its actions, then the YAML and events (`?tab=`). `children` draws kind-specific sections (a cluster's panel).
 */
import { EventsList, objectHref, type PluginPageProps, useArgusHost } from '@argus/plugin-sdk/frontend';
import { Alert, HealthBadge, Skeleton, Tabs, TabsContent, TabsList, TabsTrigger, YamlView } from '@argus/ui';
import type { ReactNode } from 'react';
import { ActionBar } from './ActionBar';
import type { Detail } from './types';
import { useCephData } from './use-ceph';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v))
    return (
      v
        .map((x) => (typeof x === 'object' && x ? ((x as { name?: string }).name ?? JSON.stringify(x)) : String(x)))
        .join(', ') || '—'
    );
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The object as the cluster has it (without what the toolkit adds: health, summary, actions). */
export function withoutToolkitFields(d: Detail<unknown>): Record<string, unknown> {
  const { health: _h, summary: _s, actions: _a, ...object } = d;
  return object;
}

export function ObjectDetail<S>({
  props,
  page,
  group,
  version,
  plural,
  kind,
  namespace,
  name,
  children,
}: {
  props: PluginPageProps;
  page: { path: string; title: string };
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespace: string;
  name: string;
  children?: (detail: Detail<S>, reload: () => void) => ReactNode;
}) {
  const { api, clusterId, navigate, searchParams } = props;
  const { Link } = useArgusHost();
  const detail = useCephData<Detail<S>>(
    api,
    `/resources/${plural}/${encodeURIComponent(name)}`,
    { namespace },
    {
      cluster: clusterId,
      group,
      version,
      resource: plural,
      namespace,
    },
  );
  const tab = searchParams.get('tab') ?? 'overview';
  const here = `${page.path}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const d = detail.data;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-baseline gap-2">
        <button
          type="button"
          className="text-sm text-muted-foreground hover:underline"
          onClick={() => navigate(page.path)}
        >
          {page.title}
        </button>
        <span className="text-muted-foreground">/</span>
        <h1 className="text-xl font-semibold">
          {namespace}/{name}
        </h1>
        <Link
          className="ml-auto text-sm underline-offset-2 hover:underline"
          href={objectHref(clusterId, { group, version, resource: plural }, name, namespace)}
        >
          Generic view
        </Link>
      </div>
      {detail.error && <Alert variant="destructive">{detail.error}</Alert>}
      {!d && !detail.error && <Skeleton className="h-48 w-full" />}
      {d && (
        <Tabs value={tab} onValueChange={(t) => navigate(t === 'overview' ? here : `${here}?tab=${t}`)}>
          <TabsList>
            <TabsTrigger value="overview">Overview</TabsTrigger>
            <TabsTrigger value="yaml">YAML</TabsTrigger>
            <TabsTrigger value="events">Events</TabsTrigger>
          </TabsList>
          <TabsContent value="overview" className="grid gap-4 pt-3">
            {children ? (
              children(d, detail.reload)
            ) : (
              <>
                <div className="flex flex-wrap items-center gap-2">
                  <HealthBadge health={d.health} />
                  <span className="text-sm text-muted-foreground">{d.health.reason}</span>
                  <div className="ml-auto">
                    <ActionBar
                      api={api}
                      plural={plural}
                      namespace={namespace}
                      name={name}
                      actions={d.actions}
                      onDone={detail.reload}
                    />
                  </div>
                </div>
                <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                  {Object.entries((d.summary ?? {}) as Record<string, unknown>).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="text-muted-foreground">{k}</dt>
                      <dd className="break-all">{show(v)}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </TabsContent>
          <TabsContent value="yaml" className="pt-3">
            <YamlView value={withoutToolkitFields(d as Detail<unknown>)} label={`${kind} YAML`} />
          </TabsContent>
          <TabsContent value="events" className="pt-3">
            <EventsList api={api} clusterId={clusterId} namespace={namespace} name={name} kind={kind} />
          </TabsContent>
        </Tabs>
      )}
    </div>
  );
}
