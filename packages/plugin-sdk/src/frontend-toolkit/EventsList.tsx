/**
 * The events of a cluster, a namespace or one object (`involvedObject` field selector), newest first,
 * read again every few seconds. Data-bound: give it an API client (a plugin's `api`, or the web app's).
 */
import { EventsView, type KubeEvent } from '@argus/ui';
import { useEffect } from 'react';
import type { PluginApi } from '../frontend';
import { usePluginData } from '../use-plugin-data';

export interface EventsListProps {
  /** Only `raw` is used: `GET /api/clusters/{id}/events`. */
  api: Pick<PluginApi, 'raw'>;
  clusterId: string;
  namespace?: string;
  /** With `name` (and `kind`): the events of that object only. */
  name?: string;
  kind?: string;
  limit?: number;
  /** How often to read again (default 10 s; 0 = never). */
  refreshMs?: number;
}

export function eventsPath(p: Pick<EventsListProps, 'clusterId' | 'namespace' | 'name' | 'kind'>): string {
  const q = new URLSearchParams();
  if (p.namespace) q.set('namespace', p.namespace);
  if (p.name)
    q.set(
      'fieldSelector',
      [`involvedObject.name=${p.name}`, p.kind ? `involvedObject.kind=${p.kind}` : ''].filter(Boolean).join(','),
    );
  const s = q.toString();
  return `/api/clusters/${encodeURIComponent(p.clusterId)}/events${s ? `?${s}` : ''}`;
}

export function EventsList({ api, limit = 50, refreshMs = 10_000, ...where }: EventsListProps) {
  const path = eventsPath(where);
  const events = usePluginData(path, () => api.raw<{ items: KubeEvent[] }>('GET', path));
  const { reload } = events;
  useEffect(() => {
    if (!refreshMs) return;
    const t = setInterval(reload, refreshMs);
    return () => clearInterval(t);
  }, [reload, refreshMs]);
  return (
    <div className="grid gap-2">
      {events.error && (
        <p role="alert" className="text-sm text-destructive">
          Could not read events: {events.error}
        </p>
      )}
      {events.data ? (
        <EventsView events={events.data.items} showObject={!where.name} limit={limit} />
      ) : (
        !events.error && <p className="text-sm text-muted-foreground">Loading…</p>
      )}
    </div>
  );
}
