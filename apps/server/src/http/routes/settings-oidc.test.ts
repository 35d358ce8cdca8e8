import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { startTestOidcProvider, type TestOidcProvider } from '../../test-support/oidc-provider.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

const SECRET = 'super-secret-client-value-42';

describe.each(testDrivers())('OIDC settings API on %s', (driver) => {
  let server: TestServer;
  let provider: TestOidcProvider;
  let admin: SignedIn;
  let viewer: SignedIn;

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = admin.token) =>
    server.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  const valid = () => ({
    enabled: true,
    issuer: provider.issuer,
    client_id: provider.clientId,
    client_secret: SECRET,
    scopes: 'openid email groups',
    groups_claim: 'groups',
    default_role: 'viewer',
    name: 'Company SSO',
  });

  beforeAll(async () => {
    provider = await startTestOidcProvider({ redirectUris: ['http://argus.test/api/auth/oidc/callback'] });
    server = await createTestServer(driver);
    admin = await setupAdmin(server.app);
    viewer = await createUser(server.app, admin.token, { email: 'viewer@example.com', role: 'viewer' });
  });
  afterAll(async () => {
    await server?.stop();
    await provider?.close();
  });

  it('answers defaults before anything is stored', async () => {
    const res = await api('GET', '/api/settings/oidc');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enabled: false, issuer: '', client_secret_set: false, default_role: null });
  });

  it('stores the settings with the secret write-only and encrypted at rest', async () => {
    const put = await api('PUT', '/api/settings/oidc', valid());
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      enabled: true,
      issuer: provider.issuer,
      client_id: 'argus',
      client_secret_set: true,
      scopes: ['openid', 'email', 'groups'],
      default_role: 'viewer',
      name: 'Company SSO',
    });
    const get = await api('GET', '/api/settings/oidc');
    expect(get.body).not.toContain(SECRET);
    expect(get.json()).not.toHaveProperty('client_secret');
    expect(get.json().client_secret_set).toBe(true);

    const raw = await server.db.query<{ value: unknown }>("SELECT value FROM settings WHERE key = 'oidc'");
    expect(JSON.stringify(raw.rows[0]?.value)).not.toContain(SECRET);
    expect(JSON.stringify(raw.rows[0]?.value)).toMatch(/"client_secret_encrypted":"v1:/);
    const audit = await server.db.query<{ request_body: unknown }>(
      "SELECT request_body FROM audit_logs WHERE action = 'settings.oidc_update'",
    );
    expect(audit.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.rows)).not.toContain(SECRET);

    // Saving without a secret keeps it; the public info follows the settings.
    const { client_secret: _omitted, ...withoutSecret } = valid();
    expect((await api('PUT', '/api/settings/oidc', { ...withoutSecret, name: 'Renamed' })).json()).toMatchObject({
      client_secret_set: true,
      name: 'Renamed',
    });
    expect((await server.app.inject({ url: '/api/auth/oidc/info' })).json()).toEqual({
      enabled: true,
      name: 'Renamed',
    });
  });

  it('is for admins only', async () => {
    for (const [method, url] of [
      ['GET', '/api/settings/oidc'],
      ['PUT', '/api/settings/oidc'],
      ['POST', '/api/settings/oidc/test'],
      ['GET', '/api/settings/oidc/mappings'],
      ['POST', '/api/settings/oidc/mappings'],
      ['PUT', '/api/settings/oidc/mappings/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/api/settings/oidc/mappings/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await api(method, url, method === 'GET' || method === 'DELETE' ? undefined : valid(), viewer.token);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await server.app.inject({ method, url })).statusCode, `${method} ${url} anonymous`).toBe(401);
    }
  });

  it('validates settings with stable codes', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...valid(), issuer: 'not a url' }, 'VALIDATION_FAILED', 'issuer'],
      [{ ...valid(), issuer: 'ftp://id.example' }, 'VALIDATION_FAILED', 'issuer'],
      [{ ...valid(), client_id: '' }, 'VALIDATION_FAILED', 'client_id'],
      [{ ...valid(), enabled: 'yes' }, 'VALIDATION_FAILED', 'enabled'],
      [{ ...valid(), default_role: 'no-such-role' }, 'VALIDATION_FAILED', 'default_role'],
      [{ ...valid(), groups_claim: 'bad claim!' }, 'VALIDATION_FAILED', 'groups_claim'],
      [{ ...valid(), surprise: 1 }, 'VALIDATION_FAILED', ''],
      [{ ...valid(), issuer: 'http://id.example.com' }, 'OIDC_INSECURE_ISSUER', ''],
    ];
    for (const [body, code, path] of cases) {
      const res = await api('PUT', '/api/settings/oidc', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(code);
      if (path) expect(JSON.stringify(res.json().error.details)).toContain(path);
    }
    expect((await api('GET', '/api/settings/oidc')).json().issuer).toBe(provider.issuer);
  });

  it('creates, lists, updates and deletes group mappings', async () => {
    const cluster = await server.db.query<{ id: string }>(
      "INSERT INTO clusters (name, connection_type) VALUES ('staging', 'demo') RETURNING id::text",
    );
    const clusterId = cluster.rows[0]!.id;
    const devs = { group: 'devs', role: 'operator', cluster_id: clusterId, namespace: 'team-a' };
    const created = await api('POST', '/api/settings/oidc/mappings', devs);
    expect(created.statusCode).toBe(201);
    const mapping = created.json();
    expect(mapping).toMatchObject(devs);

    const duplicate = await api('POST', '/api/settings/oidc/mappings', devs);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('ALREADY_EXISTS');

    for (const bad of [
      { group: '', role: 'viewer' },
      { group: 'x', role: 'no-such-role' },
      { group: 'x', role: 'viewer', namespace: 'ns-without-cluster' },
      { group: 'x', role: 'viewer', cluster_id: 'not-a-uuid' },
      { group: 'x', role: 'viewer', cluster_id: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const res = await api('POST', '/api/settings/oidc/mappings', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }

    const updated = await api('PUT', `/api/settings/oidc/mappings/${mapping.id}`, { group: 'ops', role: 'admin' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: mapping.id, group: 'ops', role: 'admin', cluster_id: null });
    expect((await api('GET', '/api/settings/oidc/mappings')).json().items).toEqual([updated.json()]);

    expect((await api('DELETE', `/api/settings/oidc/mappings/${mapping.id}`)).statusCode).toBe(204);
    const gone = await api('DELETE', `/api/settings/oidc/mappings/${mapping.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NOT_FOUND');
    expect(
      (await api('PUT', `/api/settings/oidc/mappings/${mapping.id}`, { group: 'a', role: 'viewer' })).statusCode,
    ).toBe(404);
    expect((await api('GET', '/api/settings/oidc/mappings')).json().items).toEqual([]);
  });

  it('tests the connection: what discovery found, or a clear error', async () => {
    const ok = await api('POST', '/api/settings/oidc/test');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      ok: true,
      issuer: provider.issuer,
      authorization_endpoint: `${provider.issuer}/auth`,
      code_challenge_methods_supported: ['S256'],
    });

    // Another issuer than the one the provider names.
    const wrong = await api('POST', '/api/settings/oidc/test', {
      issuer: provider.issuer.replace('127.0.0.1', 'localhost'),
    });
    expect(wrong.statusCode).toBe(502);
    expect(wrong.json()).toMatchObject({ ok: false, error: { code: 'OIDC_ISSUER_MISMATCH' } });

    const notOidc = await api('POST', '/api/settings/oidc/test', { issuer: `${provider.issuer}/nothing-here` });
    expect(notOidc.json()).toMatchObject({ ok: false, error: { code: 'OIDC_DISCOVERY_FAILED' } });
    expect(notOidc.json().error.message).toMatch(/well-known\/openid-configuration/);

    expect((await api('POST', '/api/settings/oidc/test', { issuer: 'nope' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );

    await provider.close();
    const down = await api('POST', '/api/settings/oidc/test');
    expect(down.statusCode).toBe(502);
    expect(down.json()).toMatchObject({ ok: false, error: { code: 'OIDC_PROVIDER_UNREACHABLE' } });
    expect(down.json().error.message).toMatch(/cannot be reached/);
  });
});

describe('OIDC settings from the environment', () => {
  let server: TestServer;
  afterAll(() => server?.stop());

  it('seeds the settings at start when none are stored', async () => {
    server = await createTestServer('pglite', {
      env: {
        OIDC_ISSUER: 'https://id.example.com',
        OIDC_CLIENT_ID: 'argus-env',
        OIDC_CLIENT_SECRET: 'env-secret-value',
        OIDC_SCOPES: 'openid,email,profile',
        OIDC_GROUPS_CLAIM: 'realm_access.roles',
        OIDC_DEFAULT_ROLE: 'viewer',
        OIDC_NAME: 'Keycloak',
      },
    });
    const admin = await setupAdmin(server.app);
    const res = await server.app.inject({ url: '/api/settings/oidc', headers: bearer(admin.token) });
    expect(res.json()).toMatchObject({
      enabled: true,
      issuer: 'https://id.example.com',
      client_id: 'argus-env',
      client_secret_set: true,
      scopes: ['openid', 'email', 'profile'],
      groups_claim: 'realm_access.roles',
      default_role: 'viewer',
      name: 'Keycloak',
    });
    expect(res.body).not.toContain('env-secret-value');
    expect((await server.app.inject({ url: '/api/auth/oidc/info' })).json()).toEqual({
      enabled: true,
      name: 'Keycloak',
    });
  });
});
