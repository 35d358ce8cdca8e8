import type { Page } from 'playwright-core';

/** JSON calls to the Argus API, as a client program makes them. */
export function apiClient(base: string) {
  return async function call<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export interface Admin {
  token: string;
  call: ReturnType<typeof apiClient>;
}

/** The first admin through the setup API, signed in. */
export async function setupAdmin(base: string, email = 'admin@example.com', password = 'correct-horse-battery') {
  const call = apiClient(base);
  await call('POST', '/api/setup/init', { email, password, name: 'Ada Admin' });
  const login = await call<{ access_token: string }>('POST', '/api/auth/login', { email, password });
  return { token: login.access_token, call } satisfies Admin;
}

export async function addCluster(admin: Admin, name: string, kubeconfig: string): Promise<string> {
  const c = await admin.call<{ id: string }>('POST', '/api/clusters', { name, kubeconfig }, admin.token);
  return c.id;
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/clusters', { timeout: 30_000 });
}
