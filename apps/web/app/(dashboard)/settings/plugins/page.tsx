'use client';
import type { PluginInfo } from '@argus/contracts';
import { Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@argus/ui';
import { ErrorAlert } from '@/components/ErrorAlert';
import { SimpleTable } from '@/components/SimpleTable';
import { useAction } from '@/hooks/use-mutation-form';
import { usePermissions } from '@/hooks/use-permissions';
import { usePlugins } from '@/hooks/use-plugins';
import { api } from '@/lib/api';

type ClusterState = PluginInfo['clusters'][number];

/** Every plugin, its state and failures, and a switch per cluster (for users with plugins:write there). */
export default function PluginsSettingsPage() {
  const plugins = usePlugins();
  const { can } = usePermissions();
  const action = useAction(['plugins']);
  const toggle = (plugin: string, c: ClusterState) =>
    action.run(() =>
      api(`/api/clusters/${encodeURIComponent(c.id)}/plugins/${plugin}/${c.enabled ? 'disable' : 'enable'}`, {
        method: 'POST',
      }),
    );
  return (
    <div className="grid gap-4">
      <h1 className="text-xl font-semibold">Plugins</h1>
      <ErrorAlert error={plugins.error} title="Could not list plugins" />
      <ErrorAlert error={action.error} />
      {(plugins.data ?? []).map((p) => (
        <Card key={p.id} aria-label={`Plugin ${p.name}`}>
          <CardHeader>
            <CardTitle className="flex items-center gap-2 text-base">
              {p.name} <span className="text-xs font-normal text-muted-foreground">v{p.version}</span>
              <Badge variant={p.status === 'active' ? 'secondary' : 'destructive'}>{p.status}</Badge>
            </CardTitle>
            <CardDescription>{p.description}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            {p.error && <ErrorAlert error={new Error(p.error)} title="This plugin is not running" />}
            {p.failures.last && (
              <p className="text-sm text-destructive">
                {p.failures.count} failure{p.failures.count === 1 ? '' : 's'}; last at {p.failures.last.at} in{' '}
                {p.failures.last.where}: {p.failures.last.message}
              </p>
            )}
            {p.status === 'active' && p.clusters.length > 0 && (
              <SimpleTable
                label={`${p.name} per cluster`}
                rows={p.clusters}
                rowKey={(c) => c.id}
                columns={[
                  { header: 'Cluster', cell: (c) => c.name },
                  { header: 'State', cell: (c) => (c.enabled ? 'enabled' : 'disabled') },
                  { header: 'Watchers', cell: (c) => c.watchers },
                  {
                    header: '',
                    cell: (c) =>
                      can('plugins', 'write', { clusterId: c.id }) ? (
                        <Button
                          size="sm"
                          variant="outline"
                          disabled={action.busy}
                          aria-label={`${c.enabled ? 'Disable' : 'Enable'} ${p.name} on ${c.name}`}
                          onClick={() => toggle(p.id, c)}
                        >
                          {c.enabled ? 'Disable' : 'Enable'}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            )}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
