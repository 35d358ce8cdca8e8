import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../auth/create-identity.js';
import type { Database } from '../../db/types.js';
import { apiKeyRoutes } from './api-keys.js';
import { auditLogRoutes } from './audit-log.js';
import { authRoutes } from './auth.js';
import { oidcInfoRoutes } from './oidc-info.js';
import { roleRoutes } from './roles.js';
import { setupRoutes } from './setup.js';
import { userRoutes } from './users.js';

/** Setup, sign-in, API keys, users, roles and the audit log. */
export async function identityRoutes(app: FastifyInstance, deps: { db: Database; identity: Identity }): Promise<void> {
  const { identity, db } = deps;
  await app.register(setupRoutes, { setup: identity.setup });
  await app.register(authRoutes, { auth: identity.auth, authorizer: identity.authorizer });
  await app.register(apiKeyRoutes, { apiKeys: identity.apiKeys });
  await app.register(userRoutes, { users: identity.users });
  await app.register(roleRoutes, { roles: identity.roles });
  await app.register(auditLogRoutes, { db });
  await app.register(oidcInfoRoutes, { db });
}
