'use client';
import { NotificationCentre } from '@/components/notifications/NotificationCentre';

export default function NotificationsPage() {
  return <NotificationCentre />;
}
