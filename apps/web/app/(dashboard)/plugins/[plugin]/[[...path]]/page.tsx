'use client';
import { useParams } from 'next/navigation';
import { PluginPage } from '@/components/PluginPage';

export default function GlobalPluginPage() {
  const params = useParams<{ plugin: string; path?: string[] }>();
  return <PluginPage pluginId={params.plugin} segments={(params.path ?? []).map(decodeURIComponent)} />;
}
