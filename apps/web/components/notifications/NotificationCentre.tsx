'use client';
import { Button } from '@argus/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useClusters } from '@/hooks/use-clusters';
import { useAction } from '@/hooks/use-mutation-form';
import { NOTIFICATIONS } from '@/hooks/use-notifications';
import { useQueryState } from '@/hooks/use-query-state';
import { listNotifications, markAllRead, markRead, matchesFilter, type NotificationFilter } from '@/lib/notifications';
import { NotificationFilters } from './NotificationFilters';
import { NotificationItem } from './NotificationItem';

const PAGE = 50;

/** The notification centre: the caller's notifications, filtered (query string), marked read one by one or all. */
export function NotificationCentre() {
  const [params, setParams] = useQueryState();
  const filter: NotificationFilter = {
    unread: params.get('unread') === 'true',
    severity: params.get('severity') ?? undefined,
    type: params.get('type') ?? undefined,
    cluster_id: params.get('cluster') ?? undefined,
  };
  const clusters = useClusters();
  const clusterName = (id: string | null | undefined) =>
    (id && clusters.data?.find((c) => c.id === id)?.name) || id || '';
  const list = useInfiniteQuery({
    queryKey: [NOTIFICATIONS, 'list', filter],
    queryFn: ({ pageParam }) => listNotifications({ ...filter, limit: PAGE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const action = useAction([NOTIFICATIONS]);
  const pages = list.data?.pages ?? [];
  const all = pages.flatMap((p) => p.items);
  const items = all.filter((n) => matchesFilter(n, filter));
  const unread = pages[0]?.unread ?? 0;
  const types = [...new Set(all.map((n) => n.type))];
  return (
    <div className="grid max-w-5xl gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Notifications</h1>
        <span className="text-sm text-muted-foreground" aria-live="polite">
          {unread} unread
        </span>
        <Button
          variant="outline"
          size="sm"
          className="ml-auto"
          disabled={action.busy || unread === 0}
          onClick={() => void action.run(markAllRead)}
        >
          Mark all read
        </Button>
      </div>
      <NotificationFilters value={filter} onChange={setParams} clusters={clusters.data ?? []} types={types} />
      <ErrorAlert error={list.error} title="Could not list notifications" />
      <ErrorAlert error={action.error} />
      {list.isLoading && <p className="text-sm text-muted-foreground">Loading…</p>}
      {list.isSuccess && items.length === 0 && (
        <p className="text-sm text-muted-foreground">
          {filter.unread || filter.severity || filter.type || filter.cluster_id ? (
            'No notification matches these filters.'
          ) : (
            <>
              No notifications yet. Choose what you are told about in your{' '}
              <Link href="/settings/notifications" prefetch={false} className="text-primary hover:underline">
                notification preferences
              </Link>
              .
            </>
          )}
        </p>
      )}
      <ul aria-label="Notification list" className="grid gap-2">
        {items.map((n) => (
          <NotificationItem
            key={n.id}
            n={n}
            clusterName={clusterName}
            busy={action.busy}
            onRead={(id) => void action.run(() => markRead(id))}
          />
        ))}
      </ul>
      {list.hasNextPage && (
        <Button
          variant="outline"
          className="justify-self-start"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
