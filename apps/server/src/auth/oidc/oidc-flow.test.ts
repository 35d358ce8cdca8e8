import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, login, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { followProvider, startTestOidcProvider, type TestOidcProvider } from '../../test-support/oidc-provider.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

const ARGUS = 'http://argus.test';
const CALLBACK = `${ARGUS}/api/auth/oidc/callback`;

/**
 * Single sign-on against a real OpenID provider (oidc-provider on loopback): the browser is played with
 * real HTTP requests to the provider (redirects followed, cookies kept) and inject() against Argus.
 */
describe.each(testDrivers())('SSO with OpenID Connect on %s', (driver) => {
  let server: TestServer;
  let provider: TestOidcProvider;
  let admin: SignedIn;
  let clusterId: string;

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = admin.token) =>
    server.app.inject({ method, url, payload: payload as object, headers: bearer(token) });

  async function startLogin(next?: string) {
    const res = await server.app.inject({
      url: `/api/auth/oidc/authorize${next ? `?next=${encodeURIComponent(next)}` : ''}`,
      headers: { host: 'argus.test' },
    });
    expect(res.statusCode).toBe(302);
    const setCookie = String(res.headers['set-cookie'] ?? '');
    return { location: String(res.headers.location), cookie: setCookie.split(';')[0] ?? '', setCookie };
  }

  /** The callback request the browser makes; what the page at /auth/oidc/callback gets in its fragment. */
  async function callback(url: string, cookie: string) {
    const u = new URL(url);
    const res = await server.app.inject({ url: u.pathname + u.search, headers: { host: 'argus.test', cookie } });
    expect(res.statusCode).toBe(302);
    const location = String(res.headers.location);
    expect(location.startsWith('/auth/oidc/callback#')).toBe(true);
    expect(location.split('#')[0]).not.toMatch(/token|error/);
    return Object.fromEntries(new URLSearchParams(location.split('#')[1])) as Record<string, string>;
  }

  async function sso(account: string, options: { deny?: boolean; next?: string } = {}) {
    provider.nextLogin = { account, ...(options.deny ? { deny: true } : {}) };
    const { location, cookie } = await startLogin(options.next);
    const url = await followProvider(location, ARGUS);
    return { fragment: await callback(url, cookie), url, cookie };
  }

  const permissionsOf = async (token: string) => (await api('GET', '/api/auth/permissions', undefined, token)).json();
  const roleSet = (p: { roles: { role: string; cluster_id: string | null; namespace: string | null }[] }) =>
    p.roles.map((r) => `${r.role}@${r.cluster_id ?? '*'}/${r.namespace ?? '*'}`).sort();

  beforeAll(async () => {
    provider = await startTestOidcProvider({ redirectUris: [CALLBACK] });
    server = await createTestServer(driver);
    admin = await setupAdmin(server.app);
    const cluster = await server.db.query<{ id: string }>(
      "INSERT INTO clusters (name, connection_type) VALUES ('prod', 'demo') RETURNING id::text",
    );
    clusterId = cluster.rows[0]!.id;
    const put = await api('PUT', '/api/settings/oidc', {
      enabled: true,
      issuer: provider.issuer,
      client_id: provider.clientId,
      client_secret: provider.clientSecret,
      groups_claim: 'groups',
      default_role: 'viewer',
      name: 'Test ID',
    });
    expect(put.statusCode).toBe(200);
    for (const [group, role, scope] of [
      ['platform-admins', 'admin', {}],
      ['devs', 'operator', { cluster_id: clusterId, namespace: 'team-a' }],
    ] as const) {
      const res = await api('POST', '/api/settings/oidc/mappings', { group, role, ...scope });
      expect(res.statusCode).toBe(201);
    }
    provider.accounts.set('alice-sub', { email: 'Alice@Example.com', name: 'Alice', groups: ['devs'] });
  });
  afterAll(async () => {
    await server?.stop();
    await provider?.close();
  });

  it('offers SSO on the login page and sends the browser to the provider with PKCE, state and nonce', async () => {
    expect((await server.app.inject({ url: '/api/auth/oidc/info' })).json()).toEqual({
      enabled: true,
      name: 'Test ID',
    });
    const { location, setCookie } = await startLogin();
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'groups']));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    // Only hashes of the state are stored.
    const rows = await server.db.query<{ state_hash: string }>('SELECT state_hash FROM oidc_login_states');
    expect(rows.rows.map((r) => r.state_hash)).not.toContain(url.searchParams.get('state'));
  });

  it('creates the user at the first login with the mapped roles, tokens only in the fragment', async () => {
    const { fragment } = await sso('alice-sub', { next: '/clusters/x' });
    expect(fragment.error).toBeUndefined();
    expect(fragment.access_token?.split('.')).toHaveLength(3);
    expect(fragment.refresh_token).toMatch(/^argusrt_/);
    expect(fragment.token_type).toBe('Bearer');
    expect(fragment.next).toBe('/clusters/x');
    const me = (await api('GET', '/api/auth/me', undefined, fragment.access_token)).json();
    expect(me).toMatchObject({ email: 'alice@example.com', name: 'Alice', auth_provider: 'oidc' });
    const row = await server.db.query<{ oidc_issuer: string; oidc_subject: string; password_hash: string | null }>(
      'SELECT oidc_issuer, oidc_subject, password_hash FROM users WHERE id = $1',
      [me.id],
    );
    expect(row.rows[0]).toEqual({ oidc_issuer: provider.issuer, oidc_subject: 'alice-sub', password_hash: null });
    expect(roleSet(await permissionsOf(fragment.access_token!))).toEqual([
      `operator@${clusterId}/team-a`,
      'viewer@*/*',
    ]);
    // The refresh token works like a local login's.
    const refreshed = await server.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refresh_token: fragment.refresh_token },
    });
    expect(refreshed.statusCode).toBe(200);
    // Audited, with the groups seen, never the tokens.
    const audit = await server.db.query<{ outcome: string; user_email: string; request_body: unknown }>(
      "SELECT outcome, user_email, request_body FROM audit_logs WHERE action = 'auth.oidc_login' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]).toMatchObject({ outcome: 'success', user_email: 'alice@example.com' });
    expect(JSON.stringify(audit.rows[0])).not.toContain(fragment.access_token);
  });

  it('re-applies the group mappings at each login; hand-made assignments stay', async () => {
    const first = await sso('alice-sub');
    const userId = (await api('GET', '/api/auth/me', undefined, first.fragment.access_token)).json().id;
    const manual = await api('POST', '/api/roles/assign', {
      user_id: userId,
      role: 'viewer',
      cluster_id: clusterId,
      namespace: 'manual-ns',
    });
    expect(manual.statusCode).toBe(201);

    provider.accounts.set('alice-sub', { email: 'alice@example.com', name: 'Alice A.', groups: ['platform-admins'] });
    const second = await sso('alice-sub');
    expect((await api('GET', '/api/auth/me', undefined, second.fragment.access_token)).json()).toMatchObject({
      id: userId,
      name: 'Alice A.',
    });
    const expected = ['admin@*/*', `viewer@${clusterId}/manual-ns`, 'viewer@*/*'].sort();
    expect(roleSet(await permissionsOf(second.fragment.access_token!))).toEqual(expected);
    // The earlier session sees the change at once (the permission cache was invalidated).
    expect(roleSet(await permissionsOf(first.fragment.access_token!))).toEqual(expected);
    expect((await api('GET', '/api/users', undefined, second.fragment.access_token)).statusCode).toBe(200);

    provider.accounts.set('alice-sub', { email: 'alice@example.com', name: 'Alice', groups: [] });
    const third = await sso('alice-sub');
    expect(roleSet(await permissionsOf(third.fragment.access_token!))).toEqual(
      [`viewer@${clusterId}/manual-ns`, 'viewer@*/*'].sort(),
    );
    const users = await server.db.query('SELECT 1 FROM users WHERE oidc_subject = $1', ['alice-sub']);
    expect(users.rows).toHaveLength(1);
  });

  it('refuses a replayed callback (same state and code)', async () => {
    const { fragment, url, cookie } = await sso('alice-sub');
    expect(fragment.access_token).toBeTruthy();
    const replay = await callback(url, cookie);
    expect(replay.access_token).toBeUndefined();
    expect(replay.error).toBe('OIDC_STATE_INVALID');
    expect(replay.error_description).toMatch(/already used/);
  });

  it('refuses an expired login state', async () => {
    provider.nextLogin = { account: 'alice-sub' };
    const { location, cookie } = await startLogin();
    const url = await followProvider(location, ARGUS);
    await server.db.query("UPDATE oidc_login_states SET expires_at = now() - interval '1 second'");
    const fragment = await callback(url, cookie);
    expect(fragment.error).toBe('OIDC_STATE_EXPIRED');
    expect(fragment.access_token).toBeUndefined();
  });

  it('refuses a callback from another browser (no binding cookie) and one with an unknown state', async () => {
    provider.nextLogin = { account: 'alice-sub' };
    const { location } = await startLogin();
    const url = await followProvider(location, ARGUS);
    expect((await callback(url, '')).error).toBe('OIDC_STATE_INVALID');
    expect((await callback(`${CALLBACK}?code=abc&state=forged`, '')).error).toBe('OIDC_STATE_INVALID');
    expect((await callback(CALLBACK, '')).error).toBe('OIDC_STATE_INVALID');
  });

  it('refuses ID tokens for another audience or from another issuer, with clear errors', async () => {
    try {
      provider.tamperIdToken = (c) => ({ ...c, aud: 'someone-else' });
      const aud = (await sso('alice-sub')).fragment;
      expect(aud.error).toBe('OIDC_AUDIENCE_MISMATCH');
      expect(aud.error_description).toMatch(/audience/);
      expect(aud.access_token).toBeUndefined();

      provider.tamperIdToken = (c) => ({ ...c, iss: 'https://evil.example' });
      const iss = (await sso('alice-sub')).fragment;
      expect(iss.error).toBe('OIDC_ISSUER_MISMATCH');
      expect(iss.access_token).toBeUndefined();

      provider.tamperIdToken = (c) => ({ ...c, nonce: 'another-nonce' });
      expect((await sso('alice-sub')).fragment.error).toBe('OIDC_TOKEN_INVALID');
    } finally {
      provider.tamperIdToken = undefined;
    }
    const audit = await server.db.query<{ outcome: string; error_code: string }>(
      "SELECT outcome, error_code FROM audit_logs WHERE action = 'auth.oidc_login' AND error_code = 'OIDC_AUDIENCE_MISMATCH'",
    );
    expect(audit.rows[0]).toEqual({ outcome: 'failed', error_code: 'OIDC_AUDIENCE_MISMATCH' });
  });

  it('says so when the user denies the sign-in at the provider', async () => {
    const { fragment } = await sso('alice-sub', { deny: true });
    expect(fragment.error).toBe('OIDC_ACCESS_DENIED');
    expect(fragment.error_description).toMatch(/denied/);
  });

  it('refuses an account without an email, and never takes over a local account with the same email', async () => {
    provider.accounts.set('no-mail', { name: 'No Mail', groups: ['devs'] });
    expect((await sso('no-mail')).fragment.error).toBe('OIDC_EMAIL_MISSING');

    provider.accounts.set('unverified', { email: 'unverified@example.com', email_verified: false });
    expect((await sso('unverified')).fragment.error).toBe('OIDC_EMAIL_UNVERIFIED');

    provider.accounts.set('mallory', { email: ADMIN.email, name: 'Not the admin', groups: ['platform-admins'] });
    const taken = (await sso('mallory')).fragment;
    expect(taken.error).toBe('OIDC_ACCOUNT_CONFLICT');
    expect(taken.error_description).toMatch(/already exists/);
    const admins = await server.db.query<{ auth_provider: string; oidc_subject: string | null }>(
      'SELECT auth_provider, oidc_subject FROM users WHERE email = $1',
      [ADMIN.email],
    );
    expect(admins.rows).toEqual([{ auth_provider: 'local', oidc_subject: null }]);
    const denied = await server.db.query<{ outcome: string }>(
      "SELECT outcome FROM audit_logs WHERE action = 'auth.oidc_login' AND error_code = 'OIDC_ACCOUNT_CONFLICT'",
    );
    expect(denied.rows[0]?.outcome).toBe('denied');
  });

  it('refuses a disabled SSO user', async () => {
    provider.accounts.set('bob-sub', { email: 'bob@example.com', groups: [] });
    const first = (await sso('bob-sub')).fragment;
    const bob = (await api('GET', '/api/auth/me', undefined, first.access_token)).json();
    expect((await api('PUT', `/api/users/${bob.id}`, { is_active: false })).statusCode).toBe(200);
    expect((await sso('bob-sub')).fragment.error).toBe('ACCOUNT_DISABLED');
  });

  it('shows a clear error when SSO is turned off', async () => {
    const current = (await api('GET', '/api/settings/oidc')).json();
    expect((await api('PUT', '/api/settings/oidc', { ...current, enabled: false })).statusCode).toBe(200);
    try {
      const { location } = await startLogin();
      const fragment = Object.fromEntries(new URLSearchParams(location.split('#')[1]));
      expect(fragment.error).toBe('OIDC_DISABLED');
    } finally {
      expect((await api('PUT', '/api/settings/oidc', current)).statusCode).toBe(200);
    }
  });

  // Last: it stops the provider.
  it('when the provider is down: a clear error page, and local admins still sign in', async () => {
    provider.nextLogin = { account: 'alice-sub' };
    const pending = await startLogin();
    const url = await followProvider(pending.location, ARGUS);
    await provider.close();

    const { location } = await startLogin();
    expect(location.startsWith('/auth/oidc/callback#')).toBe(true);
    const fragment = Object.fromEntries(new URLSearchParams(location.split('#')[1]));
    expect(fragment.error).toBe('OIDC_PROVIDER_UNREACHABLE');
    expect(fragment.error_description).toMatch(/cannot be reached/);

    // A login that got its code just before the provider went away fails clearly too.
    expect((await callback(url, pending.cookie)).error).toBe('OIDC_PROVIDER_UNREACHABLE');

    const local = await login(server.app, ADMIN.email, ADMIN.password);
    expect((await api('GET', '/api/auth/me', undefined, local.token)).statusCode).toBe(200);
  });
});
