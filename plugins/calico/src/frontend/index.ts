import { defineFrontend } from '@argus/plugin-sdk/frontend';

export default defineFrontend({
  id: 'calico',
  pages: {
    policies: () => import('./PoliciesPage'),
    staged: () => import('./StagedPage'),
    networksets: () => import('./NetworkSetsPage'),
    hostendpoints: () => import('./HostEndpointsPage'),
    ippools: () => import('./IPPoolsPage'),
    bgp: () => import('./BgpPage'),
    status: () => import('./StatusPage'),
  },
  widgets: { 'calico-overview': () => import('./OverviewWidget') },
  detailTabs: { 'pod-policies': () => import('./PodPoliciesTab') },
});
