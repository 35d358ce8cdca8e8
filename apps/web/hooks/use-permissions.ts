'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '@/lib/api';
import { can, type PermissionsResponse, type Scope } from '@/lib/permissions';
import { useAuthStore } from '@/stores/auth-store';

export function usePermissions() {
  const signedIn = useAuthStore((s) => s.accessToken !== null);
  const query = useQuery({
    queryKey: ['permissions'],
    queryFn: () => api<PermissionsResponse>('/api/auth/permissions'),
    enabled: signedIn,
    staleTime: 60_000,
  });
  const data = query.data;
  const check = useCallback(
    (resource: string, action: string, scope?: Scope, anywhere = false) => can(data, resource, action, scope, anywhere),
    [data],
  );
  return { permissions: data, can: check, isLoading: query.isLoading, error: query.error };
}
