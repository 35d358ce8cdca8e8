'use client';
import { useParams } from 'next/navigation';
import { ResourceListView } from '@/components/ResourceListView';

export default function ResourceListPage() {
  const { cluster, resource } = useParams<{ cluster: string; resource: string }>();
  return <ResourceListView key={`${cluster}/${resource}`} clusterId={decodeURIComponent(cluster)} segment={resource} />;
}
