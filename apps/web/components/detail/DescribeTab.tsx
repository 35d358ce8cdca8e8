'use client';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '@/components/ErrorAlert';
import { api } from '@/lib/api';
import type { ApiResource } from '@/lib/resources';
import { operationPath } from './operations';

/** `kubectl describe` text of the object, from the server's one describe (fields, conditions, events). */
export function DescribeTab({
  clusterId,
  resource,
  name,
  namespace,
}: {
  clusterId: string;
  resource: ApiResource;
  name: string;
  namespace?: string;
}) {
  const path = operationPath(clusterId, resource, name, 'describe', namespace);
  const describe = useQuery({
    queryKey: ['describe', path],
    queryFn: () => api<{ text: string }>(path),
    refetchInterval: 10_000,
    retry: false,
  });
  return (
    <div className="grid gap-2">
      <ErrorAlert error={describe.error} title="Could not describe the object" />
      {describe.data ? (
        <section aria-label="Describe output">
          <pre
            data-testid="describe-output"
            className="overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs leading-5"
          >
            {describe.data.text}
          </pre>
        </section>
      ) : (
        !describe.error && <p className="text-sm text-muted-foreground">Loading…</p>
      )}
    </div>
  );
}
