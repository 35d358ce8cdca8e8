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
import { openAdminSession } from '../../apps/server/src/test-support/admin-session.js';
import { inProcessServerEnv } from '../../apps/server/src/test-support/server-env.js';

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
    ...inProcessServerEnv(dataDir),
    // The load comes from one IP (loopback): the per-IP limit would measure the limiter, not the stack.
    RATE_LIMIT_PER_SECOND: '1000000',
    RATE_LIMIT_BURST: '1000000',
    AUTH_RATE_LIMIT_PER_SECOND: '100000',
    AUTH_RATE_LIMIT_BURST: '100000',
    ...env,
  });
  const server = await startServer(config, pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }), { listen: true });
  const session = await openAdminSession(server.url);
  const { url, adminToken } = session;
  const raw = session.fetch;
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
      await session.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
