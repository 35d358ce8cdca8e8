/**
 * `kubectl label` / `kubectl annotate`: `KEY=VALUE` sets, `KEY-` removes, `--overwrite` allows changing a value
 * already set; objects by name, or every one `-l SELECTOR` / `--all` finds. Read then merge-patched as the user through the gateway (Argus RBAC, audit), with kubectl's
 * messages (`pod/x labeled`, `pod/x not labeled`, its errors).
 */
import { resourcePath } from '../../clusters/discovery.js';
import { type CommandContext, KubectlError, kindName, kube, type RunResult } from './context.js';
import { parseFlags, UsageError } from './flags.js';
import { getTargets } from './get.js';

type Meta = { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } };

export async function runLabel(ctx: CommandContext, words: string[], which: 'label' | 'annotate'): Promise<RunResult> {
  const { args, flags } = parseFlags(
    words,
    [
      { name: 'overwrite', type: 'bool' },
      { name: 'dry-run', type: 'string' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all', type: 'bool' },
    ],
    which,
  );
  const selector = flags.get('selector');
  const all = flags.get('all') === 'true';
  if (all && selector) throw new KubectlError('error: cannot set --all and --selector at the same time');
  if (flags.has('dry-run')) throw new KubectlError(`error: the smart terminal does not support --dry-run for ${which}`);
  const field = which === 'label' ? 'labels' : 'annotations';
  const noun = which === 'label' ? 'label' : 'annotation';
  // kubectl: the first word with `=` or a trailing `-` starts the changes
  const first = args.findIndex((a) => a.includes('=') || (a.endsWith('-') && a.length > 1 && !a.startsWith('-')));
  const resources = first < 0 ? args : args.slice(0, first);
  const changes = first < 0 ? [] : args.slice(first);
  if (resources.length === 0)
    throw new UsageError(`one or more resources must be specified as <resource> <name> or <resource>/<name>`, which);
  if (changes.length === 0) throw new KubectlError(`error: at least one ${noun} update is required`);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.includes('=')) {
      const eq = c.indexOf('=');
      set[c.slice(0, eq)] = c.slice(eq + 1);
    } else if (c.endsWith('-')) remove.push(c.slice(0, -1));
    else throw new KubectlError(`error: invalid ${noun} spec: ${c}`);
  }
  for (const key of remove)
    if (key in set) throw new KubectlError(`error: can not both modify and remove ${noun} in the same command`);
  const targets = await getTargets(ctx, resources, which);
  if (selector !== undefined && targets.some((t) => t.names.length > 0))
    throw new KubectlError('error: name cannot be provided when a selector is specified');
  if (selector === undefined && !all && targets.some((t) => t.names.length === 0))
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  // `-l SELECTOR` / `--all`: every object the list finds (as the user); none found prints nothing, as kubectl
  for (const t of targets) {
    if (t.names.length > 0) continue;
    const q = selector ? `?labelSelector=${encodeURIComponent(selector)}` : '';
    const list = (
      await kube(ctx, { path: `${resourcePath(t.info, t.info.namespaced ? ctx.namespace : undefined)}${q}` })
    ).json<{ items?: Array<{ metadata?: { name?: string } }> }>();
    t.names = (list.items ?? []).map((o) => o.metadata?.name ?? '').filter(Boolean);
  }
  let out = '';
  for (const { info, names } of targets)
    for (const name of names) {
      const path = resourcePath(info, info.namespaced ? ctx.namespace : undefined, name);
      const obj = (await kube(ctx, { path })).json<Meta>();
      const current = obj.metadata?.[field] ?? {};
      if (flags.get('overwrite') !== 'true') {
        const taken = Object.keys(set).filter((k) => k in current && current[k] !== set[k]);
        if (taken.length)
          throw new KubectlError(
            which === 'label'
              ? `error: '${taken[0]}' already has a value (${current[taken[0]!]}), and --overwrite is false`
              : `error: --overwrite is false but found the following declared annotation(s): ${taken
                  .map((k) => `'${k}' already has a value (${current[k]})`)
                  .join('; ')}`,
          );
      }
      const patch: Record<string, string | null> = {};
      for (const key of remove) {
        if (!(key in current)) out += `${noun} "${key}" not found.\n`;
        else patch[key] = null;
      }
      for (const [k, v] of Object.entries(set)) if (current[k] !== v) patch[k] = v;
      if (Object.keys(patch).length > 0)
        await kube(ctx, {
          method: 'PATCH',
          path,
          headers: { 'Content-Type': 'application/merge-patch+json' },
          body: JSON.stringify({ metadata: { [field]: patch } }),
        });
      out += `${kindName(info)}/${name} ${message(which, obj, field, patch, flags.get('overwrite') === 'true')}\n`;
    }
  return { output: out, exit_code: 0 };
}

/**
 * kubectl's updateDataChangeMsg: unchanged → `not labeled`; changed → `labeled`, or `unlabeled` when the object
 * got shorter without --overwrite. annotate always says `annotated`.
 */
function message(
  which: 'label' | 'annotate',
  obj: Meta,
  field: 'labels' | 'annotations',
  patch: Record<string, string | null>,
  overwrite: boolean,
): string {
  if (which === 'annotate') return 'annotated';
  if (Object.keys(patch).length === 0) return 'not labeled';
  const next: Record<string, string> = { ...(obj.metadata?.[field] ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  const after = { ...obj, metadata: { ...obj.metadata, [field]: next } };
  return !overwrite && JSON.stringify(after).length < JSON.stringify(obj).length ? 'unlabeled' : 'labeled';
}
