/**
 * The plugin's routes beside the toolkit's: the problems list (validation messages of every kind), mesh
 * membership, what routes to a Service and applies to it, the config topology, and the traffic graph from
 * Prometheus (the Prometheus plugin's `prometheus` service, declared in the manifest's `uses`). Objects are
 * read from Argus's watch caches and filtered to the namespaces where the caller holds istio.mesh:read; the
 * offline checks judge against the whole cluster.
 */
import { AppError } from '@argus/contracts';
import {
  type OperatorDeps,
  type PluginRouter,
  type PluginServiceLinks,
  PROMETHEUS_QUERY_SERVICE,
} from '@argus/plugin-sdk';
import { runChecks } from '../shared/checks.js';
import { mergeMessages } from '../shared/health.js';
import { type CoreService, type IstioStatus, keyOf, type WorkloadPolicy } from '../shared/types.js';
import { ISTIO_KINDS } from './kinds.js';
import {
  meshSchema,
  namespaceFilter,
  problemsSchema,
  serviceParams,
  serviceRoutingSchema,
  topologySchema,
  trafficQuery,
  trafficSchema,
} from './schemas.js';
import { listOrNone, loadSnapshot, REFS } from './snapshot.js';
import { buildTrafficGraph, trafficQueries } from './traffic.js';
import { type DeploymentObject, meshView, type NamespaceObject, serviceRouting, topology } from './views.js';

const READ = ['istio.mesh', 'read'] as const;
const ref = (k: (typeof ISTIO_KINDS)[number]) => ({ group: k.group, version: k.version, resource: k.plural });
const policyRef = (plural: string) => {
  const k = ISTIO_KINDS.find((x) => x.plural === plural);
  if (!k) throw new Error(`no kind ${plural}`);
  return ref(k);
};

type Deps = OperatorDeps & { plugins: PluginServiceLinks };

export function registerIstioRoutes(router: PluginRouter, deps: Deps): void {
  const visibleIn = (allowed: 'all' | ReadonlySet<string>, only?: string) => (ns: string) =>
    (only === undefined || ns === only) && (allowed === 'all' || allowed.has(ns));

  router.route({
    method: 'GET',
    path: '/problems',
    query: namespaceFilter,
    responses: { 200: problemsSchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(...READ);
      const visible = visibleIn(allowed, ctx.query.namespace);
      const checks = runChecks(await loadSnapshot(deps.cache, ctx.clusterId));
      const items: Array<Record<string, unknown>> = [];
      for (const kind of ISTIO_KINDS) {
        const objects = await listOrNone<{ metadata: { name: string; namespace?: string }; status?: IstioStatus }>(
          deps.cache,
          ctx.clusterId,
          ref(kind),
          { allowed },
        );
        for (const o of objects) {
          const ns = o.metadata.namespace ?? '';
          if (!visible(ns)) continue;
          for (const m of mergeMessages(o.status, checks.get(keyOf(kind.kind, o)) ?? []))
            items.push({ ...m, kind: kind.kind, plural: kind.plural, namespace: ns, object: o.metadata.name });
        }
      }
      const rank = { ERROR: 0, WARNING: 1, INFO: 2 } as const;
      items.sort((a, b) => rank[a.level as keyof typeof rank] - rank[b.level as keyof typeof rank]);
      return { items: items as never };
    },
  });

  router.route({
    method: 'GET',
    path: '/mesh',
    responses: { 200: meshSchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(...READ);
      const visible = visibleIn(allowed);
      const [namespaces, pods, istiod] = await Promise.all([
        listOrNone<NamespaceObject>(deps.cache, ctx.clusterId, REFS.namespaces),
        listOrNone<Parameters<typeof meshView>[1][number]>(deps.cache, ctx.clusterId, REFS.pods, { allowed }),
        listOrNone<DeploymentObject>(deps.cache, ctx.clusterId, REFS.deployments, {
          namespace: 'istio-system',
          labelSelector: 'app=istiod',
        }),
      ]);
      const fallback =
        istiod.length > 0
          ? istiod
          : (
              await listOrNone<DeploymentObject>(deps.cache, ctx.clusterId, REFS.deployments, {
                namespace: 'istio-system',
              })
            ).filter((d) => d.metadata.name.startsWith('istiod'));
      return meshView(
        namespaces.filter((n) => visible(n.metadata.name)),
        pods,
        fallback,
      );
    },
  });

  router.route({
    method: 'GET',
    path: '/services/:namespace/:name',
    params: serviceParams,
    responses: { 200: serviceRoutingSchema },
    async handler(ctx) {
      const { namespace, name } = ctx.params;
      const item = await deps.cache.get(ctx.clusterId, REFS.services, namespace, name);
      if (!item) throw new AppError('NOT_FOUND', `Service "${namespace}/${name}" not found`);
      const allowed = await ctx.namespaces(...READ);
      const snap = await loadSnapshot(deps.cache, ctx.clusterId);
      const [peerAuthentications, authorizationPolicies, requestAuthentications] = await Promise.all(
        ['peerauthentications', 'authorizationpolicies', 'requestauthentications'].map((p) =>
          listOrNone<WorkloadPolicy>(deps.cache, ctx.clusterId, policyRef(p), { allowed }),
        ),
      );
      return serviceRouting(
        item.object() as unknown as CoreService,
        snap,
        {
          peerAuthentications: peerAuthentications ?? [],
          authorizationPolicies: authorizationPolicies ?? [],
          requestAuthentications: requestAuthentications ?? [],
        },
        runChecks(snap),
        visibleIn(allowed),
      );
    },
  });

  router.route({
    method: 'GET',
    path: '/topology',
    query: namespaceFilter,
    responses: { 200: topologySchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(...READ);
      const [snap, deployments] = await Promise.all([
        loadSnapshot(deps.cache, ctx.clusterId),
        listOrNone<DeploymentObject>(deps.cache, ctx.clusterId, REFS.deployments, { allowed }),
      ]);
      return topology(snap, deployments, visibleIn(allowed, ctx.query.namespace));
    },
  });

  router.route({
    method: 'GET',
    path: '/traffic',
    query: trafficQuery,
    responses: { 200: trafficSchema },
    async handler(ctx) {
      const { namespace, window } = ctx.query;
      const empty = { namespace, window, nodes: [], edges: [] };
      const used = await deps.plugins.get(PROMETHEUS_QUERY_SERVICE, ctx.clusterId);
      if (!used.ok) return { ...empty, available: false, reason: used.message, source: null };
      const prometheus = used.service;
      const q = trafficQueries(namespace, window);
      try {
        const [a, b, c, p95] = await Promise.all(
          [...q.requests, q.p95].map((promql) => prometheus.queryVector(ctx.clusterId, promql, { signal: ctx.signal })),
        );
        const graph = buildTrafficGraph([...(a ?? []), ...(b ?? []), ...(c ?? [])], p95 ?? []);
        return { ...empty, ...graph, available: true, reason: null, source: await prometheus.describe(ctx.clusterId) };
      } catch (err) {
        // No Prometheus in the cluster, or it does not answer: say so instead of failing the page.
        if (err instanceof AppError && String(err.code).startsWith('PROMETHEUS_'))
          return { ...empty, available: false, reason: err.message, source: null };
        throw err;
      }
    },
  });
}
