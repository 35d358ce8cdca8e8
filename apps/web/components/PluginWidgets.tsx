'use client';
import type { PluginWidgetProps } from '@argus/plugin-sdk/frontend';
import { Card, CardContent, CardHeader, CardTitle, cn } from '@argus/ui';
import { usePermissions } from '@/hooks/use-permissions';
import { usePlugins } from '@/hooks/use-plugins';
import { enabledOn, manifestOf, pluginApi } from '@/lib/plugins';
import { PluginView } from './PluginView';

const SIZE = { sm: '', md: 'lg:col-span-2', lg: 'lg:col-span-3' } as const;

/** The cluster overview's widgets of every plugin enabled on the cluster, each loaded lazily. */
export function PluginWidgets({ clusterId, clusterName }: { clusterId: string; clusterName: string }) {
  const plugins = usePlugins();
  const { can } = usePermissions();
  const widgets = (plugins.data ?? [])
    .filter((p) => enabledOn(p, clusterId))
    .flatMap((p) => manifestOf(p).widgets.map((w) => ({ plugin: p.id, widget: w })));
  if (widgets.length === 0) return null;
  return (
    <section aria-label="Plugin widgets" className="grid gap-4 lg:grid-cols-3">
      {widgets.map(({ plugin, widget }) => {
        const props: PluginWidgetProps = {
          pluginId: plugin,
          clusterId,
          clusterName,
          api: pluginApi(plugin, clusterId),
          can: (resource, action, namespace) =>
            can(resource, action, { clusterId, ...(namespace ? { namespace } : {}) }, !namespace),
        };
        return (
          <Card key={`${plugin}/${widget.id}`} className={cn('min-w-0', SIZE[widget.size])} data-plugin={plugin}>
            <CardHeader>
              <CardTitle className="text-base">{widget.title}</CardTitle>
            </CardHeader>
            <CardContent>
              <PluginView kind="widgets" id={widget.id} props={props} />
            </CardContent>
          </Card>
        );
      })}
    </section>
  );
}
