/**
 * Turns a route's declaration into its OpenAPI operation: the zod schemas (fastify-type-provider-zod's
 * transform), plus what Argus knows of every route — its tag, who may call it (`security` and the
 * `x-argus-permission` extension), and the contract's error body for the statuses any route may answer.
 */
import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { describePermission, type RoutePermission } from '../route-permission.js';

export const OPENAPI_INFO = {
  title: 'Argus API',
  description:
    'The REST API of Argus, a multi-cluster Kubernetes dashboard. JSON bodies use snake_case; errors are `{"error":{"code","message"}}` with a stable code. Conventions, the WebSocket protocols and examples: docs/api.md.',
};

const ERROR_BODY = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'A stable error code, e.g. FORBIDDEN', examples: ['FORBIDDEN'] },
        message: { type: 'string' },
        details: {},
      },
    },
  },
};

const ERRORS: Record<string, string> = {
  400: 'Bad input (VALIDATION_FAILED, INVALID_PATH, INVALID_JSON, …)',
  401: 'No or invalid credentials (UNAUTHENTICATED, TOKEN_EXPIRED, …)',
  403: 'Not allowed (FORBIDDEN)',
  404: 'Not found',
  429: 'Rate limited (RATE_LIMITED)',
  503: 'Setup not done (SETUP_REQUIRED), or unavailable',
};

/** A route's tag: its plugin, or the area of the API it belongs to. */
export function tagFor(url: string): string {
  const plugin = /^\/api\/plugins\/([^/]+)\//.exec(url);
  if (plugin) return `plugin: ${plugin[1]}`;
  if (/^\/api\/clusters\/:clusterId\/k8s/.test(url)) return 'kubectl gateway';
  if (/^\/api\/clusters\/:clusterId\/(resources|apply|api-resources|events|namespaces|logs)/.test(url))
    return 'resources';
  if (/^\/api\/clusters\/:clusterId\/plugins/.test(url) || url === '/api/plugins') return 'plugins';
  if (/^\/api\/clusters/.test(url)) return 'clusters';
  if (/^\/api\/(resources|search)/.test(url)) return 'resources';
  if (/^\/api\/(auth|setup|api-keys)/.test(url)) return 'identity';
  if (/^\/api\/(users|roles)/.test(url)) return 'users and roles';
  if (/^\/api\/settings/.test(url)) return 'settings';
  if (/^\/api\/audit-log/.test(url)) return 'audit';
  if (/^\/ws/.test(url)) return 'live updates';
  return 'health';
}

/** What the API reference shows: the API, health and WebSocket routes; not the web UI's pages. */
export function documented(url: string): boolean {
  return /^\/(api|ws)(\/|$)/.test(url) || ['/healthz', '/readyz', '/metrics'].includes(url);
}

type Transform = typeof jsonSchemaTransform;

/** A zod schema's metadata (`.meta({...})`, zod's global registry). */
function metaOf(schema: unknown): { examples?: unknown[] } | undefined {
  const meta = (schema as { meta?: () => unknown } | undefined)?.meta;
  return typeof meta === 'function' ? (meta.call(schema) as { examples?: unknown[] } | undefined) : undefined;
}

export const describeRoute: Transform = (input) => {
  const { url } = input;
  const route = (input as { route?: RouteOptions }).route;
  if (!documented(url)) return { schema: { hide: true } as FastifySchema, url };
  const out = jsonSchemaTransform(input);
  const schema = { ...(out.schema as Record<string, unknown>) };
  if (schema.hide) return out;
  // The transform keeps only registered ids of zod metadata: carry the examples of the body and query over.
  for (const part of ['body', 'querystring'] as const) {
    const examples = metaOf(input.schema?.[part])?.examples;
    if (examples && schema[part]) schema[part] = { ...(schema[part] as object), examples };
  }
  const permission = (route?.config as { permission?: RoutePermission } | undefined)?.permission;
  schema.tags ??= [tagFor(url)];
  schema['x-argus-permission'] = describePermission(permission);
  schema.security = permission === 'public' || permission === undefined ? [] : [{ bearer: [] }, { apiKey: [] }];
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  for (const [status, description] of Object.entries(ERRORS)) {
    if (status === '401' && permission === 'public') continue;
    response[status] ??= { description, content: { 'application/json': { schema: ERROR_BODY } } };
  }
  schema.response = response;
  return { schema: schema as FastifySchema, url: out.url };
};
