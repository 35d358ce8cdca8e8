/** `kubectl top pods|nodes`, `api-resources` and `version`, printed as kubectl prints them. */
import { parseCpuMillicores, parseMemoryBytes } from '@argus/contracts';
import { type CommandContext, KubectlError, type RunResult } from './context.js';
import { parseFlags, UsageError } from './flags.js';
import { alignTable } from './printer.js';

const METRICS = '/apis/metrics.k8s.io/v1beta1';

interface Metric {
  metadata: { name: string; namespace?: string };
  usage?: { cpu?: string; memory?: string };
  containers?: Array<{ name: string; usage?: { cpu?: string; memory?: string } }>;
}

const milli = (v: string | undefined) => parseCpuMillicores(v ?? '0') ?? 0;
const bytes = (v: string | undefined) => parseMemoryBytes(v ?? '0') ?? 0;
const mi = (b: number) => `${Math.floor(b / (1024 * 1024))}Mi`;

async function metrics(ctx: CommandContext, path: string): Promise<Metric[]> {
  const res = await ctx.client.request({ path });
  if (res.status === 404) throw new KubectlError('error: Metrics API not available');
  if (res.status === 403) {
    const s = JSON.parse(res.body.toString('utf8')) as { message?: string };
    throw new KubectlError(`Error from server (Forbidden): ${s.message ?? 'forbidden'}`);
  }
  if (res.status < 200 || res.status >= 300) throw new KubectlError('error: Metrics API not available');
  return (JSON.parse(res.body.toString('utf8')) as { items?: Metric[] }).items ?? [];
}

export async function runTop(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const [what, ...rest] = words;
  if (what === 'pod' || what === 'pods' || what === 'po') {
    const { args, flags } = parseFlags(
      rest,
      [
        { name: 'all-namespaces', short: 'A', type: 'bool' },
        { name: 'selector', short: 'l', type: 'string' },
        { name: 'containers', type: 'bool' },
      ],
      'top pod',
    );
    const all = flags.get('all-namespaces') === 'true';
    const where = all ? '' : `/namespaces/${encodeURIComponent(ctx.namespace)}`;
    const q = flags.get('selector') ? `?labelSelector=${encodeURIComponent(flags.get('selector')!)}` : '';
    let items = await metrics(ctx, `${METRICS}${where}/pods${q}`);
    if (args[0]) items = items.filter((m) => m.metadata.name === args[0]);
    if (items.length === 0) {
      if (args[0])
        throw new KubectlError(
          `Error from server (NotFound): podmetrics.metrics.k8s.io "${ctx.namespace}/${args[0]}" not found`,
        );
      throw new KubectlError(
        all ? 'error: Metrics not available for pod' : `No resources found in ${ctx.namespace} namespace.`,
      );
    }
    const containers = flags.get('containers') === 'true';
    const rows: string[][] = [
      [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)'],
    ];
    for (const m of items) {
      const ns = all ? [m.metadata.namespace ?? ''] : [];
      if (containers)
        for (const c of m.containers ?? [])
          rows.push([...ns, m.metadata.name, c.name, `${milli(c.usage?.cpu)}m`, mi(bytes(c.usage?.memory))]);
      else {
        const cs = m.containers ?? [];
        const cpu = cs.reduce((n, c) => n + milli(c.usage?.cpu), 0);
        const mem = cs.reduce((n, c) => n + bytes(c.usage?.memory), 0);
        rows.push([...ns, m.metadata.name, `${cpu}m`, mi(mem)]);
      }
    }
    return { output: alignTable(rows, true), exit_code: 0 };
  }
  if (what === 'node' || what === 'nodes' || what === 'no') {
    const { args } = parseFlags(rest, [], 'top node');
    let items = await metrics(ctx, `${METRICS}/nodes`);
    if (args[0]) items = items.filter((m) => m.metadata.name === args[0]);
    const nodes = await ctx.client.request({ path: '/api/v1/nodes' });
    const alloc = new Map<string, { cpu?: string; memory?: string }>();
    if (nodes.status === 200)
      for (const n of (
        JSON.parse(nodes.body.toString('utf8')) as {
          items?: Array<{ metadata: { name: string }; status?: { allocatable?: { cpu?: string; memory?: string } } }>;
        }
      ).items ?? [])
        alloc.set(n.metadata.name, n.status?.allocatable ?? {});
    const rows: string[][] = [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const m of items) {
      const a = alloc.get(m.metadata.name) ?? {};
      const cpu = milli(m.usage?.cpu);
      const mem = bytes(m.usage?.memory);
      const pct = (used: number, of: number) => (of > 0 ? `${Math.floor((used * 100) / of)}%` : '<unknown>');
      rows.push([m.metadata.name, `${cpu}m`, pct(cpu, milli(a.cpu)), mi(mem), pct(mem, bytes(a.memory))]);
    }
    return { output: alignTable(rows, true), exit_code: 0 };
  }
  throw new UsageError(
    what ? `unknown command "${what}" for "kubectl top"` : 'give a resource: top pod or top node',
    'top',
  );
}

export async function runApiResources(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { flags } = parseFlags(
    words,
    [
      { name: 'namespaced', type: 'bool' },
      { name: 'api-group', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
    ],
    'api-resources',
  );
  const output = flags.get('output') ?? '';
  if (!['', 'name', 'wide'].includes(output)) throw new KubectlError(`error: --output ${output} is not available`);
  let all = (await ctx.module.discovery.all(ctx.clusterId)).filter((r) => r.preferred && !r.resource.includes('/'));
  if (flags.has('namespaced')) all = all.filter((r) => r.namespaced === (flags.get('namespaced') === 'true'));
  if (flags.has('api-group')) all = all.filter((r) => r.group === flags.get('api-group'));
  all.sort((a, b) => a.group.localeCompare(b.group) || a.resource.localeCompare(b.resource));
  if (output === 'name')
    return { output: all.map((r) => `${r.resource}${r.group ? `.${r.group}` : ''}\n`).join(''), exit_code: 0 };
  const rows = [
    ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])],
  ];
  for (const r of all)
    rows.push([
      r.resource,
      r.shortNames.join(','),
      r.group ? `${r.group}/${r.version}` : r.version,
      String(r.namespaced),
      r.kind,
      ...(output === 'wide' ? [`[${r.verbs.join(' ')}]`, r.categories.join(',')] : []),
    ]);
  return { output: alignTable(rows), exit_code: 0 };
}

export async function runVersion(ctx: CommandContext, words: string[]): Promise<RunResult> {
  parseFlags(words, [], 'version');
  const res = await ctx.client.request({ path: '/version' });
  if (res.status !== 200) throw new KubectlError('error: the server did not answer /version');
  const v = JSON.parse(res.body.toString('utf8')) as { gitVersion?: string };
  return { output: `Server Version: ${v.gitVersion ?? 'unknown'}\n`, exit_code: 0 };
}
