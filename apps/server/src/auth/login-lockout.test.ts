import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, setupAdmin } from '../test-support/identity.js';
import { testDrivers } from '../test-support/test-database.js';
import { createTestServer, type TestServer } from '../test-support/test-server.js';

const MAX_FAILURES = 3;
const BURST = 12;

describe.each(testDrivers())('login lockout under a parallel burst on %s', (driver) => {
  let server: TestServer;
  const login = async (email: string, password: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { error?: { code: string } };
    return { status: res.status, code: body.error?.code };
  };
  const burst = (email: string) =>
    Promise.all(Array.from({ length: BURST }, (_, i) => login(email, `wrong-password-${i}`)));
  const count = (results: Array<{ code: string | undefined }>, code: string) =>
    results.filter((r) => r.code === code).length;

  beforeAll(async () => {
    server = await createTestServer(driver, {
      listen: true,
      env: { LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCKOUT_BASE_SECONDS: '60' },
    });
    const admin = await setupAdmin(server.app);
    await createUser(server.app, admin.token, { email: 'burst@example.com', password: 'user-password-1' });
  });
  afterAll(() => server?.stop());

  it('checks at most LOGIN_MAX_FAILURES passwords of a known account, then refuses even the right one', async () => {
    const results = await burst('burst@example.com');
    // Each 401 is one password checked; the rest were refused without checking.
    expect(count(results, 'INVALID_CREDENTIALS')).toBe(MAX_FAILURES);
    expect(count(results, 'LOGIN_LOCKED')).toBe(BURST - MAX_FAILURES);
    const row = await server.db.query<{ failed_login_count: number; locked: boolean }>(
      "SELECT failed_login_count, locked_until > now() AS locked FROM users WHERE email = 'burst@example.com'",
    );
    expect(row.rows[0]).toEqual({ failed_login_count: MAX_FAILURES, locked: true });
    expect(await login('burst@example.com', 'user-password-1')).toEqual({ status: 429, code: 'LOGIN_LOCKED' });
  });

  it('treats an unknown email the same way', async () => {
    const results = await burst('nobody@example.com');
    expect(count(results, 'INVALID_CREDENTIALS')).toBe(MAX_FAILURES);
    expect(count(results, 'LOGIN_LOCKED')).toBe(BURST - MAX_FAILURES);
  });
});
