/**
 * `kubectl get`: the API server's Table (`as=Table`) printed like kubectl — upper-cased column names, `-o wide`
 * columns, NAMESPACE with `-A`, LABELS with `--show-labels` — or `-o name|json|yaml`.
 */
import type { ResourceInfo } from '../../clusters/discovery.js';
import { resourcePath } from '../../clusters/discovery.js';
import { type CommandContext, KubectlError, kindName, kube, type RunResult, resolveResource } from './context.js';
import { parseCustomColumns, printCustomColumns } from './custom-columns.js';
import { type FlagSpec, parseFlags, UsageError } from './flags.js';
import { printJsonPath } from './jsonpath-template.js';
import { alignTable, cellText, formatLabels, goJson, goYaml } from './printer.js';

export const GET_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'sort-by', type: 'string' },
];

const KUBECTL_FORMATS = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
];
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json';
const NO_TYPE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  'error: Required resource not specified.\n' +
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples";

interface Column {
  name: string;
  priority?: number;
}
interface Row {
  cells: unknown[];
  object?: { metadata?: { namespace?: string; labels?: Record<string, string> } };
}
interface Table {
  columnDefinitions?: Column[];
  rows?: Row[];
}
type Obj = Record<string, unknown> & { metadata?: Record<string, unknown> };

/** What a `get` asks for: one kind, and either a list (with selectors) or some names. */
export interface GetTarget {
  info: ResourceInfo;
  names: string[];
}

export async function getTargets(
  ctx: Pick<CommandContext, 'module' | 'clusterId'>,
  args: string[],
  command: string,
): Promise<GetTarget[]> {
  if (args.length === 0) throw new KubectlError(NO_TYPE);
  if (args[0]!.includes('/')) {
    const out: GetTarget[] = [];
    for (const a of args) {
      const [type, name, ...extra] = a.split('/');
      if (!type || !name || extra.length)
        throw new KubectlError(`error: arguments in resource/name form must have a single resource and name`);
      const info = await resolveResource(ctx, type);
      const same = out.find((t) => t.info === info);
      if (same) same.names.push(name);
      else out.push({ info, names: [name] });
    }
    return out;
  }
  if (args.slice(1).some((a) => a.includes('/')))
    throw new UsageError(
      `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${command} resource/<resource_name>' instead of 'kubectl ${command} resource resource/<resource_name>'`,
    );
  // `pods,deployments name…`: each kind in turn, as kubectl lists them
  const out: GetTarget[] = [];
  for (const type of args[0]!.split(',').filter(Boolean)) {
    // a category (`all`): its kinds in discovery order, as kubectl expands it
    const infos =
      type === 'all'
        ? (await ctx.module.discovery.all(ctx.clusterId)).filter((r) => r.preferred && r.categories.includes('all'))
        : [await resolveResource(ctx, type)];
    for (const info of infos) if (!out.some((t) => t.info === info)) out.push({ info, names: args.slice(1) });
  }
  return out;
}

function query(flags: Map<string, string>): string {
  const q = new URLSearchParams();
  // --sort-by reads the objects: the table rows carry them whole
  if (flags.get('sort-by')) q.set('includeObject', 'Object');
  if (flags.get('selector')) q.set('labelSelector', flags.get('selector')!);
  if (flags.get('field-selector')) q.set('fieldSelector', flags.get('field-selector')!);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function stripManaged(o: Obj): Obj {
  if (o.metadata) delete o.metadata.managedFields;
  return o;
}

export async function runGet(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args, flags } = parseFlags(words, GET_FLAGS, 'get');
  if (flags.get('watch') === 'true')
    throw new KubectlError('error: watching (-w) streams: open a streaming session for it');
  const rawOutput = flags.get('output') ?? '';
  // `-o jsonpath=TEMPLATE`: the objects as JSON, printed through the template
  const jsonpath = rawOutput.startsWith('jsonpath=') ? rawOutput.slice('jsonpath='.length) : undefined;
  if (rawOutput === 'jsonpath' || jsonpath === '')
    throw new KubectlError('error: template format specified but no template given');
  // `-o custom-columns=SPEC`: the objects, a column per spec
  const customColumns =
    rawOutput.startsWith('custom-columns=') || rawOutput === 'custom-columns'
      ? parseCustomColumns(rawOutput.slice('custom-columns='.length))
      : undefined;
  const output = jsonpath !== undefined || customColumns ? 'json' : rawOutput;
  if (!['', 'wide', 'name', 'json', 'yaml'].includes(output))
    throw new KubectlError(
      KUBECTL_FORMATS.includes(output.split('=')[0]!)
        ? `error: the smart terminal does not support -o ${output.split('=')[0]} (use json, yaml, name, wide, jsonpath or custom-columns)`
        : `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${KUBECTL_FORMATS.join(',')}`,
    );
  const allNs = flags.get('all-namespaces') === 'true';
  const targets = await getTargets(ctx, args, 'get');
  const namespace = ctx.namespace;
  const objects: Obj[] = [];
  const tables: Array<{ info: ResourceInfo; table: Table }> = [];
  const wantTable = output === '' || output === 'wide';
  const errors: string[] = [];
  for (const { info, names } of targets) {
    const ns = info.namespaced && !(allNs && names.length === 0) ? namespace : undefined;
    const paths = names.length ? names.map((n) => resourcePath(info, ns, n)) : [resourcePath(info, ns) + query(flags)];
    for (const path of paths) {
      let res: Awaited<ReturnType<typeof kube>>;
      try {
        res = await kube(ctx, { path, headers: { Accept: wantTable ? TABLE : 'application/json' } });
      } catch (e) {
        // like kubectl: print what was found, then one error line per name that failed
        if (!(e instanceof KubectlError) || names.length === 0) throw e;
        errors.push(e.message);
        continue;
      }
      const body = res.json<Table & Obj & { items?: Obj[]; kind?: string }>();
      if (wantTable) tables.push({ info, table: body });
      else {
        const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
        const items = names.length ? [body] : (body.items ?? []);
        for (const item of items) objects.push(stripManaged({ apiVersion, kind: info.kind, ...item }));
      }
    }
  }
  const sortBy = flags.get('sort-by');
  if (sortBy) {
    const path = sortPath(sortBy);
    for (const { table } of tables)
      table.rows?.sort((a, b) => compareValues(pick(a.object, path), pick(b.object, path)));
    objects.sort((a, b) => compareValues(pick(a, path), pick(b, path)));
  }
  const total = wantTable ? tables.reduce((n, t) => n + (t.table.rows?.length ?? 0), 0) : objects.length;
  const single = targets.length === 1 && targets[0]!.names.length === 1;
  if (errors.length) {
    const found = total ? render().output : '';
    return { output: `${found}${errors.map((e) => `${e}\n`).join('')}`, exit_code: 1 };
  }
  return render();

  function render(): RunResult {
    if (jsonpath !== undefined) {
      const doc = single
        ? objects[0]!
        : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
      return { output: printJsonPath(jsonpath, doc), exit_code: 0 };
    }
    // custom columns print their header even over an empty list, as kubectl does
    if (customColumns)
      return { output: printCustomColumns(customColumns, objects, flags.get('no-headers') === 'true'), exit_code: 0 };
    if (total === 0 && targets.every((t) => t.names.length === 0)) {
      const info = targets[0]!.info;
      return {
        output: info.namespaced && !allNs ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n',
        exit_code: 0,
      };
    }
    if (output === 'name')
      return {
        output: objects
          .map((o) => `${kindName(targets.find((t) => t.info.kind === o.kind)!.info)}/${String(o.metadata?.name)}\n`)
          .join(''),
        exit_code: 0,
      };
    if (output === 'json' || output === 'yaml') {
      const doc = single
        ? objects[0]!
        : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
      return { output: output === 'json' ? goJson(doc) : goYaml(doc), exit_code: 0 };
    }
    // several kinds: one table each (those with rows), NAME as kind/name, a blank line between them
    const withKind = targets.length > 1;
    const printed = targets
      .map(({ info }) => tables.filter((t) => t.info === info && (t.table.rows?.length ?? 0) > 0))
      .filter((group) => group.length > 0)
      .map((group) =>
        printTables(group, {
          allNs: allNs && group[0]!.info.namespaced,
          wide: output === 'wide',
          flags,
          ...(withKind ? { kind: kindName(group[0]!.info) } : {}),
        }),
      );
    return { output: printed.join('\n'), exit_code: 0 };
  }
}

function printTables(
  tables: Array<{ info: ResourceInfo; table: Table }>,
  o: { allNs: boolean; wide: boolean; flags: Map<string, string>; kind?: string },
): string {
  const first = tables[0]!.table;
  const columns = (first.columnDefinitions ?? []).map((c, i) => ({ ...c, i })).filter((c) => o.wide || !c.priority);
  const labels = o.flags.get('show-labels') === 'true';
  const rows: string[][] = [];
  if (o.flags.get('no-headers') !== 'true')
    rows.push([
      ...(o.allNs ? ['NAMESPACE'] : []),
      ...columns.map((c) => c.name.toUpperCase()),
      ...(labels ? ['LABELS'] : []),
    ]);
  for (const { table } of tables)
    for (const row of table.rows ?? [])
      rows.push([
        ...(o.allNs ? [row.object?.metadata?.namespace ?? ''] : []),
        ...columns.map((c, j) => (j === 0 && o.kind ? `${o.kind}/` : '') + cellText(row.cells[c.i])),
        ...(labels ? [formatLabels(row.object?.metadata?.labels)] : []),
      ]);
  return alignTable(rows);
}

/** `.metadata.name`, `{.spec.containers[0].image}` → path segments (a JSONPath subset: fields and indexes). */
function sortPath(expr: string): Array<string | number> {
  const inner = expr.replace(/^\{(.*)\}$/, '$1');
  if (!inner.startsWith('.'))
    throw new KubectlError(
      `error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`,
    );
  const out: Array<string | number> = [];
  for (const part of inner.slice(1).split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new KubectlError(`error: the smart terminal sorts by simple paths (.a.b[0].c), not "${expr}"`);
    if (m[1]) out.push(m[1]);
    for (const i of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

function pick(v: unknown, path: Array<string | number>): unknown {
  let cur: unknown = v;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** kubectl's order: numbers by value, strings in natural order (digit runs as numbers), missing first. */
function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return naturalCompare(String(a), String(b));
}

function naturalCompare(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const xs = a.match(re) ?? [];
  const ys = b.match(re) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const n = Number(x) - Number(y);
      if (n !== 0) return n;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return xs.length - ys.length;
}
