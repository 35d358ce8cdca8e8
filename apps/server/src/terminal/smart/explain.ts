/**
 * `kubectl explain KIND[.field…]` from the cluster's OpenAPI v3 (read as the user through the gateway), printed
 * as kubectl's plaintext template: GROUP/KIND/VERSION, FIELD, DESCRIPTION wrapped at 80 columns, FIELDS.
 */
import { type CommandContext, KubectlError, kube, type RunResult, resolveResource } from './context.js';
import { parseFlags } from './flags.js';

type Schema = {
  type?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  $ref?: string;
  'x-kubernetes-group-version-kind'?: Array<{ group?: string; version?: string; kind?: string }>;
};

/** Words greedily filled into lines of at most `width` columns after the indent (long words stay whole). */
function wrap(text: string, indent: number, width = 80): string {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent + line.length + 1 + word.length > width) {
        out.push(pad + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(pad + line);
  }
  return out.map((l) => `${l.trimEnd() || pad}\n`).join('');
}

export async function runExplain(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args, flags } = parseFlags(words, [{ name: 'recursive', type: 'bool' }], 'explain');
  const recursive = flags.get('recursive') === 'true';
  if (args.length !== 1)
    throw new KubectlError(
      args.length === 0
        ? 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.'
        : 'error: We accept only this format: explain RESOURCE',
    );
  // `statefulsets.apps.spec.selector`: the longest prefix that names a resource (with its group), then fields
  const parts = args[0]!.split('.');
  let info: Awaited<ReturnType<typeof resolveResource>> | undefined;
  let fields: string[] = [];
  for (let i = parts.length; i >= 1 && !info; i--) {
    info = await resolveResource(ctx, parts.slice(0, i).join('.')).catch(() => undefined);
    fields = parts.slice(i);
  }
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${parts[0]}"`);
  const gv = info.group ? `apis/${info.group}/${info.version}` : `api/${info.version}`;
  const root = (await kube(ctx, { path: '/openapi/v3' })).json<{
    paths?: Record<string, { serverRelativeURL?: string }>;
  }>();
  const url = root.paths?.[gv]?.serverRelativeURL;
  if (!url) throw new KubectlError(`error: couldn't find resource for "${info.group ? `${info.group}/` : ''}${gv}"`);
  const doc = (await kube(ctx, { path: url })).json<{ components?: { schemas?: Record<string, Schema> } }>();
  const schemas = doc.components?.schemas ?? {};
  const named = Object.entries(schemas).find(([, s]) =>
    (s['x-kubernetes-group-version-kind'] ?? []).some(
      (g) => (g.group ?? '') === info.group && g.version === info.version && g.kind === info.kind,
    ),
  );
  if (!named) throw new KubectlError(`error: couldn't find the schema of ${info.kind}`);
  const deref = (s: Schema): Schema => {
    const ref = s.$ref ?? s.allOf?.[0]?.$ref;
    const target = ref ? schemas[ref.split('/').pop()!] : undefined;
    return target ? { ...target, description: s.description ?? target.description } : s;
  };
  const header = `${info.group ? `GROUP:      ${info.group}\n` : ''}KIND:       ${info.kind}\nVERSION:    ${info.version}\n\n`;
  let schema: Schema = named[1];
  let field: { name: string; schema: Schema } | undefined;
  for (const name of fields) {
    let cur = deref(schema);
    while (cur.type === 'array' && cur.items) cur = deref(cur.items);
    const next = cur.properties?.[name];
    // kubectl's template walks the whole path and names its last field, wherever the path broke
    if (!next) return { output: `${header}error: field "${fields.at(-1)}" does not exist\n`, exit_code: 1 };
    field = { name, schema: next };
    schema = next;
  }
  let out = header;
  if (field) out += `FIELD: ${field.name} <${typeName(field.schema)}>\n\n\n`;
  const body = deref(schema);
  let props = body;
  while (props.type === 'array' && props.items) props = deref(props.items);
  // a field's own text, then its referenced type's (a Container's, for pod.spec.containers)
  const refOf = (x: Schema) => x.$ref ?? x.allOf?.[0]?.$ref;
  let elem: Schema = schema;
  while (elem.type === 'array' && elem.items) elem = elem.items;
  const ref = refOf(elem);
  const typeText = field && ref ? schemas[ref.split('/').pop()!]?.description : undefined;
  out += `DESCRIPTION:\n${wrap(field?.schema.description ?? body.description ?? '', 4)}${typeText ? wrap(typeText, 4) : ''}    \n`;
  const names = Object.keys(props.properties ?? {}).sort();
  if (names.length && recursive) {
    // every field below, two spaces deeper per level, without descriptions; a type is not expanded inside itself
    const lines: string[] = [];
    const walk = (x: Schema, level: number, seen: Set<string>) => {
      let cur = deref(x);
      while (cur.type === 'array' && cur.items) cur = deref(cur.items);
      for (const n of Object.keys(cur.properties ?? {}).sort()) {
        const p = cur.properties![n]!;
        const required = cur.required?.includes(n) ? ' -required-' : '';
        lines.push(`${'  '.repeat(level)}${n}\t<${typeName(p)}>${required}\n`);
        let inner: Schema = p;
        while (inner.type === 'array' && inner.items) inner = inner.items;
        const ref = refOf(inner);
        if (ref && seen.has(ref)) continue;
        walk(p, level + 1, ref ? new Set([...seen, ref]) : seen);
      }
    };
    walk(props, 1, new Set(refOf(schema) ? [refOf(schema)!] : []));
    out += `FIELDS:\n${lines.join('')}`;
  } else if (names.length) {
    out += 'FIELDS:\n';
    for (const n of names) {
      const p = props.properties![n]!;
      const required = props.required?.includes(n) ? ' -required-' : '';
      out += `  ${n}\t<${typeName(p)}>${required}\n${p.description ? wrap(p.description, 4) : ''}\n`;
    }
  }
  return { output: `${out}\n`, exit_code: 0 };
}

/** The `<type>` kubectl shows: a referenced schema's short name, `[]T`, `map[string]T`, `Object`, or the type. */
function typeName(s: Schema): string {
  const ref = s.$ref ?? s.allOf?.[0]?.$ref;
  if (ref) return ref.split('.').pop()!;
  if (s.type === 'array') return `[]${s.items ? typeName(s.items) : 'Object'}`;
  if (s.type === 'object') {
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      return `map[string]${typeName(s.additionalProperties)}`;
    return 'Object';
  }
  return s.type ?? 'Object';
}
