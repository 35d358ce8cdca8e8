import {
  AppError,
  changePasswordRequestSchema,
  loginRequestSchema,
  logoutRequestSchema,
  type PermissionsResponse,
  parseInput,
  refreshRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../../auth/auth-service.js';
import type { RbacService } from '../../auth/authorizer.js';
import type { Principal } from '../../auth/types.js';
import { setAuditIdentity } from '../middleware/audit.js';

export interface AuthRouteDeps {
  auth: AuthService;
  authorizer: RbacService;
}

const meta = (request: FastifyRequest) => ({ userAgent: request.headers['user-agent'], ip: request.ip });

/** The RBAC stage guarantees a principal on every non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  return request.principal;
}

export async function authRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { auth } = deps;

  // Clients often send `Content-Type: application/json` with no body to logout: accept an empty body here.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') done(null, undefined);
    else json(request, text, done);
  });

  app.post('/api/auth/login', { config: { permission: 'public', auditAction: 'auth.login' } }, async (request) => {
    const input = parseInput(loginRequestSchema, request.body, 'login request');
    if (request.audit) request.audit.userEmail = input.email;
    const result = await auth.login(input.email, input.password, meta(request));
    setAuditIdentity(request, result.user.id, result.user.email);
    return result;
  });

  app.post('/api/auth/refresh', { config: { permission: 'public', auditAction: 'auth.refresh' } }, async (request) => {
    const input = parseInput(refreshRequestSchema, request.body, 'refresh request');
    const result = await auth.refresh(input.refresh_token, meta(request));
    setAuditIdentity(request, result.user.id, result.user.email);
    return result;
  });

  app.post(
    '/api/auth/logout',
    { config: { permission: 'authenticated', auditAction: 'auth.logout' } },
    async (request, reply) => {
      const input = parseInput(logoutRequestSchema, request.body ?? undefined, 'logout request');
      await auth.logout(principalOf(request), input.refresh_token);
      reply.status(204);
    },
  );

  app.get('/api/auth/me', { config: { permission: 'authenticated' } }, async (request) => {
    return auth.me(principalOf(request).userId);
  });

  app.post(
    '/api/auth/password',
    { config: { permission: 'authenticated', auditAction: 'auth.password_change' } },
    async (request, reply) => {
      const input = parseInput(changePasswordRequestSchema, request.body, 'password change');
      await auth.changePassword(principalOf(request), input.current_password, input.new_password);
      reply.status(204);
    },
  );

  app.get('/api/auth/permissions', { config: { permission: 'authenticated' } }, async (request) => {
    const principal = principalOf(request);
    const effective = await deps.authorizer.effective(principal.userId);
    const body: PermissionsResponse = {
      user_id: principal.userId,
      is_admin: effective.grants.some((g) => g.resource === '*' && g.action === '*' && g.clusterId === null),
      api_key_scope: principal.apiKeyScope ?? null,
      roles: effective.bindings.map((b) => ({ role: b.role, cluster_id: b.clusterId, namespace: b.namespace })),
      permissions: effective.grants.map((g) => ({
        resource: g.resource,
        action: g.action,
        cluster_id: g.clusterId,
        namespace: g.namespace,
      })),
    };
    return body;
  });
}
