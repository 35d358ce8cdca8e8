/** HostEndpoints: a node's interfaces under Calico policy (GlobalNetworkPolicies select them by label). */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { PageShell } from './CalicoNav';
import { type Columns, textColumn } from './columns';
import { KindList, nameColumns, useKind } from './KindList';
import type { Item } from './types';

type Hep = Item<{ node: string | null; interfaceName: string | null; expectedIPs: string[] }>;
const COLUMNS: Columns<Hep> = [
  ...nameColumns<Hep>(false),
  textColumn<Hep>('node', 'Node', (o) => o.summary.node, 'minmax(8rem, 1fr)'),
  textColumn<Hep>(
    'iface',
    'Interface',
    (o) => (o.summary.interfaceName === '*' ? '* (all)' : o.summary.interfaceName),
    '8rem',
  ),
  textColumn<Hep>('ips', 'Expected IPs', (o) => o.summary.expectedIPs.join(', '), 'minmax(8rem, 1fr)'),
];

export default function HostEndpointsPage({ api, clusterId, navigate }: PluginPageProps) {
  const heps = useKind<Hep['summary']>(api, clusterId, 'hostendpoints');
  return (
    <PageShell current="/hostendpoints" navigate={navigate}>
      <KindList label="Host endpoints" data={heps} columns={COLUMNS} emptyText="No host endpoints." />
    </PageShell>
  );
}
