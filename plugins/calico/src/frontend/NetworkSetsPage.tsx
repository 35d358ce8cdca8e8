/** NetworkSets and GlobalNetworkSets: the nets (and egress domains) policies' rules select by label. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { PageShell } from './CalicoNav';
import { type Columns, textColumn } from './columns';
import { KindList, nameColumns, useKind } from './KindList';
import type { Item } from './types';

type NetSet = Item<{ nets: string[]; domains: string[] }>;
const labels = (o: NetSet) =>
  Object.entries(o.metadata.labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
const columns = (namespaced: boolean): Columns<NetSet> => [
  ...nameColumns<NetSet>(namespaced),
  textColumn<NetSet>('labels', 'Labels', labels, 'minmax(8rem, 1.5fr)'),
  textColumn<NetSet>('nets', 'Nets', (o) => o.summary.nets.join(', '), 'minmax(10rem, 2fr)'),
  textColumn<NetSet>('domains', 'Egress domains', (o) => o.summary.domains.join(', '), 'minmax(8rem, 1fr)'),
];
const NS_COLUMNS = columns(true);
const GLOBAL_COLUMNS = columns(false);

export default function NetworkSetsPage({ api, clusterId, navigate }: PluginPageProps) {
  const global = useKind<NetSet['summary']>(api, clusterId, 'globalnetworksets');
  const namespaced = useKind<NetSet['summary']>(api, clusterId, 'networksets');
  return (
    <PageShell current="/networksets" navigate={navigate}>
      <div className="grid gap-4 overflow-auto">
        <KindList
          label="Global network sets"
          data={global}
          columns={GLOBAL_COLUMNS}
          emptyText="No global network sets."
        />
        <KindList label="Network sets" data={namespaced} columns={NS_COLUMNS} emptyText="No network sets." />
      </div>
    </PageShell>
  );
}
