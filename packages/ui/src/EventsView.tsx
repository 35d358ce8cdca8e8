import { age } from './format';
import { StatusBadge } from './StatusBadge';

/** The fields of a Kubernetes Event (core/v1) the list shows. */
export interface KubeEvent {
  metadata: { name: string; uid?: string; creationTimestamp?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  lastTimestamp?: string | null;
  eventTime?: string | null;
  [key: string]: unknown;
}

/** When an event last happened: lastTimestamp, else eventTime, else its creation. */
export function eventTime(e: KubeEvent): string | undefined {
  return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? undefined;
}

/**
 * Events, newest first: type (Warning in amber), how long ago, reason, message — and the object each is
 * about when they are not all about one object (`showObject`).
 */
export function EventsView({
  events,
  showObject = false,
  limit = 50,
  emptyText = 'No events.',
  now,
}: {
  events: readonly KubeEvent[];
  showObject?: boolean;
  limit?: number;
  emptyText?: string;
  now?: number;
}) {
  const stamp = (e: KubeEvent) => Date.parse(eventTime(e) ?? '') || 0;
  const items = [...events].sort((a, b) => stamp(b) - stamp(a)).slice(0, limit);
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <ul className="grid gap-1 text-sm" aria-label="Events">
      {items.map((e) => (
        <li
          key={e.metadata.uid ?? e.metadata.name}
          className="grid grid-cols-[5rem_6rem_10rem_minmax(0,1fr)] items-start gap-2 border-b py-1.5"
        >
          <StatusBadge status={e.type} />
          <span className="text-muted-foreground" title={eventTime(e)}>
            {age(eventTime(e), now)} ago
          </span>
          <span className="truncate font-medium" title={e.reason}>
            {e.reason}
            {e.count && e.count > 1 ? <span className="font-normal text-muted-foreground"> ×{e.count}</span> : null}
          </span>
          <span className="min-w-0 [overflow-wrap:anywhere]">
            {showObject && (
              <span className="text-muted-foreground">
                {e.involvedObject?.kind}/{e.involvedObject?.name}:{' '}
              </span>
            )}
            {e.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
