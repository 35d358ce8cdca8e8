'use client';
import { Badge } from '@argus/ui';
import type { OperationEntry } from '@/lib/openapi';

const METHOD_VARIANT: Record<string, 'default' | 'secondary' | 'destructive' | 'outline'> = {
  get: 'secondary',
  post: 'default',
  put: 'default',
  patch: 'default',
  delete: 'destructive',
};

function Schema({ schema }: { schema: unknown }) {
  if (schema === undefined) return null;
  return (
    <pre className="max-h-80 overflow-auto rounded-md bg-muted p-2 font-mono text-xs">
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}

/** One operation: method, path and summary; expands to permission, parameters, body and responses. */
export function OperationView({ entry }: { entry: OperationEntry }) {
  const { method, path, op } = entry;
  const body = op.requestBody?.content ? Object.entries(op.requestBody.content) : [];
  return (
    <details className="rounded-md border" data-testid="api-operation">
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm">
        <Badge variant={METHOD_VARIANT[method] ?? 'outline'} className="w-16 justify-center uppercase">
          {method}
        </Badge>
        <code className="font-mono">{path}</code>
        <span className="truncate text-muted-foreground">{op.summary}</span>
      </summary>
      <div className="grid gap-3 border-t px-3 py-3 text-sm">
        {op.description && <p>{op.description}</p>}
        <p>
          Permission: <code>{op['x-argus-permission'] ?? '—'}</code>
          {op.security && op.security.length === 0 ? ' (no credentials needed)' : ' (bearer token or API key)'}
        </p>
        {op.parameters && op.parameters.length > 0 && (
          <table className="w-full text-left text-xs">
            <thead>
              <tr className="text-muted-foreground">
                <th className="py-1">parameter</th>
                <th>in</th>
                <th>required</th>
                <th>schema</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}:${p.name}`} className="border-t align-top">
                  <td className="py-1 font-mono">{p.name}</td>
                  <td>{p.in}</td>
                  <td>{p.required ? 'yes' : 'no'}</td>
                  <td className="font-mono">{JSON.stringify(p.schema)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {body.map(([type, media]) => (
          <div key={type} className="grid gap-1">
            <h4 className="font-medium">Request body ({type})</h4>
            <Schema schema={media.schema} />
            {media.example !== undefined && (
              <>
                <h4 className="font-medium">Example</h4>
                <Schema schema={media.example} />
              </>
            )}
            {Object.entries(media.examples ?? {}).map(([name, ex]) => (
              <div key={name}>
                <h4 className="font-medium">Example {name}</h4>
                <Schema schema={ex.value} />
              </div>
            ))}
          </div>
        ))}
        {Object.entries(op.responses ?? {}).map(([status, r]) => (
          <div key={status} className="grid gap-1">
            <h4 className="font-medium">
              {status} <span className="font-normal text-muted-foreground">{r.description}</span>
            </h4>
            {Object.entries(r.content ?? {}).map(([type, media]) => (
              <div key={type}>
                <span className="text-xs text-muted-foreground">{type}</span>
                <Schema schema={media.schema} />
              </div>
            ))}
          </div>
        ))}
      </div>
    </details>
  );
}
