/**
 * `-o jsonpath=TEMPLATE` as kubectl prints it (client-go's jsonpath with missing keys allowed): literal text,
 * `{path}` actions (values joined by a space; maps and lists as compact JSON with sorted keys), `{"\n"}` string
 * literals and `{range path}…{end}` loops. Paths use the JSONPath subset of @argus/contracts/printer-columns.
 */
import { JsonPathError, type JsonPathStep, jsonPathValues, parseJsonPath } from '@argus/contracts/printer-columns';
import { KubectlError } from './context.js';

type Node =
  | { t: 'text'; s: string }
  | { t: 'path'; steps: JsonPathStep[] }
  | { t: 'range'; steps: JsonPathStep[]; body: Node[] };

/** The template's actions: `{…}` with quotes respected (a `}` inside `"…"` does not close it). */
function split(template: string): Array<{ action: boolean; s: string }> {
  const parts: Array<{ action: boolean; s: string }> = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      parts.push({ action: false, s: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ action: false, s: template.slice(i, open) });
    let j = open + 1;
    let quote: string | null = null;
    for (; j < template.length; j++) {
      const c = template[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '}') break;
    }
    if (j >= template.length) throw new JsonPathError('unclosed action');
    parts.push({ action: true, s: template.slice(open + 1, j).trim() });
    i = j + 1;
  }
  return parts;
}

function parseNodes(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const part of split(template)) {
    const top = stack[stack.length - 1]!;
    if (!part.action) top.push({ t: 'text', s: part.s });
    else if (part.s === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (part.s.startsWith('range ')) {
      const node: Node = { t: 'range', steps: parseJsonPath(part.s.slice(6)), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(part.s)) top.push({ t: 'text', s: JSON.parse(part.s) as string });
    else if (/^'[^']*'$/.test(part.s)) top.push({ t: 'text', s: part.s.slice(1, -1) });
    else top.push({ t: 'path', steps: parseJsonPath(part.s) });
  }
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

/** Go's json.Marshal: sorted keys, `<`, `>`, `&` escaped. */
function goCompactJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return JSON.stringify(sort(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const text = (v: unknown) =>
  v !== null && typeof v === 'object' ? goCompactJson(v) : v === null ? '<nil>' : String(v);

function exec(nodes: Node[], obj: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') out += node.s;
    else if (node.t === 'path') out += jsonPathValues(obj, node.steps).map(text).join(' ');
    else for (const item of jsonPathValues(obj, node.steps)) out += exec(node.body, item);
  }
  return out;
}

/** Prints `obj` through the template, or kubectl's error for a template it cannot parse. */
export function printJsonPath(template: string, obj: unknown): string {
  let nodes: Node[];
  try {
    nodes = parseNodes(template);
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlError(`error: error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  return exec(nodes, obj);
}
