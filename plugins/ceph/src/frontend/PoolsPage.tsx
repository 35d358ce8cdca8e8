/** Block pools (type, redundancy, failure domain, device class) and their RADOS namespaces. */

import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { type Columns, nameColumns, textColumn } from './columns';
import { KindListPage, type KindPageConfig } from './KindListPage';
import { CEPH, type Item, type PoolItem } from './types';

const POOLS: Columns<PoolItem> = [
  ...nameColumns<PoolItem>(),
  textColumn<PoolItem>('type', 'Type', (o) => o.summary.type, '8rem'),
  textColumn<PoolItem>('redundancy', 'Redundancy', (o) => o.summary.redundancy, '8rem'),
  textColumn<PoolItem>('failureDomain', 'Failure domain', (o) => o.summary.failureDomain, '8rem'),
  textColumn<PoolItem>('deviceClass', 'Device class', (o) => o.summary.deviceClass, '7rem'),
];

type Rados = Item<{ pool: string | null }>;
const RADOS: Columns<Rados> = [...nameColumns<Rados>(), textColumn<Rados>('pool', 'Pool', (o) => o.summary.pool)];

const CONFIG: KindPageConfig = {
  path: '/pools',
  title: 'Block pools',
  kind: 'CephBlockPool',
  main: { ...CEPH, plural: 'cephblockpools', noun: 'block pools', columns: POOLS },
  more: [{ ...CEPH, plural: 'cephblockpoolradosnamespaces', noun: 'RADOS namespaces', columns: RADOS }],
};

export default function PoolsPage(props: PluginPageProps) {
  return <KindListPage config={CONFIG} {...props} />;
}
