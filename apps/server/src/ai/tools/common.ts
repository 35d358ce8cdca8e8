/** What the tools share: argument schemas that cannot smuggle flags, the cluster in effect, running kubectl-style lines. */
import { AppError } from '@argus/contracts';
import { z } from 'zod';
import type { RunResult } from '../../terminal/smart/run.js';
import type { ToolContext, ToolDeps } from './types.js';

/** Names and kinds are validated before they become words of a command line: no spaces, no leading `-`. */
export const nameArg = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name')
  .describe('object name');
export const namespaceArg = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name')
  .describe('namespace (defaults to the one the user is looking at, else "default")');
export const kindArg = z
  .string()
  .max(100)
  .regex(
    /^[A-Za-z][A-Za-z0-9.-]*$/,
    'must be a resource type such as pods, deployment, deploy, ingresses.networking.k8s.io',
  )
  .describe('resource type: plural, singular, kind or short name (pods, deployment, svc, cronjobs.batch)');
export const clusterArg = z
  .string()
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a cluster id or name')
  .describe('cluster id or name (defaults to the cluster the user is looking at)')
  .optional();

export async function clusterOf(deps: ToolDeps, ctx: ToolContext, cluster: string | undefined): Promise<string> {
  const want = cluster ?? ctx.clusterId;
  if (!want)
    throw new AppError(
      'VALIDATION_FAILED',
      'no cluster given and none in context: call list_clusters and pass "cluster"',
    );
  return (await deps.module.clusters.resolve(want)).id;
}

export const nsOf = (ctx: ToolContext, namespace: string | undefined): string =>
  namespace ?? ctx.namespace ?? 'default';

/** A kubectl-style line run as the caller (the smart terminal's engine: Argus RBAC, the gateway, audit). */
export async function kubectl(
  deps: ToolDeps,
  ctx: ToolContext,
  cluster: string,
  namespace: string,
  command: string,
  extra: { stdin?: string; confirmed?: boolean } = {},
): Promise<RunResult> {
  if (ctx.signal.aborted) throw new AppError('AI_PROVIDER_TIMEOUT', 'the turn was cancelled');
  return deps.runner.run(ctx.principal, { cluster, namespace, command, ...extra });
}
