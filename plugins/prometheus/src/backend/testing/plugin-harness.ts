/**
 * A small stand-in for the plugin engine in tests: the SDK's services over one kube-sim cluster, a
 * router that validates queries and bodies with the route's zod schemas, checks answers against its declared
 * responses and maps AppErrors to `{status, body}` as the server does, and a `can` the test decides.
 */
import { AppError } from '@argus/contracts';
import {
  type ClusterAccess,
  type KubeReply,
  type PluginConfigStore,
  type PluginLogger,
  PluginResponse,
  type PluginRouter,
  type RouteContext,
  type RouteDefinition,
} from '@argus/plugin-sdk';
import { z } from 'zod';

export const CLUSTER_ID = 'c1';

export function silentLogger(): PluginLogger {
  const log: PluginLogger = { debug() {}, info() {}, warn() {}, error() {}, child: () => log };
  return log;
}

/** ClusterAccess over a kube-sim (or any API server) URL with a bearer token. */
export function simClusters(url: string, token: string): ClusterAccess {
  return {
    list: async () => [{ id: CLUSTER_ID, name: 'sim', status: 'connected' }],
    get: async () => ({ id: CLUSTER_ID, name: 'sim', status: 'connected' }),
    gatewayKubeconfig: async () => {
      throw new Error('not in the harness');
    },
    asUser: async () => {
      throw new Error('not in the harness');
    },
    client: () => ({
      async request(call): Promise<KubeReply> {
        const body =
          call.body === undefined || Buffer.isBuffer(call.body) || typeof call.body === 'string'
            ? (call.body as Buffer | string | undefined)
            : JSON.stringify(call.body);
        const res = await fetch(`${url}${call.path}`, {
          method: call.method ?? 'GET',
          headers: { Authorization: `Bearer ${token}`, ...call.headers },
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(call.timeoutMs ?? 30_000),
        });
        const buf = Buffer.from(await res.arrayBuffer());
        return {
          status: res.status,
          headers: Object.fromEntries(res.headers.entries()),
          body: buf,
          json: <T>() => JSON.parse(buf.toString('utf8')) as T,
        };
      },
    }),
  };
}

export function memoryConfig<C>(schema: z.ZodType<C>): PluginConfigStore<C> & { raw: Map<string, unknown> } {
  const raw = new Map<string, unknown>();
  return {
    raw,
    get: async (id) => schema.parse(raw.get(id) ?? {}),
    set: async (id, value) => {
      raw.set(id, schema.parse(value));
    },
  };
}

export interface HarnessReply {
  status: number;
  body: unknown;
}

export interface Caller {
  /** Whether the caller holds resource:action (on the whole cluster, or in the namespace). */
  can(resource: string, action: string, namespace?: string): boolean;
}

export const clusterViewer: Caller = { can: (resource) => resource === 'prometheus.metrics' };

export interface TestRouter extends PluginRouter {
  call(
    method: string,
    path: string,
    opts?: { query?: Record<string, string>; body?: unknown; as?: Caller },
  ): Promise<HarnessReply>;
}

function validate<T>(schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return value as T;
  const res = schema.safeParse(value);
  if (!res.success)
    throw new AppError(
      'VALIDATION_FAILED',
      res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return res.data;
}

/**
 * As the server does in tests (VALIDATE_RESPONSES): a JSON answer must match the schema the route declares for
 * its status, else 500 RESPONSE_SCHEMA_MISMATCH.
 */
function checkResponse(def: RouteDefinition<unknown, unknown, unknown>, answer: HarnessReply): HarnessReply {
  if (answer.body === undefined || Buffer.isBuffer(answer.body) || typeof answer.body === 'string') return answer;
  const body: unknown = JSON.parse(JSON.stringify(answer.body));
  const declared = def.responses[answer.status];
  let problem: string | undefined;
  if (!declared) problem = `no response schema declared for status ${answer.status}`;
  else if (declared instanceof z.ZodType) {
    const r = declared.safeParse(body);
    if (!r.success) problem = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  if (!problem) return { status: answer.status, body };
  const message = `${def.method} ${def.path} answered ${answer.status} with a body its schema does not allow: ${problem}`;
  return { status: 500, body: { error: { code: 'RESPONSE_SCHEMA_MISMATCH', message } } };
}

export function createTestRouter(): TestRouter {
  const routes = new Map<string, RouteDefinition<unknown, unknown, unknown>>();
  return {
    route(def) {
      routes.set(`${def.method} ${def.path}`, def as RouteDefinition<unknown, unknown, unknown>);
    },
    async call(method, path, opts = {}) {
      const def = routes.get(`${method} ${path}`);
      if (!def) return { status: 404, body: { error: { code: 'ROUTE_NOT_FOUND', message: path } } };
      const as = opts.as ?? clusterViewer;
      try {
        const ctx = {
          clusterId: CLUSTER_ID,
          enabledClusters: async () => [{ id: CLUSTER_ID, name: 'sim', status: 'connected' }],
          params: validate(def.params, {}),
          query: validate(def.query, opts.query ?? {}),
          body: validate(def.body, opts.body),
          principal: { userId: 'u1', email: 'u1@example.com' },
          can: async (resource: string, action: string, scope?: { namespace?: string }) =>
            as.can(resource, action, scope?.namespace),
          log: silentLogger(),
          signal: new AbortController().signal,
        };
        const out = await def.handler(ctx as RouteContext<unknown, unknown, unknown>);
        if (out instanceof PluginResponse) return checkResponse(def, { status: out.status, body: out.body });
        return checkResponse(def, { status: 200, body: out });
      } catch (err) {
        if (err instanceof AppError) return { status: err.status, body: err.toBody() };
        throw err;
      }
    },
  };
}
