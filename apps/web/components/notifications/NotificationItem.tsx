'use client';
import { age, Button, cn } from '@argus/ui';
import Link from 'next/link';
import { type AppNotification, describeRef, notificationHref } from '@/lib/notifications';
import { SeverityBadge } from './SeverityBadge';

/** One notification in the centre: what, where (a link to the object), when, and "Mark read". */
export function NotificationItem({
  n,
  clusterName,
  onRead,
  busy,
}: {
  n: AppNotification;
  clusterName: (id: string | null | undefined) => string;
  onRead: (id: string) => void;
  busy?: boolean;
}) {
  const href = notificationHref(n);
  const cluster = n.cluster_id ?? n.resource_ref?.cluster_id;
  const unread = !n.read_at;
  return (
    <li
      aria-label={n.title}
      data-unread={unread ? 'true' : 'false'}
      className={cn('grid gap-1 rounded-md border p-3', unread ? 'border-l-4 border-l-primary bg-accent/30' : '')}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={n.severity} />
        <span className="font-medium">{n.title}</span>
        {unread && <span className="sr-only">(unread)</span>}
        <span className="ml-auto text-xs text-muted-foreground" title={n.created_at}>
          {age(n.created_at)} ago
        </span>
      </div>
      {n.body && <p className="whitespace-pre-line text-sm text-muted-foreground">{n.body}</p>}
      <div className="flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
        <span>{n.type}</span>
        {cluster && <span>cluster {clusterName(cluster)}</span>}
        {href && (
          <Link href={href} prefetch={false} className="text-primary underline-offset-2 hover:underline">
            {n.resource_ref ? `Open ${describeRef(n.resource_ref)}` : 'Open'}
          </Link>
        )}
        {unread && (
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto"
            disabled={busy}
            onClick={() => onRead(n.id)}
            aria-label={`Mark “${n.title}” read`}
          >
            Mark read
          </Button>
        )}
      </div>
    </li>
  );
}
