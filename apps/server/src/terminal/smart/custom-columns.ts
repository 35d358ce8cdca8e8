/**
 * `-o custom-columns=HEADER:PATH,…` as kubectl prints it: one column per spec (paths relaxed to `{.a.b}`,
 * missing keys allowed), several values of a path joined by commas, `<none>` when it finds nothing, values
 * as Go's fmt.Sprint prints them, and kubectl's tabwriter (minimum width 6, padding 3).
 */
import { JsonPathError, type JsonPathStep, jsonPathValues, parseJsonPath } from '@argus/contracts/printer-columns';
import { KubectlError } from './context.js';
import { escapeTerminal } from './describe/tabwriter.js';
import { alignTable } from './printer.js';

interface Column {
  header: string;
  steps: JsonPathStep[];
}

/** Go's fmt.Sprint of a decoded JSON value: maps as `map[k:v]` (sorted keys), slices as `[a b]`. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    return `map[${keys.map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** RelaxedJSONPathExpression: `.a.b`, `a.b`, `{.a.b}` → `{.a.b}`. */
function relaxed(path: string): string {
  const m = /^\{?(\.?[^{}]*)\}?$/.exec(path);
  if (!m || m[1] === '')
    throw new KubectlError(
      `error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`,
    );
  return `{${m[1]!.startsWith('.') ? m[1] : `.${m[1]}`}}`;
}

export function parseCustomColumns(spec: string): Column[] {
  if (spec === '') throw new KubectlError('error: custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.split(':');
    if (colon.length !== 2)
      throw new KubectlError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const path = relaxed(colon[1]!);
    try {
      return { header: colon[0]!, steps: parseJsonPath(path) };
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(`error: error parsing jsonpath ${path}, ${e.message}`);
      throw e;
    }
  });
}

export function printCustomColumns(columns: Column[], objects: unknown[], noHeaders: boolean): string {
  const rows: string[][] = noHeaders ? [] : [columns.map((c) => c.header)];
  for (const obj of objects)
    rows.push(
      columns.map((c) => {
        const values = jsonPathValues(obj, c.steps);
        return values.length === 0 ? '<none>' : values.map((v) => escapeTerminal(goSprint(v))).join(',');
      }),
    );
  return alignTable(rows, false, 3, 6);
}
