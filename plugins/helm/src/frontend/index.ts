import { defineFrontend } from '@argus/plugin-sdk/frontend';

export default defineFrontend({
  id: 'helm',
  pages: { releases: () => import('./ReleasesPage') },
  widgets: { 'release-status': () => import('./StatusWidget') },
});
