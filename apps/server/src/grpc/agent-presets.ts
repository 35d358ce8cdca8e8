/**
 * The agent's ClusterRole presets: the one definition of their rules. The install manifest
 * (install-manifest.ts) takes them from here; the agent Helm chart reads deploy/helm/argus-agent/presets.yaml,
 * which is generated from this file (`node --conditions=@argus/source --import tsx
 * scripts/generate-agent-presets.ts`), and `npm test` fails when that file is stale.
 */
import { stringify } from 'yaml';

export const AGENT_PRESETS = ['read-only', 'operator', 'admin'] as const;
export type AgentPreset = (typeof AGENT_PRESETS)[number];

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = [...READ, 'create', 'update', 'patch', 'delete', 'deletecollection'];

const RULES: Record<AgentPreset, PolicyRule[]> = {
  'read-only': [
    { apiGroups: ['*'], resources: ['*'], verbs: READ },
    { nonResourceURLs: ['*'], verbs: ['get'] },
  ],
  operator: [
    { apiGroups: ['*'], resources: ['*'], verbs: WRITE },
    { nonResourceURLs: ['*'], verbs: ['get'] },
  ],
  // Everything, impersonation included (Argus can then act as its users on the kubectl gateway).
  admin: [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ],
};

/** The ClusterRole rules of a preset (a fresh copy). */
export function presetRules(preset: AgentPreset): PolicyRule[] {
  return structuredClone(RULES[preset]);
}

/** deploy/helm/argus-agent/presets.yaml: every preset's rules, as the chart's rbac.yaml reads them. */
export function agentPresetsYaml(): string {
  const header = [
    '# Generated from apps/server/src/grpc/agent-presets.ts: do not edit. Regenerate with',
    '#   node --conditions=@argus/source --import tsx scripts/generate-agent-presets.ts',
    '# The ClusterRole rules of each agent preset (templates/rbac.yaml reads them; the server',
    '# renders the same rules into the install manifest of POST /api/clusters/agent-token).',
  ].join('\n');
  const presets = Object.fromEntries(AGENT_PRESETS.map((p) => [p, RULES[p]]));
  return `${header}\n${stringify(presets, { lineWidth: 0 })}`;
}
