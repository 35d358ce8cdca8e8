/**
 * The real Argus server in process for benchmarks, outside vitest (the test kits read vitest's
 * injected state): embedded PGlite in a throwaway data directory, migrated by startServer, setup
 * done, an admin logged in. Imports apps/server/src by relative path (the documented exception).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type ConfigInput, configFrom } from '../../apps/server/src/config/load-config.js';
import { type RunningServer, startServer } from '../../apps/server/src/lifecycle/start-server.js';

const PASSWORD = 'correct horse battery staple';

export interface BenchServer {
  url: string;
  server: RunningServer;
  adminToken: string;
  fetch(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** Registers a cluster from a kubeconfig and returns its id. */
  addCluster(name: string, kubeconfig: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchServer(env: ConfigInput = {}): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'argus-bench-'));
  const config = configFrom({
    ARGUS_DATA_DIR: dataDir,
    PORT: '0',
    GRPC_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ARGUS_DEMO: 'false',
    SHUTDOWN_DRAIN_MS: '200',
    // The load comes from one IP (loopback): the per-IP limit would measure the limiter, not the stack.
    RATE_LIMIT_PER_SECOND: '1000000',
    RATE_LIMIT_BURST: '1000000',
    AUTH_RATE_LIMIT_PER_SECOND: '100000',
    AUTH_RATE_LIMIT_BURST: '100000',
    ...env,
  });
  const server = await startServer(config, pino({ level: 'silent' }), { listen: true });
  const url = server.url.replace('localhost', '127.0.0.1');
  const raw = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return fetch(url + path, { ...init, headers });
  };
  const init = await raw('/api/setup/init', {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@example.com', password: PASSWORD, name: 'Admin' }),
  });
  if (init.status !== 201) throw new Error(`setup: ${init.status} ${await init.text()}`);
  const login = await raw('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@example.com', password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const adminToken = ((await login.json()) as { access_token: string }).access_token;
  return {
    url,
    server,
    adminToken,
    fetch: raw,
    async addCluster(name, kubeconfig) {
      const res = await raw('/api/clusters', {
        method: 'POST',
        token: adminToken,
        body: JSON.stringify({ name, kubeconfig }),
      });
      if (res.status !== 201) throw new Error(`add cluster: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
