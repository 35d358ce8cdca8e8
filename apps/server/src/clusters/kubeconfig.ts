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

/**
 * Files on the Argus server are not the user's to name: a kubeconfig must carry its data inline. These are the
 * fields kubectl and @kubernetes/client-node read a file from (client-node reads `token-file` while it loads).
 */
const FILE_FIELDS: Record<'cluster' | 'user', Record<string, string>> = {
  cluster: { 'certificate-authority': 'certificate-authority-data' },
  user: {
    'client-certificate': 'client-certificate-data',
    'client-key': 'client-key-data',
    tokenFile: 'token',
    'token-file': 'token',
  },
};

/** Any other key that looks like a path (`…-file`, `…File`, `…path`, `…Path`) is refused as well. */
const FILE_LIKE_KEY = /(file|path)$/i;
/** Auth-provider keys that name a command (gcp's cmd-path/cmd-args, client-node's config.exec). */
const COMMAND_KEY = /^(cmd-|exec$|command)/i;

/**
 * The only auth-provider accepted: `oidc`, with these keys (what client-node's oidc provider reads, minus
 * `idp-certificate-authority`, a file path). Every other provider (gcp, azure, exec…) runs a command, reads a file
 * or calls out on its own, and client-node picks a provider by config keys too (`tokenFile`, `exec`), so unknown
 * keys are refused rather than ignored.
 */
const OIDC_KEYS = new Set([
  'client-id',
  'client-secret',
  'id-token',
  'refresh-token',
  'idp-issuer-url',
  'idp-certificate-authority-data',
  'extra-scopes',
]);

/** A field that is set: anything but absent, null or the empty string (client-node treats a number as a file descriptor). */
const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

function asMapping(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function fileReference(what: string, field: string, instead: string | undefined): AppError {
  return new AppError(
    'KUBECONFIG_FILE_REFERENCE',
    `${what} reads "${field}" from a file on the server; embed the data instead${instead ? ` (${instead})` : ''}, e.g. kubectl config view --raw --flatten`,
  );
}

function checkFiles(section: 'cluster' | 'user', entryName: string, body: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(body)) {
    if (!isSet(value)) continue;
    const instead = FILE_FIELDS[section][field];
    if (instead !== undefined || FILE_LIKE_KEY.test(field)) {
      throw fileReference(`${section} "${entryName}"`, field, instead && `${field} → ${instead}`);
    }
  }
}

function checkAuthProvider(userName: string, provider: unknown): void {
  const p = asMapping(provider);
  const name = p ? String(p.name ?? '') : '';
  if (!p || name !== 'oidc') {
    throw new AppError(
      'EXEC_CREDENTIALS_DISABLED',
      `User "${userName}" uses the auth-provider "${name}", which runs a command or reads files on the Argus server; only "oidc" with inline values is accepted. Use a token, a client certificate or oidc instead.`,
    );
  }
  if (!isSet(p.config)) return;
  const config = asMapping(p.config);
  if (!config) throw invalid(`user "${userName}": auth-provider.config must be a mapping`);
  for (const [key, value] of Object.entries(config)) {
    if (!isSet(value) || OIDC_KEYS.has(key)) {
      if (isSet(value) && typeof value !== 'string')
        throw invalid(`user "${userName}": auth-provider.config.${key} must be a string`);
      continue;
    }
    if (!COMMAND_KEY.test(key) && (key === 'idp-certificate-authority' || FILE_LIKE_KEY.test(key))) {
      throw fileReference(
        `The oidc auth-provider of user "${userName}"`,
        key,
        key === 'idp-certificate-authority' ? 'idp-certificate-authority-data' : undefined,
      );
    }
    throw new AppError(
      'EXEC_CREDENTIALS_DISABLED',
      `The oidc auth-provider of user "${userName}" sets "${key}"; only ${[...OIDC_KEYS].join(', ')} are accepted (no commands, no files).`,
    );
  }
}

/** Refuses, on the parsed document and before client-node sees it, everything that would act on the server. */
function checkShape(doc: unknown, policy: KubeconfigPolicy): void {
  const d = asMapping(doc);
  if (!d) throw invalid('expected a YAML or JSON mapping');
  if (d.kind !== undefined && d.kind !== 'Config') throw invalid(`kind is "${String(d.kind)}", expected "Config"`);
  for (const key of ['clusters', 'users', 'contexts']) {
    if (!Array.isArray(d[key]) || (d[key] as unknown[]).length === 0)
      throw invalid(`"${key}" must be a non-empty list`);
  }
  for (const section of ['cluster', 'user'] as const) {
    for (const item of d[`${section}s`] as unknown[]) {
      const entry = asMapping(item);
      if (!entry) throw invalid(`every entry of "${section}s" must be a mapping`);
      const name = String(entry.name);
      if (!isSet(entry[section])) continue;
      const body = asMapping(entry[section]);
      if (!body) throw invalid(`${section} "${name}": "${section}" must be a mapping`);
      checkFiles(section, name, body);
      if (section !== 'user') continue;
      if (isSet(body['auth-provider'])) checkAuthProvider(name, body['auth-provider']);
      if (isSet(body.exec) && !policy.allowExec) {
        const command = asMapping(body.exec)?.command;
        throw new AppError(
          'EXEC_CREDENTIALS_DISABLED',
          `User "${name}" gets its credentials by running "${String(command)}" (an exec plugin), which would run a command on the Argus server. An operator can allow it with ALLOW_EXEC_CREDENTIALS=true; otherwise use a token or client certificate.`,
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
  checkShape(doc, policy);
  const kc = new KubeConfig();
  try {
    // The checked document itself, as JSON: client-node's own YAML parser (js-yaml, with YAML 1.1 merge keys)
    // could otherwise read something other than what was checked.
    kc.loadFromString(JSON.stringify(doc));
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
  return { kc, context: name, server: cluster.server.replace(/\/+$/, ''), authMethod };
}
