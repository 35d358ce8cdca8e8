/**
 * Tests only: runs the plugin's backend over kube-sim without the server. A ClusterClient speaking
 * HTTPS to the sim with its admin token, a router that validates input and answers like the engine does, helm, and the
 * server's real SSRF guard as `outbound` (nothing allowed beyond public addresses unless `allowedCidrs`).
 */
import { execFile } from 'node:child_process';
import { request } from 'node:https';
import { isAppError } from '@argus/contracts';
import { helmPath, type SimFixture, startSimFixture } from '@argus/kube-sim/testing';
import type { ClusterClient, KubeReply, PluginLogger, PluginResponse, RouteDefinition } from '@argus/plugin-sdk';
import { PluginResponse as Response } from '@argus/plugin-sdk';
import { z } from 'zod';
import { createOutboundGuard } from '../../../../apps/server/src/outbound/outbound-guard.js';
import plugin from '../backend/index.js';

export const silentLogger: PluginLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

export function simClient(f: SimFixture): ClusterClient {
  return {
    request(call) {
      return new Promise<KubeReply>((resolve, reject) => {
        const raw =
          call.body === undefined
            ? undefined
            : Buffer.isBuffer(call.body) || typeof call.body === 'string'
              ? call.body
              : JSON.stringify(call.body);
        const req = request(
          `${f.sim.url}${call.path}`,
          {
            method: call.method ?? 'GET',
            ca: f.sim.caPem,
            headers: {
              authorization: `Bearer ${f.sim.tokens.admin}`,
              accept: 'application/json',
              ...(raw === undefined ? {} : { 'content-type': 'application/json' }),
              ...call.headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const body = Buffer.concat(chunks);
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body,
                json: () => JSON.parse(body.toString('utf8')),
              });
            });
          },
        );
        req.on('error', reject);
        req.end(raw);
      });
    },
  };
}

export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** Namespaces the caller may act in per action; absent = everything. */
  allow?: Partial<Record<string, string[]>>;
  scope?: 'cluster' | 'global';
}

export interface SimPluginHost {
  fixture: SimFixture;
  client: ClusterClient;
  helm(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  call(method: string, path: string, opts?: CallOptions): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] as string;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(s[i] as string);
    else if (seg !== s[i]) return undefined;
  }
  return params;
}

/** As the server does in tests (VALIDATE_RESPONSES): a JSON answer must match the schema declared for its status. */
function checkResponse(
  def: RouteDefinition<unknown, unknown, unknown>,
  method: string,
  answer: { status: number; body: unknown },
): { status: number; body: unknown } {
  const declared = def.responses[answer.status];
  if (answer.body === undefined || Buffer.isBuffer(answer.body) || typeof answer.body === 'string') return answer;
  const body = JSON.parse(JSON.stringify(answer.body));
  const problem = !declared
    ? `no response schema declared for status ${answer.status}`
    : declared instanceof z.ZodType
      ? (() => {
          const r = declared.safeParse(body);
          return r.success ? undefined : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        })()
      : undefined;
  if (!problem) return { status: answer.status, body };
  const message = `${method} ${def.path} answered ${answer.status} with a body its schema does not allow: ${problem}`;
  return { status: 500, body: { error: { code: 'RESPONSE_SCHEMA_MISMATCH', message } } };
}

export async function startSimPluginHost(options: { allowedCidrs?: string[] } = {}): Promise<SimPluginHost> {
  const fixture = await startSimFixture({ tls: true });
  const client = simClient(fixture);
  const routes: RouteDefinition<unknown, unknown, unknown>[] = [];
  const helmBin = helmPath();
  const deps = {
    logger: silentLogger,
    host: { helm: helmBin },
    // silentLogger has pino's call shapes (child, debug, info, warn).
    outbound: createOutboundGuard({ allowedCidrs: options.allowedCidrs ?? [], logger: silentLogger as never }),
    clusters: {
      list: async () => [{ id: 'c1', name: 'sim', status: 'connected' }],
      get: async (id: string) => ({ id, name: 'sim', status: 'connected' }),
      client: () => client,
      gatewayKubeconfig: async () => ({ path: fixture.kubeconfig, dispose: async () => {} }),
      // Without the server there is no gateway: the sim's admin client stands in (server.e2e.test.ts has the real one).
      asUser: <T>(_p: unknown, _c: string, fn: (c: typeof client) => Promise<T>) => fn(client),
    },
  };
  await plugin.registerRoutes?.(
    { route: (def) => void routes.push(def as RouteDefinition<unknown, unknown, unknown>) },
    deps as never,
  );
  const helmEnv = {
    HOME: fixture.dir,
    HELM_CACHE_HOME: `${fixture.dir}/helm-cache`,
    HELM_CONFIG_HOME: `${fixture.dir}/helm-config`,
    HELM_DATA_HOME: `${fixture.dir}/helm-data`,
  };

  return {
    fixture,
    client,
    helm: (args) =>
      new Promise((resolve) => {
        execFile(
          helmBin,
          [...args, '--kubeconfig', fixture.kubeconfig],
          { env: helmEnv, timeout: 60_000 },
          (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
        );
      }),
    async call(method, path, opts = {}) {
      const scope = opts.scope ?? 'cluster';
      for (const def of routes) {
        if (def.method !== method || (def.scope ?? 'cluster') !== scope) continue;
        const params = match(def.path, path);
        if (!params) continue;
        try {
          const parsedParams = def.params ? def.params.parse(params) : params;
          const query = def.query ? def.query.parse(opts.query ?? {}) : (opts.query ?? {});
          const body = def.body ? def.body.parse(opts.body ?? {}) : opts.body;
          const can = async (_r: string, action: string, s?: { namespace?: string }) => {
            const allowed = opts.allow?.[action];
            if (!opts.allow) return true;
            return (
              !!allowed && (allowed.includes('*') || (s?.namespace !== undefined && allowed.includes(s.namespace)))
            );
          };
          const out = await def.handler({
            clusterId: 'c1',
            enabledClusters: async () => [{ id: 'c1', name: 'sim', status: 'connected' }],
            params: parsedParams,
            query,
            body,
            principal: { userId: 'u1', email: 'u1@example.com' },
            can,
            log: silentLogger,
            signal: new AbortController().signal,
          } as never);
          const answer =
            out instanceof Response
              ? { status: (out as PluginResponse).status, body: (out as PluginResponse).body }
              : { status: 200, body: out };
          return checkResponse(def, method, answer);
        } catch (err) {
          if (isAppError(err)) return { status: err.status, body: err.toBody() };
          if (err && typeof err === 'object' && 'issues' in err)
            return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: String(err) } } };
          throw err;
        }
      }
      throw new Error(`no route ${method} ${path}`);
    },
    close: () => fixture.close(),
  };
}
