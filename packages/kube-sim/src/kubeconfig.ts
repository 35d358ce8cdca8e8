/** Writes the kubeconfig YAML that points kubectl and client libraries at a sim. */
import { stringify } from 'yaml';

export interface KubeconfigInput {
  url: string;
  token: string;
  caPem?: string;
  name?: string;
  user?: string;
}

export function renderKubeconfig(input: KubeconfigInput): string {
  const name = input.name ?? 'kube-sim';
  const user = input.user ?? `${name}-user`;
  const cluster: Record<string, unknown> = { server: input.url };
  if (input.caPem) cluster['certificate-authority-data'] = Buffer.from(input.caPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name: user, user: { token: input.token } }],
    contexts: [{ name, context: { cluster: name, user, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
