import { defineFrontend } from '@argus/plugin-sdk/frontend';

export default defineFrontend({
  id: 'mariadb',
  pages: {
    mariadbs: () => import('./MariadbsPage'),
    maxscales: () => import('./MaxScalesPage'),
    backups: () => import('./BackupsPage'),
    sql: () => import('./SqlPage'),
    sqljobs: () => import('./SqlJobsPage'),
  },
  widgets: { 'mariadb-health': () => import('./HealthWidget') },
  detailTabs: { mariadb: () => import('./MariadbTab') },
});
