import { defineFrontend } from '@argus/plugin-sdk/frontend';

export default defineFrontend({
  id: 'ceph',
  pages: {
    clusters: () => import('./ClustersPage'),
    pools: () => import('./PoolsPage'),
    filesystems: () => import('./FilesystemsPage'),
    objectstores: () => import('./ObjectStoresPage'),
    storage: () => import('./StoragePage'),
  },
  widgets: { 'ceph-health': () => import('./HealthWidget') },
  detailTabs: { ceph: () => import('./CephTab') },
});
