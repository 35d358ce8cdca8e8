/**
 * The Calico plugin's routes beside the operator toolkit's: tiers with their policies in evaluation order,
 * the policies that select a pod (Calico's and Kubernetes', in evaluation order), staged policies with what
 * enforcing them would change, and a request for a node's BGP status (a CalicoNodeStatus, as the user).
 * What they list is filtered by where the caller may read `calico.network`.
 */
import { AppError } from '@argus/contracts';
import {
  apiPath,
  ensureKubeOk,
  type PluginCache,
  PluginResponse,
  type PluginRouter,
  type PluginServices,
} from '@argus/plugin-sdk';
import { type PolicyContext, policyHealth, selectedCount } from '../shared/health.js';
import { compareEvaluation, type PolicyEntry, selects, tierOrders } from '../shared/policies.js';
import { counterpart, stagedDiff } from '../shared/staged.js';
import type { Tier } from '../shared/types.js';
import { calicoRef, loadEndpoints, loadPod, loadPolicies, loadTiers } from './cluster-state.js';
import {
  calicoNodeStatusCreated,
  namespaceQuery,
  nodeStatusBody,
  type PolicyView,
  podParams,
  podPoliciesSchema,
  stagedListSchema,
  tierListSchema,
} from './schemas.js';

const READ = { resource: 'calico.network', action: 'read' } as const;

function view(entry: PolicyEntry, ctx: PolicyContext): PolicyView {
  return {
    ...entry,
    ingress: [...entry.ingress],
    egress: [...entry.egress],
    health: policyHealth(entry, ctx),
    selected: selectedCount(entry, ctx.endpoints),
  };
}

const tierInfo = (name: string, tiers: readonly Tier[]) => {
  const t = tiers.find((x) => x.metadata.name === name);
  return {
    name,
    order: typeof t?.spec?.order === 'number' ? t.spec.order : null,
    defaultAction: t?.spec?.defaultAction ?? 'Deny',
    exists: !!t,
  };
};

export function registerCalicoRoutes(router: PluginRouter, deps: Pick<PluginServices, 'cache' | 'clusters'>): void {
  const cache: PluginCache = deps.cache;

  router.route({
    method: 'GET',
    path: '/tiers',
    query: namespaceQuery,
    responses: { 200: tierListSchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(READ.resource, READ.action);
      const namespace = ctx.query.namespace;
      const [tiers, policies, endpoints] = await Promise.all([
        loadTiers(cache, ctx.clusterId),
        loadPolicies(cache, ctx.clusterId, allowed, namespace),
        loadEndpoints(cache, ctx.clusterId),
      ]);
      const pctx: PolicyContext = { tiers: new Set(tiers.map((t) => t.metadata.name)), endpoints };
      const order = tierOrders(tiers);
      const sorted = policies.map((p) => p.entry).sort(compareEvaluation(order));
      // A namespace-scoped caller sees only the tiers its namespaces' policies are in (tiers are cluster-scoped).
      const names = new Set([
        ...(allowed === 'all' ? tiers.map((t) => t.metadata.name) : []),
        ...sorted.map((p) => p.tier),
      ]);
      const byOrder = [...names].sort((a, b) => {
        const oa = order.get(a) ?? Infinity;
        const ob = order.get(b) ?? Infinity;
        return oa !== ob ? (oa < ob ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
      });
      return {
        items: byOrder.map((name) => ({
          ...tierInfo(name, tiers),
          policies: sorted.filter((p) => p.tier === name).map((p) => view(p, pctx)),
        })),
        partial: allowed !== 'all',
      };
    },
  });

  router.route({
    method: 'GET',
    path: '/pods/:namespace/:name/policies',
    params: podParams,
    responses: { 200: podPoliciesSchema },
    async handler(ctx) {
      const { namespace, name } = ctx.params;
      const missing = new AppError('NOT_FOUND', `Pod "${name}" not found in namespace "${namespace}"`);
      if (!(await ctx.can('resources', 'read', { namespace }))) throw missing;
      const pod = await loadPod(cache, ctx.clusterId, namespace, name);
      if (!pod) throw missing;
      const raw = await cache.get(ctx.clusterId, { group: '', version: 'v1', resource: 'pods' }, namespace, name);
      const hostNetwork = !!(raw?.object() as { spec?: { hostNetwork?: boolean } } | undefined)?.spec?.hostNetwork;
      const allowed = await ctx.namespaces(READ.resource, READ.action);
      const [tiers, policies, endpoints] = await Promise.all([
        loadTiers(cache, ctx.clusterId),
        loadPolicies(cache, ctx.clusterId, allowed),
        loadEndpoints(cache, ctx.clusterId),
      ]);
      const pctx: PolicyContext = { tiers: new Set(tiers.map((t) => t.metadata.name)), endpoints };
      const selecting = hostNetwork
        ? []
        : policies
            .map((p) => p.entry)
            .filter((e) => selects(e, pod))
            .sort(compareEvaluation(tierOrders(tiers)));
      const enforced = selecting.filter((p) => !p.staged);
      const tierNames = [...new Set(enforced.map((p) => p.tier))];
      return {
        pod: { namespace, name, labels: { ...(pod.labels as Record<string, string>) } },
        hostNetwork,
        policies: enforced.map((p, i) => ({ ...view(p, pctx), position: i + 1 })),
        staged: selecting.filter((p) => p.staged).map((p) => view(p, pctx)),
        tiers: tierNames.map((t) => {
          const { exists: _e, ...info } = tierInfo(t, tiers);
          return info;
        }),
        partial: allowed !== 'all',
      };
    },
  });

  router.route({
    method: 'GET',
    path: '/staged',
    query: namespaceQuery,
    responses: { 200: stagedListSchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(READ.resource, READ.action);
      const [tiers, policies, endpoints] = await Promise.all([
        loadTiers(cache, ctx.clusterId),
        loadPolicies(cache, ctx.clusterId, allowed, ctx.query.namespace),
        loadEndpoints(cache, ctx.clusterId),
      ]);
      const pctx: PolicyContext = { tiers: new Set(tiers.map((t) => t.metadata.name)), endpoints };
      const all = policies.map((p) => p.entry);
      const enforced = all.filter((p) => !p.staged);
      const staged = all.filter((p) => p.staged).sort(compareEvaluation(tierOrders(tiers)));
      return {
        items: staged.map((s) => {
          const e = counterpart(s, enforced);
          return { staged: view(s, pctx), enforced: e ? view(e, pctx) : null, diff: stagedDiff(s, e, endpoints) };
        }),
      };
    },
  });

  router.route({
    method: 'POST',
    path: '/node-status',
    body: nodeStatusBody,
    responses: { 201: calicoNodeStatusCreated },
    async handler(ctx) {
      const node = ctx.body.node;
      const known = await cache.get(ctx.clusterId, { group: '', version: 'v1', resource: 'nodes' }, undefined, node);
      if (!known) throw new AppError('NOT_FOUND', `Node "${node}" not found`);
      const body = {
        apiVersion: 'projectcalico.org/v3',
        kind: 'CalicoNodeStatus',
        metadata: { name: `${node}-status` },
        spec: { node, classes: ['Agent', 'BGP', 'Routes'], updatePeriodSeconds: 10 },
      };
      const created = await deps.clusters.asUser(ctx.principal, ctx.clusterId, async (client) =>
        ensureKubeOk(
          await client.request({
            method: 'POST',
            path: apiPath(calicoRef('caliconodestatuses'), undefined),
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: ctx.signal,
          }),
        ).json(),
      );
      return new PluginResponse(201, created);
    },
  });
}
