/**
 * The plugin test kit (`@argus/plugin-sdk/testing` re-exports it): the real server in process — the real
 * plugin engine, RBAC, audit log, watch caches and kubectl gateway, answers checked against their declared
 * schemas (VALIDATE_RESPONSES) — with a kube-sim cluster registered in it, users with the grants a test
 * gives, and `call(user, method, path, body)` for the plugin's routes. A plugin's tests drive it exactly as
 * the UI does, so what they assert is what a user gets.
 */
import type { KubeSimOptions } from '@argus/kube-sim';
import { type SimFixture, startSimFixture, waitFor } from '@argus/kube-sim/testing';
import type { PluginDefinition } from '@argus/plugin-sdk';
import type { ConfigInput } from '../config/load-config.js';
import { TEST_PASSWORD } from './admin-session.js';
import { type ClusterTestServer, startClusterTestServer } from './cluster-test-kit.js';

export { waitFor };

/** One grant: a built-in role, or a role made of `permissions`; global, or in a cluster (and namespace). */
export interface TestGrant {
  role?: 'admin' | 'operator' | 'viewer';
  /** A custom role with exactly these permissions (instead of `role`). */
  permissions?: Array<{ resource: string; action: string }>;
  /** A cluster id; a grant with a `namespace` defaults to the kit's cluster. Absent (and no namespace): global. */
  cluster?: string;
  namespace?: string;
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export interface KitReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely
  body: any;
  text: string;
  headers: Headers;
}

export interface KitCallInit {
  headers?: Record<string, string>;
  /** A body sent as is (e.g. a chart archive) instead of JSON. */
  raw?: Buffer | string;
  /** The cluster of a relative path (default: the kit's cluster). */
  cluster?: string;
}

export interface PluginTestKitOptions {
  /** The plugins the server runs (default: the built-in ones, plugins/builtin.json). */
  plugins?: readonly PluginDefinition[];
  /** Relative paths in `call` are this plugin's cluster routes (default: the first of `plugins`). */
  plugin?: string;
  /** The kube-sim cluster registered in Argus (default: the `empty` scenario, TLS). */
  sim?: KubeSimOptions;
  /** Server settings, e.g. `{ OUTBOUND_ALLOWED_CIDRS: '127.0.0.0/8' }`. */
  env?: ConfigInput;
}

export interface PluginTestKit {
  /** The server's URL. */
  url: string;
  /** The id of the kube-sim cluster registered in Argus. */
  clusterId: string;
  /** That cluster: `sim.store`, `kubectl.run([...])` (the real kubectl, admin), `kubeconfig`, `dir`. */
  sim: SimFixture;
  admin: TestUser;
  /** A new user with these grants (no grant: a user who may do nothing). */
  user(name: string, grants?: TestGrant[]): Promise<TestUser>;
  /**
   * Calls the server as `user`. A path starting with `/api/` is used as is; any other path is relative to the
   * plugin's routes on the kit's cluster (`/api/plugins/{plugin}/clusters/{cluster}`). A body is sent as JSON.
   */
  call(user: TestUser, method: string, path: string, body?: unknown, init?: KitCallInit): Promise<KitReply>;
  /** The absolute path of a plugin route on a cluster. */
  path(path: string, cluster?: string): string;
  /** Registers another kube-sim cluster (e.g. `{scenario: 'empty'}` without the operator's CRDs). */
  addCluster(name: string, sim?: KubeSimOptions): Promise<{ id: string; sim: SimFixture }>;
  /** Audit log rows, newest first (as the admin reads them). */
  audit(filter?: { user?: TestUser; action?: string }): Promise<Array<Record<string, unknown>>>;
  /** The server in process, for what the kit does not cover. */
  server: ClusterTestServer;
  close(): Promise<void>;
}

export async function startPluginTestKit(options: PluginTestKitOptions = {}): Promise<PluginTestKit> {
  const server = await startClusterTestServer({
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const fixtures: SimFixture[] = [];
  const pluginId = options.plugin ?? (options.plugins?.[0]?.manifest as { id?: string } | undefined)?.id ?? undefined;
  const admin: TestUser = { id: '', email: 'admin@example.com', token: server.adminToken };

  async function raw(user: TestUser, method: string, url: string, body?: unknown, init: KitCallInit = {}) {
    const payload = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const res = await server.fetch(url, {
      method,
      token: user.token,
      headers: {
        ...(init.raw === undefined && payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, body: parsed, text, headers: res.headers };
  }

  async function addCluster(name: string, sim: KubeSimOptions = {}) {
    const fixture = await startSimFixture({ tls: true, ...sim });
    fixtures.push(fixture);
    const reg = await raw(admin, 'POST', '/api/clusters', { name, kubeconfig: fixture.sim.kubeconfig() });
    if (reg.status !== 201) throw new Error(`register cluster ${name}: ${reg.status} ${reg.text}`);
    return { id: (reg.body as { id: string }).id, sim: fixture };
  }

  let roles = 0;
  try {
    const me = await raw(admin, 'GET', '/api/auth/me');
    admin.id = (me.body as { id: string }).id;
    const main = await addCluster('sim', options.sim);
    const kit: PluginTestKit = {
      url: server.url,
      clusterId: main.id,
      sim: main.sim,
      admin,
      server,
      addCluster,
      path(path, cluster = main.id) {
        if (path.startsWith('/api/')) return path;
        if (!pluginId) throw new Error('relative path without a plugin: pass `plugin` to startPluginTestKit');
        return `/api/plugins/${pluginId}/clusters/${encodeURIComponent(cluster)}${path.startsWith('/') ? path : `/${path}`}`;
      },
      call: (user, method, path, body, init = {}) => raw(user, method, kit.path(path, init.cluster), body, init),
      async user(name, grants = []) {
        const email = `${name}@example.com`;
        const created = await raw(admin, 'POST', '/api/users', { email, name, password: TEST_PASSWORD });
        if (created.status !== 201) throw new Error(`create user ${name}: ${created.status} ${created.text}`);
        const id = (created.body as { id: string }).id;
        for (const g of grants) {
          let role: string = g.role ?? '';
          if (g.permissions) {
            role = `kit-role-${++roles}`;
            const r = await raw(admin, 'POST', '/api/roles', { name: role, permissions: g.permissions });
            if (r.status !== 201) throw new Error(`create role: ${r.status} ${r.text}`);
          }
          if (!role) throw new Error('a grant needs a role or permissions');
          const cluster = g.cluster ?? (g.namespace ? main.id : undefined);
          const assigned = await raw(admin, 'POST', '/api/roles/assign', {
            user_id: id,
            role,
            ...(cluster ? { cluster_id: cluster } : {}),
            ...(g.namespace ? { namespace: g.namespace } : {}),
          });
          if (assigned.status !== 201) throw new Error(`assign ${role}: ${assigned.status} ${assigned.text}`);
        }
        const login = await raw(admin, 'POST', '/api/auth/login', { email, password: TEST_PASSWORD });
        if (login.status !== 200) throw new Error(`login ${name}: ${login.status} ${login.text}`);
        return { id, email, token: (login.body as { access_token: string }).access_token };
      },
      async audit(filter = {}) {
        const q = new URLSearchParams({ limit: '500' });
        if (filter.user?.id) q.set('user_id', filter.user.id);
        if (filter.action) q.set('action', filter.action);
        const res = await raw(admin, 'GET', `/api/audit-log?${q}`);
        if (res.status !== 200) throw new Error(`audit log: ${res.status} ${res.text}`);
        return (res.body as { items: Array<Record<string, unknown>> }).items;
      },
      async close() {
        await server.stop();
        await Promise.all(fixtures.map((f) => f.close()));
      },
    };
    return kit;
  } catch (err) {
    await server.stop();
    await Promise.all(fixtures.map((f) => f.close()));
    throw err;
  }
}
