'use client';
import { BellIcon } from 'lucide-react';
import Link from 'next/link';
import { useNotificationPush, useUnreadNotifications } from '@/hooks/use-notifications';

/** The header's bell: the unread count, kept current over the tab's WebSocket; opens the notification centre. */
export function NotificationBell() {
  useNotificationPush();
  const unread = useUnreadNotifications();
  const count = unread.data?.unread ?? 0;
  const label = count === 0 ? 'Notifications: none unread' : `Notifications: ${count} unread`;
  return (
    <Link
      href="/notifications"
      prefetch={false}
      aria-label={label}
      title={label}
      className="relative inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <BellIcon className="size-4" aria-hidden="true" />
      {count > 0 && (
        <span
          data-testid="unread-count"
          className="absolute -right-1 -top-1 min-w-4 rounded-full bg-destructive px-1 text-center text-[10px] font-semibold leading-4 text-destructive-foreground"
        >
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
