/** One toolkit kind as a table (health first), current over the live connection; rows open a detail panel. */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, HealthCounts } from '@argus/ui';
import { type Columns, healthColumn, textColumn } from './columns';
import { CALICO, type Item, objectKey } from './types';
import { useCalicoData } from './use-calico';

export function useKind<S>(
  api: PluginApi,
  clusterId: string,
  plural: string,
  group: { group: string; version: string } = CALICO,
) {
  return useCalicoData<{ items: Item<S>[] }>(
    api,
    `/resources/${plural}`,
    {},
    { cluster: clusterId, ...group, resource: plural },
  );
}

export function nameColumns<T extends Item<unknown>>(namespaced: boolean): Columns<T> {
  return [
    healthColumn<T>(),
    ...(namespaced
      ? [textColumn<T>('namespace', 'Namespace', (o) => o.metadata.namespace ?? '', 'minmax(7rem, 1fr)')]
      : []),
    textColumn<T>('name', 'Name', (o) => o.metadata.name, 'minmax(10rem, 2fr)'),
  ];
}

export function KindList<S>({
  label,
  data,
  columns,
  filter,
  onOpen,
  emptyText,
}: {
  label: string;
  data: { data?: { items: Item<S>[] } | undefined; error?: string | null | undefined };
  columns: Columns<Item<S>>;
  filter?: string;
  onOpen?(o: Item<S>): void;
  emptyText: string;
}) {
  const items = data.data?.items ?? [];
  return (
    <section className="grid gap-2">
      <div className="flex items-center gap-3">
        <h2 className="text-base font-medium">{label}</h2>
        <HealthCounts items={items} label={`${label} by health`} />
      </div>
      {data.error && <Alert variant="destructive">{data.error}</Alert>}
      <DataTable
        className="min-h-40"
        label={label}
        data={items}
        columns={columns}
        getRowId={objectKey}
        filter={filter ?? ''}
        {...(onOpen ? { onRowActivate: onOpen } : {})}
        emptyText={data.data ? emptyText : 'Loading…'}
      />
    </section>
  );
}
