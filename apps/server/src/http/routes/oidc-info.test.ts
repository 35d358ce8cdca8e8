import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';

describe('GET /api/auth/oidc/info', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite');
  });
  afterAll(() => server.stop());

  it('is public, also before setup, and says SSO is off until OIDC is configured', async () => {
    const res = await server.app.inject({ url: '/api/auth/oidc/info' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ enabled: false, name: '' });
  });

  it('offers SSO once enabled OIDC settings with an issuer are stored', async () => {
    await server.db.query(
      `INSERT INTO settings (key, value) VALUES ('oidc', '{"enabled": true, "issuer": "https://id.example", "name": "Example ID"}')`,
    );
    expect((await server.app.inject({ url: '/api/auth/oidc/info' })).json()).toEqual({
      enabled: true,
      name: 'Example ID',
    });
    await server.db.query(
      `UPDATE settings SET value = '{"enabled": false, "issuer": "https://id.example"}' WHERE key = 'oidc'`,
    );
    expect((await server.app.inject({ url: '/api/auth/oidc/info' })).json()).toEqual({ enabled: false, name: '' });
  });
});
