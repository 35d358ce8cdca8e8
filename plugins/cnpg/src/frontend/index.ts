import { defineFrontend } from '@argus/plugin-sdk/frontend';

export default defineFrontend({
  id: 'cnpg',
  pages: {
    clusters: () => import('./ClustersPage'),
    backups: () => import('./BackupsPage'),
    poolers: () => import('./PoolersPage'),
    databases: () => import('./DatabasesPage'),
  },
  widgets: { 'clusters-health': () => import('./ClustersWidget') },
  detailTabs: { postgresql: () => import('./PostgresTab') },
});
