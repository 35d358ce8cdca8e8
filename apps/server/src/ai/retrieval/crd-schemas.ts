/**
 * A cluster's CustomResourceDefinitions as knowledge: per CRD its kind, group, scope, served versions and the
 * fields of its OpenAPI v3 schema with their types and descriptions — what `kubectl explain` would say. Only
 * the definitions' schemas: never a custom resource object, never a log. Descriptions come from the cluster, so
 * they pass the same credential redaction as runbooks.
 */
import { chunkMarkdown } from './chunker.js';
import { redactText } from './redact-text.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export interface CrdDocument {
  /** The CRD's name, e.g. `certificates.cert-manager.io`. */
  name: string;
  title: string;
  chunks: Array<{ heading: string | null; content: string }>;
}

const MAX_FIELDS = 80;
const MAX_DEPTH = 4;
const MAX_DESCRIPTION = 300;

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_DESCRIPTION ? `${t.slice(0, MAX_DESCRIPTION - 1)}…` : t;
}

function typeOf(schema: Obj): string {
  const type = str(schema.type);
  if (type === 'array') {
    const item = str(obj(schema.items).type);
    return item ? `[]${item}` : 'array';
  }
  if (schema['x-kubernetes-int-or-string']) return 'int-or-string';
  return type || 'object';
}

function fields(schema: Obj, path: string, depth: number, out: string[]): void {
  const props = obj(schema.properties);
  const required = new Set(arr(schema.required).map(str));
  for (const [name, raw] of Object.entries(props)) {
    if (out.length >= MAX_FIELDS) return;
    const s = obj(raw);
    const full = path ? `${path}.${name}` : name;
    const enumValues = arr(s.enum).map(String).slice(0, 10);
    const parts = [`- \`${full}\` (${typeOf(s)}${required.has(name) ? ', required' : ''})`];
    if (enumValues.length) parts.push(`one of ${enumValues.join(', ')}`);
    const description = oneLine(str(s.description));
    if (description) parts.push(`— ${description}`);
    out.push(parts.join(' '));
    if (depth < MAX_DEPTH) {
      const next = str(s.type) === 'array' ? obj(s.items) : s;
      fields(next, str(s.type) === 'array' ? `${full}[]` : full, depth + 1, out);
    }
  }
}

/** The knowledge documents of a CustomResourceDefinitionList's items. */
export function crdDocuments(crds: readonly unknown[]): CrdDocument[] {
  const docs: CrdDocument[] = [];
  for (const raw of crds) {
    const crd = obj(raw);
    const name = str(obj(crd.metadata).name);
    const spec = obj(crd.spec);
    const names = obj(spec.names);
    const kind = str(names.kind);
    const group = str(spec.group);
    if (!name || !kind || !group) continue;
    const served = arr(spec.versions)
      .map(obj)
      .filter((v) => v.served !== false && str(v.name));
    const lines = [
      `Custom resource ${kind} (${group}), plural ${str(names.plural)}, ${str(spec.scope) || 'Namespaced'}.`,
      `Served versions: ${served.map((v) => `${str(v.name)}${v.storage ? ' (storage)' : ''}${v.deprecated ? ' (deprecated)' : ''}`).join(', ') || 'none'}.`,
    ];
    const shortNames = arr(names.shortNames).map(str).filter(Boolean);
    if (shortNames.length) lines.push(`Short names: ${shortNames.join(', ')}.`);
    const markdown = [lines.join(' ')];
    for (const v of served) {
      const schema = obj(obj(v.schema).openAPIV3Schema);
      const out: string[] = [];
      const description = oneLine(str(schema.description));
      fields(obj(obj(schema.properties).spec), 'spec', 1, out);
      fields(obj(obj(schema.properties).status), 'status', 1, out);
      markdown.push(
        `## ${kind} ${group}/${str(v.name)}`,
        description ? `${kind}: ${description}` : '',
        out.length ? out.join('\n') : 'No schema fields published.',
      );
    }
    const chunks = chunkMarkdown(redactText(markdown.join('\n\n')));
    docs.push({ name, title: `${kind} (${group}) custom resource schema`, chunks });
  }
  return docs;
}
