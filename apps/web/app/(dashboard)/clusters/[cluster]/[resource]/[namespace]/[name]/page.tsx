'use client';
import { useParams } from 'next/navigation';
import { ResourceDetailView } from '@/components/ResourceDetailView';

export default function ResourceDetailPage() {
  const p = useParams<{ cluster: string; resource: string; namespace: string; name: string }>();
  return (
    <ResourceDetailView
      key={`${p.cluster}/${p.resource}/${p.namespace}/${p.name}`}
      clusterId={decodeURIComponent(p.cluster)}
      segment={p.resource}
      namespace={decodeURIComponent(p.namespace)}
      name={decodeURIComponent(p.name)}
    />
  );
}
