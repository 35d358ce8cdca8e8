/**
 * The agent's install manifest: Namespace, ServiceAccount, a ClusterRole from a preset and its binding,
 * a Role to keep its credential in a Secret, the Secret with the enrolment token, and a Deployment with
 * resource limits and probes. The same objects as deploy/helm/argus-agent (the ClusterRole's rules come from
 * agent-presets.ts, which the chart's presets.yaml is generated from).
 */
import { stringify } from 'yaml';
import { type AgentPreset, presetRules } from './agent-presets.js';

export { AGENT_PRESETS, type AgentPreset, presetRules } from './agent-presets.js';

export interface ManifestInput {
  clusterName: string;
  /** HOST:PORT of the server's gRPC endpoint, as the agent will dial it. */
  serverAddress: string;
  token: string;
  preset: AgentPreset;
  namespace: string;
  image: string;
  /** Plaintext gRPC (the server has no GRPC_TLS_* configured). */
  insecure: boolean;
}

export function renderAgentManifest(m: ManifestInput): string {
  const ns = m.namespace;
  const labels = { 'app.kubernetes.io/name': 'argus-agent', 'app.kubernetes.io/part-of': 'argus' };
  const meta = (name: string, namespaced = true) => ({ name, ...(namespaced ? { namespace: ns } : {}), labels });
  const role = `argus-agent-${m.preset}`;
  const args = [
    '--server',
    m.serverAddress,
    '--credential-secret',
    `${ns}/argus-agent-credential`,
    '--credential-file',
    '/var/lib/argus-agent/credential.json',
    '--health-port',
    '8081',
    ...(m.insecure ? ['--insecure'] : []),
  ];
  const docs: Record<string, unknown>[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('argus-agent') },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta(role, false),
      rules: presetRules(m.preset),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: meta(`argus-agent-${ns}`, false),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'ServiceAccount', name: 'argus-agent', namespace: ns }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('argus-agent-credential'),
      rules: [
        {
          apiGroups: [''],
          resources: ['secrets'],
          resourceNames: ['argus-agent-credential'],
          verbs: ['get', 'update', 'patch'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('argus-agent-credential'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argus-agent-credential' },
      subjects: [{ kind: 'ServiceAccount', name: 'argus-agent', namespace: ns }],
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta('argus-agent-token'),
      type: 'Opaque',
      stringData: { token: m.token, cluster: m.clusterName },
    },
    // Filled by the agent after enrolment, so a rescheduled pod reconnects without a new token.
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('argus-agent-credential'), type: 'Opaque' },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('argus-agent'),
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: { 'app.kubernetes.io/name': 'argus-agent' } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: 'argus-agent',
            securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'agent',
                image: m.image,
                args,
                env: [
                  {
                    name: 'ARGUS_AGENT_TOKEN',
                    valueFrom: { secretKeyRef: { name: 'argus-agent-token', key: 'token' } },
                  },
                ],
                ports: [{ name: 'health', containerPort: 8081 }],
                livenessProbe: {
                  httpGet: { path: '/healthz', port: 'health' },
                  initialDelaySeconds: 5,
                  periodSeconds: 10,
                },
                readinessProbe: { httpGet: { path: '/readyz', port: 'health' }, periodSeconds: 5, failureThreshold: 3 },
                resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'state', mountPath: '/var/lib/argus-agent' }],
              },
            ],
            volumes: [{ name: 'state', emptyDir: {} }],
          },
        },
      },
    },
  ];
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

/** What the install command and the agent-token answer say when the agents' gRPC port has no TLS. */
export const PLAINTEXT_AGENT_WARNING =
  'The Argus server accepts agents over plain-text gRPC (no GRPC_TLS_CERT_FILE/GRPC_TLS_KEY_FILE): this agent runs with --insecure, and its credential and all tunnelled Kubernetes traffic cross the network unencrypted. Configure TLS on the server for anything but local testing.';

/** A command to paste: the manifest inline (no token in any URL), led by a warning comment when plain text. */
export function installCommand(manifest: string, options: { insecure?: boolean } = {}): string {
  const warning = options.insecure ? `# WARNING: ${PLAINTEXT_AGENT_WARNING}\n` : '';
  return `${warning}kubectl apply -f - <<'ARGUS_AGENT_EOF'\n${manifest}ARGUS_AGENT_EOF`;
}
