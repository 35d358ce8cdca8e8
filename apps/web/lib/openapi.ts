/** The bits of an OpenAPI 3.1 document the API reference page reads (GET /api/openapi.json). */
export interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  'x-argus-permission'?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: unknown }>;
  requestBody?: {
    content?: Record<string, { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown }> }>;
  };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface OperationEntry {
  method: string;
  path: string;
  op: OpenApiOperation;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Operations grouped by tag (first tag), tags and operations in a stable order; `filter` matches path or summary. */
export function groupOperations(doc: OpenApiDocument, filter = ''): Array<[string, OperationEntry[]]> {
  const needle = filter.trim().toLowerCase();
  const groups = new Map<string, OperationEntry[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const text = `${method} ${path} ${op.summary ?? ''} ${op['x-argus-permission'] ?? ''}`.toLowerCase();
      if (needle && !text.includes(needle)) continue;
      const tag = op.tags?.[0] ?? 'other';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, ops]) => [
      tag,
      ops.sort((x, y) => x.path.localeCompare(y.path) || METHODS.indexOf(x.method) - METHODS.indexOf(y.method)),
    ]);
}
