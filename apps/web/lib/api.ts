import { refreshTokenStore, type SessionUser, useAuthStore } from '@/stores/auth-store';
import { ApiError, errorFromResponse } from './api-error';
import { takeEarlySession } from './early-session';
import { noteStale } from './stale';

export { ApiError, describeError } from './api-error';

interface TokenPair {
  access_token: string;
  refresh_token: string;
  user?: SessionUser;
}

/** Stores a token pair from login, setup, refresh or the OIDC callback. */
export function acceptTokens(pair: TokenPair): void {
  refreshTokenStore.set(pair.refresh_token);
  useAuthStore.getState().setSession(pair.access_token, pair.user ?? undefined);
}

export function signOutLocally(): void {
  refreshTokenStore.set(null);
  useAuthStore.getState().clear();
}

let inflight: Promise<boolean> | null = null;

async function doRefresh(): Promise<boolean> {
  // The page's inline script may have refreshed already, under the same lock (early-session.ts).
  const early = await takeEarlySession();
  if (early && 'access_token' in early) {
    acceptTokens(early);
    return true;
  }
  if (early && (early.status === 401 || early.status === 400)) {
    signOutLocally();
    return false;
  }
  // Read the token inside the lock: another tab may have rotated it meanwhile.
  const token = refreshTokenStore.get();
  if (!token) return false;
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: token }),
  });
  if (!res.ok) {
    if (res.status === 401 || res.status === 400) signOutLocally();
    return false;
  }
  acceptTokens((await res.json()) as TokenPair);
  return true;
}

/**
 * Trades the refresh token for a new pair, once at a time: refresh tokens rotate, and presenting a
 * spent one revokes the whole family, so concurrent 401s share one refresh (and tabs share a lock).
 */
export function refreshSession(): Promise<boolean> {
  if (!inflight) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run = locks ? locks.request('argus-refresh', doRefresh) : doRefresh();
    inflight = Promise.resolve(run)
      .catch(() => false)
      .finally(() => {
        inflight = null;
      });
  }
  return inflight;
}

export interface RequestOptions extends Omit<RequestInit, 'body'> {
  body?: unknown;
  /** Send the body as-is (a YAML string, a chart archive) with this content type. */
  rawBody?: string | Blob | ArrayBuffer;
  contentType?: string;
  /** Return the Response (for streams) instead of parsed JSON. */
  raw?: boolean;
}

function withAuth(init: RequestOptions): RequestInit {
  const headers = new Headers(init.headers);
  const token = useAuthStore.getState().accessToken;
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let body: BodyInit | undefined;
  if (init.rawBody !== undefined) {
    body = init.rawBody;
    headers.set('Content-Type', init.contentType ?? 'text/plain');
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers.set('Content-Type', 'application/json');
  }
  const { body: _b, rawBody: _r, contentType: _c, raw: _raw, ...rest } = init;
  return { ...rest, headers, body };
}

/** Calls the Argus API with the access token, refreshing it once on 401; errors become ApiError. */
export async function apiFetch(path: string, init: RequestOptions = {}): Promise<Response> {
  if (!useAuthStore.getState().accessToken && refreshTokenStore.get()) await refreshSession();
  let res = await fetch(path, withAuth(init));
  if (res.status === 401 && refreshTokenStore.get()) {
    if (await refreshSession()) res = await fetch(path, withAuth(init));
  }
  if (!res.ok) throw await errorFromResponse(res);
  noteStale(path, init.method, res);
  return res;
}

export async function api<T = unknown>(path: string, init: RequestOptions = {}): Promise<T> {
  return parseAnswer<T>(await apiFetch(path, init));
}

/** A GET answer fetched by other means (the page's inline script, `early-list.ts`) read as `api()` reads it. */
export async function readAnswer<T = unknown>(path: string, res: Response): Promise<T> {
  if (!res.ok) throw await errorFromResponse(res);
  noteStale(path, 'GET', res);
  return parseAnswer<T>(res);
}

async function parseAnswer<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(
      res.status,
      'BAD_RESPONSE',
      `The server answered something that is not JSON: ${text.slice(0, 200)}`,
    );
  }
}

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}
