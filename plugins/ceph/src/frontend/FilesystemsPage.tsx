/** CephFS filesystems (MDS, data pools), their sub-volume groups, and the NFS servers. */

import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { type Columns, nameColumns, textColumn } from './columns';
import { KindListPage, type KindPageConfig } from './KindListPage';
import { CEPH, type FilesystemItem, type Item } from './types';

const FILESYSTEMS: Columns<FilesystemItem> = [
  ...nameColumns<FilesystemItem>(),
  textColumn<FilesystemItem>(
    'mds',
    'Active MDS',
    (o) => `${o.summary.activeCount}${o.summary.activeStandby ? ' + standby' : ''}`,
    '8rem',
  ),
  textColumn<FilesystemItem>(
    'dataPools',
    'Data pools',
    (o) => o.summary.dataPools.map((p) => `${p.name}${p.redundancy ? ` (${p.redundancy})` : ''}`).join(', '),
    'minmax(10rem, 2fr)',
  ),
  textColumn<FilesystemItem>('metadataPool', 'Metadata pool', (o) => o.summary.metadataPool, '8rem'),
];

type Group = Item<{ filesystem: string | null }>;
const GROUPS: Columns<Group> = [
  ...nameColumns<Group>(),
  textColumn<Group>('fs', 'Filesystem', (o) => o.summary.filesystem),
];
type Nfs = Item<{ active: number | null }>;
const NFS: Columns<Nfs> = [...nameColumns<Nfs>(), textColumn<Nfs>('active', 'Active servers', (o) => o.summary.active)];

const CONFIG: KindPageConfig = {
  path: '/filesystems',
  title: 'Filesystems',
  kind: 'CephFilesystem',
  main: { ...CEPH, plural: 'cephfilesystems', noun: 'filesystems', columns: FILESYSTEMS },
  more: [
    { ...CEPH, plural: 'cephfilesystemsubvolumegroups', noun: 'sub-volume groups', columns: GROUPS },
    { ...CEPH, plural: 'cephnfses', noun: 'NFS servers', columns: NFS },
  ],
};

export default function FilesystemsPage(props: PluginPageProps) {
  return <KindListPage config={CONFIG} {...props} />;
}
