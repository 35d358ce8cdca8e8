/**
 * Signals end to end against kube-sim: a Deployment whose pods crash-loop becomes exactly one alert (not one
 * per pod, not one per replica) after the grace period, told once through the outbox, and resolved when fixed —
 * with two "replicas" (each its own cluster module, signals service and database pool) on one database, and
 * the cluster handed over when its owner stops.
 */
import { randomBytes } from 'node:crypto';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterModule, createClusterModule } from '../../clusters/cluster-module.js';
import { configFrom } from '../../config/load-config.js';
import { createPgDatabase } from '../../db/create-pg-database.js';
import type { Database } from '../../db/types.js';
import { createSecretBox, parseKeyring } from '../../secrets/secret-box.js';
import { createTestDatabase, type TestDatabase, testDrivers } from '../../test-support/test-database.js';
import { createAlertEngine } from '../alerts/alert-engine.js';
import { createNotificationOutbox } from '../pipeline/outbox.js';
import type { NotificationEvent } from '../types.js';
import { createSignalsService, type SignalsService } from './signals-service.js';

const logger = pino({ level: 'silent' });
const config = configFrom({ ARGUS_DEMO: 'false', LOG_LEVEL: 'silent' });
const secrets = createSecretBox(parseKeyring(randomBytes(32).toString('hex')));

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Replica {
  name: string;
  module: ClusterModule;
  signals: SignalsService;
}

function replica(name: string, db: Database): Replica {
  const module = createClusterModule({ config, db, secrets, logger });
  const engine = createAlertEngine({
    db,
    outbox: createNotificationOutbox(),
    logger,
    timings: {
      graceSeconds: 1,
      resolveDelaySeconds: 3,
      groupWaitSeconds: 0.5,
      groupIntervalSeconds: 1,
      repeatIntervalSeconds: 3600,
      retentionDays: 1,
    },
  });
  const signals = createSignalsService({
    db,
    caches: module.caches,
    discovery: module.discovery,
    engine,
    logger,
    holder: name,
    leaseTtlMs: 2_000,
    evalIntervalMs: 200,
    certExpiryMs: 14 * 86_400_000,
    recentMs: 15 * 60_000,
    resyncMs: 10_000,
  });
  return { name, module, signals };
}

describe.each(testDrivers())('signals from kube-sim on %s', (driver) => {
  let sim: KubeSim;
  let t: TestDatabase;
  let second: Database;
  let a: Replica;
  let b: Replica;
  let clusterId: string;

  beforeAll(async () => {
    sim = await startKubeSim({
      tls: false,
      scenario: 'empty',
      controllerTimings: { startMs: 100, crashAfterMs: 500, backoffMs: 300, maxBackoffMs: 800 },
    });
    t = await createTestDatabase(driver);
    second = t.url ? await createPgDatabase(t.url) : t.db;
    a = replica('replica-a', t.db);
    b = replica('replica-b', second);
    clusterId = (await a.module.clusters.register({ name: 'sim', kubeconfig: sim.kubeconfig() })).id;
    a.signals.start();
    b.signals.start();
  }, 120_000);
  afterAll(async () => {
    for (const r of [a, b]) {
      await r?.signals.stop();
      await r?.module.close();
    }
    if (second && second !== t.db) await second.close();
    await t?.drop();
    await sim?.close();
  });

  const kube = (path: string, init: RequestInit = {}) =>
    fetch(`${sim.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const alerts = async (type: string) =>
    (
      await t.db.query<{ state: string; resource_ref: { kind: string; name: string }; summary: string }>(
        `SELECT state, resource_ref, summary FROM alerts WHERE cluster_id = $1 AND type = $2 ORDER BY started_at`,
        [clusterId, type],
      )
    ).rows;
  const events = async (type: string) =>
    (
      await t.db.query<{ value: NotificationEvent }>(
        `SELECT value FROM notification_outbox WHERE value->>'type' = $1 ORDER BY id`,
        [type],
      )
    ).rows.map((r) => r.value);

  it('one alert for a crash-looping Deployment, once across replicas, resolved when fixed, across a handover', async () => {
    // One owner for the cluster, whichever replica got it.
    const owner = await until('an owner', async () => {
      const owners = [a, b].filter((r) => r.signals.watching().includes(clusterId));
      return owners.length === 1 && owners[0];
    });
    const other = owner === a ? b : a;

    const created = await kube('/apis/apps/v1/namespaces/default/deployments', {
      method: 'POST',
      body: JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' }, annotations: { 'kube-sim/crash': 'true' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      }),
    });
    expect(created.status).toBe(201);

    const [firing] = await until('the alert firing', async () => {
      const rows = await alerts('CrashLoopBackOff');
      return rows.some((r) => r.state === 'firing') && rows;
    });
    // Three crash-looping pods, one alert about their Deployment.
    expect(await alerts('CrashLoopBackOff')).toHaveLength(1);
    expect(firing!.resource_ref).toMatchObject({ kind: 'Deployment', name: 'web' });
    const [told] = await until('the notification', async () => {
      const e = await events('CrashLoopBackOff');
      return e.length > 0 && e;
    });
    expect(told!.state).toBe('firing');
    expect(told!.alerts).toHaveLength(1);
    expect(told!.alerts?.[0]?.resource_ref).toMatchObject({ kind: 'Deployment', namespace: 'default', name: 'web' });

    // The owner stops (a rolling restart): the other replica takes the cluster over and carries on —
    // the alert stays the one open alert, and nobody is told again.
    await owner.signals.stop();
    await until('the handover', async () => other.signals.watching().includes(clusterId));
    // A few evaluations by the new owner, with the pods still crash-looping.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await alerts('CrashLoopBackOff')).map((r) => r.state)).toEqual(['firing']);
    expect(await events('CrashLoopBackOff')).toHaveLength(1);

    // Fixed: the template no longer crashes; the new pods run, the old ones go, the alert resolves.
    const fixed = await kube('/apis/apps/v1/namespaces/default/deployments/web', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { template: { metadata: { annotations: { 'kube-sim/crash': null } } } } }),
    });
    expect(fixed.status).toBe(200);
    await until(
      'resolved',
      async () => (await alerts('CrashLoopBackOff')).every((r) => r.state === 'resolved'),
      90_000,
    );
    const resolved = await until('the resolved notification', async () => {
      const e = await events('CrashLoopBackOff');
      return e.length > 1 && e[1];
    });
    expect(resolved.state).toBe('resolved');
    expect(resolved.id).toBe(`group:${clusterId}/CrashLoopBackOff:2`);
    expect(await alerts('CrashLoopBackOff')).toHaveLength(1);
  }, 180_000);
});
