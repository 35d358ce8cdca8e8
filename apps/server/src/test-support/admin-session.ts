/**
 * A running server's first admin, as a client sees it: setup/init, login, and a fetch that sends JSON
 * and the token. Used by the test kits and the benchmarks (it reads no vitest state).
 */
import { Agent } from 'undici';

export const TEST_PASSWORD = 'correct horse battery staple';

export type ApiFetch = (path: string, init?: RequestInit & { token?: string }) => Promise<Response>;

export interface AdminSession {
  /** The server's URL with 127.0.0.1 for localhost. */
  url: string;
  adminToken: string;
  fetch: ApiFetch;
  /** Signs in a user whose password is TEST_PASSWORD; returns the access token. */
  login(email: string): Promise<string>;
  close(): Promise<void>;
}

/** Completes setup on a fresh server (admin@example.com) and signs the admin in. */
export async function openAdminSession(serverUrl: string, caPem?: string): Promise<AdminSession> {
  const url = serverUrl.replace('localhost', '127.0.0.1');
  const dispatcher = caPem ? new Agent({ connect: { ca: caPem } }) : undefined;
  const fetchApi: ApiFetch = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return fetch(url + path, { ...init, headers, ...(dispatcher ? { dispatcher } : {}) } as RequestInit);
  };
  const login = async (email: string) => {
    const res = await fetchApi('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const init = await fetchApi('/api/setup/init', {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@example.com', password: TEST_PASSWORD, name: 'Admin' }),
  });
  if (init.status !== 201) throw new Error(`setup: ${init.status} ${await init.text()}`);
  return {
    url,
    adminToken: await login('admin@example.com'),
    fetch: fetchApi,
    login,
    close: async () => {
      await dispatcher?.close();
    },
  };
}
