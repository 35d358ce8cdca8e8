/**
 * A Ceph page for one main kind: its table (the first section; a row opens `/{page}/{ns}/{name}`, the
 * object's detail) and the tables of the kinds that belong to it (a pool's RADOS namespaces, an object
 * store's users and bucket claims …), under the plugin's own tabs. Filters live in the query string.
 */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import type { ReactNode } from 'react';
import { CephNav } from './CephNav';
import type { Columns } from './columns';
import { KindTable } from './KindTable';
import { ListToolbar, setQuery } from './ListToolbar';
import { ObjectDetail } from './ObjectDetail';
import type { Detail, Item } from './types';

export interface Section {
  group: string;
  version: string;
  plural: string;
  noun: string;
  // biome-ignore lint/suspicious/noExplicitAny: each section's rows have their own summary
  columns: Columns<any>;
}

export interface KindPageConfig {
  path: string;
  title: string;
  kind: string;
  main: Section;
  more?: Section[];
  // biome-ignore lint/suspicious/noExplicitAny: the detail's summary is the main kind's
  detail?: (props: PluginPageProps, d: Detail<any>, reload: () => void) => ReactNode;
}

export function KindListPage({ config, ...props }: PluginPageProps & { config: KindPageConfig }) {
  const [namespace, name] = props.subpath;
  if (namespace && name)
    return (
      <ObjectDetail
        props={props}
        page={{ path: config.path, title: config.title }}
        group={config.main.group}
        version={config.main.version}
        plural={config.main.plural}
        kind={config.kind}
        namespace={namespace}
        name={name}
        {...(config.detail
          ? { children: (d: Detail<unknown>, reload: () => void) => config.detail?.(props, d, reload) }
          : {})}
      />
    );
  const { api, clusterId, searchParams, navigate } = props;
  const ns = searchParams.get('namespace') ?? undefined;
  const q = searchParams.get('q') ?? '';
  const open = (o: Item<unknown>) =>
    navigate(`${config.path}/${encodeURIComponent(o.metadata.namespace ?? '')}/${encodeURIComponent(o.metadata.name)}`);
  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <h1 className="text-xl font-semibold">Rook Ceph</h1>
      <CephNav current={config.path} navigate={navigate} />
      <ListToolbar path={config.path} searchParams={searchParams} navigate={navigate} />
      <h2 className="text-base font-medium">{config.title}</h2>
      <KindTable
        api={api}
        clusterId={clusterId}
        {...config.main}
        namespace={ns}
        filter={q}
        sort={searchParams.get('sort')}
        onSortChange={(sort) => navigate(setQuery(config.path, searchParams, { sort }))}
        onOpen={open}
      />
      {(config.more ?? []).map((s) => (
        <section key={s.plural} className="grid gap-2">
          <h2 className="text-base font-medium">{s.noun.charAt(0).toUpperCase() + s.noun.slice(1)}</h2>
          <KindTable api={api} clusterId={clusterId} {...s} namespace={ns} filter={q} />
        </section>
      ))}
    </div>
  );
}
