/**
 * The agent's only reader of flags and environment: `argus-agent --server HOST:PORT --token T
 * [--kubeconfig FILE] [--insecure] …`, each flag also settable by an ARGUS_AGENT_* variable.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const DEFAULT_SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

const schema = z.object({
  server: z
    .string({ message: 'is required (--server HOST:PORT or ARGUS_AGENT_SERVER)' })
    .regex(/^[^\s/]+:\d{1,5}$/, 'must be HOST:PORT, e.g. argus.example.com:9090'),
  token: z.string().min(1).optional(),
  kubeconfig: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
  insecure: z.boolean(),
  caFile: z.string().min(1).optional(),
  serverName: z.string().min(1).optional(),
  credentialFile: z.string().min(1),
  credentialSecret: z
    .string()
    .regex(/^[a-z0-9-]+\/[a-z0-9.-]+$/, 'must be NAMESPACE/NAME')
    .optional(),
  healthPort: z.coerce.number().int().min(-1).max(65535),
  healthHost: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  name: z.string().min(1).max(100).optional(),
  windowBytes: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .max(16 * 1024 * 1024),
  backoffBaseMs: z.coerce.number().int().min(10).max(60_000),
  backoffMaxMs: z.coerce.number().int().min(100).max(600_000),
  connectTimeoutMs: z.coerce.number().int().min(100).max(120_000),
  inCluster: z
    .object({ host: z.string().min(1), port: z.string().regex(/^\d+$/), saDir: z.string().min(1) })
    .optional(),
});

export type AgentConfig = z.infer<typeof schema>;

export class AgentConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid agent configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AgentConfigError';
  }
}

export const USAGE = `Usage: argus-agent --server HOST:PORT [--token T] [--kubeconfig FILE] [--insecure]

  --server HOST:PORT       the Argus server's gRPC port (ARGUS_AGENT_SERVER)
  --token T                single-use enrolment token (ARGUS_AGENT_TOKEN); not needed once enrolled
  --kubeconfig FILE        talk to the cluster of this kubeconfig (default: in-cluster ServiceAccount)
  --context NAME           kubeconfig context (default: current)
  --insecure               plaintext gRPC, no TLS (local testing only)
  --ca-file FILE           CA bundle that signed the server's TLS certificate (ARGUS_AGENT_CA_FILE)
  --server-name NAME       TLS server name to verify, when it differs from HOST
  --credential-file FILE   where the agent keeps its credential (default ./argus-agent-credential.json)
  --credential-secret NS/NAME  also keep it in this Secret (in-cluster: survives pod rescheduling)
  --health-port N          health endpoint port, /healthz and /readyz (default 8081; 0 any, -1 off)
  --name NAME              agent name shown in Argus (default: host name)
  --log-level LEVEL        fatal|error|warn|info|debug|trace|silent (default info)
`;

/** Flags win over ARGUS_AGENT_* variables; KUBERNETES_SERVICE_HOST/PORT select in-cluster mode. */
export function loadAgentConfig(argv: string[], env: Record<string, string | undefined>): AgentConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      insecure: { type: 'boolean' },
      'ca-file': { type: 'string' },
      'server-name': { type: 'string' },
      'credential-file': { type: 'string' },
      'credential-secret': { type: 'string' },
      'health-port': { type: 'string' },
      'health-host': { type: 'string' },
      'log-level': { type: 'string' },
      name: { type: 'string' },
      window: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new AgentConfigError(['help requested']);
  const e = (k: string) => (env[k] === '' ? undefined : env[k]);
  const truthy = (v: string | undefined) => v === 'true' || v === '1';
  const kubeconfig = values.kubeconfig ?? e('ARGUS_AGENT_KUBECONFIG');
  const host = e('KUBERNETES_SERVICE_HOST');
  const input = {
    server: values.server ?? e('ARGUS_AGENT_SERVER'),
    token: values.token ?? e('ARGUS_AGENT_TOKEN'),
    kubeconfig,
    context: values.context ?? e('ARGUS_AGENT_CONTEXT'),
    insecure: values.insecure ?? truthy(e('ARGUS_AGENT_INSECURE')),
    caFile: values['ca-file'] ?? e('ARGUS_AGENT_CA_FILE'),
    serverName: values['server-name'] ?? e('ARGUS_AGENT_SERVER_NAME'),
    credentialFile: values['credential-file'] ?? e('ARGUS_AGENT_CREDENTIAL_FILE') ?? 'argus-agent-credential.json',
    credentialSecret: values['credential-secret'] ?? e('ARGUS_AGENT_CREDENTIAL_SECRET'),
    healthPort: values['health-port'] ?? e('ARGUS_AGENT_HEALTH_PORT') ?? '8081',
    healthHost: values['health-host'] ?? e('ARGUS_AGENT_HEALTH_HOST') ?? '0.0.0.0',
    logLevel: values['log-level'] ?? e('ARGUS_AGENT_LOG_LEVEL') ?? 'info',
    name: values.name ?? e('ARGUS_AGENT_NAME'),
    windowBytes: values.window ?? e('ARGUS_AGENT_WINDOW_BYTES') ?? String(256 * 1024),
    backoffBaseMs: e('ARGUS_AGENT_BACKOFF_BASE_MS') ?? '500',
    backoffMaxMs: e('ARGUS_AGENT_BACKOFF_MAX_MS') ?? '30000',
    connectTimeoutMs: e('ARGUS_AGENT_CONNECT_TIMEOUT_MS') ?? '5000',
    inCluster:
      !kubeconfig && host
        ? {
            host,
            port: e('KUBERNETES_SERVICE_PORT') ?? '443',
            saDir: e('ARGUS_AGENT_SERVICEACCOUNT_DIR') ?? DEFAULT_SA_DIR,
          }
        : undefined,
  };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AgentConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`));
  }
  const c = parsed.data;
  if (!c.kubeconfig && !c.inCluster) {
    throw new AgentConfigError([
      'no cluster to talk to: pass --kubeconfig FILE, or run in a pod (KUBERNETES_SERVICE_HOST is not set)',
    ]);
  }
  return c;
}
