import {
  AppError,
  changePasswordRequestSchema,
  loginRequestSchema,
  loginResponseSchema,
  logoutRequestSchema,
  type PermissionsResponse,
  permissionsResponseSchema,
  refreshRequestSchema,
  refreshResponseSchema,
  userSchema,
} from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuthService } from '../../auth/auth-service.js';
import type { RbacService } from '../../auth/authorizer.js';
import type { Principal } from '../../auth/types.js';
import { setAuditIdentity } from '../middleware/audit.js';
import { noBody } from '../openapi/responses.js';

export interface AuthRouteDeps {
  auth: AuthService;
  authorizer: RbacService;
}

const meta = (request: FastifyRequest) => ({ userAgent: request.headers['user-agent'], ip: request.ip });

/** A 204 answer: no body. */
const noContent = noBody();

/** The RBAC stage guarantees a principal on every non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  return request.principal;
}

const serialized = new WeakMap<object, string>();

/** JSON.stringify, remembered per object: only for answers that are never modified once made (cached views). */
function jsonOncePerObject(data: unknown): string {
  if (typeof data !== 'object' || data === null) return JSON.stringify(data);
  let json = serialized.get(data);
  if (json === undefined) {
    json = JSON.stringify(data);
    serialized.set(data, json);
  }
  return json;
}

export async function authRoutes(fastify: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { auth } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Clients often send `Content-Type: application/json` with no body to logout: accept an empty body here.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') done(null, undefined);
    else json(request, text, done);
  });

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', auditAction: 'auth.login' },
      schema: {
        summary: 'Sign in with email and password; answers a token pair and the user',
        body: loginRequestSchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request) => {
      const input = request.body;
      if (request.audit) request.audit.userEmail = input.email;
      const result = await auth.login(input.email, input.password, meta(request));
      setAuditIdentity(request, result.user.id, result.user.email);
      return result;
    },
  );

  app.post(
    '/api/auth/refresh',
    {
      config: { permission: 'public', auditAction: 'auth.refresh' },
      schema: {
        summary: 'Exchange a refresh token for a new pair (the old one is revoked)',
        body: refreshRequestSchema,
        response: { 200: refreshResponseSchema },
      },
    },
    async (request) => {
      const result = await auth.refresh(request.body.refresh_token, meta(request));
      setAuditIdentity(request, result.user.id, result.user.email);
      return result;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'authenticated', auditAction: 'auth.logout' },
      schema: {
        summary: 'Sign out: end the session (and revoke the refresh token given)',
        body: logoutRequestSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await auth.logout(principalOf(request), request.body.refresh_token);
      reply.status(204);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: { summary: 'The signed-in user', response: { 200: userSchema } },
      // The answer is the identity cache's user view, the same object until the user changes (a new object
      // then): its JSON is worked out once per object rather than on every call.
      serializerCompiler: () => jsonOncePerObject,
    },
    async (request) => auth.me(principalOf(request).userId),
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'authenticated', auditAction: 'auth.password_change' },
      schema: {
        summary: "Change the signed-in (local) user's password",
        body: changePasswordRequestSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await auth.changePassword(principalOf(request), request.body.current_password, request.body.new_password);
      reply.status(204);
    },
  );

  app.get(
    '/api/auth/permissions',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: "The caller's roles and effective permissions (and an API key's scope)",
        response: { 200: permissionsResponseSchema },
      },
    },
    async (request) => {
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
    },
  );
}
