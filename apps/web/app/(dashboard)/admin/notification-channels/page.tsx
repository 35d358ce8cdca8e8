'use client';
import { ChannelsAdmin } from '@/components/notifications/ChannelsAdmin';

export default function NotificationChannelsPage() {
  return <ChannelsAdmin />;
}
