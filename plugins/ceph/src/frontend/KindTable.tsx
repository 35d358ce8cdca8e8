/**
 * One Ceph kind as a table: the toolkit's list (`GET /resources/{plural}`, each item with its health and
 * summary), kept current by a live subscription on the kind, filtered by `?q=` and sorted by `?sort=`.
 */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, HealthCounts } from '@argus/ui';
import type { Columns } from './columns';
import { type Item, objectKey } from './types';
import { useCephData } from './use-ceph';

export interface KindTableProps<T extends Item<unknown>> {
  api: PluginApi;
  clusterId: string;
  group: string;
  version: string;
  plural: string;
  /** Plural words for the table's label and its empty text ("block pools"). */
  noun: string;
  columns: Columns<T>;
  namespace?: string | undefined;
  filter?: string;
  sort?: string | null;
  onSortChange?(sort: string | null): void;
  onOpen?(row: T): void;
  className?: string;
}

export function KindTable<T extends Item<unknown>>(props: KindTableProps<T>) {
  const { api, clusterId, group, version, plural, noun, namespace } = props;
  const list = useCephData<{ items: T[] }>(
    api,
    `/resources/${plural}`,
    { namespace },
    { cluster: clusterId, group, version, resource: plural, ...(namespace ? { namespace } : {}) },
  );
  const label = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <div className="grid gap-2">
      <HealthCounts items={list.data?.items ?? []} label={`${label} by health`} />
      {list.error && <Alert variant="destructive">{list.error}</Alert>}
      <DataTable
        className={props.className ?? 'min-h-40'}
        label={label}
        data={list.data?.items ?? []}
        columns={props.columns}
        getRowId={objectKey}
        filter={props.filter ?? ''}
        sort={props.sort ?? null}
        {...(props.onSortChange ? { onSortChange: props.onSortChange } : {})}
        {...(props.onOpen ? { onRowActivate: props.onOpen } : {})}
        emptyText={list.data ? `No ${noun}${namespace ? ` in ${namespace}` : ''}.` : 'Loading…'}
      />
    </div>
  );
}
