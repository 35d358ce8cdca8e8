/**
 * The pieces every page of the plugin is built from: the plugin's pages as tabs, a kind's table (the toolkit's
 * list with health and summary, kept live) and a kind's detail (health, summary facts, actions, conditions,
 * YAML, a link to the generic object page).
 */
import { objectHref, type PluginApi, type PluginPageProps, useArgusHost } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  ConditionsTable,
  cn,
  conditionsOf,
  DataTable,
  type DataTableProps,
  HealthBadge,
  Input,
  Skeleton,
  YamlView,
} from '@argus/ui';
import { ActionButtons } from './ActionButtons';
import { Fact } from './MariadbOverview';
import { field, GROUP, type Item, keyOf, VERSION } from './types';
import { runAction, useMariadbList, useMariadbObject } from './use-mariadb';

const PAGES = [
  ['mariadbs', 'Instances'],
  ['maxscales', 'MaxScale'],
  ['backups', 'Backups'],
  ['sql', 'Databases & users'],
  ['sqljobs', 'SQL jobs'],
] as const;
export type PageId = (typeof PAGES)[number][0];

export function Nav({ current, navigate }: { current: PageId; navigate(path: string): void }) {
  return (
    <nav aria-label="MariaDB" className="flex gap-1 border-b">
      {PAGES.map(([id, title]) => (
        <button
          key={id}
          type="button"
          aria-current={id === current ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-1.5 text-sm',
            id === current
              ? 'border-primary font-medium'
              : 'border-transparent text-muted-foreground hover:text-foreground',
          )}
          onClick={() => navigate(`/${id}`)}
        >
          {title}
        </button>
      ))}
    </nav>
  );
}

// biome-ignore lint/suspicious/noExplicitAny: rows of any kind, read through their summary
export type Row = Item<{ metadata: { name: string; namespace?: string }; status?: unknown; [key: string]: any }>;
export type Columns = DataTableProps<Row>['columns'];

export const textColumn = (id: string, header: string, width?: string, get?: (r: Row) => string): Columns[number] => ({
  id,
  header,
  accessorFn: get ?? ((r: Row) => field(r, id)),
  meta: width ? { width } : undefined,
});

/** Health, namespace and name: the first columns of every table. */
export const baseColumns: Columns = [
  textColumn('name', 'Name', 'minmax(10rem, 2fr)', (r) => r.metadata.name),
  textColumn('namespace', 'Namespace', 'minmax(6rem, 1fr)', (r) => r.metadata.namespace ?? ''),
  {
    id: 'health',
    header: 'Health',
    accessorFn: (r) => r.health.status,
    cell: (ctx) => <HealthBadge health={ctx.row.original.health} />,
    meta: { width: 'minmax(8rem, 1fr)' },
  },
];

/** The reason a health gives, as a column (the failing user's reason, say). */
export const reasonColumn: Columns[number] = textColumn(
  'reason',
  'Reason',
  'minmax(12rem, 3fr)',
  (r) => r.health.reason ?? '',
);

export function Toolbar({ title, page, props }: { title: string; page: PageId; props: PluginPageProps }) {
  const { searchParams, navigate } = props;
  return (
    <div className="flex items-center gap-2">
      <h1 className="text-xl font-semibold">{title}</h1>
      <Input
        aria-label="Filter"
        placeholder="Filter"
        className="ml-auto w-56"
        defaultValue={searchParams.get('q') ?? ''}
        onChange={(e) => {
          const next = new URLSearchParams(searchParams);
          if (e.target.value) next.set('q', e.target.value);
          else next.delete('q');
          const s = next.toString();
          navigate(`/${page}${s ? `?${s}` : ''}`);
        }}
      />
    </div>
  );
}

export function KindTable({
  props,
  plural,
  label,
  columns,
  open,
}: {
  props: PluginPageProps;
  plural: string;
  label: string;
  columns: Columns;
  /** Where a row leads (a path of this plugin). */
  open(row: Row): string;
}) {
  const { api, clusterId, searchParams, navigate } = props;
  const namespace = searchParams.get('namespace') ?? undefined;
  const list = useMariadbList<Row>(api, clusterId, plural, namespace);
  return (
    <section className="grid gap-2" aria-label={label}>
      <h2 className="text-sm font-semibold">{label}</h2>
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      {list.loading ? (
        <Skeleton className="h-24 w-full" />
      ) : (
        <DataTable
          label={label}
          data={(list.items ?? []) as Row[]}
          columns={columns}
          getRowId={keyOf}
          filter={searchParams.get('q') ?? ''}
          onRowActivate={(r) => navigate(open(r))}
          emptyText={namespace ? `None in ${namespace}.` : 'None.'}
        />
      )}
    </section>
  );
}

function withoutExtras(o: Record<string, unknown>): Record<string, unknown> {
  const { health: _h, summary: _s, actions: _a, ...rest } = o;
  return rest;
}

const words = (k: string) => k.replace(/_/g, ' ');

/** One object of any kind: health and reason, its summary as facts, its actions, conditions and YAML. */
export function KindDetail({
  api,
  clusterId,
  plural,
  namespace,
  name,
}: {
  api: PluginApi;
  clusterId: string;
  plural: string;
  namespace: string;
  name: string;
}) {
  const { Link } = useArgusHost();
  const res = useMariadbObject<Row>(api, clusterId, plural, namespace, name);
  const o = res.object;
  if (!o) return res.error ? <Alert variant="destructive">{res.error}</Alert> : <Skeleton className="h-40 w-full" />;
  const facts = Object.entries(o.summary ?? {}).filter(
    ([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) && typeof v !== 'object',
  );
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">{name}</h1>
        <span className="text-sm text-muted-foreground">
          {String(o.kind ?? plural)} in {namespace}
        </span>
        <Link
          href={objectHref(clusterId, { group: GROUP, version: VERSION, resource: plural }, name, namespace)}
          className="ml-auto text-sm text-primary hover:underline"
        >
          Object details
        </Link>
      </div>
      <ActionButtons
        subject={name}
        actions={o.actions}
        run={async (action, params) => {
          await runAction(api, plural, namespace, name, action, params);
          res.reload();
        }}
      />
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Fact label="Health">
          <HealthBadge health={o.health} />
        </Fact>
        <Fact label="Reason">{o.health.reason}</Fact>
        {facts.map(([k, v]) => (
          <Fact key={k} label={words(k)}>
            {String(v)}
          </Fact>
        ))}
      </dl>
      <section className="grid gap-2" aria-label="Conditions">
        <h3 className="text-sm font-semibold">Conditions</h3>
        <ConditionsTable conditions={conditionsOf(o)} />
      </section>
      <YamlView value={withoutExtras(o)} label={`${name} YAML`} />
    </div>
  );
}
