/** The Ceph lists' filters, kept in the query string: `?namespace=` (read by the server) and `?q=` (text). */
import { Button, Input } from '@argus/ui';
import { useEffect, useState } from 'react';

/** `path` with the query string changed (`null`/'' removes a key). */
export function setQuery(path: string, current: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  const s = next.toString();
  return s ? `${path}?${s}` : path;
}

export function ListToolbar({
  path,
  searchParams,
  navigate,
}: {
  path: string;
  searchParams: URLSearchParams;
  navigate(path: string): void;
}) {
  const namespace = searchParams.get('namespace') ?? '';
  const [draft, setDraft] = useState(namespace);
  const [q, setQ] = useState(searchParams.get('q') ?? '');
  useEffect(() => setDraft(namespace), [namespace]);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(setQuery(path, searchParams, { namespace: draft.trim() || null }));
        }}
      >
        <Input
          aria-label="Namespace"
          placeholder="All namespaces"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          className="w-44"
        />
        <Button type="submit" variant="outline" size="sm">
          Apply
        </Button>
      </form>
      <Input
        type="search"
        aria-label="Filter"
        placeholder="Filter…"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          navigate(setQuery(path, searchParams, { q: e.target.value || null }));
        }}
        className="w-56"
      />
    </div>
  );
}
