/** Resources of one cluster (DESIGN.md "Resources"): list, get, create, replace, patch, delete, api-resources, events. */
import {
  AppError,
  apiResourcesResponseSchema,
  clusterParamsSchema,
  createObjectRequestSchema,
  type KubeDeleteResponse,
  type KubeListView,
  type KubeObjectView,
  kubeDeleteResponseSchema,
  kubeListSchema,
  kubeNameSchema,
  kubeObjectSchema,
  listQuerySchema,
  objectQuerySchema,
  patchQuerySchema,
  patchRequestSchema,
  replaceObjectRequestSchema,
  resourcePathSchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { ResourceInfo } from '../../clusters/discovery.js';
import { type PrinterColumnIndex, printerColumnKey } from '../../clusters/printer-columns.js';
import type { PatchType } from '../../clusters/resource-service.js';
import { secretValuesFor, secretView } from '../../clusters/secret-redaction.js';
import { staleHeaders } from '../../clusters/staleness.js';

const BASE = '/api/clusters/:clusterId/resources/:group/:version/:resource';
const read = { permission: { resource: 'resources', action: 'read' } } as const;
// Mutations name their namespace in `?namespace=` or the body: the handler authorises exactly that one.
const write = { permission: { resource: 'resources', action: 'write' }, checksNamespace: true } as const;

/** `{clusterId}/resources/{group}/{version}/{resource}`, and `/{name}` for one object. */
const collectionParams = resourcePathSchema.omit({ name: true }).extend(clusterParamsSchema.shape);
const objectParams = collectionParams.extend({ name: kubeNameSchema });

/** `printer_columns` for a custom resource whose CRD declares them (nothing for the rest). */
function printerColumnsFor(index: PrinterColumnIndex, r: ResourceInfo) {
  const cols = index.get(printerColumnKey(r.group, r.version, r.resource));
  return cols ? { printer_columns: cols } : {};
}

/** The patch type: `?patchType=` (validated by its schema), else the Content-Type's. */
function patchTypeOf(request: FastifyRequest, explicit: PatchType | undefined): PatchType {
  if (explicit) return explicit;
  const ct = String(request.headers['content-type'] ?? '');
  if (ct.includes('json-patch+json')) return 'json';
  if (ct.includes('strategic-merge-patch')) return 'strategic';
  if (ct.includes('apply-patch') || ct.includes('yaml')) return 'apply';
  return 'merge';
}

export async function resourceRoutes(fastify: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { resources, clusters } = opts.module;
  const parseJson = (_req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => {
    try {
      done(null, JSON.parse(body));
    } catch {
      done(new AppError('INVALID_JSON', 'The request body is not valid JSON'));
    }
  };
  app.addContentTypeParser(
    ['application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json'],
    { parseAs: 'string' },
    parseJson,
  );
  app.addContentTypeParser(
    ['application/apply-patch+yaml', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_r, body, done) => done(null, body),
  );

  /** The cluster and kind the (validated) path names. */
  async function target(p: { clusterId: string; group: string; version: string; resource: string }) {
    const { clusterId } = p;
    await clusters.resolve(clusterId);
    const info = await resources.info(clusterId, p.group, p.version, p.resource);
    return { clusterId, info };
  }
  const kind = (r: string) => (r === 'events' ? 'events' : 'resources');
  /**
   * The target, once the caller may `action` where the object lives: its namespace, or the whole cluster for
   * cluster-scoped kinds (reads check `events` for events, everything else `resources`).
   */
  async function authorised(
    request: FastifyRequest,
    params: Parameters<typeof target>[0],
    action: 'read' | 'write' | 'delete',
    namespace: string | undefined,
  ) {
    const t = await target(params);
    await accessFor(request).require(action === 'read' ? kind(t.info.resource) : 'resources', action, {
      clusterId: t.clusterId,
      namespace: t.info.namespaced ? namespace : undefined,
    });
    return t;
  }
  /**
   * What a route answers with: a Secret (read, or echoed by a write) without values unless secrets:read.
   * The API server's answer, typed as its response schema says (objects always carry apiVersion and kind).
   */
  const shown = async <T = KubeObjectView>(
    request: FastifyRequest,
    clusterId: string,
    info: ResourceInfo,
    obj: unknown,
  ): Promise<T> => secretView(obj, await secretValuesFor(accessFor(request), clusterId, info)) as T;

  app.get(
    BASE,
    {
      config: read,
      schema: {
        summary: 'List objects of a kind (watch cache, else the API server); namespaced kinds filtered to yours',
        params: collectionParams,
        querystring: listQuerySchema,
        response: { 200: kubeListSchema },
      },
    },
    async (request, reply) => {
      const { clusterId, info } = await target(request.params);
      const q = request.query;
      const access = accessFor(request);
      // Cluster-scoped kinds need cluster-wide read; namespaced lists are filtered to the caller's namespaces.
      if (!info.namespaced) await access.require(kind(info.resource), 'read', { clusterId });
      const allowed = info.namespaced
        ? await access.namespaces(clusterId, kind(info.resource), 'read', q.namespace)
        : 'all';
      const secrets = await secretValuesFor(access, clusterId, info);
      // Pre-built JSON of a kubeListSchema list (the cache keeps each object's text): Fastify sends the bytes as
      // they are (hence the cast: the reply's type is the parsed shape).
      const json = await resources.listJson(clusterId, info, q, allowed, secrets);
      // Served from the watch cache while the cluster cannot be reached: marked stale (docs/api.md).
      if (json.subarray(-24).toString().includes('"source":"cache"'))
        reply.headers(staleHeaders(opts.module.staleness.of(clusterId)));
      return reply.type('application/json; charset=utf-8').send(json as unknown as KubeListView);
    },
  );

  app.get(
    `${BASE}/:name`,
    {
      config: read,
      schema: {
        summary: 'One object (?namespace= for namespaced kinds)',
        params: objectParams,
        querystring: objectQuerySchema,
        response: { 200: kubeObjectSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { clusterId, info } = await authorised(request, request.params, 'read', q.namespace);
      try {
        return shown(request, clusterId, info, await resources.get(clusterId, info, q.namespace, request.params.name));
      } catch (err) {
        // The cluster cannot be reached: the object as the watch cache last saw it, marked stale.
        const code = err instanceof AppError ? err.code : '';
        if (code !== 'CLUSTER_UNREACHABLE' && code !== 'UPSTREAM_TIMEOUT') throw err;
        const cached = opts.module.caches
          .peek(clusterId, info)
          ?.get(info.namespaced ? q.namespace : undefined, request.params.name);
        if (!cached) throw err;
        const mark = opts.module.staleness.of(clusterId) ?? { since: new Date().toISOString(), last_contact: null };
        reply.headers(staleHeaders(mark));
        return shown(request, clusterId, info, cached.object());
      }
    },
  );

  app.post(
    BASE,
    {
      config: write,
      schema: {
        summary: 'Create an object (201; 200 with ?dryRun=true); the namespace from ?namespace= or metadata.namespace',
        params: collectionParams,
        querystring: objectQuerySchema,
        body: createObjectRequestSchema,
        response: { 200: kubeObjectSchema, 201: kubeObjectSchema },
      },
    },
    async (request, reply) => {
      const { clusterId, info } = await target(request.params);
      const q = request.query;
      const body = request.body;
      if (q.namespace && body.metadata.namespace && q.namespace !== body.metadata.namespace)
        throw new AppError(
          'VALIDATION_FAILED',
          `metadata.namespace "${body.metadata.namespace}" does not match ?namespace=${q.namespace}`,
        );
      const namespace = q.namespace ?? body.metadata.namespace;
      await accessFor(request).require('resources', 'write', {
        clusterId,
        namespace: info.namespaced ? namespace : undefined,
      });
      const created = await resources.create(clusterId, info, body, { ...q, namespace });
      return reply.status(q.dryRun ? 200 : 201).send(await shown(request, clusterId, info, created));
    },
  );

  app.put(
    `${BASE}/:name`,
    {
      config: write,
      schema: {
        summary: 'Replace an object',
        params: objectParams,
        querystring: objectQuerySchema,
        body: replaceObjectRequestSchema,
        response: { 200: kubeObjectSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { clusterId, info } = await authorised(request, request.params, 'write', q.namespace);
      return shown(
        request,
        clusterId,
        info,
        await resources.replace(clusterId, info, request.params.name, request.body, q),
      );
    },
  );

  app.patch(
    `${BASE}/:name`,
    {
      config: write,
      schema: {
        summary: 'Patch an object: merge (default), JSON Patch, strategic merge or server-side apply',
        description:
          'The patch type comes from ?patchType= or the Content-Type: application/merge-patch+json, ' +
          'application/json-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml.',
        params: objectParams,
        querystring: patchQuerySchema,
        body: patchRequestSchema,
        consumes: [
          'application/merge-patch+json',
          'application/json-patch+json',
          'application/strategic-merge-patch+json',
          'application/apply-patch+yaml',
          'application/json',
        ],
        response: { 200: kubeObjectSchema },
      },
    },
    async (request) => {
      const { patchType, ...q } = request.query;
      const { clusterId, info } = await authorised(request, request.params, 'write', q.namespace);
      return shown(
        request,
        clusterId,
        info,
        await resources.patch(clusterId, info, request.params.name, patchTypeOf(request, patchType), request.body, q),
      );
    },
  );

  app.delete(
    `${BASE}/:name`,
    {
      config: { permission: { resource: 'resources', action: 'delete' }, checksNamespace: true },
      schema: {
        summary: 'Delete an object: the object (while it terminates) or a Kubernetes Status',
        params: objectParams,
        querystring: objectQuerySchema,
        response: { 200: kubeDeleteResponseSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { clusterId, info } = await authorised(request, request.params, 'delete', q.namespace);
      const removed = await resources.remove(clusterId, info, request.params.name, q);
      return shown<KubeDeleteResponse>(request, clusterId, info, removed);
    },
  );

  app.get(
    '/api/clusters/:clusterId/api-resources',
    {
      config: read,
      schema: {
        summary: 'The kinds the cluster serves (discovery), CRDs included',
        params: clusterParamsSchema,
        response: { 200: apiResourcesResponseSchema },
      },
    },
    async (request) => {
      const { clusterId } = request.params;
      await clusters.resolve(clusterId);
      const [all, columns] = await Promise.all([
        opts.module.discovery.all(clusterId),
        opts.module.printerColumns.of(clusterId),
      ]);
      return {
        resources: all.map((r) => ({
          group: r.group,
          version: r.version,
          resource: r.resource,
          kind: r.kind,
          namespaced: r.namespaced,
          verbs: r.verbs,
          short_names: r.shortNames,
          categories: r.categories,
          preferred: r.preferred,
          ...printerColumnsFor(columns, r),
        })),
      };
    },
  );

  app.get(
    '/api/clusters/:clusterId/events',
    {
      config: { permission: { resource: 'events', action: 'read' } },
      schema: {
        summary: 'Events, newest first; filtered to your namespaces',
        params: clusterParamsSchema,
        querystring: listQuerySchema,
        response: { 200: kubeListSchema },
      },
    },
    async (request) => {
      const { clusterId } = request.params;
      await clusters.resolve(clusterId);
      const q = request.query;
      const info = await resources.info(clusterId, 'core', 'v1', 'events');
      const allowed = await accessFor(request).namespaces(clusterId, 'events', 'read', q.namespace);
      const list = await resources.list(clusterId, info, q, allowed, 'all');
      const at = (e: Record<string, unknown>) =>
        String(
          e.lastTimestamp ?? e.eventTime ?? (e.metadata as { creationTimestamp?: string }).creationTimestamp ?? '',
        );
      list.items.sort((a, b) => at(b).localeCompare(at(a)));
      return list as KubeListView; // listed objects always carry apiVersion and kind
    },
  );
}
