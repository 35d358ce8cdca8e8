/**
 * IP pools with their health (a disabled pool is Paused) and utilisation from Calico's IPAM blocks: blocks
 * claimed by nodes and addresses allocated; `/ippools/{name}` adds the per-node usage and disable / enable.
 */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { Alert, Button, HealthBadge, Skeleton } from '@argus/ui';
import { ActionButtons } from './ActionButtons';
import { PageShell } from './CalicoNav';
import { type Columns, nodeColumn, textColumn } from './columns';
import { KindList, nameColumns, useKind } from './KindList';
import { CALICO, type Detail, type Item, type PoolSummary, type PoolUsage } from './types';
import { useCalicoData } from './use-calico';

type Pool = Item<PoolSummary>;

function UsageBar({ usage }: { usage: PoolUsage | null }) {
  if (!usage) return <span className="text-muted-foreground">—</span>;
  const pct = Math.min(100, usage.blockPercent);
  return (
    <div className="grid w-full gap-0.5" title={`${usage.addressesUsed} addresses allocated of ${usage.capacity}`}>
      <div className="h-1.5 w-full rounded bg-muted" aria-hidden>
        <div
          className={`h-1.5 rounded ${pct > 90 ? 'bg-destructive' : 'bg-primary'}`}
          style={{ width: `${Math.max(pct, 1)}%` }}
        />
      </div>
      <span className="text-xs tabular-nums">
        {usage.blocksClaimed}/{usage.blocks} blocks · {usage.addressesUsed} IPs
      </span>
    </div>
  );
}

const COLUMNS: Columns<Pool> = [
  ...nameColumns<Pool>(false),
  textColumn<Pool>('cidr', 'CIDR', (o) => o.summary.cidr, 'minmax(8rem, 1fr)'),
  textColumn<Pool>('block', 'Block size', (o) => o.summary.blockSize, '6rem'),
  textColumn<Pool>('encap', 'Encapsulation', (o) => o.summary.encapsulation, '9rem'),
  textColumn<Pool>('nat', 'NAT out', (o) => (o.summary.natOutgoing ? 'yes' : 'no'), '5rem'),
  nodeColumn<Pool>(
    'usage',
    'Utilisation',
    (o) => o.summary.usage?.blockPercent ?? -1,
    (o) => <UsageBar usage={o.summary.usage} />,
    'minmax(10rem, 1.5fr)',
  ),
];

export default function IPPoolsPage(props: PluginPageProps) {
  const { api, clusterId, navigate, subpath } = props;
  const pools = useKind<PoolSummary>(api, clusterId, 'ippools');
  const [name] = subpath;
  return (
    <PageShell current="/ippools" navigate={navigate}>
      {name ? (
        <PoolDetail {...props} name={name} />
      ) : (
        <KindList
          label="IP pools"
          data={pools}
          columns={COLUMNS}
          onOpen={(o) => navigate(`/ippools/${encodeURIComponent(o.metadata.name)}`)}
          emptyText="No IP pools."
        />
      )}
    </PageShell>
  );
}

function PoolDetail({ api, clusterId, navigate, name }: PluginPageProps & { name: string }) {
  const d = useCalicoData<Detail<PoolSummary>>(
    api,
    `/resources/ippools/${encodeURIComponent(name)}`,
    {},
    {
      cluster: clusterId,
      ...CALICO,
      resource: 'ippools',
    },
  );
  if (d.error) return <Alert variant="destructive">{d.error}</Alert>;
  if (!d.data) return <Skeleton className="h-40 w-full" />;
  const p = d.data;
  return (
    <div className="grid gap-3">
      <Button variant="link" size="sm" className="w-fit px-0" onClick={() => navigate('/ippools')}>
        ← All IP pools
      </Button>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">IP pool {name}</h2>
        <HealthBadge health={p.health} />
        <ActionButtons api={api} plural="ippools" name={name} actions={p.actions} onDone={d.reload} />
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">CIDR</dt>
        <dd>{p.summary.cidr}</dd>
        <dt className="text-muted-foreground">Node selector</dt>
        <dd>
          <code>{p.summary.nodeSelector}</code>
        </dd>
        <dt className="text-muted-foreground">Disabled</dt>
        <dd>{p.summary.disabled ? 'yes' : 'no'}</dd>
        <dt className="text-muted-foreground">Utilisation</dt>
        <dd className="max-w-sm">
          <UsageBar usage={p.summary.usage} />
        </dd>
      </dl>
      {p.summary.usage && p.summary.usage.nodes.length > 0 && (
        <table className="max-w-xl text-left text-sm" aria-label="Blocks per node">
          <thead>
            <tr className="text-muted-foreground">
              <th className="py-1 pr-4 font-medium">Node</th>
              <th className="py-1 pr-4 font-medium">Blocks</th>
              <th className="py-1 font-medium">Addresses in use</th>
            </tr>
          </thead>
          <tbody>
            {p.summary.usage.nodes.map((n) => (
              <tr key={n.node} className="border-t">
                <td className="py-1 pr-4">{n.node}</td>
                <td className="py-1 pr-4 tabular-nums">{n.blocks}</td>
                <td className="py-1 tabular-nums">{n.addressesUsed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
