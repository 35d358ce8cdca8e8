import { defineFrontend } from '@argus/plugin-sdk/frontend';

export default defineFrontend({
  id: 'prometheus',
  pages: { metrics: () => import('./MetricsPage') },
  widgets: { cpu: () => import('./CpuWidget'), memory: () => import('./MemoryWidget') },
});
