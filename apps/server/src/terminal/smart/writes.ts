/**
 * The commands that change a cluster: `delete` (confirmed first), `scale`, `rollout restart|undo|history`,
 * `cordon`/`uncordon`. Every write goes through the kubectl gateway as the user (directly, or through the
 * operations service, which does the same), so Argus RBAC decides and the audit log names the user.
 */
import { resourcePath } from '../../clusters/discovery.js';
import { DrainBlockedError } from '../../operations/drain.js';
import { type CommandContext, KubectlError, kindName, kube, type RunResult, resolveResource } from './context.js';
import { parseFlags, UsageError } from './flags.js';
import { getTargets } from './get.js';
import { alignTable } from './printer.js';
import { rolloutStatus } from './rollout-status.js';

export async function runDelete(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args } = parseFlags(words, [], 'delete');
  if (args.length === 0)
    throw new KubectlError(
      'error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n' +
        "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  const targets = await getTargets(ctx, args, 'delete');
  if (targets.some((t) => t.names.length === 0))
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const items = targets.flatMap(({ info, names }) => names.map((name) => ({ info, name })));
  if (!ctx.confirmed) {
    const what = items.map(({ info, name }) => `${kindName(info)}/${name}`).join(', ');
    const where = items.some((i) => i.info.namespaced) ? ` in namespace "${ctx.namespace}"` : '';
    return { output: '', exit_code: 0, confirm: { prompt: `Delete ${what}${where}?` } };
  }
  let out = '';
  for (const { info, name } of items) {
    await kube(ctx, { method: 'DELETE', path: resourcePath(info, info.namespaced ? ctx.namespace : undefined, name) });
    out += `${kindName(info)} "${name}" deleted\n`;
  }
  return { output: out, exit_code: 0 };
}

export async function runScale(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args, flags } = parseFlags(words, [{ name: 'replicas', type: 'int' }], 'scale');
  if (!flags.has('replicas')) throw new KubectlError('error: required flag(s) "replicas" not set');
  const replicas = Number(flags.get('replicas'));
  if (replicas < 0)
    throw new KubectlError(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
  if (args.length === 0)
    throw new UsageError('You must provide one or more resources by argument or filename.', 'scale');
  const targets = await getTargets(ctx, args, 'scale');
  let out = '';
  for (const { info, names } of targets)
    for (const name of names) {
      await kube(ctx, {
        method: 'PATCH',
        path: resourcePath(info, info.namespaced ? ctx.namespace : undefined, name, 'scale'),
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { replicas } }),
      });
      out += `${kindName(info)}/${name} scaled\n`;
    }
  return { output: out, exit_code: 0 };
}

export async function runRollout(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const [sub, ...rest] = words;
  const flagSpecs =
    sub === 'undo'
      ? [{ name: 'to-revision', type: 'int' as const }]
      : sub === 'status'
        ? [
            { name: 'timeout', type: 'string' as const },
            { name: 'watch', short: 'w', type: 'bool' as const },
          ]
        : [];
  if (!sub || !['restart', 'undo', 'history', 'status'].includes(sub))
    throw new KubectlError(
      sub
        ? `error: unknown command "${sub}" for "kubectl rollout"`
        : 'error: give a rollout command: restart, undo or history',
    );
  const { args, flags } = parseFlags(rest, flagSpecs, `rollout ${sub}`);
  if (args.length === 0) throw new UsageError('required resource not specified', `rollout ${sub}`);
  const targets = await getTargets(ctx, args, `rollout ${sub}`);
  let out = '';
  for (const { info, names } of targets)
    for (const name of names) {
      const t = { clusterId: ctx.clusterId, info, namespace: info.namespaced ? ctx.namespace : undefined, name };
      const label = `${kindName(info)}/${name}`;
      if (sub === 'status') {
        const r = await rolloutStatus(ctx, info, name, durationMs(flags.get('timeout') ?? '0s'));
        out += r.output;
        if (!r.done) return { output: out, exit_code: 1 };
      } else if (sub === 'restart') {
        await ctx.operations.restart(ctx.principal, t);
        out += `${label} restarted\n`;
      } else if (sub === 'undo') {
        await kube(ctx, { path: resourcePath(info, t.namespace, name) }); // the user's read first
        const to = flags.has('to-revision') ? Number(flags.get('to-revision')) : 0;
        const target = await undoTarget(ctx, t, to);
        if (target.current) {
          out += `${label} skipped rollback (current template already matches revision ${to})\n`;
          continue;
        }
        await ctx.operations.rollback(ctx.principal, t, target.revision);
        out += `${label} rolled back\n`;
      } else {
        await kube(ctx, { path: resourcePath(info, t.namespace, name) });
        const { items } = await ctx.operations.revisions(t);
        const rows = [['REVISION', 'CHANGE-CAUSE']];
        for (const r of [...items].sort((a, b) => a.revision - b.revision))
          rows.push([String(r.revision), r.change_cause ?? '<none>']);
        out += `${label} \n${alignTable(rows, false, 2)}\n`;
      }
    }
  return { output: out, exit_code: 0 };
}

/** The revision `rollout undo` goes back to, chosen and refused in kubectl's words. */
async function undoTarget(
  ctx: CommandContext,
  t: Parameters<CommandContext['operations']['revisions']>[0],
  to: number,
): Promise<{ revision: number; current: boolean }> {
  if (to < 0) throw new KubectlError(`error: unable to find specified revision ${to} in history`);
  const { items } = await ctx.operations.revisions(t);
  const newestFirst = [...items].sort((a, b) => b.revision - a.revision);
  if (to === 0) {
    const previous = newestFirst[1];
    if (!previous)
      throw new KubectlError(
        t.info.resource === 'deployments'
          ? `error: no rollout history found for deployment "${t.name}"`
          : 'error: no last revision to roll back to',
      );
    return { revision: previous.revision, current: previous.current === true };
  }
  const found = newestFirst.find((r) => r.revision === to);
  if (!found) throw new KubectlError(`error: unable to find specified revision ${to} in history`);
  return { revision: found.revision, current: found.current === true };
}

export async function runCordon(ctx: CommandContext, words: string[], cordon: boolean): Promise<RunResult> {
  const verb = cordon ? 'cordon' : 'uncordon';
  const { args } = parseFlags(words, [], verb);
  if (args.length !== 1) throw new UsageError('USAGE: cordon NODE [flags]', verb);
  const node = args[0]!;
  const info = await resolveResource(ctx, 'nodes');
  const res = await kube(ctx, { path: resourcePath(info, undefined, node) });
  const current = res.json<{ spec?: { unschedulable?: boolean } }>().spec?.unschedulable === true;
  if (current === cordon) return { output: `node/${node} already ${verb}ed\n`, exit_code: 0 };
  await ctx.operations.cordon(ctx.principal, ctx.clusterId, node, cordon);
  return { output: `node/${node} ${verb}ed\n`, exit_code: 0 };
}

/** `30s`, `2m`, `1m30s`, `500ms` or plain seconds, as a Go duration flag takes them. */
function durationMs(v: string): number {
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null = re.exec(v);
  if (!m) throw new KubectlError(`error: invalid argument "${v}" for "--timeout" flag: time: invalid duration "${v}"`);
  while (m) {
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    m = re.exec(v);
  }
  return ms;
}

export async function runDrain(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args, flags } = parseFlags(
    words,
    [
      { name: 'ignore-daemonsets', type: 'bool' },
      { name: 'delete-emptydir-data', type: 'bool' },
      { name: 'force', type: 'bool' },
      { name: 'grace-period', type: 'int' },
      { name: 'timeout', type: 'string' },
    ],
    'drain',
  );
  if (args.length !== 1) throw new UsageError('USAGE: drain NODE [flags]', 'drain');
  const node = args[0]!;
  const info = await resolveResource(ctx, 'nodes');
  const res = await kube(ctx, { path: resourcePath(info, undefined, node) });
  if (!ctx.confirmed)
    return { output: '', exit_code: 0, confirm: { prompt: `Drain node/${node} (cordon it and evict its pods)?` } };
  const was = res.json<{ spec?: { unschedulable?: boolean } }>().spec?.unschedulable === true;
  const grace = flags.has('grace-period') ? Number(flags.get('grace-period')) : -1;
  const timeout = flags.has('timeout') ? Math.ceil(durationMs(flags.get('timeout')!) / 1000) : 60;
  let out = `node/${node} ${was ? 'already cordoned' : 'cordoned'}\n`;
  try {
    const r = await ctx.operations.drain(ctx.principal, ctx.clusterId, node, {
      ...(grace >= 0 ? { grace_period_seconds: grace } : {}),
      timeout_seconds: Math.max(1, Math.min(timeout || 60, 300)),
      ignore_daemonsets: flags.get('ignore-daemonsets') === 'true',
      delete_emptydir_data: flags.get('delete-emptydir-data') === 'true',
      force: flags.get('force') === 'true',
    });
    const ds = r.skipped.filter((p) => /daemonset/i.test(p.reason));
    if (ds.length)
      out += `Warning: ignoring DaemonSet-managed Pods: ${ds.map((p) => `${p.namespace}/${p.name}`).join(', ')}\n`;
    for (const p of r.evicted) out += `evicting pod ${p.namespace}/${p.name}\n`;
    for (const p of r.evicted) out += `pod/${p.name} evicted\n`;
    return { output: `${out}node/${node} drained\n`, exit_code: 0 };
  } catch (e) {
    if (e instanceof DrainBlockedError)
      return {
        output: `${out}error: unable to drain node "${node}": ${e.message}\n${e.blocked.map((p) => `  ${p.namespace}/${p.name}: ${p.reason}\n`).join('')}`,
        exit_code: 1,
      };
    throw e;
  }
}
