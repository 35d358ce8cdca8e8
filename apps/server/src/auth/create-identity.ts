import type { Logger } from 'pino';
import { type AuditStore, createAuditStore } from '../audit/audit-store.js';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/types.js';
import { createAccessTokens } from './access-tokens.js';
import { type ApiKeyService, createApiKeyService } from './api-keys.js';
import { type AuthService, createAuthService } from './auth-service.js';
import { createAuthenticator } from './authenticator.js';
import { createAuthorizer, type RbacService } from './authorizer.js';
import { createIdentityCache } from './identity-cache.js';
import { createPasswordHasher } from './passwords.js';
import { createRolesService, type RolesService } from './roles-service.js';
import { createSessionStore } from './sessions.js';
import { createSetupService, type SetupService } from './setup-service.js';
import type { Authenticator } from './types.js';
import { createUsersService, type UsersService } from './users-service.js';

/** Everything identity provides to the request path and its routes. */
export interface Identity {
  authenticator: Authenticator;
  authorizer: RbacService;
  setup: SetupService;
  auth: AuthService;
  apiKeys: ApiKeyService;
  users: UsersService;
  roles: RolesService;
  auditStore: AuditStore;
}

export function createIdentity(deps: { db: Database; config: Config; logger: Logger; jwtSecret: string }): Identity {
  const { db, config } = deps;
  const hasher = createPasswordHasher();
  const tokens = createAccessTokens(deps.jwtSecret, config.ACCESS_TOKEN_TTL);
  // One cache for authentication, permissions and the caller's user view; every invalidation covers all three.
  const cache = createIdentityCache({ ttlMs: config.IDENTITY_CACHE_TTL_MS });
  const sessions = createSessionStore(db, config.REFRESH_TOKEN_TTL, cache);
  const authorizer = createAuthorizer(db, { cache });
  const auth = createAuthService({
    db,
    hasher,
    tokens,
    sessions,
    cache,
    lockout: {
      maxFailures: config.LOGIN_MAX_FAILURES,
      baseSeconds: config.LOGIN_LOCKOUT_BASE_SECONDS,
      maxSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS,
    },
  });
  return {
    authenticator: createAuthenticator(db, tokens, cache),
    authorizer,
    setup: createSetupService(db, hasher, auth),
    auth,
    apiKeys: createApiKeyService(db, cache),
    users: createUsersService(db, hasher, sessions, authorizer),
    roles: createRolesService(db, authorizer),
    auditStore: createAuditStore(db),
  };
}
