import { z } from 'zod';
import { parseCidr } from '../outbound/address-policy.js';

const boolean = z
  .enum(['true', 'false', '1', '0', 'TRUE', 'FALSE', 'True', 'False'])
  .transform((v) => v === 'true' || v === '1' || v.toLowerCase() === 'true');

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback);

const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  PORT: port(8080),
  GRPC_PORT: port(9090),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((v) => {
      try {
        const url = new URL(v);
        return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
      } catch {
        return false;
      }
    }, 'must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@localhost:5432/argus')
    .optional(),
  ARGUS_DATA_DIR: z.string().min(1).default('./data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ENCRYPTION_KEY: z.string().optional(),
  ALLOWED_ORIGINS: list.default([]),
  TRUSTED_PROXIES: list.default([]),
  KAFKA_BROKERS: list.default([]),
  // Notification deliveries (issue 19, docs/notifications.md): attempts before the dead-letter topic, the first
  // retry's delay (doubling per attempt, unless the peer says Retry-After), and the daily digest's local hour.
  NOTIFICATION_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(2_000),
  NOTIFICATION_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ARGUS_DEMO: boolean.default(true),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(5_000),
  DATABASE_CONNECT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
  // Identity (issue 4): token lifetimes in seconds, rate limits per client IP, login lockout.
  ACCESS_TOKEN_TTL: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL: z.coerce.number().int().min(60).max(31_536_000).default(604_800),
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.01).max(1_000_000).default(100),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(10_000_000).default(200),
  AUTH_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.01).max(1_000_000).default(10),
  AUTH_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(10_000_000).default(20),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCKOUT_BASE_SECONDS: z.coerce.number().min(0).max(3600).default(1),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().min(0).max(86_400).default(900),
  // How long a replica trusts what it read about a caller (active, session live, permissions); 0 = never.
  IDENTITY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
  // The URL users reach Argus at (scheme, host, port, path prefix), for links the server hands out such as a
  // downloaded kubeconfig's gateway URL; unset: taken from each request (Host, and X-Forwarded-* from TRUSTED_PROXIES).
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  // How long a "open port in browser" tab keeps working without being opened from Argus again (seconds).
  PROXY_TICKET_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  // The proxy origin for ports opened in the browser: its own port (another origin than the UI's; 0 = any free
  // port), and the URL browsers reach it at when a load balancer sits in front (default: the UI's host, this port).
  PROXY_PORT: port(8081),
  PROXY_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  // Clusters (issue 5): exec-plugin kubeconfigs run commands on this server, so they are off by default.
  ALLOW_EXEC_CREDENTIALS: boolean.default(false),
  CLUSTER_HEALTH_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  KUBE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  KUBE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  WATCH_CACHE_IDLE_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  WATCH_CACHE_MAX_OBJECTS: z.coerce.number().int().min(1).max(10_000_000).default(200_000),
  WATCH_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024 * 1024),
  // Plugins (issue 10): the helm binary the Helm plugin runs, and the largest chart archive accepted.
  HELM_PATH: z.string().min(1).optional(),
  PLUGIN_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  // Live updates (issue 6): the WebSocket hub's bounds.
  WS_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  WS_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(10_000).default(100),
  WS_SEND_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  WS_SEND_BUFFER_MESSAGES: z.coerce.number().int().min(10).max(10_000_000).default(10_000),
  WS_PING_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  WS_REAUTH_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
  WS_EVENT_RING_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  WS_PERMISSION_RECHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  // Web terminal (issue 21): exec sessions over /ws/terminal.
  TERMINAL_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  TERMINAL_MAX_SESSION_SECONDS: z.coerce.number().int().min(1).max(604_800).default(14_400),
  TERMINAL_MAX_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(1000).default(5),
  TERMINAL_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(4096)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  // Web terminal recordings (off by default, admin setting): the largest asciicast kept per session.
  TERMINAL_RECORDING_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  // Agents (issue 7): the gRPC endpoint's TLS, enrolment token lifetime, heartbeats, per-stream window,
  // and what install manifests name (the agent image, the HOST:PORT agents dial).
  GRPC_TLS_CERT_FILE: z.string().min(1).optional(),
  GRPC_TLS_KEY_FILE: z.string().min(1).optional(),
  AGENT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3600),
  AGENT_PING_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  AGENT_PING_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  AGENT_WINDOW_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .max(16 * 1024 * 1024)
    .default(256 * 1024),
  AGENT_IMAGE: z.string().min(1).default('ghcr.io/argus-dashboard/argus-agent:0.1.0'),
  // Several replicas (issue 22): the internal port other replicas forward agent-cluster calls to (0 = any free
  // port; only with DATABASE_URL), the URL they reach it at (default http://POD_IP:REPLICA_PORT; the Helm chart
  // sets POD_IP from the downward API), and how long a dead replica's agent routes and cluster ownership last.
  REPLICA_PORT: port(8082),
  REPLICA_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  POD_IP: z.string().min(1).max(100).optional(),
  REPLICA_LEASE_TTL_MS: z.coerce.number().int().min(1000).max(300_000).default(10_000),
  AGENT_SERVER_ADDRESS: z
    .string()
    .regex(/^[^\s/]+:\d{1,5}$/, 'must be HOST:PORT, e.g. argus.example.com:9090')
    .optional(),
  // Single sign-on (issue 9): when OIDC_ISSUER and OIDC_CLIENT_ID are set they seed the OIDC settings at
  // start if none are stored (the API edits them afterwards); docs/sso.md.
  OIDC_ISSUER: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  OIDC_SCOPES: z.string().min(1).max(2000).optional(),
  OIDC_GROUPS_CLAIM: z.string().min(1).max(200).optional(),
  OIDC_DEFAULT_ROLE: z.string().min(1).max(63).optional(),
  OIDC_NAME: z.string().min(1).max(100).optional(),
  OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  OIDC_LOGIN_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(600),
  OIDC_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // Security (issue 15): a bearer token /metrics then requires (public when unset), and the CIDRs that URLs
  // users below admin can make the server fetch (Helm chart repositories, webhooks) may reach although
  // they are loopback, private, link-local or metadata addresses (none by default).
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  OUTBOUND_ALLOWED_CIDRS: list.default([]),
  // API contract (issue 16): check every JSON answer against the schema its route declares (the tests do;
  // costs a parse per answer, so off by default).
  VALIDATE_RESPONSES: boolean.default(false),
  // AI assistant (issue 20): per-user bounds, and each turn's bounds (docs/ai.md).
  AI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  AI_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).max(1_000_000_000).default(500_000),
  AI_CONFIRMATION_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  AI_MAX_TOOL_ROUNDS: z.coerce.number().int().min(1).max(50).default(8),
  AI_TURN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(180_000),
  AI_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(60_000),
  AI_TOOL_OUTPUT_MAX_CHARS: z.coerce.number().int().min(500).max(1_000_000).default(12_000),
  // AI retrieval (docs/ai.md "Retrieval"): an embedding model of the assistant's provider (OpenAI-compatible or
  // Ollama) for the knowledge index; unset, the built-in offline embedder.
  AI_EMBEDDING_MODEL: z
    .string()
    .trim()
    .max(200)
    .regex(/^[\w.:/@+-]*$/, 'must be a model name')
    .optional()
    .transform((v) => v || undefined),
  // Alerts from cluster state (issue 19, docs/notifications.md "Alerts"): the grace period before a signal fires,
  // Alertmanager-style grouping (group wait, group interval, repeat interval), the per-cluster signal leases'
  // TTL (the handover time when a replica dies), how often owners evaluate, certificate expiry threshold.
  ALERT_GRACE_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  ALERT_RESOLVE_DELAY_SECONDS: z.coerce.number().min(0).max(86_400).default(120),
  NOTIFY_GROUP_WAIT_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  NOTIFY_GROUP_INTERVAL_SECONDS: z.coerce.number().min(0).max(86_400).default(300),
  NOTIFY_REPEAT_INTERVAL_SECONDS: z.coerce.number().min(1).max(2_592_000).default(14_400),
  // Alertmanager's group_by: `type` always (preferences filter notifications by alert type), plus cluster and/or namespace.
  NOTIFY_GROUP_BY: list.pipe(z.array(z.enum(['cluster', 'namespace', 'type']))).default(['cluster', 'type']),
  SIGNALS_LEASE_TTL_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
  SIGNALS_EVAL_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  ALERT_CERT_EXPIRY_DAYS: z.coerce.number().min(0).max(365).default(14),
  ALERT_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(30),
});

const configSchema = envSchema.superRefine((c, ctx) => {
  if (Boolean(c.GRPC_TLS_CERT_FILE) !== Boolean(c.GRPC_TLS_KEY_FILE)) {
    ctx.addIssue({
      code: 'custom',
      path: [c.GRPC_TLS_CERT_FILE ? 'GRPC_TLS_KEY_FILE' : 'GRPC_TLS_CERT_FILE'],
      message: 'GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE go together: set both for TLS on the agent port, or neither',
    });
  }
  if (Boolean(c.OIDC_ISSUER) !== Boolean(c.OIDC_CLIENT_ID)) {
    ctx.addIssue({
      code: 'custom',
      path: [c.OIDC_ISSUER ? 'OIDC_CLIENT_ID' : 'OIDC_ISSUER'],
      message: 'OIDC_ISSUER and OIDC_CLIENT_ID go together: set both to preset single sign-on, or neither',
    });
  }
  if (Boolean(c.TLS_CERT_FILE) !== Boolean(c.TLS_KEY_FILE)) {
    ctx.addIssue({
      code: 'custom',
      path: [c.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'],
      message: 'TLS_CERT_FILE and TLS_KEY_FILE go together: set both to serve HTTPS, or neither',
    });
  }
  const badCidrs = c.OUTBOUND_ALLOWED_CIDRS.filter((cidr) => !parseCidr(cidr));
  if (badCidrs.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['OUTBOUND_ALLOWED_CIDRS'],
      message: `not a CIDR or address: ${badCidrs.join(', ')} (give comma-separated CIDRs, e.g. 10.1.0.0/16,fd00::/8)`,
    });
  }
});

export type Config = z.infer<typeof envSchema>;
export type ConfigInput = Partial<Record<keyof z.input<typeof envSchema>, string>>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * The only reader of the environment. Validates every variable and reports all problems at once.
 * Empty strings count as unset, as shells and container runtimes often pass them.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = configSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? 'config');
        const shown =
          key in input && !/SECRET|KEY|DATABASE_URL|METRICS_TOKEN/.test(key) ? ` (got "${input[key]}")` : '';
        return `${key}: ${issue.message}${shown}`;
      }),
    );
  }
  return result.data;
}

/** A complete config for tests and embedding: defaults plus overrides, validated the same way. */
export function configFrom(overrides: ConfigInput = {}): Config {
  return loadConfig(overrides as Record<string, string | undefined>);
}
