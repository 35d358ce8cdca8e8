'use client';
import { AlertsView } from '@/components/notifications/AlertsView';

export default function AlertsPage() {
  return <AlertsView />;
}
