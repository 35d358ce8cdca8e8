/** Routes a resource request (after authentication) to the verb handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { evictionRefusal, evictionRefusedStatus } from '../controllers/disruption.js';
import { badRequest, StoreError } from '../store/errors.js';
import { pathSegmentNameProblems } from '../store/meta.js';
import type { UserInfo } from './auth.js';
import { isDryRun, type RequestContext, type ServerContext } from './context.js';
import { handlePatch } from './patch-handler.js';
import type { ResourcePath } from './paths.js';
import { handleGet, handleList } from './read-handlers.js';
import { readBody, writeError, writeJson } from './respond.js';
import {
  handleMetrics,
  handleScale,
  handleSelfSubjectAccessReview,
  handleSelfSubjectRulesReview,
  handleTokenRequest,
} from './special-handlers.js';
import type { PodSubresource } from './subresource-handlers.js';
import { handleCreate, handleDelete, handleDeleteCollection, handleUpdate } from './write-handlers.js';

export const notFoundResource = (): StoreError =>
  new StoreError(404, 'NotFound', 'the server could not find the requested resource', {});

const methodNotAllowed = (): StoreError =>
  new StoreError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

/**
 * A name in the request path must be a valid path segment, as kube-apiserver's storage key functions check
 * on every named verb (get, update, patch, delete, subresources): 400 "Name parameter invalid".
 */
export function checkPathName(name: string | undefined): void {
  if (name === undefined) return;
  const problems = pathSegmentNameProblems(name);
  if (problems.length > 0) throw badRequest(`Name parameter invalid: ${JSON.stringify(name)}: ${problems.join(';')}`);
}

const STREAMING = new Set(['log', 'exec', 'attach', 'portforward']);

export function verbOf(method: string, path: ResourcePath, query: URLSearchParams): string {
  const watching = query.get('watch') === 'true' || query.get('watch') === '1' || path.watchPrefix;
  switch (method) {
    case 'GET':
    case 'HEAD':
      return path.name ? (watching ? 'watch' : 'get') : watching ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return path.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

/** Resolves the request's resource and checks authorisation; throws a Status error. */
export function resolve(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  user: UserInfo,
  path: ResourcePath,
  query: URLSearchParams,
): RequestContext {
  const def = ctx.registry.find(path.group, path.version, path.resource);
  if (!def) throw notFoundResource();
  if (!def.namespaced && path.namespace !== undefined) throw notFoundResource();
  if (path.subresource && !def.subresources.includes(path.subresource)) throw notFoundResource();
  const method = req.method ?? 'GET';
  let verb = verbOf(method, path, query);
  if (path.subresource && STREAMING.has(path.subresource) && path.subresource !== 'log') verb = 'create';
  const attrs: Parameters<typeof ctx.auth.authorize>[1] = { verb, group: def.group, resource: def.resource };
  if (path.subresource) attrs.subresource = path.subresource;
  if (path.namespace) attrs.namespace = path.namespace;
  if (path.name) attrs.name = path.name;
  if (!ctx.auth.authorize(user, attrs)) throw ctx.auth.forbidden(user, attrs);
  if (!def.verbs.includes(verb as never) && !path.subresource && verb !== 'watch') throw methodNotAllowed();
  return { ctx, req, res, user, def, path, query, namespace: def.namespaced ? path.namespace : undefined };
}

export async function handleResource(r: RequestContext): Promise<void> {
  const { path, def } = r;
  const method = r.req.method ?? 'GET';
  const name = path.name;
  const watching = r.query.get('watch') === 'true' || r.query.get('watch') === '1' || path.watchPrefix;
  try {
    // A watch names its object through a field selector, not a storage key.
    if (!watching && !def.computed) checkPathName(name);
    if (path.subresource && STREAMING.has(path.subresource)) {
      const handler = r.ctx.subresources.get(path.subresource as PodSubresource);
      if (!handler || !name) throw notFoundResource();
      await handler.handleRequest(r.req, r.res, { namespace: r.namespace ?? '', name, query: r.query });
      return;
    }
    if (def.computed) {
      if (method !== 'GET') throw methodNotAllowed();
      handleMetrics(r, name);
      return;
    }
    if (def.group === 'authorization.k8s.io' && def.resource === 'selfsubjectaccessreviews') {
      if (method !== 'POST') throw methodNotAllowed();
      await handleSelfSubjectAccessReview(r);
      return;
    }
    if (def.group === 'authentication.k8s.io' && def.resource === 'selfsubjectreviews') {
      if (method !== 'POST') throw methodNotAllowed();
      await readBody(r.req);
      writeJson(r.res, 201, {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: { userInfo: { username: r.user.username, groups: r.user.groups } },
      });
      return;
    }
    if (def.group === 'authorization.k8s.io' && def.resource === 'selfsubjectrulesreviews') {
      if (method !== 'POST') throw methodNotAllowed();
      await handleSelfSubjectRulesReview(r);
      return;
    }
    if (path.subresource === 'token' && name && def.resource === 'serviceaccounts') {
      if (method !== 'POST') throw methodNotAllowed();
      await handleTokenRequest(r, name);
      return;
    }
    if (path.subresource === 'eviction' && name && def.resource === 'pods') {
      if (method !== 'POST') throw methodNotAllowed();
      await readBody(r.req);
      // policy/v1 Eviction: refused (429) while a PodDisruptionBudget selecting the pod allows no disruption
      const refusal = evictionRefusal(r.ctx.store, r.ctx.store.mustGet(def, r.namespace, name));
      if (refusal) {
        writeJson(r.res, 429, evictionRefusedStatus(refusal));
        return;
      }
      r.ctx.store.delete(def, r.namespace, name, { dryRun: isDryRun(r.query) });
      writeJson(r.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
      return;
    }
    if (path.subresource === 'scale' && name) {
      if (!['GET', 'PUT', 'PATCH'].includes(method)) throw methodNotAllowed();
      await handleScale(r, name, method);
      return;
    }
    const status = path.subresource === 'status' ? 'status' : undefined;
    if (path.subresource && !status) throw notFoundResource();
    if (status && !['GET', 'PUT', 'PATCH'].includes(method)) throw methodNotAllowed();
    switch (method) {
      case 'GET':
      case 'HEAD':
        if (name && !watching) handleGet(r, name);
        else {
          if (name)
            r.query.set(
              'fieldSelector',
              [r.query.get('fieldSelector'), `metadata.name=${name}`].filter(Boolean).join(','),
            );
          handleList(r);
        }
        return;
      case 'POST':
        if (name) throw methodNotAllowed();
        await handleCreate(r);
        return;
      case 'PUT':
        if (!name) throw methodNotAllowed();
        await handleUpdate(r, name, status);
        return;
      case 'PATCH':
        if (!name) throw methodNotAllowed();
        await handlePatch(r, name, status);
        return;
      case 'DELETE':
        if (name) await handleDelete(r, name);
        else await handleDeleteCollection(r);
        return;
      default:
        throw methodNotAllowed();
    }
  } catch (err) {
    writeError(r.res, err);
  }
}
