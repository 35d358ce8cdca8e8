/** One release: tabs for overview and notes, history (roll back), values, manifest, diff, upgrade (`?tab=`). */

import { type PluginPageProps, usePluginData } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  ConfirmDialog,
  Skeleton,
  StatusBadge,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from '@argus/ui';
import { ChartForm } from './ChartForm';
import { DiffTab } from './DiffTab';
import { HistoryTab } from './HistoryTab';
import { type ReleaseDetail, releasePath } from './types';
import { ManifestTab, ValuesTab } from './YamlTabs';

export function ReleaseDetailView(props: PluginPageProps & { namespace: string; name: string }) {
  const { api, namespace, name, navigate, searchParams, can } = props;
  const base = releasePath({ namespace, name });
  const detail = usePluginData(`${base}`, () => api.get<ReleaseDetail>(base));
  const tab = searchParams.get('tab') ?? 'overview';
  const r = detail.data;
  // Values, manifests and notes are Secret content: they need secrets:read (the server answers 403 without).
  const content = can('secrets', 'read', namespace);
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <Button variant="ghost" size="sm" onClick={() => navigate('/releases')}>
          ← Releases
        </Button>
        <h1 className="text-xl font-semibold">
          {namespace}/{name}
        </h1>
        {r && <StatusBadge status={r.status} />}
        {can('helm.releases', 'delete', namespace) && (
          <div className="ml-auto">
            <ConfirmDialog
              trigger={
                <Button size="sm" variant="destructive">
                  Uninstall
                </Button>
              }
              title={`Uninstall ${name}?`}
              description="Deletes the release's objects and its history from the cluster."
              confirm="Uninstall"
              destructive
              onConfirm={async () => {
                await api.delete(base);
                navigate('/releases');
              }}
            />
          </div>
        )}
      </div>
      {detail.error && <Alert variant="destructive">{detail.error}</Alert>}
      {detail.loading && <Skeleton className="h-32 w-full" />}
      {r && (
        <Tabs value={tab} onValueChange={(t) => navigate(`${base}?tab=${t}`)}>
          <TabsList>
            <TabsTrigger value="overview">Overview</TabsTrigger>
            <TabsTrigger value="history">History</TabsTrigger>
            {content && <TabsTrigger value="values">Values</TabsTrigger>}
            {content && <TabsTrigger value="manifest">Manifest</TabsTrigger>}
            {content && <TabsTrigger value="diff">Diff</TabsTrigger>}
            {can('helm.releases', 'write', namespace) && <TabsTrigger value="upgrade">Upgrade</TabsTrigger>}
          </TabsList>
          <TabsContent value="overview" className="space-y-4">
            <Card>
              <CardHeader>
                <CardTitle>Release</CardTitle>
              </CardHeader>
              <CardContent>
                <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
                  <dt className="text-muted-foreground">Revision</dt>
                  <dd>{r.revision}</dd>
                  <dt className="text-muted-foreground">Chart</dt>
                  <dd>{r.chart}</dd>
                  <dt className="text-muted-foreground">App version</dt>
                  <dd>{r.app_version ?? '—'}</dd>
                  <dt className="text-muted-foreground">First deployed</dt>
                  <dd>{r.first_deployed ?? '—'}</dd>
                  <dt className="text-muted-foreground">Last deployed</dt>
                  <dd>{r.updated ?? '—'}</dd>
                  <dt className="text-muted-foreground">Description</dt>
                  <dd>{r.description}</dd>
                </dl>
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Notes</CardTitle>
              </CardHeader>
              <CardContent>
                <pre className="whitespace-pre-wrap text-sm">
                  {r.notes === null
                    ? 'Notes, values and manifests hidden: you need secrets:read in this namespace.'
                    : r.notes || 'This chart has no notes.'}
                </pre>
              </CardContent>
            </Card>
          </TabsContent>
          <TabsContent value="history">
            <HistoryTab {...props} onRolledBack={detail.reload} />
          </TabsContent>
          <TabsContent value="values">
            <ValuesTab {...props} />
          </TabsContent>
          <TabsContent value="manifest">
            <ManifestTab {...props} latest={r.revision} />
          </TabsContent>
          <TabsContent value="diff">
            <DiffTab {...props} latest={r.revision} />
          </TabsContent>
          <TabsContent value="upgrade">
            <ChartForm {...props} release={{ namespace, name }} />
          </TabsContent>
        </Tabs>
      )}
    </div>
  );
}
