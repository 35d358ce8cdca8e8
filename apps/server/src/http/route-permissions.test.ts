import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test-support/test-server.js';
import { describePermission } from './route-permission.js';

/** DESIGN.md, "Request path": the public routes; every other route must declare a permission. */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /api/setup/status',
  'POST /api/setup/init',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  // The generated OpenAPI document (DESIGN.md: public, like the contract it describes).
  'GET /api/openapi.json',
  // Alertmanager's webhook: authenticated by its source's bearer token in the handler (issue 19).
  'POST /api/alerts/alertmanager',
]);
const publicAllowed = (method: string, url: string) =>
  PUBLIC.has(`${method} ${url}`) ||
  url.startsWith('/api/auth/oidc/') ||
  // WebSocket endpoints authenticate in their first message ({"type":"auth","token":…}), not on the upgrade.
  (method === 'GET' && /^\/ws(\/|$)/.test(url)) ||
  // The web UI's pages and assets (no API behind them) and the landing page.
  (method === 'GET' && !url.startsWith('/api/'));

describe('route permissions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite');
  });
  afterAll(() => server.stop());

  it('every registered route declares a permission (a route without one is a defect)', () => {
    expect(server.routes.length).toBeGreaterThan(20);
    const missing = server.routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('only the contract’s public routes are public', () => {
    const extra = server.routes
      .filter((r) => r.permission === 'public' && !publicAllowed(r.method, r.url))
      .map((r) => `${r.method} ${r.url} (${describePermission(r.permission)})`);
    expect(extra).toEqual([]);
  });

  it('admin-only areas require their permission', () => {
    const byRoute = new Map(server.routes.map((r) => [`${r.method} ${r.url}`, describePermission(r.permission)]));
    expect(byRoute.get('GET /api/users')).toBe('users:read');
    expect(byRoute.get('DELETE /api/users/:id')).toBe('users:delete');
    expect(byRoute.get('POST /api/roles/assign')).toBe('roles:write');
    expect(byRoute.get('GET /api/audit-log')).toBe('audit:read');
    // Notification channels hold credentials: admins only (settings is global-only).
    expect(byRoute.get('GET /api/notifications/channels')).toBe('settings:read');
    expect(byRoute.get('POST /api/notifications/channels/:id/test')).toBe('settings:write');
  });
});
