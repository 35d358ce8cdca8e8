/** Resources of one cluster (DESIGN.md "Resources"): list, get, create, replace, patch, delete, api-resources, events. */
import {
  AppError,
  kubeNameSchema,
  kubeNamespaceSchema,
  listQuerySchema,
  objectQuerySchema,
  parseInput,
  resourcePathSchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { ResourceInfo } from '../../clusters/discovery.js';
import type { PatchType } from '../../clusters/resource-service.js';
import { secretValuesFor, secretView } from '../../clusters/secret-redaction.js';

const BASE = '/api/clusters/:clusterId/resources/:group/:version/:resource';
const read = { permission: { resource: 'resources', action: 'read' } } as const;
// Mutations name their namespace in `?namespace=` or the body: the handler authorises exactly that one.
const write = { permission: { resource: 'resources', action: 'write' }, checksNamespace: true } as const;

type P = { clusterId: string; group: string; version: string; resource: string; name?: string };

function patchTypeOf(request: FastifyRequest): PatchType {
  const explicit = (request.query as { patchType?: string }).patchType;
  if (explicit) {
    if (!['merge', 'json', 'strategic', 'apply'].includes(explicit))
      throw new AppError('VALIDATION_FAILED', 'patchType is merge, json, strategic or apply');
    return explicit as PatchType;
  }
  const ct = String(request.headers['content-type'] ?? '');
  if (ct.includes('json-patch+json')) return 'json';
  if (ct.includes('strategic-merge-patch')) return 'strategic';
  if (ct.includes('apply-patch') || ct.includes('yaml')) return 'apply';
  return 'merge';
}

export async function resourceRoutes(app: FastifyInstance, opts: { module: ClusterModule }): Promise<void> {
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

  async function target(request: FastifyRequest) {
    const p = parseInput(resourcePathSchema, request.params, 'path');
    const clusterId = (request.params as P).clusterId;
    await clusters.resolve(clusterId);
    const info = await resources.info(clusterId, p.group, p.version, p.resource);
    return { clusterId, info, name: p.name };
  }
  const kind = (r: string) => (r === 'events' ? 'events' : 'resources');
  /** What a route answers with: a Secret (read, or echoed by a write) without values unless secrets:read. */
  const shown = async <T>(request: FastifyRequest, clusterId: string, info: ResourceInfo, obj: T): Promise<T> =>
    secretView(obj, await secretValuesFor(accessFor(request), clusterId, info));

  app.get(BASE, { config: read }, async (request, reply) => {
    const { clusterId, info } = await target(request);
    const q = parseInput(listQuerySchema, request.query, 'query');
    const access = accessFor(request);
    // Cluster-scoped kinds need cluster-wide read; namespaced lists are filtered to the caller's namespaces.
    if (!info.namespaced) await access.require(kind(info.resource), 'read', { clusterId });
    const allowed = info.namespaced
      ? await access.namespaces(clusterId, kind(info.resource), 'read', q.namespace)
      : 'all';
    const secrets = await secretValuesFor(access, clusterId, info);
    // Pre-built JSON (the cache keeps each object's text): Fastify sends the string as it is.
    return reply
      .type('application/json; charset=utf-8')
      .send(await resources.listJson(clusterId, info, q, allowed, secrets));
  });

  app.get(`${BASE}/:name`, { config: read }, async (request) => {
    const { clusterId, info, name } = await target(request);
    const q = parseInput(objectQuerySchema, request.query, 'query');
    await accessFor(request).require(kind(info.resource), 'read', {
      clusterId,
      namespace: info.namespaced ? q.namespace : undefined,
    });
    return shown(request, clusterId, info, await resources.get(clusterId, info, q.namespace, name!));
  });

  app.post(BASE, { config: write }, async (request, reply) => {
    const { clusterId, info } = await target(request);
    const q = parseInput(objectQuerySchema, request.query, 'query');
    const body = parseInput(
      z
        .object({
          metadata: z
            .object({ name: kubeNameSchema.optional(), namespace: kubeNamespaceSchema.optional() })
            .passthrough(),
        })
        .passthrough(),
      request.body,
      'body',
    );
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
  });

  app.put(`${BASE}/:name`, { config: write }, async (request) => {
    const { clusterId, info, name } = await target(request);
    const q = parseInput(objectQuerySchema, request.query, 'query');
    await accessFor(request).require('resources', 'write', {
      clusterId,
      namespace: info.namespaced ? q.namespace : undefined,
    });
    return shown(request, clusterId, info, await resources.replace(clusterId, info, name!, request.body, q));
  });

  app.patch(`${BASE}/:name`, { config: write }, async (request) => {
    const { clusterId, info, name } = await target(request);
    const q = parseInput(objectQuerySchema, request.query, 'query');
    await accessFor(request).require('resources', 'write', {
      clusterId,
      namespace: info.namespaced ? q.namespace : undefined,
    });
    if (request.body === undefined || request.body === null || request.body === '')
      throw new AppError('VALIDATION_FAILED', 'A patch body is required');
    return shown(
      request,
      clusterId,
      info,
      await resources.patch(clusterId, info, name!, patchTypeOf(request), request.body, q),
    );
  });

  app.delete(
    `${BASE}/:name`,
    { config: { permission: { resource: 'resources', action: 'delete' }, checksNamespace: true } },
    async (request) => {
      const { clusterId, info, name } = await target(request);
      const q = parseInput(objectQuerySchema, request.query, 'query');
      await accessFor(request).require('resources', 'delete', {
        clusterId,
        namespace: info.namespaced ? q.namespace : undefined,
      });
      return shown(request, clusterId, info, await resources.remove(clusterId, info, name!, q));
    },
  );

  app.get<{ Params: { clusterId: string } }>(
    '/api/clusters/:clusterId/api-resources',
    { config: read },
    async (request) => {
      const { clusterId } = request.params;
      await clusters.resolve(clusterId);
      const all = await opts.module.discovery.all(clusterId);
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
        })),
      };
    },
  );

  app.get<{ Params: { clusterId: string } }>(
    '/api/clusters/:clusterId/events',
    { config: { permission: { resource: 'events', action: 'read' } } },
    async (request) => {
      const { clusterId } = request.params;
      await clusters.resolve(clusterId);
      const q = parseInput(listQuerySchema, request.query, 'query');
      const info = await resources.info(clusterId, 'core', 'v1', 'events');
      const allowed = await accessFor(request).namespaces(clusterId, 'events', 'read', q.namespace);
      const list = await resources.list(clusterId, info, q, allowed, 'all');
      const at = (e: Record<string, unknown>) =>
        String(
          e.lastTimestamp ?? e.eventTime ?? (e.metadata as { creationTimestamp?: string }).creationTimestamp ?? '',
        );
      list.items.sort((a, b) => at(b).localeCompare(at(a)));
      return list;
    },
  );
}
