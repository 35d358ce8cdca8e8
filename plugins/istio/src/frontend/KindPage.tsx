/**
 * One page per Istio kind: the toolkit's table (health, the kind's summary, validation messages) and, at
 * `/{plural}/{namespace}/{name}`, the object with its messages, routes or mode, and its actions.
 */
import { objectHref, type PluginPageProps } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  DataTable,
  type DataTableProps,
  HealthBadge,
  Input,
  Skeleton,
} from '@argus/ui';
import type { ComponentType } from 'react';
import { ObjectActions } from './Actions';
import { Messages } from './Messages';
import { Nav } from './Nav';
import { type Item, KINDS, type KindInfo, keyOf, text } from './types';
import { useIstioList, useIstioObject } from './use-istio';

type Columns = DataTableProps<Item>['columns'];

const col = (id: string, header: string, get: (i: Item) => string, width?: string): Columns[number] => ({
  id,
  header,
  accessorFn: get,
  meta: width ? { width } : undefined,
});
const sum = (key: string) => (i: Item) => text(i.summary?.[key]);

/** The summary fields each kind shows in its table. */
const FIELDS: Record<string, Array<[string, string]>> = {
  virtualservices: [
    ['hosts', 'Hosts'],
    ['gateways', 'Gateways'],
    ['destinations', 'Routes to'],
  ],
  destinationrules: [
    ['host', 'Host'],
    ['subsets', 'Subsets'],
    ['tls', 'TLS'],
  ],
  gateways: [
    ['selector', 'Selector'],
    ['servers', 'Servers'],
  ],
  serviceentries: [
    ['hosts', 'Hosts'],
    ['location', 'Location'],
    ['resolution', 'Resolution'],
  ],
  sidecars: [['selector', 'Workloads']],
  peerauthentications: [
    ['mode', 'mTLS mode'],
    ['selector', 'Workloads'],
  ],
  authorizationpolicies: [
    ['action', 'Action'],
    ['selector', 'Workloads'],
  ],
  requestauthentications: [
    ['selector', 'Workloads'],
    ['jwtRules', 'JWT rules'],
  ],
  envoyfilters: [['selector', 'Workloads']],
};

function columns(kind: KindInfo): Columns {
  return [
    col('name', 'Name', (i) => i.metadata.name, 'minmax(10rem, 2fr)'),
    col('namespace', 'Namespace', (i) => i.metadata.namespace ?? ''),
    {
      id: 'health',
      header: 'Health',
      accessorFn: (i) => i.health.status,
      cell: (ctx) => <HealthBadge health={ctx.row.original.health} />,
      meta: { width: 'minmax(8rem, 1fr)' },
    },
    ...(FIELDS[kind.plural] ?? []).map(([key, header]) => col(key, header, sum(key))),
    col('messages', 'Messages', (i) => (i.summary?.messages ?? []).map((m) => m.code).join(', '), '8rem'),
  ];
}

function KindList({ kind, api, clusterId, searchParams, navigate }: PluginPageProps & { kind: KindInfo }) {
  const namespace = searchParams.get('namespace') ?? undefined;
  const q = searchParams.get('q') ?? '';
  const list = useIstioList(api, clusterId, kind, namespace);
  const setQuery = (key: string, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    const s = next.toString();
    navigate(`/${kind.plural}${s ? `?${s}` : ''}`);
  };
  return (
    <div className="grid gap-4">
      <div className="flex items-center gap-2">
        <h1 className="text-xl font-semibold">{kind.title}</h1>
        <Input
          aria-label="Filter"
          placeholder="Filter"
          className="ml-auto w-56"
          defaultValue={q}
          onChange={(e) => setQuery('q', e.target.value)}
        />
      </div>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      {list.loading ? (
        <Skeleton className="h-32 w-full" />
      ) : (
        <DataTable
          label={kind.title}
          data={list.items ?? []}
          columns={columns(kind)}
          getRowId={keyOf}
          filter={q}
          sort={searchParams.get('sort')}
          onSortChange={(s) => setQuery('sort', s)}
          onRowActivate={(i) => navigate(`/${kind.plural}/${i.metadata.namespace}/${i.metadata.name}`)}
          emptyText={`No ${kind.title.toLowerCase()}${namespace ? ` in ${namespace}` : ''}.`}
        />
      )}
    </div>
  );
}

function KindDetail({
  kind,
  api,
  clusterId,
  namespace,
  name,
}: PluginPageProps & { kind: KindInfo; namespace: string; name: string }) {
  const { object, error, loading, reload } = useIstioObject(api, clusterId, kind, namespace, name);
  if (error && !object) return <Alert variant="destructive">{error}</Alert>;
  if (loading || !object) return <Skeleton className="h-40 w-full" />;
  const href = objectHref(
    clusterId,
    { group: kind.group, version: kind.version, resource: kind.plural },
    name,
    namespace,
  );
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">
          {namespace}/{name}
        </h1>
        <HealthBadge health={object.health} />
        <div className="ml-auto flex gap-2">
          <ObjectActions api={api} plural={kind.plural} object={object} reload={reload} />
          <a className="text-sm underline" href={href}>
            YAML, events and related objects
          </a>
        </div>
      </div>
      <p className="text-sm text-muted-foreground">{object.health.reason}</p>
      <Card>
        <CardHeader>
          <CardTitle>Validation messages</CardTitle>
        </CardHeader>
        <CardContent>
          <Messages messages={object.summary?.messages ?? []} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Summary</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[10rem_1fr] gap-1 text-sm">
            {(FIELDS[kind.plural] ?? []).map(([key, label]) => (
              <div key={key} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd>{text(object.summary?.[key]) || '—'}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}

function KindPage(props: PluginPageProps & { kind: KindInfo }) {
  const [namespace, name] = props.subpath;
  return (
    <div className="grid gap-4">
      <Nav current={props.kind.plural} navigate={props.navigate} />
      {namespace && name ? <KindDetail {...props} namespace={namespace} name={name} /> : <KindList {...props} />}
    </div>
  );
}

/** The page component of one kind (the frontend's `pages` entry for it). */
export function pageFor(plural: string): ComponentType<PluginPageProps> {
  const kind = KINDS.find((k) => k.plural === plural);
  if (!kind) throw new Error(`no Istio kind ${plural}`);
  // biome-ignore lint/correctness/noComponentHookFactories: called once per kind when its page module loads
  const Page = (props: PluginPageProps) => <KindPage {...props} kind={kind} />;
  Page.displayName = `Istio${plural}Page`;
  return Page;
}
