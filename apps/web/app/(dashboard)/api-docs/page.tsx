'use client';
import { Input, Label } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { OperationView } from '@/components/api-docs/OperationView';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useQueryState } from '@/hooks/use-query-state';
import { api } from '@/lib/api';
import { groupOperations, type OpenApiDocument } from '@/lib/openapi';

/** `/api-docs?q=`: the API reference, rendered from the server's generated /api/openapi.json (no CDN). */
export default function ApiDocsPage() {
  const [params, setParams] = useQueryState();
  const q = params.get('q') ?? '';
  const doc = useQuery({ queryKey: ['openapi'], queryFn: () => api<OpenApiDocument>('/api/openapi.json') });
  const groups = doc.data ? groupOperations(doc.data, q) : [];
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">API reference</h1>
          {doc.data && (
            <p className="text-sm text-muted-foreground">
              {doc.data.info.title} {doc.data.info.version} · OpenAPI {doc.data.openapi} ·{' '}
              <a className="underline" href="/api/openapi.json">
                openapi.json
              </a>
            </p>
          )}
        </div>
        <div className="grid gap-1">
          <Label htmlFor="api-filter">Filter</Label>
          <Input
            id="api-filter"
            className="w-72"
            defaultValue={q}
            placeholder="path, summary or permission"
            onChange={(e) => setParams({ q: e.target.value })}
          />
        </div>
      </div>
      <ErrorAlert error={doc.error} title="Could not load the API document" />
      {groups.map(([tag, ops]) => (
        <section key={tag} className="grid gap-2" aria-label={tag}>
          <h2 className="text-base font-semibold capitalize">{tag}</h2>
          {ops.map((entry) => (
            <OperationView key={`${entry.method} ${entry.path}`} entry={entry} />
          ))}
        </section>
      ))}
    </div>
  );
}
