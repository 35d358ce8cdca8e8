/** The notification pages, for the command palette (the sidebar links them by hand). */
export const NOTIFICATION_PAGES = [
  { href: '/notifications', label: 'Notifications', keywords: 'bell unread inbox' },
  { href: '/alerts', label: 'Alerts', keywords: 'firing pending resolved' },
  {
    href: '/admin/notification-channels',
    label: 'Notification channels',
    keywords: 'admin webhook mail slack teams telegram',
  },
  { href: '/admin/alert-sources', label: 'Alert sources', keywords: 'admin alertmanager prometheus token' },
  {
    href: '/settings/notifications',
    label: 'Notification preferences',
    keywords: 'settings quiet hours digest severity',
  },
] as const;
