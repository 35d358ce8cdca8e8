'use client';
import { useParams } from 'next/navigation';
import { PluginPage } from '@/components/PluginPage';

export default function ClusterPluginPage() {
  const params = useParams<{ cluster: string; plugin: string; path?: string[] }>();
  return (
    <PluginPage
      pluginId={params.plugin}
      clusterId={decodeURIComponent(params.cluster)}
      segments={(params.path ?? []).map(decodeURIComponent)}
    />
  );
}
