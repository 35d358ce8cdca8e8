'use client';
import type { PluginInfo, PluginList } from '@argus/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';
import { useAuthStore } from '@/stores/auth-store';

/** `GET /api/plugins`: manifests, state, and where each plugin is enabled. */
export function usePlugins() {
  const signedIn = useAuthStore((s) => s.accessToken !== null);
  return useQuery({
    queryKey: ['plugins'],
    queryFn: async (): Promise<PluginInfo[]> => (await api<PluginList>('/api/plugins')).plugins,
    enabled: signedIn,
    staleTime: 30_000,
  });
}
