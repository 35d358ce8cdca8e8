/**
 * Three server processes on one PostgreSQL behind a round-robin load balancer, with an agent connected (through
 * the balancer's gRPC port) to one of them: the agent's cluster answers on every replica — REST API, kubectl
 * through the gateway (get, logs, exec), WebSocket events, a plugin route — and when the replica holding the
 * agent is killed, the agent reconnects to another, the route follows, and no request made after the kill fails.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningAgent } from '@argus/agent';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl, type Kubectl } from '@argus/kube-sim/testing';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type MockKafka, startMockKafka } from '../broker/kafka-test-kit.js';
import { type AdminSession, openAdminSession } from '../test-support/admin-session.js';
import { issueToken, runAgent } from '../test-support/agent-test-kit.js';
import { createEmptyPostgresDatabase } from '../test-support/test-database.js';
import { connect, type TestClient } from '../ws/ws-test-client.js';
import { type ReplicaFleet, startReplicaFleet } from './test-support/replica-fleet.js';

/** Kafka through librdkafka's mock cluster when kcat is installed (the events topic then crosses replicas). */
const withKafka = spawnSync('kcat', ['-V']).status === 0;

const waitUntil = async <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.skipIf(!inject('postgresAdminUrl'))('three replicas behave as one', () => {
  let fleet: ReplicaFleet;
  let sim: KubeSim;
  let dir: string;
  let drop: (() => Promise<void>) | undefined;
  let db: pg.Client;
  let session: AdminSession;
  let agent: RunningAgent | undefined;
  let clusterId: string;
  let kubectl: Kubectl;
  let perReplica: Kubectl[];
  let dispatcher: Agent;
  const clients: TestClient[] = [];
  let kafka: MockKafka | undefined;

  /** A request straight to one replica (bypassing the balancer). */
  const direct = (index: number, path: string, init: RequestInit = {}) =>
    fetch(`https://127.0.0.1:${fleet.replicas[index]?.port}${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.adminToken}` },
      dispatcher,
    } as unknown as RequestInit);
  const holder = async () => {
    const res = await db.query<{ replica_url: string }>(
      'SELECT replica_url FROM agent_routes WHERE cluster_id = $1 AND expires_at > now()',
      [clusterId],
    );
    const url = res.rows[0]?.replica_url;
    return url ? fleet.replicas.find((r) => url.endsWith(`:${r.replicaPort}`))?.index : undefined;
  };

  /** kubectl with the admin's token, through the gateway at `server` (the balancer, or one replica). */
  const kubectlFor = (server: string, name: string) => {
    const file = join(dir, `${name}.kubeconfig`);
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters:
- name: argus
  cluster:
    server: ${server}/api/clusters/${clusterId}/k8s
    certificate-authority-data: ${Buffer.from(fleet.caPem).toString('base64')}
users:
- name: admin
  user:
    token: ${session.adminToken}
contexts:
- name: argus
  context: {cluster: argus, user: admin, namespace: default}
current-context: argus
`,
    );
    return createKubectl(file);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argus-replicas-'));
    const database = await createEmptyPostgresDatabase();
    drop = database.drop;
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    sim = await startKubeSim({ scenario: 'demo', seed: 22 });
    if (withKafka) kafka = await startMockKafka();
    fleet = await startReplicaFleet({
      count: 3,
      databaseUrl: database.url,
      dir: join(dir, 'fleet'),
      env: {
        REPLICA_LEASE_TTL_MS: '10000',
        AGENT_PING_INTERVAL_MS: '1000',
        AGENT_PING_TIMEOUT_MS: '5000',
        ...(kafka ? { KAFKA_BROKERS: kafka.bootstrap } : {}),
      },
    });
    dispatcher = new Agent({ connect: { ca: fleet.caPem } });
    session = await openAdminSession(fleet.url, fleet.caPem);
    const target = { fetch: session.fetch, adminToken: session.adminToken, server: { grpcPort: undefined } };
    const issued = await issueToken(target, 'edge');
    clusterId = issued.cluster_id;
    const kubeconfig = join(dir, 'sim.kubeconfig');
    sim.writeKubeconfig(kubeconfig);
    // The agent waits 2–4 s before reconnecting: requests that arrive meanwhile must wait for the route, not fail.
    agent = await runAgent(target, {
      dir,
      kubeconfig,
      token: issued.token,
      server: fleet.grpcAddress,
      env: { ARGUS_AGENT_BACKOFF_BASE_MS: '4000', ARGUS_AGENT_BACKOFF_MAX_MS: '4000' },
    });
    await waitUntil('the agent route', holder);
    kubectl = kubectlFor(fleet.url, 'balancer');
    perReplica = fleet.replicas.map((r) => kubectlFor(`https://127.0.0.1:${r.port}`, `replica-${r.index}`));
  }, 240_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await agent?.stop().catch(() => undefined);
    await fleet?.stop();
    await session?.close();
    await db?.end();
    await sim?.close();
    await kafka?.stop();
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('serves the agent cluster on every replica: REST API, agent status and a plugin route', async () => {
    for (const r of fleet.replicas) {
      const pods = await direct(r.index, `/api/clusters/${clusterId}/resources/core/v1/pods?namespace=kube-system`);
      expect(pods.status, `replica ${r.index}`).toBe(200);
      expect(((await pods.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      const status = (await (await direct(r.index, `/api/clusters/${clusterId}/agent`)).json()) as Record<
        string,
        unknown
      >;
      expect(status, `replica ${r.index}`).toMatchObject({ connected: true, agent_name: expect.any(String) });
      const list = (await (await direct(r.index, '/api/clusters')).json()) as {
        clusters: Array<Record<string, unknown>>;
      };
      expect(list.clusters.find((c) => c.id === clusterId)).toMatchObject({ status: 'connected' });
      const created = await direct(
        r.index,
        `/api/clusters/${clusterId}/resources/core/v1/configmaps?namespace=default`,
        {
          method: 'POST',
          // A body of some size (300 KB) crosses the forwarding intact.
          body: JSON.stringify({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: `from-replica-${r.index}` },
            data: { blob: 'x'.repeat(300_000) },
          }),
        },
      );
      expect(created.status, `replica ${r.index}: ${await created.clone().text()}`).toBe(201);
      const back = await direct(
        r.index,
        `/api/clusters/${clusterId}/resources/core/v1/configmaps/from-replica-${r.index}?namespace=default`,
      );
      expect(((await back.json()) as { data: { blob: string } }).data.blob).toHaveLength(300_000);
      const releases = await direct(r.index, `/api/plugins/helm/clusters/${clusterId}/releases`);
      expect(releases.status, `replica ${r.index}: ${await releases.clone().text()}`).toBe(200);
    }
  });

  it('runs kubectl through the gateway whichever replica each request reaches (get, logs, exec)', async () => {
    const before = [...fleet.http.served];
    for (let i = 0; i < 3; i++) {
      const get = await kubectl.run(['get', 'configmaps', '-n', 'default']);
      expect(get.code, get.stderr).toBe(0);
      expect(get.stdout).toContain('from-replica-2');
    }
    const pod = (await kubectl.run(['get', 'pods', '-n', 'kube-system', '-o', 'jsonpath={.items[0].metadata.name}']))
      .stdout;
    expect(pod).not.toBe('');
    // The balancer spread them: every replica answered some of kubectl's requests.
    expect(fleet.http.served.map((n, i) => n - (before[i] ?? 0)).every((n) => n > 0)).toBe(true);
    // Each replica in turn (two of them forward to the agent's): logs (a stream) and exec (an upgrade).
    for (const [i, k] of perReplica.entries()) {
      const logs = await k.run(['logs', '-n', 'kube-system', pod, '--tail=2']);
      expect(logs.code, `replica ${i}: ${logs.stderr}`).toBe(0);
      expect(logs.stdout.trim()).not.toBe('');
      const exec = await k.run(['exec', '-n', 'kube-system', pod, '--', 'echo', `hello-${i}`]);
      expect(exec.code, `replica ${i}: ${exec.stderr}`).toBe(0);
      expect(exec.stdout).toContain(`hello-${i}`);
    }
  });

  it('delivers WebSocket events of the agent cluster to clients of every replica', async () => {
    for (const r of fleet.replicas) {
      const c = await connect(`wss://127.0.0.1:${r.port}/ws`, { ca: fleet.caPem });
      clients.push(c);
      c.send({ type: 'auth', token: session.adminToken });
      await c.next((m) => m.type === 'authenticated', 10_000);
      c.send({
        type: 'subscribe',
        id: 'cm',
        cluster: clusterId,
        group: 'core',
        version: 'v1',
        resource: 'configmaps',
        namespace: 'default',
      });
      await c.next((m) => m.type === 'subscribed', 15_000);
    }
    const made = await session.fetch(`/api/clusters/${clusterId}/resources/core/v1/configmaps?namespace=default`, {
      method: 'POST',
      token: session.adminToken,
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'seen-everywhere' } }),
    });
    expect(made.status).toBe(201);
    for (const c of clients) {
      const ev = await c.next((m) => m.type === 'event' && m.object?.metadata?.name === 'seen-everywhere', 20_000);
      expect(ev.event).toBe('ADDED');
    }
  });

  it.skipIf(!withKafka)(
    'publishes each event to Kafka once, though every replica observes it',
    async () => {
      // Every replica follows the agent cluster's ConfigMaps (the previous test's clients); one change is made.
      const made = await session.fetch(`/api/clusters/${clusterId}/resources/core/v1/configmaps?namespace=default`, {
        method: 'POST',
        token: session.adminToken,
        body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'published-once' } }),
      });
      expect(made.status).toBe(201);
      for (const c of clients)
        await c.next((m) => m.type === 'event' && m.object?.metadata?.name === 'published-once', 20_000);
      const consumer = new Kafka({ brokers: [kafka!.bootstrap], logLevel: logLevel.NOTHING }).consumer({
        groupId: `three-replicas-${Date.now()}`,
        sessionTimeout: 6_000,
        heartbeatInterval: 500,
      });
      const names: string[] = [];
      try {
        await consumer.connect();
        await consumer.subscribe({ topic: 'argus.cluster-events', fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const v = JSON.parse(message.value?.toString() ?? '{}') as { cluster?: string; name?: string };
            if (v.cluster === clusterId) names.push(v.name ?? '');
          },
        });
        await waitUntil(
          'the event in Kafka',
          async () => (names.includes('published-once') ? true : undefined),
          30_000,
        );
        await new Promise((r) => setTimeout(r, 2_000));
      } finally {
        await consumer.disconnect();
      }
      // Three replicas observed it; only the cluster's owner published it.
      expect(names.filter((n) => n === 'published-once')).toHaveLength(1);
    },
    60_000,
  );

  it('watches each cluster once: one live owner of its event-derived work', async () => {
    const owners = await waitUntil('one owner', async () => {
      const res = await db.query<{ holder: string }>(
        `SELECT holder FROM leases WHERE name = $1 AND expires_at > now()`,
        [`watchers:${clusterId}`],
      );
      return res.rows.length === 1 ? res.rows : undefined;
    });
    expect(owners).toHaveLength(1);
    const present = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM leases WHERE starts_with(name, 'watchers-replica:') AND expires_at > now()`,
    );
    expect(present.rows[0]?.n).toBe(3);
  });

  it('moves the agent when its replica is killed: no request made after the kill fails', async () => {
    const victim = (await holder()) as number;
    expect(victim).toBeTypeOf('number');
    const victimPid = fleet.replicas[victim]?.process.child.pid;
    // Pod logs always reach the cluster (lists may be answered from a replica's watch cache).
    const pods = (await (
      await session.fetch(`/api/clusters/${clusterId}/resources/core/v1/pods?namespace=kube-system`, {
        token: session.adminToken,
      })
    ).json()) as { items: Array<{ metadata: { name: string } }> };
    const logs = `/api/clusters/${clusterId}/namespaces/kube-system/pods/${pods.items[0]?.metadata.name}/logs?tailLines=1`;
    const killedAt = Date.now();
    await fleet.kill(victim);
    // Requests through the balancer from the moment the process is gone: every one must succeed.
    const statuses: number[] = [];
    let longest = 0;
    let moved: number | undefined;
    while (Date.now() - killedAt < 20_000) {
      const started = Date.now();
      const res = await session.fetch(logs, { token: session.adminToken });
      longest = Math.max(longest, Date.now() - started);
      statuses.push(res.status);
      await res.arrayBuffer();
      moved = await holder();
      if (moved !== undefined && moved !== victim && statuses.length >= 6) break;
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // The first requests arrived before the agent was back (it waits at least 2 s): they waited for the route.
    expect(longest).toBeGreaterThan(1_000);
    expect(moved).not.toBe(victim);
    expect(moved).toBeTypeOf('number');
    // Within the agent's reconnect time (its backoff is at most 4 s here), with room for a loaded machine.
    expect(Date.now() - killedAt).toBeLessThan(20_000);
    for (const r of fleet.replicas.filter((x) => x.alive)) {
      const res = await direct(r.index, `/api/clusters/${clusterId}/resources/core/v1/pods?namespace=kube-system`);
      expect(res.status, `replica ${r.index}`).toBe(200);
    }
    const exec = await kubectl.run(['get', 'configmaps', 'seen-everywhere', '-n', 'default']);
    expect(exec.code, exec.stderr).toBe(0);
    // The dead replica's share of the clusters goes to a live one within the lease TTL (10 s here).
    await waitUntil('a live owner', async () => {
      const res = await db.query<{ holder: string }>(
        `SELECT holder FROM leases WHERE name = $1 AND expires_at > now()`,
        [`watchers:${clusterId}`],
      );
      const owner = res.rows[0]?.holder;
      return owner && !owner.includes(`-${victimPid}-`) ? true : undefined;
    });
  }, 60_000);
});
