/**
 * The real server in process (createTestServer, listening, optionally HTTPS) with real identity:
 * setup/init makes the admin; users get built-in roles, optionally scoped to a cluster and namespace.
 */
import type { PluginDefinition } from '@argus/plugin-sdk';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { ConfigInput } from '../config/load-config.js';
import { openAdminSession, TEST_PASSWORD } from './admin-session.js';
import type { Driver } from './test-database.js';
import { createTestServer, type TestServer } from './test-server.js';

export interface ClusterTestServer {
  url: string;
  caPem: string | undefined;
  server: TestServer;
  module: ClusterModule;
  /** The admin's access token. */
  adminToken: string;
  /** Creates a user with a built-in role (global, or scoped to a cluster and namespace) and returns its access token. */
  addUser(
    name: string,
    role: 'admin' | 'operator' | 'viewer',
    scope?: { cluster_id?: string; namespace?: string },
  ): Promise<string>;
  fetch(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  stop(): Promise<void>;
}

export async function startClusterTestServer(
  options: { driver?: Driver; tls?: boolean; env?: ConfigInput; plugins?: readonly PluginDefinition[] } = {},
): Promise<ClusterTestServer> {
  const server = await createTestServer(options.driver ?? 'pglite', {
    listen: true,
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.tls ? { tls: true } : {}),
    env: {
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '100000',
      AUTH_RATE_LIMIT_PER_SECOND: '10000',
      AUTH_RATE_LIMIT_BURST: '10000',
      ...options.env,
    },
  });
  const session = await openAdminSession(server.url, server.caPem);
  const { url, adminToken, login } = session;
  const raw = session.fetch;
  return {
    url,
    caPem: server.caPem,
    server,
    module: server.clusters,
    adminToken,
    fetch: raw,
    async addUser(name, role, scope) {
      const email = `${name}@example.com`;
      const created = await raw('/api/users', {
        method: 'POST',
        token: adminToken,
        body: JSON.stringify({ email, name, password: TEST_PASSWORD }),
      });
      if (created.status !== 201) throw new Error(`create user: ${created.status} ${await created.text()}`);
      const user = (await created.json()) as { id: string };
      const assigned = await raw('/api/roles/assign', {
        method: 'POST',
        token: adminToken,
        body: JSON.stringify({ user_id: user.id, role, ...scope }),
      });
      if (assigned.status !== 201) throw new Error(`assign: ${assigned.status} ${await assigned.text()}`);
      return login(email);
    },
    async stop() {
      await server.stop();
      await session.close();
    },
  };
}
