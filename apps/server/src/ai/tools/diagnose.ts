/**
 * `diagnose`: reads a namespace as the user (pods, claims, services, endpoints, ingresses, events) and runs
 * the analyzers; a crash loop comes with its container's last log lines. Deterministic: the same cluster
 * state gives the same findings, whatever the model.
 */
import { z } from 'zod';
import { analyze, type Finding } from './analyzers.js';
import { clusterArg, clusterOf, kubectl, namespaceArg, nsOf } from './common.js';
import type { ReadTool, ToolContext, ToolDeps } from './types.js';

async function items(deps: ToolDeps, ctx: ToolContext, cluster: string, ns: string, kind: string) {
  const r = await kubectl(deps, ctx, cluster, ns, `get ${kind} -n ${ns} -o json`);
  if (r.exit_code !== 0) return { items: [], skipped: `${kind}: ${r.output.split('\n')[0]}` };
  // an empty list prints kubectl's "No resources found" instead of JSON
  if (!r.output.trimStart().startsWith('{')) return { items: [] };
  return {
    items: ((JSON.parse(r.output) as { items?: Record<string, unknown>[] }).items ?? []) as Record<string, unknown>[],
  };
}

const args = z.object({ cluster: clusterArg, namespace: namespaceArg.optional() });

export const diagnose: ReadTool<z.infer<typeof args>> = {
  kind: 'read',
  name: 'diagnose',
  description:
    'Run the standard checks on a namespace: crash loops (with last log lines), image pull errors, unschedulable pods, failing probes, pending PVCs, services without endpoints, ingresses without backend.',
  schema: args,
  async run(deps, ctx, a) {
    const cluster = await clusterOf(deps, ctx, a.cluster);
    const ns = nsOf(ctx, a.namespace);
    const kinds = ['pods', 'persistentvolumeclaims', 'services', 'endpoints', 'ingresses.networking.k8s.io', 'events'];
    const got = await Promise.all(kinds.map((k) => items(deps, ctx, cluster, ns, k)));
    const [pods, pvcs, services, endpoints, ingresses, events] = got.map((g) => g.items) as [
      Record<string, unknown>[],
      Record<string, unknown>[],
      Record<string, unknown>[],
      Record<string, unknown>[],
      Record<string, unknown>[],
      Record<string, unknown>[],
    ];
    const findings = analyze({ pods, pvcs, services, endpoints, ingresses, events });
    const parts: string[] = [];
    for (const f of findings) parts.push(await render(deps, ctx, cluster, f));
    const skipped = got.flatMap((g) => (g.skipped ? [g.skipped] : []));
    const text =
      (findings.length ? parts.join('\n') : `No problems found in namespace ${ns} (${pods.length} pods checked).`) +
      (skipped.length ? `\nNot checked (not readable or not served): ${skipped.join('; ')}` : '');
    return {
      ok: true,
      text,
      summary: findings.length
        ? `${findings.length} finding(s): ${[...new Set(findings.map((f) => f.check))].join(', ')}`
        : 'no problems found',
    };
  },
};

async function render(deps: ToolDeps, ctx: ToolContext, cluster: string, f: Finding): Promise<string> {
  let line = `[${f.severity}] ${f.check} ${f.namespace}/${f.object}: ${f.message}`;
  if (f.check === 'crash_loop' && f.container) {
    const pod = f.object.slice('pod/'.length);
    let r = await kubectl(
      deps,
      ctx,
      cluster,
      f.namespace,
      `logs ${pod} -n ${f.namespace} -c ${f.container} --previous --tail=15`,
    );
    if (r.exit_code !== 0 || !r.output.trim())
      r = await kubectl(deps, ctx, cluster, f.namespace, `logs ${pod} -n ${f.namespace} -c ${f.container} --tail=15`);
    if (r.exit_code === 0 && r.output.trim())
      line += `\n  last log lines:\n${r.output.trimEnd().replace(/^/gm, '    ')}`;
  }
  return line;
}
