/**
 * The path-trick corpus (issue 15, docs/security.md "Paths"): every route that addresses a cluster, probed
 * as a user whose roles stop at namespace `shop`, with each trick an attacker would try to reach another
 * namespace (`payments`), the cluster scope or the API server's internals. path-tricks.test.ts runs every
 * probe × trick against the real server and kube-sim and asserts that nothing outside `shop` is read or
 * written. A route added without a probe here fails that test: add its probe to PROBES.
 *
 * Templates: `{cluster}` the cluster id, `{ns}` the namespace, `{name}` an object in it. Inside `shop` the
 * names are SHOP_NAME (a ConfigMap and a Secret of that name exist in both namespaces).
 */

export type Actor = 'viewer' | 'operator';

export interface Probe {
  /** The registered route this probes, as Fastify lists it: `METHOD /url/:param`. */
  route: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The raw request path (and query) with placeholders; sent byte for byte, never normalised. */
  path: string;
  as: Actor;
  body?: string;
  contentType?: string;
  /** The status of the honest request inside `shop` (guards against a test that passes by refusing all). */
  inside?: number;
  /** A mutation that acts on the cluster as a whole: `?namespace=shop` must not let a `shop` user do it. */
  clusterWide?: boolean;
}

export const SHOP = 'shop';
export const OUTSIDE = 'payments';
export const SHOP_NAME = 'app-config';

const R = '/api/clusters/{cluster}/resources';
const K = '/api/clusters/{cluster}/k8s';
const HELM = '/api/plugins/helm/clusters/{cluster}';
const PROM = '/api/plugins/prometheus/clusters/{cluster}';
/** The operator toolkit's routes of an operator plugin (docs/plugins.md, "Operator toolkit"). */
const operatorProbes = (plugin: string, plural: string, action: string, inside?: number): Probe[] => {
  const base = `/api/plugins/${plugin}/clusters/{cluster}/resources/${plural}`;
  const route = `/api/plugins/${plugin}/clusters/:cluster/resources/:plural`;
  return [
    {
      route: `GET ${route}`,
      method: 'GET',
      path: `${base}?namespace={ns}`,
      as: 'viewer',
      ...(inside ? { inside } : {}),
    },
    {
      route: `GET ${route}/:name`,
      method: 'GET',
      path: `${base}/{name}?namespace={ns}`,
      as: 'viewer',
      ...(inside ? { inside } : {}),
    },
    {
      route: `POST ${route}/:name/actions/:action`,
      method: 'POST',
      path: `${base}/{name}/actions/${action}?namespace={ns}`,
      as: 'operator',
      body: '{}',
      contentType: 'application/json',
    },
  ];
};
const RES = '/api/clusters/:clusterId/resources/:group/:version/:resource';
const json = 'application/json';
const configMap = JSON.stringify({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: '{name}', namespace: '{ns}' },
  data: { pwned: 'yes' },
});

/** Reads and writes of one cluster, by route. */
export const PROBES: Probe[] = [
  // REST resources API
  { route: `GET ${RES}`, method: 'GET', path: `${R}/core/v1/configmaps?namespace={ns}`, as: 'viewer', inside: 200 },
  {
    route: `GET ${RES}/:name`,
    method: 'GET',
    path: `${R}/core/v1/configmaps/{name}?namespace={ns}`,
    as: 'viewer',
    inside: 200,
  },
  { route: `GET ${RES}/:name`, method: 'GET', path: `${R}/core/v1/secrets/{name}?namespace={ns}`, as: 'viewer' },
  {
    route: `POST ${RES}`,
    method: 'POST',
    path: `${R}/core/v1/configmaps?namespace={ns}&dryRun=true`,
    as: 'operator',
    body: configMap.replace('{name}', 'pwned'),
    contentType: json,
    inside: 200,
  },
  {
    route: `PUT ${RES}/:name`,
    method: 'PUT',
    path: `${R}/core/v1/configmaps/{name}?namespace={ns}&dryRun=true`,
    as: 'operator',
    body: configMap,
    contentType: json,
    inside: 200,
  },
  {
    route: `PATCH ${RES}/:name`,
    method: 'PATCH',
    path: `${R}/core/v1/configmaps/{name}?namespace={ns}`,
    as: 'operator',
    body: JSON.stringify({ metadata: { labels: { touched: 'yes' } } }),
    contentType: 'application/merge-patch+json',
    inside: 200,
  },
  {
    route: `DELETE ${RES}/:name`,
    method: 'DELETE',
    path: `${R}/core/v1/configmaps/{name}?namespace={ns}&dryRun=true`,
    as: 'operator',
    inside: 200,
  },
  {
    route: 'POST /api/clusters/:clusterId/apply',
    method: 'POST',
    path: '/api/clusters/{cluster}/apply?namespace={ns}&dryRun=true',
    as: 'operator',
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pwned\ndata:\n  pwned: "yes"\n',
    contentType: 'application/yaml',
    inside: 200,
  },
  {
    route: 'GET /api/clusters/:clusterId/namespaces/:namespace/pods/:pod/logs',
    method: 'GET',
    path: '/api/clusters/{cluster}/namespaces/{ns}/pods/{name}/logs?tailLines=1',
    as: 'viewer',
    inside: 404,
  },
  {
    route: 'GET /api/clusters/:clusterId/logs',
    method: 'GET',
    path: '/api/clusters/{cluster}/logs?namespace={ns}&labelSelector=app%3Dnone&tailLines=1',
    as: 'viewer',
  },
  // Operations on objects (issue 23): the object's namespace from ?namespace=, nodes need the whole cluster
  {
    route: `GET ${RES}/:name/describe`,
    method: 'GET',
    path: `${R}/core/v1/configmaps/{name}/describe?namespace={ns}`,
    as: 'viewer',
    inside: 200,
  },
  {
    route: `GET ${RES}/:name/revisions`,
    method: 'GET',
    path: `${R}/apps/v1/deployments/{name}/revisions?namespace={ns}`,
    as: 'viewer',
    inside: 404,
  },
  {
    route: `POST ${RES}/:name/rollback`,
    method: 'POST',
    path: `${R}/apps/v1/deployments/{name}/rollback?namespace={ns}`,
    as: 'operator',
    body: '{}',
    contentType: json,
    inside: 404,
  },
  {
    route: `POST ${RES}/:name/scale`,
    method: 'POST',
    path: `${R}/apps/v1/deployments/{name}/scale?namespace={ns}`,
    as: 'operator',
    body: JSON.stringify({ replicas: 0 }),
    contentType: json,
    inside: 404,
  },
  {
    route: `POST ${RES}/:name/restart`,
    method: 'POST',
    path: `${R}/apps/v1/deployments/{name}/restart?namespace={ns}`,
    as: 'operator',
    inside: 404,
  },
  {
    route: `POST ${RES}/:name/trigger`,
    method: 'POST',
    path: `${R}/batch/v1/cronjobs/{name}/trigger?namespace={ns}`,
    as: 'operator',
    inside: 404,
  },
  ...(['cordon', 'uncordon'] as const).map(
    (verb): Probe => ({
      route: `POST /api/clusters/:clusterId/resources/core/v1/nodes/:name/${verb}`,
      method: 'POST',
      path: `${R}/core/v1/nodes/{name}/${verb}?namespace={ns}`,
      as: 'operator',
      clusterWide: true,
      inside: 403,
    }),
  ),
  {
    route: 'POST /api/clusters/:clusterId/resources/core/v1/nodes/:name/drain',
    method: 'POST',
    path: `${R}/core/v1/nodes/{name}/drain?namespace={ns}`,
    as: 'operator',
    body: JSON.stringify({ timeout_seconds: 1 }),
    contentType: json,
    clusterWide: true,
    inside: 403,
  },
  {
    route: 'GET /api/clusters/:clusterId/top/pods',
    method: 'GET',
    path: '/api/clusters/{cluster}/top/pods?namespace={ns}',
    as: 'viewer',
    inside: 200,
  },
  {
    route: 'GET /api/clusters/:clusterId/top/nodes',
    method: 'GET',
    path: '/api/clusters/{cluster}/top/nodes?namespace={ns}',
    as: 'viewer',
    inside: 403,
  },
  {
    route: 'GET /api/clusters/:clusterId/events',
    method: 'GET',
    path: '/api/clusters/{cluster}/events?namespace={ns}',
    as: 'viewer',
    inside: 200,
  },
  {
    route: 'GET /api/clusters/:clusterId/api-resources',
    method: 'GET',
    path: '/api/clusters/{cluster}/api-resources',
    as: 'viewer',
    inside: 200,
  },
  // Across clusters
  {
    route: 'GET /api/resources/:group/:version/:resource',
    method: 'GET',
    path: '/api/resources/core/v1/configmaps?namespace={ns}',
    as: 'viewer',
    inside: 200,
  },
  { route: 'GET /api/search', method: 'GET', path: '/api/search?q={name}&namespace={ns}', as: 'viewer', inside: 200 },
  // The cluster itself
  { route: 'GET /api/clusters/:clusterId', method: 'GET', path: '/api/clusters/{cluster}', as: 'viewer' },
  { route: 'GET /api/clusters/:clusterId/health', method: 'GET', path: '/api/clusters/{cluster}/health', as: 'viewer' },
  { route: 'GET /api/clusters/:clusterId/agent', method: 'GET', path: '/api/clusters/{cluster}/agent', as: 'viewer' },
  // Open a port in the browser: the session route checks pods:proxy in the body's namespace (the proxied
  // requests themselves go to the proxy origin, another listener: src/proxy/proxy-listener.ts).
  {
    route: 'POST /api/clusters/:clusterId/proxy-sessions',
    method: 'POST',
    path: '/api/clusters/{cluster}/proxy-sessions',
    as: 'operator',
    body: JSON.stringify({ kind: 'pods', namespace: 'payments', name: 'x', port: 80 }),
    contentType: 'application/json',
  },
  // A kubeconfig with a new key of the caller: the key carries the caller's own RBAC (tricks must not widen it).
  {
    route: 'POST /api/clusters/:clusterId/kubeconfig',
    method: 'POST',
    path: '/api/clusters/{cluster}/kubeconfig',
    as: 'viewer',
    inside: 201,
  },
  {
    route: 'PUT /api/clusters/:clusterId',
    method: 'PUT',
    path: '/api/clusters/{cluster}',
    as: 'operator',
    body: JSON.stringify({ name: 'pwned' }),
    contentType: json,
    clusterWide: true,
    inside: 403,
  },
  {
    route: 'DELETE /api/clusters/:clusterId',
    method: 'DELETE',
    path: '/api/clusters/{cluster}',
    as: 'operator',
    clusterWide: true,
    inside: 403,
  },
  {
    route: 'DELETE /api/clusters/:clusterId/agent',
    method: 'DELETE',
    path: '/api/clusters/{cluster}/agent',
    as: 'operator',
    clusterWide: true,
    inside: 403,
  },
  // Plugins on the cluster
  {
    route: 'POST /api/clusters/:clusterId/plugins/:plugin/disable',
    method: 'POST',
    path: '/api/clusters/{cluster}/plugins/helm/disable',
    as: 'operator',
    clusterWide: true,
    inside: 403,
  },
  {
    route: 'POST /api/clusters/:clusterId/plugins/:plugin/enable',
    method: 'POST',
    path: '/api/clusters/{cluster}/plugins/helm/enable',
    as: 'operator',
    clusterWide: true,
    inside: 403,
  },
  {
    route: 'GET /api/clusters/:clusterId/plugins/:plugin/config',
    method: 'GET',
    path: '/api/clusters/{cluster}/plugins/prometheus/config',
    as: 'operator',
    inside: 403,
  },
  {
    route: 'PUT /api/clusters/:clusterId/plugins/:plugin/config',
    method: 'PUT',
    path: '/api/clusters/{cluster}/plugins/prometheus/config',
    as: 'operator',
    body: JSON.stringify({ url: 'http://127.0.0.1:1/' }),
    contentType: json,
    clusterWide: true,
    inside: 403,
  },
  // Helm
  {
    route: 'GET /api/plugins/helm/clusters/:cluster/releases',
    method: 'GET',
    path: `${HELM}/releases?namespace={ns}`,
    as: 'viewer',
    inside: 200,
  },
  ...['', '/history', '/values', '/manifest', '/diff'].map(
    (tail): Probe => ({
      route: `GET /api/plugins/helm/clusters/:cluster/releases/:namespace/:name${tail}`,
      method: 'GET',
      path: `${HELM}/releases/{ns}/{name}${tail}`,
      as: 'viewer',
    }),
  ),
  {
    route: 'POST /api/plugins/helm/clusters/:cluster/releases/:namespace/:name/rollback',
    method: 'POST',
    path: `${HELM}/releases/{ns}/{name}/rollback`,
    as: 'operator',
    body: JSON.stringify({ revision: 1 }),
    contentType: json,
  },
  {
    route: 'POST /api/plugins/helm/clusters/:cluster/releases/:namespace/:name/upgrade',
    method: 'POST',
    path: `${HELM}/releases/{ns}/{name}/upgrade`,
    as: 'operator',
    body: JSON.stringify({ chart_archive: 'AAAA' }),
    contentType: json,
  },
  {
    route: 'DELETE /api/plugins/helm/clusters/:cluster/releases/:namespace/:name',
    method: 'DELETE',
    path: `${HELM}/releases/{ns}/{name}`,
    as: 'operator',
  },
  {
    route: 'POST /api/plugins/helm/clusters/:cluster/releases',
    method: 'POST',
    path: `${HELM}/releases`,
    as: 'operator',
    body: JSON.stringify({ name: 'pwned', namespace: '{ns}', chart_archive: 'AAAA' }),
    contentType: json,
  },
  // Prometheus (its reads are the plugin's own data; config is cluster-wide)
  ...[
    '/status',
    '/query?query=up',
    '/query_range?query=up',
    '/targets',
    '/alerts',
    '/rules',
    '/labels',
    '/monitors',
  ].map(
    (tail): Probe => ({
      route: `GET /api/plugins/prometheus/clusters/:cluster${tail.split('?')[0]}`,
      method: 'GET',
      path: `${PROM}${tail}`,
      as: 'viewer',
    }),
  ),
  {
    route: 'GET /api/plugins/prometheus/clusters/:cluster/usage',
    method: 'GET',
    path: `${PROM}/usage?namespace={ns}`,
    as: 'viewer',
  },
  {
    route: 'GET /api/plugins/prometheus/clusters/:cluster/config',
    method: 'GET',
    path: `${PROM}/config`,
    as: 'viewer',
  },
  {
    route: 'PUT /api/plugins/prometheus/clusters/:cluster/config',
    method: 'PUT',
    path: `${PROM}/config`,
    as: 'operator',
    body: JSON.stringify({ url: 'http://127.0.0.1:1/' }),
    contentType: json,
    clusterWide: true,
    inside: 403,
  },
  // Operator plugins: the toolkit's routes (the test seeds the CRDs they require, and a Cluster and a
  // ScaledObject named SHOP_NAME in each namespace)
  ...operatorProbes('cnpg', 'clusters', 'reload', 200),
  ...operatorProbes('keda', 'scaledobjects', 'pause', 200),
  ...operatorProbes('mariadb', 'mariadbs', 'suspend'),
  ...operatorProbes('ceph', 'cephclusters', 'restart'),
  ...['/storage', '/daemons'].map(
    (tail): Probe => ({
      route: `GET /api/plugins/ceph/clusters/:cluster${tail}`,
      method: 'GET',
      path: `/api/plugins/ceph/clusters/{cluster}${tail}?namespace={ns}`,
      as: 'viewer',
      inside: 200,
    }),
  ),
  ...operatorProbes('istio', 'virtualservices', 'set-weights'),
  ...['/problems', '/mesh', '/topology', '/traffic'].map(
    (tail): Probe => ({
      route: `GET /api/plugins/istio/clusters/:cluster${tail}`,
      method: 'GET',
      path: `/api/plugins/istio/clusters/{cluster}${tail}?namespace={ns}`,
      as: 'viewer',
    }),
  ),
  {
    route: 'GET /api/plugins/istio/clusters/:cluster/services/:namespace/:name',
    method: 'GET',
    path: '/api/plugins/istio/clusters/{cluster}/services/{ns}/{name}',
    as: 'viewer',
  },
  ...['/hpas', '/authentications'].map(
    (tail): Probe => ({
      route: `GET /api/plugins/keda/clusters/:cluster${tail}`,
      method: 'GET',
      path: `/api/plugins/keda/clusters/{cluster}${tail}?namespace={ns}`,
      as: 'viewer',
    }),
  ),
  ...operatorProbes('calico', 'stagednetworkpolicies', 'promote'),
  ...['/tiers', '/staged'].map(
    (tail): Probe => ({
      route: `GET /api/plugins/calico/clusters/:cluster${tail}`,
      method: 'GET',
      path: `/api/plugins/calico/clusters/{cluster}${tail}?namespace={ns}`,
      as: 'viewer',
    }),
  ),
  {
    route: 'GET /api/plugins/calico/clusters/:cluster/pods/:namespace/:name/policies',
    method: 'GET',
    path: '/api/plugins/calico/clusters/{cluster}/pods/{ns}/{name}/policies',
    as: 'viewer',
  },
  {
    route: 'POST /api/plugins/calico/clusters/:cluster/node-status',
    method: 'POST',
    path: '/api/plugins/calico/clusters/{cluster}/node-status',
    as: 'operator',
    body: JSON.stringify({ node: 'node-1' }),
    contentType: json,
    clusterWide: true,
    inside: 403,
  },
  // The kubectl gateway
  {
    route: 'GET /api/clusters/:clusterId/k8s/*',
    method: 'GET',
    path: `${K}/api/v1/namespaces/{ns}/configmaps/{name}`,
    as: 'viewer',
    inside: 200,
  },
  {
    route: 'GET /api/clusters/:clusterId/k8s/*',
    method: 'GET',
    path: `${K}/api/v1/namespaces/{ns}/configmaps`,
    as: 'viewer',
    inside: 200,
  },
  {
    route: 'GET /api/clusters/:clusterId/k8s/*',
    method: 'GET',
    path: `${K}/api/v1/namespaces/{ns}/secrets/{name}`,
    as: 'operator',
    inside: 200,
  },
  {
    route: 'DELETE /api/clusters/:clusterId/k8s/*',
    method: 'DELETE',
    path: `${K}/api/v1/namespaces/{ns}/configmaps/{name}?dryRun=All`,
    as: 'operator',
    inside: 200,
  },
  {
    route: 'PATCH /api/clusters/:clusterId/k8s/*',
    method: 'PATCH',
    path: `${K}/api/v1/namespaces/{ns}/configmaps/{name}?dryRun=All`,
    as: 'operator',
    body: JSON.stringify({ metadata: { labels: { touched: 'yes' } } }),
    contentType: 'application/merge-patch+json',
    inside: 200,
  },
  {
    route: 'POST /api/clusters/:clusterId/k8s/*',
    method: 'POST',
    path: `${K}/api/v1/namespaces/{ns}/configmaps?dryRun=All`,
    as: 'operator',
    body: configMap.replace('{name}', 'pwned'),
    contentType: json,
    inside: 201,
  },
  {
    route: 'PUT /api/clusters/:clusterId/k8s/*',
    method: 'PUT',
    path: `${K}/api/v1/namespaces/{ns}/configmaps/{name}?dryRun=All`,
    as: 'operator',
    body: configMap,
    contentType: json,
    inside: 200,
  },
  // A Namespace object is cluster-scoped: its own users may read it, never change it (issue 15, item 4).
  {
    route: 'PATCH /api/clusters/:clusterId/k8s/*',
    method: 'PATCH',
    path: `${K}/api/v1/namespaces/{ns}`,
    as: 'operator',
    body: JSON.stringify({ metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } }),
    contentType: 'application/merge-patch+json',
    inside: 403,
  },
  {
    route: 'DELETE /api/clusters/:clusterId/k8s/*',
    method: 'DELETE',
    path: `${K}/api/v1/namespaces/{ns}`,
    as: 'operator',
    inside: 403,
  },
  {
    route: 'PUT /api/clusters/:clusterId/k8s/*',
    method: 'PUT',
    path: `${K}/api/v1/namespaces/{ns}/finalize`,
    as: 'operator',
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: '{ns}' }, spec: { finalizers: [] } }),
    contentType: json,
    inside: 403,
  },
  {
    route: 'PUT /api/clusters/:clusterId/k8s/*',
    method: 'PUT',
    path: `${K}/api/v1/namespaces/{ns}/status`,
    as: 'operator',
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: '{ns}' }, status: {} }),
    contentType: json,
    inside: 403,
  },
  { route: 'GET /api/clusters/:clusterId/k8s', method: 'GET', path: `${K}`, as: 'viewer' },
  // Anything but GET on the API root is no discovery: the API server's internals, admins only.
  ...(['POST', 'PUT', 'PATCH', 'DELETE'] as const).map(
    (method): Probe => ({
      route: `${method} /api/clusters/:clusterId/k8s`,
      method,
      path: K,
      as: 'operator',
      ...(method === 'DELETE' ? {} : { body: '{}', contentType: json }),
      inside: 403,
    }),
  ),
];

/**
 * Routes that take no cluster, namespace or object from their path (the cluster registry itself, agent
 * enrolment): not probed here, each with why.
 */
export const NOT_PROBED: Record<string, string> = {};

export interface Target {
  cluster: string;
  ns: string;
  name: string;
}

export interface Trick {
  id: string;
  /** Which placeholder the trick rewrites (a probe without it is not tried with this trick). */
  needs: 'ns' | 'name' | 'cluster' | 'any';
  rewrite(t: Target): Target & { query?: string };
  /**
   * Malformed paths (dot-segments, encoded `/`, empty segments, needless escapes): exactly 400 INVALID_PATH or
   * VALIDATION_FAILED when the trick lands in the path; in a query parameter or body, refused (400 or 403).
   */
  malformed?: boolean;
}

/**
 * Percent-encodes the first character of the cluster id: the router decodes it where a raw-path reader may
 * not (the gateway once fell back to the router's decoded path and skipped dot-segment resolution). A path has
 * one spelling: such needless escapes are refused.
 */
export const encodeFirst = (s: string) => `%${s.charCodeAt(0).toString(16)}${s.slice(1)}`;

export const TRICKS: Trick[] = [
  { id: 'other namespace', needs: 'ns', rewrite: (t) => ({ ...t, ns: OUTSIDE }) },
  {
    id: 'other namespace, ?namespace=shop added',
    needs: 'ns',
    rewrite: (t) => ({ ...t, ns: OUTSIDE, query: 'namespace=shop' }),
  },
  { id: 'other namespace, trailing dot', needs: 'ns', rewrite: (t) => ({ ...t, ns: `${OUTSIDE}.` }) },
  {
    id: '../ out of the namespace',
    needs: 'ns',
    malformed: true,
    rewrite: (t) => ({ ...t, ns: `${SHOP}/../${OUTSIDE}` }),
  },
  {
    id: '%2e%2e out of the namespace',
    needs: 'ns',
    malformed: true,
    rewrite: (t) => ({ ...t, ns: `${SHOP}/%2e%2e/${OUTSIDE}` }),
  },
  {
    id: '%2E%2E (upper case)',
    needs: 'ns',
    malformed: true,
    rewrite: (t) => ({ ...t, ns: `${SHOP}/%2E%2E/${OUTSIDE}` }),
  },
  { id: '.%2e mixed', needs: 'ns', malformed: true, rewrite: (t) => ({ ...t, ns: `${SHOP}/.%2e/${OUTSIDE}` }) },
  { id: 'encoded slash', needs: 'ns', malformed: true, rewrite: (t) => ({ ...t, ns: `${SHOP}%2F..%2F${OUTSIDE}` }) },
  { id: 'empty segment', needs: 'ns', malformed: true, rewrite: (t) => ({ ...t, ns: `/${OUTSIDE}` }) },
  { id: 'semicolon then ..', needs: 'ns', malformed: true, rewrite: (t) => ({ ...t, ns: `${SHOP};/../${OUTSIDE}` }) },
  {
    id: 'encoded cluster id + ..',
    needs: 'ns',
    malformed: true,
    rewrite: (t) => ({ ...t, cluster: encodeFirst(t.cluster), ns: `${SHOP}/../${OUTSIDE}` }),
  },
  { id: 'name ..', needs: 'name', malformed: true, rewrite: (t) => ({ ...t, name: '..' }) },
  { id: 'name %2e%2e', needs: 'name', malformed: true, rewrite: (t) => ({ ...t, name: '%2e%2e' }) },
  { id: 'name .', needs: 'name', malformed: true, rewrite: (t) => ({ ...t, name: '.' }) },
  {
    id: 'name ../../payments',
    needs: 'name',
    malformed: true,
    rewrite: (t) => ({ ...t, name: `../../${OUTSIDE}/configmaps/${SHOP_NAME}` }),
  },
  {
    id: 'encoded cluster id + name ../..',
    needs: 'name',
    malformed: true,
    rewrite: (t) => ({ ...t, cluster: encodeFirst(t.cluster), name: `../../${OUTSIDE}/configmaps/${SHOP_NAME}` }),
  },
  {
    id: 'name with encoded slash',
    needs: 'name',
    malformed: true,
    rewrite: (t) => ({ ...t, name: `x%2F..%2F..%2F${OUTSIDE}` }),
  },
  { id: '?namespace=shop on the honest path', needs: 'any', rewrite: (t) => ({ ...t, query: 'namespace=shop' }) },
  {
    id: 'encoded cluster id',
    needs: 'cluster',
    malformed: true,
    rewrite: (t) => ({ ...t, cluster: encodeFirst(t.cluster) }),
  },
  {
    id: 'encoded letter in the name',
    needs: 'name',
    malformed: true,
    rewrite: (t) => ({ ...t, name: encodeFirst(t.name) }),
  },
];

/** Fills a probe's templates (path and body) for one target, adding the trick's query parameter. */
export function fill(probe: Probe, t: Target & { query?: string }): { path: string; body: string | undefined } {
  const sub = (s: string) => s.replaceAll('{cluster}', t.cluster).replaceAll('{ns}', t.ns).replaceAll('{name}', t.name);
  let path = sub(probe.path);
  if (t.query) path += (path.includes('?') ? '&' : '?') + t.query;
  return { path, body: probe.body === undefined ? undefined : sub(probe.body) };
}
