import { create } from 'zustand';

/** The signed-in user as the API shows it (subset the UI needs). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

interface AuthState {
  /** Access token: in memory only, never persisted and never put in a URL. */
  accessToken: string | null;
  user: SessionUser | null;
  setSession: (accessToken: string, user?: SessionUser | null) => void;
  setUser: (user: SessionUser | null) => void;
  clear: () => void;
}

export const useAuthStore = create<AuthState>((set) => ({
  accessToken: null,
  user: null,
  setSession: (accessToken, user) => set((s) => ({ accessToken, user: user === undefined ? s.user : user })),
  setUser: (user) => set({ user }),
  clear: () => set({ accessToken: null, user: null }),
}));

const REFRESH_KEY = 'argus.refresh_token';

/** The refresh token lives in localStorage so a reload (or a new tab) can sign in silently. */
export const refreshTokenStore = {
  get(): string | null {
    try {
      return globalThis.localStorage?.getItem(REFRESH_KEY) ?? null;
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    try {
      if (token) globalThis.localStorage?.setItem(REFRESH_KEY, token);
      else globalThis.localStorage?.removeItem(REFRESH_KEY);
    } catch {
      // storage disabled: the session lasts as long as the page
    }
  },
};
