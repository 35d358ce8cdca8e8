/** Loads a pasted kubeconfig, picks its context and says which credentials it carries; refuses what it must. */
import { AppError } from '@argus/contracts';
import { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';

export type AuthMethod = 'token' | 'client-certificate' | 'basic' | 'exec' | 'auth-provider' | 'none';

export interface LoadedKubeconfig {
  kc: KubeConfig;
  context: string;
  server: string;
  authMethod: AuthMethod;
}

export interface KubeconfigPolicy {
  allowExec: boolean;
}

function invalid(message: string): AppError {
  return new AppError('INVALID_KUBECONFIG', `Not a usable kubeconfig: ${message}`);
}

/** Files on the Argus server are not the user's to name: a kubeconfig must carry its data inline. */
const FILE_FIELDS: Array<[string, string]> = [
  ['cluster', 'certificate-authority'],
  ['user', 'client-certificate'],
  ['user', 'client-key'],
  ['user', 'tokenFile'],
];

function checkShape(doc: unknown): void {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalid('expected a YAML or JSON mapping');
  const d = doc as Record<string, unknown>;
  if (d.kind !== undefined && d.kind !== 'Config') throw invalid(`kind is "${String(d.kind)}", expected "Config"`);
  for (const key of ['clusters', 'users', 'contexts']) {
    if (!Array.isArray(d[key]) || (d[key] as unknown[]).length === 0)
      throw invalid(`"${key}" must be a non-empty list`);
  }
  for (const [section, field] of FILE_FIELDS) {
    for (const entry of d[`${section}s`] as Array<Record<string, Record<string, unknown> | undefined>>) {
      const value = entry?.[section]?.[field];
      if (typeof value === 'string' && value !== '') {
        throw new AppError(
          'KUBECONFIG_FILE_REFERENCE',
          `${section} "${String(entry?.name)}" reads "${field}" from a file on the server; embed the data instead (${field}-data${field === 'tokenFile' ? ' → token' : ''}, e.g. kubectl config view --raw --flatten)`,
        );
      }
    }
  }
}

export function loadKubeconfig(text: string, context: string | undefined, policy: KubeconfigPolicy): LoadedKubeconfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw invalid(`the text is not YAML or JSON (${(err as Error).message.split('\n')[0]})`);
  }
  checkShape(doc);
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (err) {
    throw invalid((err as Error).message);
  }
  const name = context ?? kc.getCurrentContext();
  if (!name) throw invalid('it names no current-context; pass "context"');
  if (!kc.getContextObject(name)) {
    const known = kc.getContexts().map((c) => c.name);
    throw new AppError(
      'KUBECONFIG_CONTEXT_NOT_FOUND',
      `Context "${name}" is not in the kubeconfig (it has: ${known.join(', ')})`,
    );
  }
  kc.setCurrentContext(name);
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw invalid(`context "${name}" names no cluster with a server URL`);
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    throw invalid(`server "${cluster.server}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid(`server "${cluster.server}" must be http(s)`);
  const user = kc.getCurrentUser();
  let authMethod: AuthMethod = 'none';
  if (user?.exec) authMethod = 'exec';
  else if (user?.authProvider) authMethod = 'auth-provider';
  else if (user?.token) authMethod = 'token';
  else if (user?.certData && user.keyData) authMethod = 'client-certificate';
  else if (user?.username) authMethod = 'basic';
  if (authMethod === 'exec' && !policy.allowExec) {
    throw new AppError(
      'EXEC_CREDENTIALS_DISABLED',
      `User "${user?.name}" gets its credentials by running "${user?.exec?.command}" (an exec plugin), which would run a command on the Argus server. An operator can allow it with ALLOW_EXEC_CREDENTIALS=true; otherwise use a token or client certificate.`,
    );
  }
  return { kc, context: name, server: cluster.server.replace(/\/+$/, ''), authMethod };
}
