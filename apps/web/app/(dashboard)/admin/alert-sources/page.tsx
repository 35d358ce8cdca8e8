'use client';
import { AlertSourcesAdmin } from '@/components/notifications/AlertSourcesAdmin';

export default function AlertSourcesPage() {
  return <AlertSourcesAdmin />;
}
