/**
 * Staged policies and what enforcing each would change against the enforced policy of the same kind and
 * name: created, updated (which fields) or deleted, and the endpoints that would gain or lose it. Enforce
 * (the toolkit's `promote` action) is offered to users who may operate.
 */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, Badge, Card, CardContent, CardHeader, CardTitle, HealthBadge, Skeleton } from '@argus/ui';
import { ActionButtons } from './ActionButtons';
import { PageShell } from './CalicoNav';
import { CALICO, type Detail, type StagedList } from './types';
import { useCalicoData } from './use-calico';

type StagedItem = StagedList['items'][number];

const CHANGE_VARIANT = { create: 'info', update: 'warning', delete: 'destructive', none: 'secondary' } as const;
const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const ref = (e: { namespace: string | null; name: string }) => `${e.namespace ? `${e.namespace}/` : ''}${e.name}`;

function EndpointList({ title, items }: { title: string; items: Array<{ namespace: string | null; name: string }> }) {
  if (!items.length) return null;
  return (
    <div>
      <p className="text-sm font-medium">
        {title} ({items.length})
      </p>
      <ul className="flex flex-wrap gap-1 text-xs" aria-label={title}>
        {items.slice(0, 30).map((e) => (
          <li key={ref(e)} className="rounded border px-1.5 py-0.5 font-mono">
            {ref(e)}
          </li>
        ))}
        {items.length > 30 && <li className="text-muted-foreground">… {items.length - 30} more</li>}
      </ul>
    </div>
  );
}

function StagedCard({ item, props, onDone }: { item: StagedItem; props: PluginPageProps; onDone(): void }) {
  const s = item.staged;
  const detail = useCalicoData<Detail>(
    props.api,
    `/resources/${s.plural}/${encodeURIComponent(s.name)}`,
    { namespace: s.namespace ?? undefined },
    { cluster: props.clusterId, ...CALICO, resource: s.plural },
  );
  return (
    <Card data-staged={s.name}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          {s.kind} {s.namespace ? `${s.namespace}/` : ''}
          {s.name}
          <Badge variant={CHANGE_VARIANT[item.diff.change]}>{item.diff.change}</Badge>
          <HealthBadge health={s.health} />
          <span className="ml-auto">
            {detail.data && (
              <ActionButtons
                api={props.api}
                plural={s.plural}
                namespace={s.namespace ?? undefined}
                name={s.name}
                actions={detail.data.actions}
                onDone={onDone}
              />
            )}
          </span>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <p className="text-sm">{item.diff.summary}</p>
        {item.diff.fields.length > 0 && (
          <table className="w-full text-left text-xs" aria-label={`Changes of ${s.name}`}>
            <thead>
              <tr className="text-muted-foreground">
                <th className="py-1 pr-3 font-medium">Field</th>
                <th className="py-1 pr-3 font-medium">Enforced</th>
                <th className="py-1 font-medium">Staged</th>
              </tr>
            </thead>
            <tbody>
              {item.diff.fields.map((f) => (
                <tr key={f.field} className="border-t align-top">
                  <td className="py-1 pr-3 font-medium">{f.field}</td>
                  <td className="py-1 pr-3 font-mono text-destructive">{show(f.enforced)}</td>
                  <td className="py-1 font-mono text-success">{show(f.staged)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <EndpointList title="Would newly select" items={item.diff.gained} />
        <EndpointList title="Would stop selecting" items={item.diff.lost} />
        {item.diff.unchanged > 0 && (
          <p className="text-xs text-muted-foreground">{item.diff.unchanged} endpoints selected before and after.</p>
        )}
      </CardContent>
    </Card>
  );
}

export default function StagedPage(props: PluginPageProps) {
  const { api, clusterId, navigate, searchParams } = props;
  const namespace = searchParams.get('namespace') ?? undefined;
  const list = useCalicoData<StagedList>(
    api,
    '/staged',
    { namespace },
    { cluster: clusterId, ...CALICO, resource: 'stagednetworkpolicies' },
  );
  return (
    <PageShell current="/staged" navigate={navigate}>
      <p className="text-sm text-muted-foreground">
        Staged policies are not enforced. Enforcing one creates or replaces the enforced policy of the same name with
        its spec (or deletes it, for a staged Delete) and removes the staged policy.
      </p>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      {!list.data && !list.error && <Skeleton className="h-48 w-full" />}
      {list.data && list.data.items.length === 0 && (
        <p className="text-sm text-muted-foreground">No staged policies.</p>
      )}
      <div className="grid gap-3 overflow-auto">
        {list.data?.items.map((i) => (
          <StagedCard
            key={`${i.staged.plural}/${i.staged.namespace}/${i.staged.name}`}
            item={i}
            props={props}
            onDone={list.reload}
          />
        ))}
      </div>
    </PageShell>
  );
}
