/** What a smart-terminal command runs with, and how Kubernetes answers become kubectl's text. */
import type { ClusterClient } from '@argus/plugin-sdk';
import type { Principal } from '../../auth/types.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { ResourceInfo } from '../../clusters/discovery.js';
import type { OperationsService } from '../../operations/operations-service.js';

export interface RunResult {
  output: string;
  exit_code: number;
  confirm?: { prompt: string };
}

/** A failure printed as kubectl prints it, exit code 1. */
export class KubectlError extends Error {}

export interface CommandContext {
  principal: Principal;
  clusterId: string;
  /** The namespace in effect: `-n`, else the client's context, else `default`. */
  namespace: string;
  /** Whether `-n` was given (kubectl's messages differ). */
  module: ClusterModule;
  operations: OperationsService;
  /** Kubernetes API requests through the kubectl gateway as the user (Argus RBAC, audit). */
  client: ClusterClient;
  stdin?: string;
  confirmed: boolean;
}

interface StatusLike {
  kind?: string;
  reason?: string;
  message?: string;
  code?: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Gone',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** `Error from server (Reason): message`, as kubectl prints a Status. */
export function statusError(status: number, body: Buffer): KubectlError {
  let s: StatusLike = {};
  try {
    s = JSON.parse(body.toString('utf8')) as StatusLike;
  } catch {
    s = { message: body.toString('utf8').trim() };
  }
  const reason = s.reason || REASONS[status] || 'Unknown';
  return new KubectlError(
    `Error from server (${reason}): ${s.message ?? `the server responded with status ${status}`}`,
  );
}

export interface Answer {
  status: number;
  body: Buffer;
  json<T>(): T;
}

/** A request as the user; non-2xx answers become kubectl's error text. */
export async function kube(
  ctx: CommandContext,
  req: {
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    path: string;
    headers?: Record<string, string>;
    body?: unknown;
  },
): Promise<Answer> {
  const res = await ctx.client.request(req);
  if (res.status < 200 || res.status >= 300) throw statusError(res.status, res.body);
  return { status: res.status, body: res.body, json: <T>() => JSON.parse(res.body.toString('utf8')) as T };
}

/** `deployment.apps` / `pod`: how kubectl names a kind in its messages. */
export function kindName(info: ResourceInfo): string {
  const kind = info.kind.toLowerCase();
  return info.group ? `${kind}.${info.group}` : kind;
}

/** `pods` / `deployments.apps` / `deploy` / `pods.v1.`: the resource a word names, from discovery. */
export async function resolveResource(
  ctx: Pick<CommandContext, 'module' | 'clusterId'>,
  word: string,
): Promise<ResourceInfo> {
  const { discovery } = ctx.module;
  const dot = word.indexOf('.');
  let info: ResourceInfo | undefined;
  if (dot > 0) {
    const name = word.slice(0, dot);
    const group = word.slice(dot + 1);
    const all = await discovery.all(ctx.clusterId);
    const lower = name.toLowerCase();
    info = all.find(
      (r) =>
        r.preferred &&
        r.group === group &&
        (r.resource === lower ||
          r.singular === lower ||
          r.kind.toLowerCase() === lower ||
          r.shortNames.includes(lower)),
    );
  }
  info ??= await discovery.byName(ctx.clusterId, word);
  if (!info) throw new KubectlError(`error: the server doesn't have a resource type "${word.split('/')[0]}"`);
  return info;
}
