import { z } from 'zod';

/**
 * Stable error codes. Programs outside this repository match on these strings:
 * add new ones freely, never rename or remove one.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_YAML: 400,
  /** A `continue` token from another list (kind, clusters, namespace, selectors or sort), or not one at all. */
  INVALID_CONTINUE: 400,
  /** A request path with dot-segments, empty segments or an encoded `/` or `\` (refused before routing). */
  INVALID_PATH: 400,
  /** The kubectl gateway filters this list for the caller, which it can only do as JSON. */
  NOT_ACCEPTABLE: 406,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /** A proxy link without a valid ticket cookie (expired, for another target, or none): open it from Argus again. */
  PROXY_TICKET_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  SETUP_COMPLETED: 409,
  PLUGIN_DISABLED: 409,
  PLUGIN_NOT_FOUND: 404,
  PLUGIN_FAILED: 500,
  PLUGIN_UNAVAILABLE: 503,
  /** The resources (CRDs) the plugin requires are not served by this cluster (issue 17). */
  PLUGIN_NOT_AVAILABLE: 409,
  /** An operator plugin has no such action for the kind. */
  ACTION_NOT_FOUND: 404,
  /** The object's state does not allow the action now (the message says why). */
  ACTION_NOT_AVAILABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  CLUSTER_UNREACHABLE: 502,
  UPSTREAM_TIMEOUT: 504,
  SETUP_REQUIRED: 503,
  UNAVAILABLE: 503,
  // clusters (issue 5)
  INVALID_KUBECONFIG: 400,
  KUBECONFIG_CONTEXT_NOT_FOUND: 400,
  KUBECONFIG_FILE_REFERENCE: 400,
  EXEC_CREDENTIALS_DISABLED: 400,
  CLUSTER_TLS_ERROR: 502,
  CLUSTER_UNAUTHORIZED: 502,
  UNKNOWN_KIND: 404,
  INVALID_OBJECT: 422,
  KUBERNETES_ERROR: 500,
  // identity and the request path (issue 4)
  TOKEN_ALG_NOT_ALLOWED: 401,
  TOKEN_REVOKED: 401,
  REFRESH_TOKEN_REUSED: 401,
  API_KEY_INVALID: 401,
  ACCOUNT_DISABLED: 401,
  LOGIN_LOCKED: 429,
  LAST_ADMIN: 409,
  BUILTIN_ROLE: 409,
  AUDIT_UNAVAILABLE: 503,
  // live updates (issue 6)
  TOO_MANY_SUBSCRIPTIONS: 429,
  UNKNOWN_SUBSCRIPTION: 404,
  WATCH_UNAVAILABLE: 503,
  // agents (issue 7): Enrol/Connect refusals, sent as the `argus-error-code` gRPC trailer with UNAUTHENTICATED
  ENROLMENT_TOKEN_INVALID: 401,
  ENROLMENT_TOKEN_USED: 401,
  ENROLMENT_TOKEN_EXPIRED: 401,
  AGENT_CREDENTIAL_INVALID: 401,
  AGENT_CREDENTIAL_REVOKED: 401,
  // single sign-on (issue 9): the callback page shows these as #error=CODE&error_description=…
  OIDC_DISABLED: 409,
  OIDC_PROVIDER_UNREACHABLE: 502,
  OIDC_DISCOVERY_FAILED: 502,
  OIDC_PROVIDER_ERROR: 502,
  OIDC_ACCESS_DENIED: 401,
  OIDC_STATE_INVALID: 400,
  OIDC_STATE_EXPIRED: 400,
  OIDC_ISSUER_MISMATCH: 401,
  OIDC_AUDIENCE_MISMATCH: 401,
  OIDC_TOKEN_INVALID: 401,
  OIDC_EMAIL_MISSING: 401,
  OIDC_EMAIL_UNVERIFIED: 401,
  OIDC_ACCOUNT_CONFLICT: 409,
  OIDC_INSECURE_ISSUER: 400,
  // the Prometheus plugin (issue 10)
  PROMETHEUS_NOT_FOUND: 404,
  PROMETHEUS_UNREACHABLE: 502,
  PROMETHEUS_QUERY_FAILED: 400,
  // the Helm plugin (issue 10)
  HELM_RELEASE_NOT_FOUND: 404,
  HELM_REVISION_NOT_FOUND: 404,
  HELM_RELEASE_EXISTS: 409,
  HELM_RELEASE_BUSY: 409,
  HELM_RELEASE_UNREADABLE: 500,
  HELM_ROLLBACK_FAILED: 502,
  HELM_COMMAND_FAILED: 422,
  HELM_COMMAND_TIMEOUT: 504,
  HELM_NOT_CONFIGURED: 503,
  /** A chart repository has no such chart, or no version of it matching the one asked for. */
  CHART_NOT_FOUND: 404,
  /** A chart repository's index.yaml or chart archive is missing, unreadable or not what it claims. */
  CHART_REPOSITORY_INVALID: 502,
  // outbound requests to URLs users below admin choose (chart repositories, webhooks): the SSRF guard
  /** The URL, or an address it resolves or redirects to, may not be fetched (see OUTBOUND_ALLOWED_CIDRS). */
  OUTBOUND_URL_FORBIDDEN: 400,
  /** Fetching an allowed URL failed: DNS, connection, TLS, timeout, too large, too many redirects. */
  OUTBOUND_FETCH_FAILED: 502,
  // operations on objects (issue 23): rollback, drain, scale, …
  /** The workload has no such revision (or no earlier one to roll back to). */
  REVISION_NOT_FOUND: 404,
  /** The operation does not apply to this kind (e.g. revisions of a ConfigMap, scale of a DaemonSet). */
  OPERATION_NOT_SUPPORTED: 400,
  /** A drain could not evict every pod before its timeout (a PodDisruptionBudget refused). */
  DRAIN_BLOCKED: 409,
  /** With VALIDATE_RESPONSES (tests): an answer does not match the schema its route declares. */
  RESPONSE_SCHEMA_MISMATCH: 500,
  // the web terminal (issue 21), `/ws/terminal` error frames
  /** The container could not be exec'd into (not running, no such container, the cluster refused). */
  EXEC_FAILED: 502,
  /** A terminal session saw no input or output for the idle timeout. */
  SESSION_IDLE: 409,
  /** A terminal session reached its maximum length. */
  SESSION_EXPIRED: 409,
  /** The user already has the maximum number of terminal sessions open. */
  TOO_MANY_SESSIONS: 429,
  /** The connection to the container ended without an exit status (the pod went away). */
  SESSION_LOST: 502,
  // the AI assistant (issue 20)
  /** No AI provider is configured or enabled: an admin sets one at Settings → AI (`PUT /api/settings/ai`). */
  AI_NOT_CONFIGURED: 409,
  /** The admin setting `tool_permission_level` does not allow this tool. */
  AI_TOOLS_DISABLED: 403,
  /** The caller sent too many messages to the assistant (AI_RATE_LIMIT_PER_MINUTE) or used the day's token budget. */
  AI_RATE_LIMITED: 429,
  AI_BUDGET_EXCEEDED: 429,
  /** The provider refused or failed the request (bad key, unknown model, its own error). */
  AI_PROVIDER_ERROR: 502,
  /** The provider answered 429 (its own rate limit or quota). */
  AI_PROVIDER_RATE_LIMITED: 502,
  /** The provider did not answer in time, or the turn ran past its time bound. */
  AI_PROVIDER_TIMEOUT: 504,
  /** The provider could not be reached. */
  AI_PROVIDER_UNREACHABLE: 502,
  /** No such confirmation for this user (unknown, or someone else's). */
  AI_CONFIRMATION_NOT_FOUND: 404,
  /** The confirmation was already approved or rejected: each is used once. */
  AI_CONFIRMATION_USED: 409,
  AI_CONFIRMATION_EXPIRED: 409,
  AI_CONVERSATION_NOT_FOUND: 404,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export interface AppErrorOptions {
  cause?: unknown;
  details?: unknown;
  /** Overrides the status that the code maps to (e.g. a Kubernetes status passed through). */
  status?: number;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

/** The one error type Argus throws on purpose; each transport maps it once. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code];
    this.details = options.details;
    this.headers = options.headers;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export const errors = {
  badRequest: (message: string, details?: unknown) => new AppError('BAD_REQUEST', message, { details }),
  validation: (message: string, details?: unknown) => new AppError('VALIDATION_FAILED', message, { details }),
  unauthenticated: (message = 'Authentication required') => new AppError('UNAUTHENTICATED', message),
  forbidden: (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message),
  notFound: (what: string) => new AppError('NOT_FOUND', `${what} not found`),
  conflict: (message: string) => new AppError('CONFLICT', message),
  internal: (message = 'Internal server error', cause?: unknown) => new AppError('INTERNAL', message, { cause }),
};
