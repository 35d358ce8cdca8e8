/**
 * The plugin's routes under /api/plugins/prometheus/clusters/{cluster}. RBAC: PromQL cannot be limited
 * to namespaces, so raw queries, targets, alerts, rules and labels need prometheus.metrics:read on the
 * whole cluster; /usage builds its own queries and needs it only for the namespace asked about; /monitors
 * shows the objects of the namespaces the caller may read.
 */
import { AppError } from '@argus/contracts';
import type { PluginDeps, PluginRouter, RouteContext } from '@argus/plugin-sdk';
import type { z } from 'zod';
import { type PrometheusConfig, prometheusConfigSchema } from './config.js';
import { type PrometheusLocator, redactUrl } from './locate.js';
import { listMonitors } from './monitors.js';
import {
  instantQuerySchema,
  noQuerySchema,
  rangeQuerySchema,
  rulesQuerySchema,
  stateQuerySchema,
  usageQuerySchema,
} from './params.js';
import {
  alertsAnswerSchema,
  labelsAnswerSchema,
  monitorsAnswerSchema,
  publicConfigSchema,
  queryAnswerSchema,
  rulesAnswerSchema,
  statusAnswerSchema,
  targetsAnswerSchema,
  usageAnswerSchema,
} from './responses.js';
import { fetchUsage } from './usage.js';

export type PrometheusDeps = PluginDeps<readonly ['clusters', 'config', 'logger'], PrometheusConfig>;

const METRICS = 'prometheus.metrics';

async function requireCluster<Q, B>(ctx: RouteContext<Q, B>): Promise<void> {
  if (!(await ctx.can(METRICS, 'read')))
    throw new AppError(
      'FORBIDDEN',
      'PromQL reaches every namespace: this needs prometheus.metrics:read on the whole cluster, not one namespace',
    );
}

async function requireScope<Q, B>(ctx: RouteContext<Q, B>, namespace: string | undefined): Promise<void> {
  if (namespace === undefined) return requireCluster(ctx);
  if (!(await ctx.can(METRICS, 'read', { namespace })))
    throw new AppError('FORBIDDEN', `You may not read metrics of namespace "${namespace}"`);
}

function publicConfig(config: PrometheusConfig): PrometheusConfig {
  return config.url ? { ...config, url: redactUrl(config.url) } : config;
}

export function registerPrometheusRoutes(router: PluginRouter, deps: PrometheusDeps, locator: PrometheusLocator): void {
  router.route({
    method: 'GET',
    path: '/status',
    query: noQuerySchema,
    responses: { 200: statusAnswerSchema },
    async handler(ctx) {
      const location = await locator.locate(ctx.clusterId);
      const where =
        location.source === 'configured' ? { source: location.source, url: redactUrl(location.url) } : location;
      if (location.source === 'none') return { ...where, reachable: false };
      try {
        const { api } = await locator.connect(ctx.clusterId);
        const info = await api.get<{ version?: string }>('/api/v1/status/buildinfo', {}, ctx.signal);
        return { ...where, reachable: true, version: info.data.version };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return { ...where, reachable: false, error: { code: err.code, message: err.message } };
      }
    },
  });

  const proxied = <Q extends Record<string, string | undefined>>(
    path: string,
    upstream: string,
    schema: z.ZodType<Q>,
    answer: z.ZodType,
  ) =>
    router.route({
      method: 'GET',
      path,
      query: schema,
      responses: { 200: answer },
      async handler(ctx) {
        await requireCluster(ctx);
        const { api } = await locator.connect(ctx.clusterId);
        return api.get(upstream, ctx.query, ctx.signal);
      },
    });
  proxied('/query', '/api/v1/query', instantQuerySchema, queryAnswerSchema);
  proxied('/query_range', '/api/v1/query_range', rangeQuerySchema, queryAnswerSchema);
  proxied('/targets', '/api/v1/targets', stateQuerySchema, targetsAnswerSchema);
  proxied('/alerts', '/api/v1/alerts', noQuerySchema, alertsAnswerSchema);
  proxied('/rules', '/api/v1/rules', rulesQuerySchema, rulesAnswerSchema);
  proxied('/labels', '/api/v1/labels', noQuerySchema, labelsAnswerSchema);

  router.route({
    method: 'GET',
    path: '/usage',
    query: usageQuerySchema,
    responses: { 200: usageAnswerSchema },
    async handler(ctx) {
      await requireScope(ctx, ctx.query.scope === 'cluster' ? undefined : ctx.query.namespace);
      const { api } = await locator.connect(ctx.clusterId);
      return fetchUsage(api, ctx.query, Date.now() / 1000, ctx.signal);
    },
  });

  router.route({
    method: 'GET',
    path: '/monitors',
    query: noQuerySchema,
    responses: { 200: monitorsAnswerSchema },
    async handler(ctx) {
      const everything = await ctx.can(METRICS, 'read');
      const seen = new Map<string, Promise<boolean>>();
      const allowed = (namespace: string): Promise<boolean> => {
        if (everything) return Promise.resolve(true);
        let p = seen.get(namespace);
        if (!p) {
          p = ctx.can(METRICS, 'read', { namespace });
          seen.set(namespace, p);
        }
        return p;
      };
      return listMonitors(deps.clusters.client(ctx.clusterId), allowed);
    },
  });

  router.route({
    method: 'GET',
    path: '/config',
    query: noQuerySchema,
    responses: { 200: publicConfigSchema },
    async handler(ctx) {
      return publicConfig(await deps.config.get(ctx.clusterId));
    },
  });

  router.route({
    method: 'PUT',
    path: '/config',
    body: prometheusConfigSchema,
    responses: { 200: publicConfigSchema },
    async handler(ctx) {
      await deps.config.set(ctx.clusterId, ctx.body);
      locator.forget(ctx.clusterId);
      deps.logger.info(
        { clusterId: ctx.clusterId, configured: Boolean(ctx.body.url), discovery: ctx.body.discovery },
        'prometheus config changed',
      );
      return publicConfig(ctx.body);
    },
  });
}
