/** Object stores (endpoint, gateways, pools), their users and the bucket claims. */

import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { type Columns, nameColumns, textColumn } from './columns';
import { KindListPage, type KindPageConfig } from './KindListPage';
import { type BucketClaimItem, CEPH, OBC, type ObjectStoreItem, type UserItem } from './types';

const STORES: Columns<ObjectStoreItem> = [
  ...nameColumns<ObjectStoreItem>(),
  textColumn<ObjectStoreItem>('endpoint', 'Endpoint', (o) => o.summary.endpoint, 'minmax(12rem, 2fr)'),
  textColumn<ObjectStoreItem>('instances', 'Gateways', (o) => o.summary.instances, '6rem'),
  textColumn<ObjectStoreItem>('dataPool', 'Data pool', (o) => o.summary.dataPool, '7rem'),
];
const USERS: Columns<UserItem> = [
  ...nameColumns<UserItem>(),
  textColumn<UserItem>('store', 'Store', (o) => o.summary.store),
  textColumn<UserItem>('secret', 'Secret', (o) => o.summary.secretName, 'minmax(12rem, 2fr)'),
];
const CLAIMS: Columns<BucketClaimItem> = [
  ...nameColumns<BucketClaimItem>(),
  textColumn<BucketClaimItem>('storageClass', 'StorageClass', (o) => o.summary.storageClass),
  textColumn<BucketClaimItem>(
    'bucket',
    'Bucket',
    (o) => o.summary.bucketName ?? o.summary.generateBucketName,
    'minmax(12rem, 2fr)',
  ),
  textColumn<BucketClaimItem>('phase', 'Phase', (o) => o.summary.phase, '6rem'),
];

const CONFIG: KindPageConfig = {
  path: '/objectstores',
  title: 'Object stores',
  kind: 'CephObjectStore',
  main: { ...CEPH, plural: 'cephobjectstores', noun: 'object stores', columns: STORES },
  more: [
    { ...CEPH, plural: 'cephobjectstoreusers', noun: 'object store users', columns: USERS },
    { ...OBC, plural: 'objectbucketclaims', noun: 'bucket claims', columns: CLAIMS },
  ],
};

export default function ObjectStoresPage(props: PluginPageProps) {
  return <KindListPage config={CONFIG} {...props} />;
}
