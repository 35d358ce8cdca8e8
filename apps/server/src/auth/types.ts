/**
 * The identity contract between the request path (auth, RBAC, audit stages) and every route.
 * The identity feature implements it; cluster, resource, WebSocket and plugin code only consume it.
 */

/** Who is calling, set on request.principal by the auth stage. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  /** How the caller authenticated. */
  via: 'jwt' | 'api_key';
  apiKeyId?: string;
  /** For API keys: 'read' keys may only use read actions (read, logs), whatever the user's roles. */
  apiKeyScope?: 'full' | 'read';
  /** For access tokens: the refresh-token family (session) the token belongs to. */
  sessionId?: string;
}

/** Where a permission applies: globally (no cluster), to a cluster, or to a cluster and namespace. */
export interface PermissionScope {
  clusterId?: string;
  namespace?: string;
}

export interface Authorizer {
  /** Whether the principal holds (resource, action) in the scope; a global grant covers every cluster, a cluster grant every namespace. */
  can(principal: Principal, resource: string, action: string, scope?: PermissionScope): Promise<boolean>;
  /**
   * For filtering lists: 'all' when the principal holds (resource, action) on the whole cluster, otherwise
   * the namespaces of that cluster where it does (possibly empty).
   */
  namespacesFor(
    principal: Principal,
    clusterId: string,
    resource: string,
    action: string,
  ): Promise<'all' | Set<string>>;
  /** Whether the principal holds (resource, action) anywhere at all (in any cluster or namespace). */
  canAnywhere(principal: Principal, resource: string, action: string, clusterId?: string): Promise<boolean>;
  /** Drops cached effective permissions (after a role, assignment or user change). */
  invalidate(userId?: string): void;
}

/** Turns a credential into a Principal (for transports outside the HTTP auth stage: WebSocket, gRPC, …). */
export interface Authenticator {
  /**
   * Accepts an access token (JWT) or an API key (`argus_…`). Throws AppError with a stable 401 code
   * (TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_ALG_NOT_ALLOWED, TOKEN_REVOKED, API_KEY_INVALID, ACCOUNT_DISABLED).
   */
  authenticate(credential: string): Promise<Principal>;
  /**
   * Synchronously, the principal authenticate would answer when that is already known (a token verified before
   * and its session in the identity cache, both still valid); undefined otherwise, including for any credential
   * authenticate would refuse. Never refuses by itself: the caller falls back to authenticate.
   */
  known?(credential: string): Principal | undefined;
  /**
   * The principal of a live session (refresh-token family) of an active user, checked as an access token's
   * session is; for credentials derived from a session, such as a proxy ticket. Throws like authenticate.
   */
  session(userId: string, sessionId: string): Promise<Principal>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** RBAC for handlers that filter lists (namespacesFor) or check more than the route's permission. */
    authorizer: Authorizer;
    /** Credential checks for WebSocket and other non-HTTP-header transports. */
    authenticator: Authenticator;
  }
  interface FastifyRequest {
    /** Set by the auth stage for every authenticated request; undefined on public routes without credentials. */
    principal?: Principal;
  }
}
