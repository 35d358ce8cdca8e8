/**
 * BGP: the cluster's BGP configuration, its peers (judged by the sessions nodes report), and each node's BGP
 * status (CalicoNodeStatus: BIRD, peers and their states). A user who may operate can ask calico-node for a
 * node's status (creates a CalicoNodeStatus).
 */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  HealthBadge,
  Input,
  StatusBadge,
} from '@argus/ui';
import { useState } from 'react';
import { PageShell } from './CalicoNav';
import { type Columns, textColumn } from './columns';
import { KindList, nameColumns, useKind } from './KindList';
import type { Item, NodeStatusSummary } from './types';

type Config = Item<{ asNumber: number; nodeToNodeMesh: boolean; serviceClusterIPs: string[] }>;
type Peer = Item<{ peerIP: string | null; asNumber: number | null; node: string | null; nodeSelector: string | null }>;

const CONFIG_COLUMNS: Columns<Config> = [
  ...nameColumns<Config>(false),
  textColumn<Config>('as', 'AS number', (o) => o.summary.asNumber, '8rem'),
  textColumn<Config>('mesh', 'Node-to-node mesh', (o) => (o.summary.nodeToNodeMesh ? 'on' : 'off'), '10rem'),
  textColumn<Config>(
    'svc',
    'Advertised service IPs',
    (o) => o.summary.serviceClusterIPs.join(', '),
    'minmax(8rem, 1fr)',
  ),
];
const PEER_COLUMNS: Columns<Peer> = [
  ...nameColumns<Peer>(false),
  textColumn<Peer>('ip', 'Peer IP', (o) => o.summary.peerIP, '9rem'),
  textColumn<Peer>('as', 'AS number', (o) => o.summary.asNumber, '7rem'),
  textColumn<Peer>('where', 'Nodes', (o) => o.summary.node ?? o.summary.nodeSelector ?? 'all', 'minmax(8rem, 1fr)'),
];

function RequestStatus({ api, onDone }: { api: PluginPageProps['api']; onDone(): void }) {
  const [node, setNode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await api.post('/node-status', { node: node.trim() });
          setNode('');
          onDone();
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }}
    >
      <Input
        aria-label="Node"
        placeholder="Node name"
        value={node}
        onChange={(e) => setNode(e.target.value)}
        className="w-56"
      />
      <Button type="submit" size="sm" variant="outline" disabled={!node.trim()}>
        Request BGP status
      </Button>
      {error && <span className="text-sm text-destructive">{error}</span>}
    </form>
  );
}

export default function BgpPage({ api, clusterId, navigate, can }: PluginPageProps) {
  const configs = useKind<Config['summary']>(api, clusterId, 'bgpconfigurations');
  const peers = useKind<Peer['summary']>(api, clusterId, 'bgppeers');
  const nodes = useKind<NodeStatusSummary>(api, clusterId, 'caliconodestatuses');
  return (
    <PageShell current="/bgp" navigate={navigate}>
      <div className="grid gap-4 overflow-auto">
        <KindList
          label="BGP configuration"
          data={configs}
          columns={CONFIG_COLUMNS}
          emptyText="No BGPConfiguration: Calico's defaults apply (AS 64512, full mesh)."
        />
        <KindList
          label="BGP peers"
          data={peers}
          columns={PEER_COLUMNS}
          emptyText="No BGP peers besides the node-to-node mesh."
        />
        <section className="grid gap-2">
          <h2 className="text-base font-medium">Node BGP status</h2>
          {can('calico.network', 'operate') && <RequestStatus api={api} onDone={nodes.reload} />}
          {nodes.error && <Alert variant="destructive">{nodes.error}</Alert>}
          {nodes.data?.items.length === 0 && (
            <p className="text-sm text-muted-foreground">No node reports its BGP status yet.</p>
          )}
          <div className="grid gap-3 md:grid-cols-2">
            {nodes.data?.items.map((n) => (
              <Card key={n.metadata.name} data-node-status={n.summary.node ?? n.metadata.name}>
                <CardHeader>
                  <CardTitle className="flex flex-wrap items-center gap-2 text-base">
                    {n.summary.node ?? n.metadata.name}
                    <HealthBadge health={n.health} />
                    {n.summary.bird && <Badge variant="outline">BIRD {n.summary.bird}</Badge>}
                  </CardTitle>
                </CardHeader>
                <CardContent>
                  <table className="w-full text-left text-sm" aria-label={`BGP peers of ${n.summary.node}`}>
                    <thead>
                      <tr className="text-muted-foreground">
                        <th className="py-1 pr-3 font-medium">Peer</th>
                        <th className="py-1 pr-3 font-medium">Type</th>
                        <th className="py-1 font-medium">State</th>
                      </tr>
                    </thead>
                    <tbody>
                      {n.summary.peers.map((p) => (
                        <tr key={p.peerIP} className="border-t">
                          <td className="py-1 pr-3 font-mono text-xs">{p.peerIP}</td>
                          <td className="py-1 pr-3">{p.type}</td>
                          <td className="py-1">
                            <StatusBadge status={p.state ?? 'Unknown'} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </CardContent>
              </Card>
            ))}
          </div>
        </section>
      </div>
    </PageShell>
  );
}
