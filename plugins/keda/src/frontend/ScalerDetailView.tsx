/** One ScaledObject or ScaledJob on the plugin's page: scaling, YAML and events (`?tab=`). */
import { EventsList, objectHref, type PluginPageProps, useArgusHost } from '@argus/plugin-sdk/frontend';
import { Alert, Skeleton, Tabs, TabsContent, TabsList, TabsTrigger, YamlView } from '@argus/ui';
import { ScalingPanel } from './ScalingPanel';
import { type Detail, KEDA, type ScaledJobSummary, type ScaledObjectSummary, type ScalerPlural } from './types';
import { useKedaData } from './use-keda';

const KIND: Record<ScalerPlural, string> = { scaledobjects: 'ScaledObject', scaledjobs: 'ScaledJob' };

export function ScalerDetailView({
  props,
  plural,
  namespace,
  name,
}: {
  props: PluginPageProps;
  plural: ScalerPlural;
  namespace: string;
  name: string;
}) {
  const { api, clusterId, navigate, searchParams } = props;
  const { Link } = useArgusHost();
  const detail = useKedaData<Detail<ScaledObjectSummary | ScaledJobSummary>>(
    api,
    `/resources/${plural}/${encodeURIComponent(name)}`,
    { namespace },
    { cluster: clusterId, ...KEDA, resource: plural, namespace },
  );
  const tab = searchParams.get('tab') ?? 'scaling';
  const here = `/${plural}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-baseline gap-2">
        <button
          type="button"
          className="text-sm text-muted-foreground hover:underline"
          onClick={() => navigate(`/${plural}`)}
        >
          {KIND[plural]}s
        </button>
        <span className="text-muted-foreground">/</span>
        <h1 className="text-xl font-semibold">
          {namespace}/{name}
        </h1>
        <Link
          className="ml-auto text-sm underline-offset-2 hover:underline"
          href={objectHref(clusterId, { ...KEDA, resource: plural }, name, namespace)}
        >
          Generic view
        </Link>
      </div>
      {detail.error && <Alert variant="destructive">{detail.error}</Alert>}
      {!detail.data && !detail.error && <Skeleton className="h-48 w-full" />}
      {detail.data && (
        <Tabs value={tab} onValueChange={(t) => navigate(t === 'scaling' ? here : `${here}?tab=${t}`)}>
          <TabsList>
            <TabsTrigger value="scaling">Scaling</TabsTrigger>
            <TabsTrigger value="yaml">YAML</TabsTrigger>
            <TabsTrigger value="events">Events</TabsTrigger>
          </TabsList>
          <TabsContent value="scaling" className="pt-3">
            <ScalingPanel
              api={api}
              clusterId={clusterId}
              plural={plural}
              detail={detail.data}
              onChanged={detail.reload}
              onAuthentication={(a) =>
                navigate(
                  `/authentications?q=${encodeURIComponent(a.name)}${a.kind === 'TriggerAuthentication' ? `&namespace=${encodeURIComponent(namespace)}` : ''}`,
                )
              }
            />
          </TabsContent>
          <TabsContent value="yaml" className="pt-3">
            <YamlView value={withoutToolkitFields(detail.data)} label={`${KIND[plural]} YAML`} />
          </TabsContent>
          <TabsContent value="events" className="pt-3">
            <EventsList api={api} clusterId={clusterId} namespace={namespace} name={name} kind={KIND[plural]} />
          </TabsContent>
        </Tabs>
      )}
    </div>
  );
}

/** The object as the cluster has it (without what the toolkit adds: health, summary, actions). */
function withoutToolkitFields(d: Detail<unknown>): Record<string, unknown> {
  const { health: _h, summary: _s, actions: _a, ...object } = d;
  return object;
}
