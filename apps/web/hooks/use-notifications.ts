'use client';
import { useArgusHost } from '@argus/plugin-sdk/frontend';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type AppNotification, listNotifications, type NotificationPage } from '@/lib/notifications';
import { useAuthStore } from '@/stores/auth-store';

/** Every notification query starts with this key: one invalidation refreshes the bell and the centre. */
export const NOTIFICATIONS = 'notifications';
const UNREAD_KEY = [NOTIFICATIONS, 'unread'] as const;

/** The bell's data: the unread count and the latest unread notifications. */
export function useUnreadNotifications() {
  const signedIn = useAuthStore((s) => s.accessToken !== null);
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => listNotifications({ unread: true, limit: 5 }),
    enabled: signedIn,
    // The WebSocket brings new ones at once; this catches reads made in another tab.
    refetchInterval: 60_000,
    retry: false,
  });
}

/** Counts a pushed notification in at once (once per id), before the lists are read again. */
export function acceptPushed(qc: QueryClient, n: AppNotification): void {
  qc.setQueryData<NotificationPage>(UNREAD_KEY, (old) => {
    if (!old || old.items.some((x) => x.id === n.id) || n.read_at) return old;
    return { ...old, unread: old.unread + 1, items: [n, ...old.items].slice(0, 5) };
  });
}

function isNotification(v: unknown): v is AppNotification {
  const n = v as Partial<AppNotification> | null;
  return !!n && typeof n.id === 'string' && typeof n.title === 'string';
}

/**
 * Listens on the tab's one WebSocket for `{"type":"notification","notification":{…}}`: the count moves at
 * once and every notification list is read again; after a reconnect (pushes may have been missed) too.
 */
export function useNotificationPush(): void {
  const { live } = useArgusHost();
  const qc = useQueryClient();
  const signedIn = useAuthStore((s) => s.accessToken !== null);
  useEffect(() => {
    if (!live?.listen || !signedIn) return;
    return live.listen('notification', {
      onMessage(msg) {
        if (isNotification(msg.notification)) acceptPushed(qc, msg.notification);
        void qc.invalidateQueries({ queryKey: [NOTIFICATIONS] });
        // A notification follows an alert's change: an open alerts view reads again too.
        void qc.invalidateQueries({ queryKey: ['alerts'] });
      },
      onConnected() {
        void qc.invalidateQueries({ queryKey: [NOTIFICATIONS] });
      },
    });
  }, [live, qc, signedIn]);
}
