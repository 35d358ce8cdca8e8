import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '../auth/create-identity.js';
import { configFrom } from '../config/load-config.js';
import { bearer, createUser, setupAdmin } from '../test-support/identity.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { registerErrorHandling } from './error-handler.js';
import { registerMiddleware } from './middleware/index.js';
import { registerOpenApi } from './openapi/register-openapi.js';
import { identityRoutes } from './routes/identity.js';

/**
 * The real request path and identity routes, plus stand-ins for the cluster routes (same paths, params and
 * permissions as the cluster feature's), so the route × role matrix does not depend on a live cluster.
 */
async function buildApp(t: TestDatabase): Promise<FastifyInstance> {
  const config = configFrom({ LOG_LEVEL: 'silent', RATE_LIMIT_BURST: '1000000', AUTH_RATE_LIMIT_BURST: '1000000' });
  const logger = pino({ level: 'silent' });
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  registerErrorHandling(app);
  await registerOpenApi(app, { validateResponses: true, version: 'test' });
  const identity = createIdentity({ db: t.db, config, logger, jwtSecret: 'x'.repeat(48) });
  app.decorate('authorizer', identity.authorizer);
  app.decorate('authenticator', identity.authenticator);
  await registerMiddleware(app, { config, identity });
  await app.register(identityRoutes, { db: t.db, identity });
  const ok = async () => ({ ok: true });
  const res = (action: string) => ({ permission: { resource: 'resources', action } });
  app.get('/api/clusters', { config: { permission: { resource: 'clusters', action: 'read' } } }, ok);
  app.post('/api/clusters', { config: { permission: { resource: 'clusters', action: 'write' } } }, ok);
  app.delete('/api/clusters/:clusterId', { config: { permission: { resource: 'clusters', action: 'delete' } } }, ok);
  app.get('/api/clusters/:clusterId/resources/:group/:version/:resource', { config: res('read') }, ok);
  app.post('/api/clusters/:clusterId/resources/:group/:version/:resource', { config: res('write') }, ok);
  app.delete('/api/clusters/:clusterId/resources/:group/:version/:resource/:name', { config: res('delete') }, ok);
  app.get(
    '/api/clusters/:clusterId/namespaces/:ns/pods/:pod/logs',
    { config: { permission: { resource: 'pods', action: 'logs' } } },
    ok,
  );
  app.get('/api/undeclared', ok);
  await app.ready();
  return app;
}

type Who = 'admin' | 'operator' | 'viewer' | 'nsViewer' | 'none';

describe('route × role matrix', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const tokens = {} as Record<Who, string>;
  let clusterA = '';
  let clusterB = '';

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    app = await buildApp(t);
    const ids = await t.db.query<{ id: string }>(
      "INSERT INTO clusters (name, connection_type) VALUES ('a', 'agent'), ('b', 'agent') RETURNING id::text",
    );
    clusterA = ids.rows[0]!.id;
    clusterB = ids.rows[1]!.id;
    const admin = await setupAdmin(app);
    tokens.admin = admin.token;
    tokens.operator = (await createUser(app, admin.token, { email: 'op@example.com', role: 'operator' })).token;
    tokens.viewer = (await createUser(app, admin.token, { email: 'view@example.com', role: 'viewer' })).token;
    tokens.nsViewer = (
      await createUser(app, admin.token, {
        email: 'ns@example.com',
        role: 'viewer',
        clusterId: clusterA,
        namespace: 'team-a',
      })
    ).token;
    tokens.none = (await createUser(app, admin.token, { email: 'none@example.com' })).token;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const pods = (cluster: string, ns?: string) =>
    `/api/clusters/${cluster}/resources/core/v1/pods${ns ? `?namespace=${ns}` : ''}`;
  // Before beforeAll runs (when tests are named) the ids are not known yet: name them A and B.
  const A = () => clusterA || 'A';
  const B = () => clusterB || 'B';
  // [method, url, who may (everyone else gets 403)]
  const matrix: [string, () => string, Who[]][] = [
    ['GET', () => '/api/users', ['admin']],
    ['POST', () => '/api/users', ['admin']],
    ['GET', () => '/api/roles', ['admin']],
    ['POST', () => '/api/roles', ['admin']],
    ['POST', () => '/api/roles/assign', ['admin']],
    ['GET', () => '/api/audit-log', ['admin']],
    ['GET', () => '/api/auth/me', ['admin', 'operator', 'viewer', 'nsViewer', 'none']],
    ['GET', () => '/api/auth/permissions', ['admin', 'operator', 'viewer', 'nsViewer', 'none']],
    ['GET', () => '/api/auth/api-keys', ['admin', 'operator', 'viewer', 'nsViewer', 'none']],
    ['GET', () => '/api/clusters', ['admin', 'operator', 'viewer', 'nsViewer']],
    ['POST', () => '/api/clusters', ['admin']],
    ['DELETE', () => `/api/clusters/${A()}`, ['admin']],
    ['GET', () => pods(A()), ['admin', 'operator', 'viewer', 'nsViewer']],
    ['GET', () => pods(A(), 'team-a'), ['admin', 'operator', 'viewer', 'nsViewer']],
    ['GET', () => pods(A(), 'team-b'), ['admin', 'operator', 'viewer']],
    ['GET', () => pods(B()), ['admin', 'operator', 'viewer']],
    ['GET', () => pods(B(), 'team-a'), ['admin', 'operator', 'viewer']],
    ['POST', () => pods(A(), 'team-a'), ['admin', 'operator']],
    ['DELETE', () => `/api/clusters/${A()}/resources/core/v1/pods/p1?namespace=team-a`, ['admin', 'operator']],
    ['GET', () => `/api/clusters/${A()}/namespaces/team-a/pods/p1/logs`, ['admin', 'operator', 'viewer', 'nsViewer']],
    ['GET', () => `/api/clusters/${A()}/namespaces/kube-system/pods/p1/logs`, ['admin', 'operator', 'viewer']],
    ['GET', () => '/api/undeclared', []],
  ];
  const everyone: Who[] = ['admin', 'operator', 'viewer', 'nsViewer', 'none'];

  matrix.forEach(([method, url, allowed], i) => {
    for (const who of everyone) {
      const may = allowed.includes(who);
      it(`#${i} ${who} ${may ? 'may' : 'may not'} ${method} ${url()}`, async () => {
        const res = await app.inject({ method: method as 'GET', url: url(), headers: bearer(tokens[who]) });
        const context = `${who} ${method} ${url()}: ${res.body}`;
        if (may) expect([200, 201, 204, 400, 404], context).toContain(res.statusCode);
        else {
          expect(res.statusCode, context).toBe(403);
          expect(res.json().error.code).toBe('FORBIDDEN');
        }
      });
    }
  });

  it('answers every protected route without credentials with 401', async () => {
    for (const [method, url, allowed] of matrix) {
      if (allowed.length === 0) continue; // a route without a permission is 403 for everyone
      const res = await app.inject({ method: method as 'GET', url: url() });
      expect(res.statusCode, `${method} ${url()}`).toBe(401);
    }
  });

  it('lets handlers filter lists: namespacesFor gives the namespace-scoped viewer only its namespaces', async () => {
    const me = await app.inject({ url: '/api/auth/permissions', headers: bearer(tokens.nsViewer) });
    const principal = { userId: me.json().user_id, email: 'ns@example.com', name: 'ns', via: 'jwt' as const };
    expect(await app.authorizer.namespacesFor(principal, clusterA, 'resources', 'read')).toEqual(new Set(['team-a']));
    expect(await app.authorizer.namespacesFor(principal, clusterB, 'resources', 'read')).toEqual(new Set());
    expect(await app.authorizer.canAnywhere(principal, 'resources', 'read', clusterA)).toBe(true);
    expect(await app.authorizer.canAnywhere(principal, 'resources', 'write')).toBe(false);
  });
});
