/**
 * Two in-process replicas on one PostgreSQL database: the internal forwarding port refuses what is not signed with
 * the shared secret (and replays of what was), a revocation made on the replica without the agent drops the agent
 * on the other, and a plugin's watchers run on exactly one replica and move when it stops.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningAgent } from '@argus/agent';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { definePlugin } from '@argus/plugin-sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { configFrom } from '../config/load-config.js';
import { type RunningServer, startServer } from '../lifecycle/start-server.js';
import { type AdminSession, openAdminSession } from '../test-support/admin-session.js';
import { issueToken, runAgent } from '../test-support/agent-test-kit.js';
import { inProcessServerEnv } from '../test-support/server-env.js';
import { createEmptyPostgresDatabase } from '../test-support/test-database.js';
import { createForwardSigner, sha256Hex } from './forward-auth.js';
import { encodeJson, FORWARD_PATH } from './forward-server.js';

const seen: string[] = [];
const watching = definePlugin({
  manifest: {
    id: 'watching',
    name: 'Watching',
    version: '1.0.0',
    sdk: '^1.0.0',
    enabled_by_default: true,
    watchers: [{ id: 'configmaps', group: '', version: 'v1', resource: 'configmaps' }],
  },
  deps: [],
  registerWatchers(watchers) {
    watchers.on('configmaps', (_clusterId, event) =>
      seen.push((event.object as { metadata?: { name?: string } }).metadata?.name ?? ''),
    );
  },
});

const waitUntil = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.skipIf(!inject('postgresAdminUrl'))('two replicas: forwarding security, revocation, watcher ownership', () => {
  const replicas: RunningServer[] = [];
  const dirs: string[] = [];
  const jwtSecret = randomBytes(32).toString('hex');
  let drop: (() => Promise<void>) | undefined;
  let sim: KubeSim;
  let session: AdminSession;
  let agent: RunningAgent | undefined;
  let clusterId: string;

  const route = async () =>
    (
      await replicas[0]!.db.query<{ replica_url: string; cluster_id: string }>(
        'SELECT replica_url, cluster_id FROM agent_routes WHERE expires_at > now()',
      )
    ).rows[0];

  beforeAll(async () => {
    const db = await createEmptyPostgresDatabase();
    drop = db.drop;
    sim = await startKubeSim({ scenario: 'demo', seed: 7 });
    for (let i = 0; i < 2; i++) {
      const dir = await mkdtemp(join(tmpdir(), 'argus-two-replicas-'));
      dirs.push(dir);
      const config = configFrom({
        ...inProcessServerEnv(dir),
        JWT_SECRET: jwtSecret,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        DATABASE_URL: db.url,
        REPLICA_LEASE_TTL_MS: '3000',
        RATE_LIMIT_BURST: '100000',
        AUTH_RATE_LIMIT_BURST: '100000',
      });
      replicas.push(await startServer(config, pino({ level: 'silent' }), { listen: true, plugins: [watching] }));
    }
    session = await openAdminSession(replicas[0]!.url);
    const issued = await issueToken(
      { fetch: session.fetch, adminToken: session.adminToken, server: { grpcPort: replicas[0]!.grpcPort } },
      'edge',
    );
    clusterId = issued.cluster_id;
    const dir = dirs[0]!;
    const kubeconfig = join(dir, 'sim.kubeconfig');
    sim.writeKubeconfig(kubeconfig);
    agent = await runAgent(
      { fetch: session.fetch, adminToken: session.adminToken, server: { grpcPort: replicas[0]!.grpcPort } },
      { dir, kubeconfig, token: issued.token },
    );
    await waitUntil('the agent route', async () => Boolean(await route()));
  }, 120_000);

  afterAll(async () => {
    await agent?.stop().catch(() => undefined);
    await session?.close();
    for (const r of replicas) await r.close().catch(() => undefined);
    await sim?.close();
    await drop?.();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('refuses unsigned, wrongly signed, tampered and replayed forwarded requests', async () => {
    const r = (await route())!;
    const url = `${r.replica_url}${FORWARD_PATH}`;
    const kube = encodeJson({ method: 'GET', path: '/api/v1/namespaces' });
    const empty = sha256Hex(Buffer.alloc(0));
    const post = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers });
    expect((await post({})).status).toBe(401);
    const foreign = createForwardSigner(randomBytes(32).toString('hex'));
    expect((await post(foreign.sign({ mode: 'request', cluster: clusterId, kube, bodySha256: empty }))).status).toBe(
      401,
    );
    const signer = createForwardSigner(jwtSecret);
    const good = signer.sign({ mode: 'request', cluster: clusterId, kube, bodySha256: empty });
    const tampered = {
      ...good,
      'x-argus-forward-kube': encodeJson({ method: 'DELETE', path: '/api/v1/namespaces/x' }),
    };
    expect((await post(tampered)).status).toBe(401);
    const first = await post(good);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect((await post(good)).status).toBe(401);
    // Only the forwarding path exists on that port.
    expect((await fetch(`${r.replica_url}/api/clusters`)).status).toBe(404);
  });

  it('runs a plugin watcher on exactly one replica, and on the other once its owner lets go', async () => {
    await waitUntil('one watching replica', () => replicas.some((r) => r.plugins.watching('watching', clusterId) > 0));
    const counts = replicas.map((r) => r.plugins.watching('watching', clusterId));
    expect(counts.filter((n) => n > 0)).toHaveLength(1);
    const owner = counts.findIndex((n) => n > 0);
    const res = await session.fetch(`/api/clusters/${clusterId}/resources/core/v1/configmaps?namespace=default`, {
      method: 'POST',
      token: session.adminToken,
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched-once' } }),
    });
    expect(res.status).toBe(201);
    await waitUntil('the watcher saw it', () => seen.includes('watched-once'));
    await new Promise((r) => setTimeout(r, 500));
    // One replica watches: the event reached the plugin once, not once per replica.
    expect(seen.filter((n) => n === 'watched-once')).toHaveLength(1);
    // The owner lets go (as on shutdown): the other replica takes the cluster and starts the watcher.
    await replicas[owner]!.replica.ownership.stop();
    expect(replicas[owner]!.plugins.watching('watching', clusterId)).toBe(0);
    await waitUntil(
      'the other replica watching',
      () => replicas[1 - owner]!.plugins.watching('watching', clusterId) > 0,
    );
  });

  it('drops a tunnel whose route another replica took over (the agent connected there too), keeping one', async () => {
    const db = replicas[0]!.db;
    const before = replicas[0]!.agents.hub.session(clusterId);
    expect(before).toBeDefined();
    // As if the agent had connected to a third replica since: its claim overwrote the row.
    await db.query(`UPDATE agent_routes SET replica = 'elsewhere', session_id = 'newer' WHERE cluster_id = $1`, [
      clusterId,
    ]);
    await waitUntil('the stale tunnel dropped', () => !before!.isOpen, 10_000);
    // The agent dials again (here: the same replica), whose new tunnel claims the route back.
    const holder = async () =>
      (await db.query<{ replica: string }>('SELECT replica FROM agent_routes WHERE cluster_id = $1', [clusterId]))
        .rows[0]?.replica;
    await waitUntil('the agent back, its route claimed again', async () => {
      const s = replicas[0]!.agents.hub.session(clusterId);
      return Boolean(s && s !== before) && (await holder()) === replicas[0]!.replica.name;
    });
  });

  it('revoking the agent on the replica without its tunnel drops it on the one that has it', async () => {
    expect(replicas[0]!.agents.hub.session(clusterId)).toBeDefined();
    expect(replicas[1]!.agents.hub.session(clusterId)).toBeUndefined();
    const revoke = await fetch(
      `${replicas[1]!.url.replace('localhost', '127.0.0.1')}/api/clusters/${clusterId}/agent`,
      {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${session.adminToken}` },
      },
    );
    expect(revoke.status).toBe(200);
    await waitUntil('the agent dropped', () => replicas[0]!.agents.hub.session(clusterId) === undefined, 10_000);
    await waitUntil('the route gone', async () => (await route()) === undefined, 10_000);
    const status = await fetch(
      `${replicas[1]!.url.replace('localhost', '127.0.0.1')}/api/clusters/${clusterId}/agent`,
      {
        headers: { Authorization: `Bearer ${session.adminToken}` },
      },
    );
    expect(await status.json()).toMatchObject({ connected: false });
  });
});
