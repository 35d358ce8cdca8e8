/**
 * Read tools (issue 20 item 2): each runs AS THE USER through the smart terminal's engine (the same Argus RBAC,
 * gateway and operations the UI and terminal use), so the assistant sees exactly what the user may see.
 */
import { AppError } from '@argus/contracts';
import { stringify } from 'yaml';
import { z } from 'zod';
import { search } from '../../clusters/fleet.js';
import { redactObjects } from '../safety/redact-output.js';
import { accessOf } from './access-of.js';
import { clusterArg, clusterOf, kindArg, kubectl, nameArg, namespaceArg, nsOf } from './common.js';
import type { ReadTool, ToolDeps, ToolOutput } from './types.js';

const out = (r: { output: string; exit_code: number }, summary: string, keep?: 'end'): ToolOutput => ({
  ok: r.exit_code === 0,
  text: r.output || '(no output)',
  summary: r.exit_code === 0 ? summary : `failed: ${r.output.split('\n')[0]?.slice(0, 200) ?? ''}`,
  ...(keep ? { keep } : {}),
});

const lines = (s: string) => Math.max(0, s.trimEnd().split('\n').length - 1);

const listClusters: ReadTool<Record<string, never>> = {
  kind: 'read',
  name: 'list_clusters',
  description: 'List the clusters registered in Argus (id, name, status) that the user can see.',
  schema: z.object({}).strict() as never,
  async run(deps, ctx) {
    const all = await deps.module.clusters.list();
    const mine = [];
    for (const c of all)
      if (await deps.authorizer.canAnywhere(ctx.principal, 'resources', 'read', c.id))
        mine.push({ id: c.id, name: c.name, ...('status' in c ? { status: (c as { status?: unknown }).status } : {}) });
    return { ok: true, text: JSON.stringify(mine, null, 1), summary: `${mine.length} cluster(s)` };
  },
};

const listArgs = z.object({
  cluster: clusterArg,
  kind: kindArg,
  namespace: namespaceArg.optional(),
  all_namespaces: z.boolean().optional().describe('every namespace the user may read'),
  label_selector: z
    .string()
    .max(500)
    .regex(/^[A-Za-z0-9_.\-/=!,() ]+$/, 'must be a label selector')
    .optional(),
});
const listResources: ReadTool<z.infer<typeof listArgs>> = {
  kind: 'read',
  name: 'list_resources',
  description: 'List objects of one resource type in a namespace (or all namespaces), like `kubectl get -o wide`.',
  schema: listArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const ns = nsOf(ctx, a.namespace);
    const sel = a.label_selector ? ` '--selector=${a.label_selector}'` : '';
    const r = await kubectl(
      deps,
      ctx,
      cluster,
      ns,
      `get ${a.kind}${a.all_namespaces ? ' -A' : ` -n ${ns}`}${sel} -o wide`,
    );
    return out(r, `${lines(r.output)} ${a.kind}`);
  },
};

const objectArgs = z.object({ cluster: clusterArg, kind: kindArg, name: nameArg, namespace: namespaceArg.optional() });
type ObjectArgs = z.infer<typeof objectArgs>;

/** The object as JSON through the runner (as the user), Secrets without values. */
async function getJson(deps: ToolDeps, ctx: Parameters<ReadTool['run']>[1], cluster: string, a: ObjectArgs) {
  const r = await kubectl(
    deps,
    ctx,
    cluster,
    nsOf(ctx, a.namespace),
    `get ${a.kind} ${a.name} -n ${nsOf(ctx, a.namespace)} -o json`,
  );
  if (r.exit_code !== 0) return { r, object: undefined };
  return { r, object: redactObjects(JSON.parse(r.output)) as Record<string, unknown> };
}

const getResource: ReadTool<ObjectArgs> = {
  kind: 'read',
  name: 'get_resource',
  description: 'One object as YAML (status included; Secrets show only their keys and sizes, never values).',
  schema: objectArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const { r, object } = await getJson(deps, ctx, cluster, a);
    if (!object) return out(r, '');
    const meta = { ...(object.metadata as Record<string, unknown>) };
    delete meta.managedFields;
    const annotations = { ...((meta.annotations as Record<string, string>) ?? {}) };
    delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    meta.annotations = annotations;
    return { ok: true, text: stringify({ ...object, metadata: meta }), summary: `${a.kind}/${a.name}` };
  },
};

/** Owner references followed upwards (Pod → ReplicaSet → Deployment), as far as the user may read. */
async function ownerChain(deps: ToolDeps, ctx: Parameters<ReadTool['run']>[1], cluster: string, a: ObjectArgs) {
  const chain: string[] = [];
  let current = a;
  for (let i = 0; i < 5; i++) {
    const { object } = await getJson(deps, ctx, cluster, current);
    const owner = ((object?.metadata as { ownerReferences?: { kind: string; name: string; apiVersion: string }[] })
      ?.ownerReferences ?? [])[0];
    if (!owner) break;
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
    chain.push(`${owner.kind}/${owner.name}`);
    current = {
      ...current,
      kind: group ? `${owner.kind.toLowerCase()}.${group}` : owner.kind.toLowerCase(),
      name: owner.name,
    };
  }
  return chain;
}

const describeResource: ReadTool<ObjectArgs> = {
  kind: 'read',
  name: 'describe_resource',
  description:
    'kubectl-describe text of one object with its recent events, plus its owner chain (e.g. Pod → ReplicaSet → Deployment).',
  schema: objectArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const ns = nsOf(ctx, a.namespace);
    const r = await kubectl(deps, ctx, cluster, ns, `describe ${a.kind} ${a.name} -n ${ns}`);
    if (r.exit_code !== 0) return out(r, '');
    const chain = await ownerChain(deps, ctx, cluster, a);
    const owners = chain.length ? `\nOwner chain: ${a.kind}/${a.name} → ${chain.join(' → ')}\n` : '';
    return {
      ok: true,
      text: r.output + owners,
      summary: `described ${a.kind}/${a.name}${chain.length ? ` (owned by ${chain.at(-1)})` : ''}`,
    };
  },
};

const eventArgs = z.object({
  cluster: clusterArg,
  namespace: namespaceArg.optional(),
  all_namespaces: z.boolean().optional(),
  for_object: z
    .string()
    .max(300)
    .regex(/^[A-Za-z][A-Za-z0-9.-]*\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be KIND/NAME')
    .optional()
    .describe('only events about this object, e.g. pod/web-1'),
  warnings_only: z.boolean().optional(),
});
const listEvents: ReadTool<z.infer<typeof eventArgs>> = {
  kind: 'read',
  name: 'list_events',
  description: 'Events of a namespace (oldest first), optionally only for one object or only warnings.',
  schema: eventArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const ns = nsOf(ctx, a.namespace);
    const cmd = `events${a.all_namespaces ? ' -A' : ` -n ${ns}`}${a.for_object ? ` --for ${a.for_object}` : ''}${a.warnings_only ? ' --types=Warning' : ''}`;
    const r = await kubectl(deps, ctx, cluster, ns, cmd);
    return out(r, `${lines(r.output)} event(s)`, 'end');
  },
};

const logArgs = z.object({
  cluster: clusterArg,
  namespace: namespaceArg.optional(),
  pod: nameArg,
  container: nameArg.optional(),
  tail_lines: z.number().int().min(1).max(2000).optional().describe('last N lines (default 200)'),
  previous: z.boolean().optional().describe("the previous (crashed) container's log"),
  grep: z.string().max(200).optional().describe('only lines containing this text (case-insensitive)'),
});
const getLogs: ReadTool<z.infer<typeof logArgs>> = {
  kind: 'read',
  name: 'get_logs',
  description:
    "A pod container's log: the last lines, optionally only those matching a text, or the previous container's.",
  schema: logArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const ns = nsOf(ctx, a.namespace);
    const tail = a.tail_lines ?? (a.grep ? 2000 : 200);
    const cmd = `logs ${a.pod} -n ${ns}${a.container ? ` -c ${a.container}` : ''} --tail=${tail}${a.previous ? ' --previous' : ''}`;
    const r = await kubectl(deps, ctx, cluster, ns, cmd);
    if (r.exit_code !== 0 || !a.grep) return out(r, `${lines(r.output) + 1} log line(s)`, 'end');
    const needle = a.grep.toLowerCase();
    const hits = r.output.split('\n').filter((l) => l.toLowerCase().includes(needle));
    return {
      ok: true,
      text: hits.join('\n') || `(no line contains "${a.grep}")`,
      summary: `${hits.length} matching line(s)`,
      keep: 'end',
    };
  },
};

const topArgs = z.object({
  cluster: clusterArg,
  what: z.enum(['pods', 'nodes']),
  namespace: namespaceArg.optional(),
  all_namespaces: z.boolean().optional(),
});
const top: ReadTool<z.infer<typeof topArgs>> = {
  kind: 'read',
  name: 'top',
  description: 'CPU and memory usage of pods or nodes (metrics.k8s.io).',
  schema: topArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const ns = nsOf(ctx, a.namespace);
    const cmd = a.what === 'nodes' ? 'top nodes' : `top pods${a.all_namespaces ? ' -A' : ` -n ${ns}`}`;
    return out(await kubectl(deps, ctx, cluster, ns, cmd), `usage of ${a.what}`);
  },
};

const searchArgs = z.object({
  query: z.string().min(1).max(253).describe('part of an object name'),
  kinds: z
    .string()
    .max(500)
    .regex(/^[A-Za-z0-9.,/-]+$/)
    .optional()
    .describe('comma-separated kinds, e.g. pods,deployments'),
  namespace: namespaceArg.optional(),
});
const searchResources: ReadTool<z.infer<typeof searchArgs>> = {
  kind: 'read',
  name: 'search_resources',
  description: 'Find objects by name across every cluster the user can read.',
  schema: searchArgs,
  async run(deps, ctx, a) {
    const res = await search(deps.module.fleet, accessOf(ctx.principal, deps.authorizer), {
      q: a.query,
      kinds: a.kinds,
      namespace: a.namespace,
      limit: 50,
    });
    return { ok: true, text: JSON.stringify(res, null, 1), summary: `${res.results.length} match(es)` };
  },
};

const historyArgs = z.object({ cluster: clusterArg, kind: kindArg, name: nameArg, namespace: namespaceArg.optional() });
const rolloutHistory: ReadTool<z.infer<typeof historyArgs>> = {
  kind: 'read',
  name: 'rollout_history',
  description: 'Revisions of a Deployment, StatefulSet or DaemonSet (for a roll back).',
  schema: historyArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const ns = nsOf(ctx, a.namespace);
    return out(
      await kubectl(deps, ctx, cluster, ns, `rollout history ${a.kind}/${a.name} -n ${ns}`),
      `revisions of ${a.kind}/${a.name}`,
    );
  },
};

const canIArgs = z.object({
  cluster: clusterArg,
  verb: z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']),
  kind: kindArg,
  name: nameArg.optional(),
  namespace: namespaceArg.optional(),
  subresource: z.enum(['scale', 'status', 'log', 'exec']).optional(),
});
const canI: ReadTool<z.infer<typeof canIArgs>> = {
  kind: 'read',
  name: 'can_i',
  description: 'Whether the user may do something (Argus RBAC decides every request the assistant makes for them).',
  schema: canIArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const ns = nsOf(ctx, a.namespace);
    const r = await kubectl(
      deps,
      ctx,
      cluster,
      ns,
      `auth can-i ${a.verb} ${a.kind}${a.name ? `/${a.name}` : ''} -n ${ns}${a.subresource ? ` --subresource=${a.subresource}` : ''}`,
    );
    return { ok: true, text: r.output, summary: r.output.trim() || (r.exit_code === 0 ? 'yes' : 'no') };
  },
};

const explainArgs = z.object({
  cluster: clusterArg,
  field: z
    .string()
    .max(300)
    .regex(/^[A-Za-z][A-Za-z0-9.-]*$/, 'must be TYPE[.field…], e.g. deployment.spec.strategy')
    .describe('TYPE or TYPE.field.path, e.g. pod.spec.containers.livenessProbe'),
});
const explain: ReadTool<z.infer<typeof explainArgs>> = {
  kind: 'read',
  name: 'explain',
  description: "Documentation of a resource type or field, from the cluster's OpenAPI schema.",
  schema: explainArgs,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    return out(await kubectl(deps, ctx, cluster, nsOf(ctx, undefined), `explain ${a.field}`), `explained ${a.field}`);
  },
};

const knowledgeArgs = z.object({ query: z.string().min(2).max(500) });
const searchKnowledge: ReadTool<z.infer<typeof knowledgeArgs>> = {
  kind: 'read',
  name: 'search_knowledge',
  description:
    "Search Argus's Kubernetes troubleshooting knowledge base, the team's runbooks and the clusters' CRD schemas.",
  schema: knowledgeArgs,
  async run(deps, ctx, a) {
    if (!deps.retrieval) throw new AppError('UNAVAILABLE', 'the knowledge base is not available on this server');
    // the retrieval service picks the clusters whose CRD schemas the caller may read
    const res = await deps.retrieval.searchFor(ctx.principal, a.query, { limit: 5 });
    const text = res.items
      .map(
        (h, i) =>
          `[${i + 1}] ${h.title}${h.heading ? ` — ${h.heading}` : ''} (${h.source}:${h.source_id})\n${h.content}`,
      )
      .join('\n\n');
    return { ok: true, text: text || '(nothing found)', summary: `${res.items.length} document(s)` };
  },
};

export const READ_TOOLS = [
  listClusters,
  listResources,
  getResource,
  describeResource,
  listEvents,
  getLogs,
  top,
  searchResources,
  rolloutHistory,
  canI,
  explain,
  searchKnowledge,
] as unknown as ReadTool<never>[];
