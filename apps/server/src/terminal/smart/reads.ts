/** `kubectl describe` (kubectl's own text for the common kinds, else the operations service's) and `kubectl logs` (`-c`, `-p`, `--tail`, `--since`, `--all-containers`, `TYPE/NAME`). */
import { resourcePath } from '../../clusters/discovery.js';
import { type CommandContext, KubectlError, kube, type RunResult, statusError } from './context.js';
import type { Obj } from './describe/common.js';
import { describeLikeKubectl, describesLikeKubectl } from './describe/index.js';
import { parseFlags, UsageError } from './flags.js';
import { getTargets } from './get.js';
import { logsPod, sinceSeconds } from './logs-target.js';

export async function runDescribe(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args, flags } = parseFlags(words, [{ name: 'selector', short: 'l', type: 'string' }], 'describe');
  if (args.length === 0)
    throw new KubectlError(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  const targets = await getTargets(ctx, args, 'describe');
  const texts: string[] = [];
  for (const { info, names } of targets) {
    const ns = info.namespaced ? ctx.namespace : undefined;
    let objects: Obj[];
    if (names.length > 0) {
      // the user's read of each object, through the gateway: Argus RBAC decides (and 404s like kubectl)
      objects = [];
      for (const name of names) objects.push((await kube(ctx, { path: resourcePath(info, ns, name) })).json<Obj>());
    } else {
      // `describe pods [-l …]`: every object the list finds, in its order
      const selector = flags.get('selector');
      const q = selector ? `?labelSelector=${encodeURIComponent(selector)}` : '';
      const list = (await kube(ctx, { path: `${resourcePath(info, ns)}${q}` })).json<{ items?: Obj[] }>();
      objects = (list.items ?? []).map((o) => ({ ...o, kind: info.kind }));
      if (objects.length === 0 && targets.length === 1)
        return {
          output: ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n',
          exit_code: 0,
        };
    }
    for (const obj of objects) {
      const text = describesLikeKubectl(info.group, info.kind)
        ? await describeLikeKubectl(ctx.client, info.group, { ...obj, kind: obj.kind ?? info.kind })
        : undefined;
      if (text !== undefined) {
        texts.push(text);
        continue;
      }
      const events = await ctx.client.request({
        path: `/api/v1${ns ? `/namespaces/${encodeURIComponent(ns)}` : ''}/events?limit=1`,
      });
      const d = await ctx.operations.describe(
        { clusterId: ctx.clusterId, info, namespace: ns, name: obj.metadata?.name ?? '' },
        events.status === 200,
      );
      texts.push(d.text.endsWith('\n') ? d.text : `${d.text}\n`);
    }
  }
  return { output: texts.join('\n\n'), exit_code: 0 };
}

interface PodLike {
  metadata?: { annotations?: Record<string, string> };
  spec?: { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
}

export async function runLogs(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args, flags } = parseFlags(
    words,
    [
      { name: 'container', short: 'c', type: 'string' },
      { name: 'previous', short: 'p', type: 'bool' },
      { name: 'tail', type: 'int' },
      { name: 'timestamps', type: 'bool' },
      { name: 'follow', short: 'f', type: 'bool' },
      { name: 'since', type: 'string' },
      { name: 'all-containers', type: 'bool' },
    ],
    'logs',
  );
  if (flags.get('follow') === 'true')
    throw new KubectlError('error: following (-f) streams: open a streaming session for it');
  const since = flags.has('since') ? sinceSeconds(flags.get('since')!) : undefined;
  if (args.length === 0)
    throw new UsageError(
      "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
      'logs',
    );
  if (args.length > 2) throw new UsageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.", 'logs');
  let pod = args[0]!;
  let found = '';
  // `deploy/web`: the pod kubectl picks, with its `Found N pods` notice
  if (pod.includes('/')) ({ pod, notice: found } = await logsPod(ctx, pod));
  // like kubectl: the pod first (its error text), then its default container when none is named
  const res = await ctx.client.request({
    path: `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods/${encodeURIComponent(pod)}`,
  });
  if (res.status === 404)
    throw new KubectlError(
      `error: error from server (NotFound): pods "${pod}" not found in namespace "${ctx.namespace}"`,
    );
  if (res.status < 200 || res.status >= 300) throw statusError(res.status, res.body);
  const spec = (res.json() as PodLike).spec;
  const allContainers = flags.get('all-containers') === 'true';
  let container = flags.get('container') ?? args[1];
  let notice = found;
  const names = (spec?.containers ?? []).map((c) => c.name);
  if (!container && names.length > 0 && !allContainers) {
    const annotated = (res.json() as PodLike).metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
    container = annotated && names.includes(annotated) ? annotated : names[0]!;
    if (names.length > 1 && !annotated) notice = `Defaulted container "${container}" out of: ${names.join(', ')}\n`;
  }
  const q = new URLSearchParams();
  if (flags.get('previous') === 'true') q.set('previous', 'true');
  if (flags.has('tail') && Number(flags.get('tail')) >= 0) q.set('tailLines', flags.get('tail')!);
  if (flags.get('timestamps') === 'true') q.set('timestamps', 'true');
  if (since !== undefined) q.set('sinceSeconds', String(since));
  // --all-containers: init containers, then containers, one after the other
  const containers = allContainers
    ? [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.name)
    : [container];
  let text = '';
  for (const c of containers) {
    const cq = new URLSearchParams(q);
    if (c) cq.set('container', c);
    const qs = cq.toString();
    const log = await kube(ctx, {
      path: `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods/${encodeURIComponent(pod)}/log${qs ? `?${qs}` : ''}`,
    });
    text += log.body.toString('utf8');
  }
  return { output: notice + text, exit_code: 0 };
}
