import { defineFrontend } from '@argus/plugin-sdk/frontend';

const kind = (plural: string) => () => import('./KindPage').then((m) => ({ default: m.pageFor(plural) }));

export default defineFrontend({
  id: 'istio',
  pages: {
    overview: () => import('./OverviewPage'),
    traffic: () => import('./TrafficPage'),
    topology: () => import('./TopologyPage'),
    virtualservices: kind('virtualservices'),
    destinationrules: kind('destinationrules'),
    gateways: kind('gateways'),
    serviceentries: kind('serviceentries'),
    sidecars: kind('sidecars'),
    peerauthentications: kind('peerauthentications'),
    authorizationpolicies: kind('authorizationpolicies'),
    requestauthentications: kind('requestauthentications'),
    envoyfilters: kind('envoyfilters'),
  },
  widgets: { mesh: () => import('./MeshWidget') },
  detailTabs: { routing: () => import('./RoutingTab') },
});
