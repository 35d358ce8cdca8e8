'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api, refreshSession } from '@/lib/api';
import { refreshTokenStore, type SessionUser, useAuthStore } from '@/stores/auth-store';

// The silent sign-in starts when this module loads, before React hydrates the page: its round trip then
// overlaps the hydration instead of following it (useSession below joins the same refresh).
if (typeof window !== 'undefined' && !useAuthStore.getState().accessToken && refreshTokenStore.get()) {
  void refreshSession();
}

/** Signs in silently from the stored refresh token, or sends the user to /login (or /setup). */
export function useSession(): { ready: boolean; user: SessionUser | null } {
  const router = useRouter();
  const token = useAuthStore((s) => s.accessToken);
  const user = useAuthStore((s) => s.user);
  const [ready, setReady] = useState(token !== null);

  useEffect(() => {
    let cancelled = false;
    const toLogin = async () => {
      const status = await api<{ completed: boolean }>('/api/setup/status').catch(() => ({ completed: true }));
      const next = encodeURIComponent(location.pathname + location.search);
      router.replace(status.completed ? `/login?next=${next}` : '/setup');
    };
    (async () => {
      if (!useAuthStore.getState().accessToken) {
        if (!refreshTokenStore.get() || !(await refreshSession())) return void (cancelled || (await toLogin()));
      }
      if (!useAuthStore.getState().user) {
        const me = await api<SessionUser | { user: SessionUser }>('/api/auth/me').catch(() => null);
        if (me) useAuthStore.getState().setUser('user' in me ? me.user : me);
      }
      if (!cancelled) setReady(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [router]);

  useEffect(() => {
    // Signed out elsewhere (logout, refresh token revoked): back to the login page.
    if (ready && token === null) router.replace('/login');
  }, [ready, token, router]);

  return { ready: ready && token !== null, user };
}
