import { defineFrontend } from '@argus/plugin-sdk/frontend';

export default defineFrontend({
  id: 'keda',
  pages: {
    scaledobjects: () => import('./ScaledObjectsPage'),
    scaledjobs: () => import('./ScaledJobsPage'),
    authentications: () => import('./AuthenticationsPage'),
  },
  widgets: { 'scalers-health': () => import('./HealthWidget') },
  detailTabs: {
    scaling: () => import('./ScalingTab'),
    'job-scaling': () => import('./ScalingTab'),
  },
});
