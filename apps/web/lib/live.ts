/**
 * The browser tab's one `/ws` connection, shared by every live list of the web app (`useWatch`,
 * `useResourceList`) and of the plugins (`useLiveList` from `@argus/plugin-sdk/frontend`), handed to both by
 * `ArgusHostProvider` in `app/providers.tsx`. It authenticates with the access token in its first message,
 * sends a fresh token when the session refreshes it, and disconnects on sign-out.
 */
import { createLiveConnection, type LiveConnection } from '@argus/plugin-sdk/frontend';
import { refreshTokenStore, useAuthStore } from '@/stores/auth-store';
import { refreshSession } from './api';

let connection: LiveConnection | null = null;

async function token(): Promise<string | null> {
  const t = useAuthStore.getState().accessToken;
  if (t || !refreshTokenStore.get()) return t;
  await refreshSession();
  return useAuthStore.getState().accessToken;
}

/** The tab's connection (created on first use; null where there is no browser, e.g. server rendering). */
export function liveConnection(): LiveConnection | null {
  if (typeof window === 'undefined' || typeof WebSocket === 'undefined') return null;
  if (!connection) {
    const live = createLiveConnection({
      url: () => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`,
      getToken: token,
      refreshToken: refreshSession,
    });
    useAuthStore.subscribe((s, prev) => {
      if (s.accessToken === prev.accessToken) return;
      if (s.accessToken) live.reauthenticate();
      else live.disconnect();
    });
    connection = live;
  }
  return connection;
}
