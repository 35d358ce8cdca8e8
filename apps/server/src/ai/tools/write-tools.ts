/**
 * Write tools (issue 20 item 2): `plan` checks Argus RBAC as the user and previews the change (server-side
 * dry run and diff for apply; the exact field for scale) without changing anything; `execute` runs only
 * after the user approved the confirmation, as the user, through the same operations the UI and the smart
 * terminal use (the kubectl gateway for delete/scale/restart/undo, the apply service for YAML).
 */
import { AppError } from '@argus/contracts';
import { unifiedDiff } from '@argus/contracts/unified-diff';
import { stringify } from 'yaml';
import { z } from 'zod';
import { applyObjects, planApply, readableYaml } from '../../clusters/apply-service.js';
import { isSecretsResource } from '../../clusters/secret-redaction.js';
import type { KubeObject } from '../../clusters/selectors.js';
import { resolveResource } from '../../terminal/smart/context.js';
import { redactObjects } from '../safety/redact-output.js';
import { clusterArg, clusterOf, kindArg, kubectl, nameArg, namespaceArg, nsOf } from './common.js';
import type { ToolContext, ToolDeps, ToolOutput, WriteTool } from './types.js';

/** Argus RBAC for the exact request, as the gateway will decide it (`auth can-i` of the smart terminal). */
async function require(
  deps: ToolDeps,
  ctx: ToolContext,
  cluster: string,
  ns: string,
  verb: 'delete' | 'patch',
  what: string,
  subresource?: string,
): Promise<void> {
  const r = await kubectl(
    deps,
    ctx,
    cluster,
    ns,
    `auth can-i ${verb} ${what} -n ${ns}${subresource ? ` --subresource=${subresource}` : ''}`,
  );
  if (r.output.startsWith('error')) throw new AppError('VALIDATION_FAILED', r.output.trim());
  if (r.exit_code !== 0)
    throw new AppError(
      'FORBIDDEN',
      `Argus RBAC does not allow you to ${verb} ${what}${subresource ? `/${subresource}` : ''} in namespace "${ns}"`,
    );
}

async function current(deps: ToolDeps, ctx: ToolContext, cluster: string, ns: string, kind: string, name: string) {
  const r = await kubectl(deps, ctx, cluster, ns, `get ${kind} ${name} -n ${ns} -o json`);
  if (r.exit_code !== 0) {
    const notFound = /NotFound|not found/.test(r.output);
    throw new AppError(notFound ? 'NOT_FOUND' : 'VALIDATION_FAILED', r.output.trim().slice(0, 500));
  }
  return redactObjects(JSON.parse(r.output)) as KubeObject;
}

const ran = (r: { output: string; exit_code: number }, summary: string): ToolOutput => ({
  ok: r.exit_code === 0,
  text: r.output || '(no output)',
  summary: r.exit_code === 0 ? summary : `failed: ${r.output.split('\n')[0]?.slice(0, 200) ?? ''}`,
});

const objectArgs = z.object({ cluster: clusterArg, kind: kindArg, name: nameArg, namespace: namespaceArg.optional() });
type ObjectArgs = z.infer<typeof objectArgs>;

const place = async (
  deps: ToolDeps,
  ctx: ToolContext,
  a: { cluster?: string | undefined; namespace?: string | undefined },
) => {
  const cluster = await clusterOf(deps, ctx, a.cluster);
  return { cluster, ns: nsOf(ctx, a.namespace) };
};

const deleteResource: WriteTool<ObjectArgs> = {
  kind: 'write',
  name: 'delete_resource',
  description: "Delete one object. Needs the user's confirmation: the turn stops and the user approves or rejects.",
  schema: objectArgs,
  async plan(deps, ctx, a) {
    const { cluster, ns } = await place(deps, ctx, a);
    await require(deps, ctx, cluster, ns, 'delete', `${a.kind}/${a.name}`);
    const o = await current(deps, ctx, cluster, ns, a.kind, a.name);
    const where = o.metadata.namespace ? `${o.metadata.namespace}/` : '';
    return {
      summary: `Delete ${o.kind} ${where}${a.name}`,
      diff: unifiedDiff(readableYaml(o), '', `live ${a.kind}/${a.name}`, '/dev/null'),
      arguments: { ...a, cluster, namespace: ns },
    };
  },
  async execute(deps, ctx, a) {
    const { cluster, ns } = await place(deps, ctx, a);
    const r = await kubectl(deps, ctx, cluster, ns, `delete ${a.kind} ${a.name} -n ${ns}`, { confirmed: true });
    return ran(r, `deleted ${a.kind}/${a.name}`);
  },
};

const scaleArgs = objectArgs.extend({ replicas: z.number().int().min(0).max(1000) });
const scale: WriteTool<z.infer<typeof scaleArgs>> = {
  kind: 'write',
  name: 'scale',
  description: "Set the replica count of a Deployment, StatefulSet or ReplicaSet. Needs the user's confirmation.",
  schema: scaleArgs,
  async plan(deps, ctx, a) {
    const { cluster, ns } = await place(deps, ctx, a);
    await require(deps, ctx, cluster, ns, 'patch', `${a.kind}/${a.name}`, 'scale');
    const o = await current(deps, ctx, cluster, ns, a.kind, a.name);
    const before = (o.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    return {
      summary: `Scale ${o.kind} ${ns}/${a.name} from ${before} to ${a.replicas} replicas`,
      diff: unifiedDiff(
        stringify({ spec: { replicas: before } }),
        stringify({ spec: { replicas: a.replicas } }),
        `live ${a.kind}/${a.name}`,
        `scaled ${a.kind}/${a.name}`,
      ),
      arguments: { ...a, cluster, namespace: ns },
    };
  },
  async execute(deps, ctx, a) {
    const { cluster, ns } = await place(deps, ctx, a);
    return ran(
      await kubectl(deps, ctx, cluster, ns, `scale ${a.kind}/${a.name} --replicas=${a.replicas} -n ${ns}`),
      `scaled ${a.kind}/${a.name} to ${a.replicas}`,
    );
  },
};

const restart: WriteTool<ObjectArgs> = {
  kind: 'write',
  name: 'restart_rollout',
  description: "Restart a Deployment, StatefulSet or DaemonSet (its pods are replaced). Needs the user's confirmation.",
  schema: objectArgs,
  async plan(deps, ctx, a) {
    const { cluster, ns } = await place(deps, ctx, a);
    await require(deps, ctx, cluster, ns, 'patch', `${a.kind}/${a.name}`);
    const o = await current(deps, ctx, cluster, ns, a.kind, a.name);
    return {
      summary: `Restart the rollout of ${o.kind} ${ns}/${a.name}: its pods are replaced`,
      diff: unifiedDiff(
        '',
        'spec.template.metadata.annotations:\n  kubectl.kubernetes.io/restartedAt: <now>\n',
        `live ${a.kind}/${a.name}`,
        `restarted ${a.kind}/${a.name}`,
      ),
      arguments: { ...a, cluster, namespace: ns },
    };
  },
  async execute(deps, ctx, a) {
    const { cluster, ns } = await place(deps, ctx, a);
    return ran(
      await kubectl(deps, ctx, cluster, ns, `rollout restart ${a.kind}/${a.name} -n ${ns}`),
      `restarted ${a.kind}/${a.name}`,
    );
  },
};

const rollbackArgs = objectArgs.extend({
  revision: z.number().int().min(1).optional().describe('the revision to return to (default: the previous one)'),
});
const rollback: WriteTool<z.infer<typeof rollbackArgs>> = {
  kind: 'write',
  name: 'rollback',
  description:
    "Roll a Deployment, StatefulSet or DaemonSet back to an earlier revision. Needs the user's confirmation.",
  schema: rollbackArgs,
  async plan(deps, ctx, a) {
    const { cluster, ns } = await place(deps, ctx, a);
    await require(deps, ctx, cluster, ns, 'patch', `${a.kind}/${a.name}`);
    const info = await resolveResource({ module: deps.module, clusterId: cluster }, a.kind);
    const revisions = await deps.operations.revisions({ clusterId: cluster, info, namespace: ns, name: a.name });
    const history = await kubectl(deps, ctx, cluster, ns, `rollout history ${a.kind}/${a.name} -n ${ns}`);
    const count = revisions.items.length;
    if (count < 2 && !a.revision)
      throw new AppError('REVISION_NOT_FOUND', `${a.kind}/${a.name} has no earlier revision to roll back to`);
    return {
      summary: `Roll back ${info.kind} ${ns}/${a.name} to ${a.revision ? `revision ${a.revision}` : 'the previous revision'}`,
      diff: history.output,
      arguments: { ...a, cluster, namespace: ns },
    };
  },
  async execute(deps, ctx, a) {
    const { cluster, ns } = await place(deps, ctx, a);
    const r = await kubectl(
      deps,
      ctx,
      cluster,
      ns,
      `rollout undo ${a.kind}/${a.name} -n ${ns}${a.revision ? ` --to-revision=${a.revision}` : ''}`,
    );
    return ran(r, `rolled back ${a.kind}/${a.name}`);
  },
};

const applyArgs = z.object({
  cluster: clusterArg,
  namespace: namespaceArg.optional(),
  yaml: z
    .string()
    .min(1)
    .max(256 * 1024)
    .describe('one or more YAML documents'),
});
type ApplyArgs = z.infer<typeof applyArgs>;

async function planned(deps: ToolDeps, ctx: ToolContext, a: ApplyArgs) {
  const { cluster, ns } = await place(deps, ctx, a);
  const objects = await planApply(deps.module.discovery, cluster, a.yaml, ns);
  // a Secret's values would pass through the model and be stored with the conversation: not through the assistant
  if (objects.some((p) => isSecretsResource(p.info)))
    throw new AppError(
      'VALIDATION_FAILED',
      'the assistant does not apply Secrets (their values would pass through the model): create them from the Secrets page or with kubectl',
    );
  for (const p of objects)
    if (
      !(await deps.authorizer.can(ctx.principal, 'resources', 'write', {
        clusterId: cluster,
        ...(p.namespace ? { namespace: p.namespace } : {}),
      }))
    )
      throw new AppError(
        'FORBIDDEN',
        `Argus RBAC does not allow you to change ${p.info.resource}${p.namespace ? ` in namespace "${p.namespace}"` : ''}`,
      );
  return { cluster, ns, objects };
}

const applyYaml: WriteTool<ApplyArgs> = {
  kind: 'write',
  name: 'apply_yaml',
  description:
    'Server-side apply YAML (create or change objects). A dry run shows the diff on the confirmation card; nothing changes until the user approves.',
  schema: applyArgs,
  async plan(deps, ctx, a) {
    const { cluster, ns, objects } = await planned(deps, ctx, a);
    // Secret values never show in a diff the model or the card sees
    const results = await applyObjects(await deps.module.clusters.connection(cluster), objects, {
      dryRun: true,
      force: false,
      secrets: new Set(),
    });
    const failed = results.filter((r) => r.action === 'failed');
    if (failed.length === results.length)
      throw new AppError(
        'INVALID_OBJECT',
        `the dry run failed: ${failed.map((f) => `${f.kind}/${f.name}: ${f.error?.message}`).join('; ')}`,
      );
    return {
      summary: `Apply ${results.map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} (${r.action})`).join(', ')}`,
      diff: results.map((r) => r.diff || (r.error ? `# ${r.kind}/${r.name}: ${r.error.message}\n` : '')).join('\n'),
      arguments: { ...a, cluster, namespace: ns },
    };
  },
  async execute(deps, ctx, a) {
    const { cluster, objects } = await planned(deps, ctx, a);
    const results = await applyObjects(await deps.module.clusters.connection(cluster), objects, {
      dryRun: false,
      force: false,
      secrets: new Set(),
      fieldManager: 'argus-assistant',
    });
    const text = results
      .map((r) => `${r.kind.toLowerCase()}/${r.name} ${r.action}${r.error ? `: ${r.error.message}` : ''}`)
      .join('\n');
    return {
      ok: results.every((r) => r.action !== 'failed'),
      text,
      summary: text.split('\n').join('; ').slice(0, 300),
    };
  },
};

export const WRITE_TOOLS = [applyYaml, deleteResource, scale, restart, rollback] as unknown as WriteTool<never>[];
