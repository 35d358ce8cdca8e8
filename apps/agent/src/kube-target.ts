/**
 * The API server the agent talks to, with credentials applied by @kubernetes/client-node: in-cluster
 * (ServiceAccount token file, re-read as it rotates, and CA) or a kubeconfig (token, client certificate,
 * exec and auth providers).
 */
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { AgentConfig } from './config.js';

export interface TargetOptions {
  headers: Record<string, string>;
  auth: string | undefined;
}

export interface KubeTarget {
  /** The API server URL, for display and requests. */
  readonly server: string;
  readonly base: URL;
  readonly secure: boolean;
  /** Keep-alive pool for requests and streams. */
  readonly pooled: http.Agent;
  /** One socket per upgrade (exec, attach, port-forward). */
  readonly single: http.Agent;
  /** The credentials' headers, refreshed when they may have rotated. */
  credentials(): Promise<TargetOptions>;
  /** The credentials when they need no refresh now (most requests: no await), else undefined. */
  freshCredentials(): TargetOptions | undefined;
  close(): void;
}

export function kubeConfigFor(config: Pick<AgentConfig, 'kubeconfig' | 'context' | 'inCluster'>): KubeConfig {
  const kc = new KubeConfig();
  if (config.kubeconfig) {
    kc.loadFromFile(config.kubeconfig);
    if (config.context) kc.setCurrentContext(config.context);
    return kc;
  }
  const ic = config.inCluster;
  if (!ic) throw new Error('no kubeconfig and not in a cluster');
  const scheme = ['80', '8080', '8001'].includes(ic.port) ? 'http' : 'https';
  const host = ic.host.includes(':') ? `[${ic.host}]` : ic.host;
  kc.loadFromClusterAndUser(
    {
      name: 'in-cluster',
      server: `${scheme}://${host}:${ic.port}`,
      caFile: join(ic.saDir, 'ca.crt'),
      skipTLSVerify: false,
    },
    { name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile: join(ic.saDir, 'token') } } },
  );
  return kc;
}

export async function createKubeTarget(kc: KubeConfig): Promise<KubeTarget> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const server = cluster.server.replace(/\/+$/, '');
  const base = new URL(server);
  const secure = base.protocol === 'https:';

  // client-node's public applyToHTTPSOptions also builds an agent and refuses a plain-http server that kubectl
  // and the Argus server accept; the agent brings its own agents, so it runs the credential step (applyOptions)
  // alone and adds basic auth from the kubeconfig user itself, as kubectl does.
  async function prepare() {
    const opts: https.RequestOptions = {};
    await (kc as unknown as { applyOptions(o: https.RequestOptions): Promise<void> }).applyOptions(opts);
    const tls: https.AgentOptions = {};
    for (const key of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const) {
      if (opts[key] !== undefined) (tls as Record<string, unknown>)[key] = opts[key];
    }
    const user = kc.getCurrentUser();
    const auth = user?.username ? `${user.username}:${user.password ?? ''}` : undefined;
    return { options: { headers: (opts.headers ?? {}) as Record<string, string>, auth }, tls };
  }

  const first = await prepare();
  let current = first.options;
  let preparedAt = Date.now();
  const pooled = secure
    ? new https.Agent({ keepAlive: true, maxFreeSockets: 64, ...first.tls })
    : new http.Agent({ keepAlive: true, maxFreeSockets: 64 });
  const single = secure ? new https.Agent({ keepAlive: false, ...first.tls }) : new http.Agent({ keepAlive: false });

  return {
    server,
    base,
    secure,
    pooled,
    single,
    async credentials() {
      // ServiceAccount tokens rotate and exec credentials expire; client-node caches them, so this is cheap.
      if (Date.now() - preparedAt > 30_000) {
        current = (await prepare()).options;
        preparedAt = Date.now();
      }
      return current;
    },
    freshCredentials() {
      return Date.now() - preparedAt > 30_000 ? undefined : current;
    },
    close() {
      pooled.destroy();
      single.destroy();
    },
  };
}
