'use client';
import { useParams } from 'next/navigation';
import { AlertsView } from '@/components/notifications/AlertsView';

export default function ClusterAlertsPage() {
  const { cluster } = useParams<{ cluster: string }>();
  return <AlertsView clusterId={decodeURIComponent(cluster)} />;
}
