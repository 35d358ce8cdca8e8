/**
 * kubectl's JSONPath subset as CRD additionalPrinterColumns use it (client-go's jsonpath, one template):
 * `.a.b`, `['a.b']`, `.a[0]`, `.a[-1]`, `.a[1:3]`, `.a[*]`, `.*`, `..name` (recursive descent), and
 * filters `[?(@.type=="Ready")]` (`==`, `!=`, `<`, `<=`, `>`, `>=`; string, number and boolean literals;
 * `[?(@.x)]` for presence). `{…}` braces are optional. The web UI evaluates CRD columns with it on its live
 * lists. Self-contained (no runtime imports): the web bundle imports it as `@argus/contracts/printer-columns`.
 */

type Literal = string | number | boolean | null;
export type JsonPathStep =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string | '*' }
  | { t: 'all' }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number }
  | { t: 'filter'; path: JsonPathStep[]; op?: string; value?: Literal };

/** Parsing failed: the column shows nothing rather than breaking the list. */
export class JsonPathError extends Error {}

const IDENT = /^[A-Za-z0-9_\-$/]+/;

function literal(text: string): Literal {
  const s = text.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(s)) return JSON.parse(s) as string;
  if (/^'[^']*'$/.test(s)) return s.slice(1, -1);
  if (s === 'true' || s === 'false') return s === 'true';
  if (s === 'nil' || s === 'null') return null;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return Number(s);
  throw new JsonPathError(`unsupported literal ${s}`);
}

function parseBracket(inner: string): JsonPathStep {
  const s = inner.trim();
  if (s === '*') return { t: 'all' };
  if (/^'[^']*'$/.test(s) || /^"[^"]*"$/.test(s)) return { t: 'field', name: s.slice(1, -1) };
  if (/^-?\d+$/.test(s)) return { t: 'index', i: Number(s) };
  const slice = /^(-?\d+)?\s*:\s*(-?\d+)?$/.exec(s);
  if (slice) {
    const step: JsonPathStep = { t: 'slice' };
    if (slice[1] !== undefined) step.start = Number(slice[1]);
    if (slice[2] !== undefined) step.end = Number(slice[2]);
    return step;
  }
  const filter = /^\?\(\s*@(.*?)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*\)$/.exec(s);
  if (filter) {
    const step: JsonPathStep = { t: 'filter', path: parseJsonPath(filter[1] ?? '') };
    if (filter[2]) {
      step.op = filter[2];
      step.value = literal(filter[3] ?? '');
    }
    return step;
  }
  throw new JsonPathError(`unsupported [${s}]`);
}

/** Parses a path such as `.status.conditions[?(@.type=="Ready")].status` (or `{…}` around it). */
export function parseJsonPath(path: string): JsonPathStep[] {
  let s = path.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (s.startsWith('$')) s = s.slice(1);
  const steps: JsonPathStep[] = [];
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    if (rest.startsWith('..')) {
      const m = /^\.\.(\*|[A-Za-z0-9_\-$/]+)/.exec(rest);
      if (!m?.[1]) throw new JsonPathError(`bad recursive descent at ${rest}`);
      steps.push({ t: 'recursive', name: m[1] });
      i += m[0].length;
    } else if (rest.startsWith('.')) {
      if (rest.startsWith('.*')) {
        steps.push({ t: 'all' });
        i += 2;
        continue;
      }
      const m = IDENT.exec(rest.slice(1));
      if (!m) {
        // a lone trailing `.` (as in `{.}`) is the current object
        if (rest === '.') break;
        throw new JsonPathError(`bad field at ${rest}`);
      }
      steps.push({ t: 'field', name: m[0] });
      i += 1 + m[0].length;
    } else if (rest.startsWith('[')) {
      // find the matching `]`, skipping quoted text and nested brackets
      let depth = 0;
      let quote: string | null = null;
      let j = 0;
      for (; j < rest.length; j++) {
        const c = rest[j];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '[') depth++;
        else if (c === ']' && --depth === 0) break;
      }
      if (j >= rest.length) throw new JsonPathError(`unclosed [ at ${rest}`);
      steps.push(parseBracket(rest.slice(1, j)));
      i += j + 1;
    } else if (/\s/.test(rest[0] ?? '')) i++;
    else throw new JsonPathError(`unexpected ${rest}`);
  }
  return steps;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function descend(v: unknown, out: unknown[]): void {
  // every value below v, v included (client-go's recursive descent)
  out.push(v);
  if (Array.isArray(v)) for (const x of v) descend(x, out);
  else if (isMap(v)) for (const x of Object.values(v)) descend(x, out);
}

function compare(left: unknown, op: string | undefined, right: Literal | undefined): boolean {
  if (op === undefined) return left !== undefined && left !== null && left !== false && left !== '';
  if (op === '==') return left === right || (left !== undefined && String(left) === String(right));
  if (op === '!=') return !(left === right || (left !== undefined && String(left) === String(right)));
  if (typeof left !== 'number' || typeof right !== 'number') return false;
  return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
}

function apply(values: unknown[], step: JsonPathStep): unknown[] {
  const next: unknown[] = [];
  for (const v of values) {
    switch (step.t) {
      case 'field':
        if (isMap(v) && v[step.name] !== undefined) next.push(v[step.name]);
        break;
      case 'all':
        if (Array.isArray(v)) next.push(...v);
        else if (isMap(v)) next.push(...Object.values(v));
        break;
      case 'index':
        if (Array.isArray(v)) {
          const i = step.i < 0 ? v.length + step.i : step.i;
          if (i >= 0 && i < v.length) next.push(v[i]);
        }
        break;
      case 'slice':
        if (Array.isArray(v)) next.push(...v.slice(step.start, step.end));
        break;
      case 'recursive': {
        const below: unknown[] = [];
        descend(v, below);
        for (const x of below)
          if (isMap(x)) {
            if (step.name === '*') next.push(...Object.values(x));
            else if (x[step.name] !== undefined) next.push(x[step.name]);
          }
        break;
      }
      case 'filter': {
        const items = Array.isArray(v) ? v : [];
        for (const item of items) {
          const found = evaluate(item, step.path);
          if (compare(found[0], step.op, step.value)) next.push(item);
        }
        break;
      }
    }
  }
  return next;
}

function evaluate(obj: unknown, steps: JsonPathStep[]): unknown[] {
  let cur: unknown[] = [obj];
  for (const step of steps) cur = apply(cur, step);
  return cur;
}

/** Every value the path finds, in order (missing keys find nothing). */
export function jsonPathValues(obj: unknown, path: string | JsonPathStep[]): unknown[] {
  return evaluate(obj, typeof path === 'string' ? parseJsonPath(path) : path);
}

/** A compiled path: parsed once per column, evaluated per row; undefined when the path cannot be parsed. */
export function compileJsonPath(path: string): ((obj: unknown) => unknown[]) | undefined {
  try {
    const steps = parseJsonPath(path);
    return (obj) => evaluate(obj, steps);
  } catch {
    return undefined;
  }
}

/** A column as evaluation needs it (`PrinterColumn`'s type; see resources.ts). */
export interface PrinterColumnType {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
}

export type PrinterCell = string | number | boolean | null;

/** A date that does not parse, as the API server's Table conversion shows it. */
export const INVALID_DATE = '<invalid>';

/**
 * The cell the API server's Table conversion gives (k8s.io/apiextensions-apiserver tableconvertor): the
 * first value the path finds, typed by the column — `integer`, `number`, `boolean` only when the value has
 * that type; `date` the timestamp (shown as an age); `string` prints maps and lists as JSON. null: nothing.
 */
export function printerCell(col: PrinterColumnType, found: unknown[]): PrinterCell {
  if (found.length === 0) return null;
  const v = found[0];
  if (v === null || v === undefined) return null;
  switch (col.type) {
    case 'integer':
      return typeof v === 'number' ? Math.trunc(v) : null;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'date':
      return typeof v === 'string' ? (Number.isNaN(Date.parse(v)) ? INVALID_DATE : v) : null;
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}
