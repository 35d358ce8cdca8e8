import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase } from '../../db/create-pg-database.js';
import type { Database } from '../../db/types.js';
import { createTestDatabase, type TestDatabase, testDrivers } from '../../test-support/test-database.js';
import { createNotificationOutbox } from '../pipeline/outbox.js';
import type { Candidate } from '../signals/cluster-signals.js';
import type { NotificationEvent } from '../types.js';
import { type AlertEngine, createAlertEngine } from './alert-engine.js';

const timings = {
  graceSeconds: 0.4,
  resolveDelaySeconds: 0,
  groupWaitSeconds: 0.4,
  groupIntervalSeconds: 0.6,
  repeatIntervalSeconds: 2,
  retentionDays: 30,
};

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testDrivers())('alert engine on %s', (driver) => {
  let t: TestDatabase;
  let second: Database;
  let clusterId: string;
  let a: AlertEngine;
  let b: AlertEngine;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
    second = t.url ? await createPgDatabase(t.url) : t.db;
    const logger = pino({ level: 'silent' });
    a = createAlertEngine({ db: t.db, outbox: createNotificationOutbox(), timings, logger });
    b = createAlertEngine({ db: second, outbox: createNotificationOutbox(), timings, logger });
    clusterId = (
      await t.db.query<{ id: string }>(
        `INSERT INTO clusters (name, connection_type) VALUES ('prod', 'demo') RETURNING id::text`,
      )
    ).rows[0]!.id;
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.drop();
  });

  const candidate = (name: string, extra: Partial<Candidate> = {}): Candidate => ({
    fingerprint: `fp-${name}`,
    type: 'CrashLoopBackOff',
    severity: 'warning',
    summary: `Deployment default/${name} is crash-looping`,
    ref: {
      cluster_id: clusterId,
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      resource: 'deployments',
      namespace: 'default',
      name,
    },
    count: 3,
    inhibited: false,
    ...extra,
  });
  const events = async () =>
    (
      await t.db.query<{ value: NotificationEvent }>(
        `SELECT value FROM notification_outbox WHERE value->>'type' = 'CrashLoopBackOff' ORDER BY id`,
      )
    ).rows.map((r) => r.value);
  const alert = async (fp: string) =>
    (
      await t.db.query<{ state: string; n: number }>(
        `SELECT state, count(*) OVER ()::int AS n FROM alerts WHERE fingerprint = $1 ORDER BY started_at DESC LIMIT 1`,
        [fp],
      )
    ).rows[0];
  /** Both "replicas" evaluate and flush, as two owners would during a handover. */
  const pass = async (candidates: Candidate[]) => {
    const map = new Map(candidates.map((c) => [c.fingerprint, c]));
    await Promise.all([a.reconcileCluster(clusterId, map), b.reconcileCluster(clusterId, map)]);
    await Promise.all([a.flushDue([clusterId]), b.flushDue([clusterId])]);
  };

  it('pending, firing after the grace period, told once per group after group wait, resolved', async () => {
    await until('firing', async () => {
      await pass([candidate('web')]);
      return (await alert('fp-web'))?.state === 'firing';
    });
    // It was pending for the grace period first (by the database's clock).
    const graced = (
      await t.db.query<{ ok: boolean }>(
        `SELECT fired_at >= started_at + interval '0.39 seconds' AS ok FROM alerts WHERE fingerprint = 'fp-web'`,
      )
    ).rows[0];
    expect(graced?.ok).toBe(true);
    // group_wait is counted from the first firing alert of the group.
    const g = (
      await t.db.query<{ wait_ok: boolean }>(
        `SELECT g.next_flush_at >= a.fired_at + interval '0.39 seconds' AS wait_ok
           FROM alert_groups g JOIN alerts a ON a.group_key = g.group_key WHERE a.fingerprint = 'fp-web'`,
      )
    ).rows[0];
    expect(g?.wait_ok).toBe(true);
    const [first] = await until('the group notification', async () => {
      await pass([candidate('web')]);
      const e = await events();
      return e.length > 0 && e;
    });
    expect(first!.id).toBe(`group:${clusterId}/CrashLoopBackOff:1`);
    expect(first!.state).toBe('firing');
    expect(first!.title).toBe('[FIRING:1] CrashLoopBackOff on prod');
    expect(first!.alerts).toHaveLength(1);
    expect(first!.resource_ref).toMatchObject({ kind: 'Deployment', name: 'web' });
    expect(first!.link).toBe(`/clusters/${clusterId}/deployments/default/web`);

    // A second alert of the type fires after its grace: told at the group's next interval, with web still firing.
    const second = await until('the second flush', async () => {
      await pass([candidate('web'), candidate('api')]);
      const e = await events();
      return e.length > 1 && e[1];
    });
    expect(second.id).toBe(`group:${clusterId}/CrashLoopBackOff:2`);
    expect(second.alerts?.map((x) => x.fingerprint).sort()).toEqual(['fp-api', 'fp-web']);
    // Two engines raced on every pass: still one open alert per fingerprint and one event per flush.
    expect((await alert('fp-web'))?.n).toBe(1);
    expect(new Set((await events()).map((e) => e.id)).size).toBe((await events()).length);

    // web is fixed: resolved, and the group says so at the next interval.
    const third = await until('the resolved flush', async () => {
      await pass([candidate('api')]);
      const e = await events();
      return e.length > 2 && e[2];
    });
    expect(await alert('fp-web')).toMatchObject({ state: 'resolved' });
    expect(third.state).toBe('firing'); // api still fires
    expect(third.title).toBe('[FIRING:1, RESOLVED:1] CrashLoopBackOff on prod');
    expect(third.alerts?.find((x) => x.fingerprint === 'fp-web')?.state).toBe('resolved');

    // Nothing changes: no notification until the repeat interval, then the same alerts again.
    const repeat = await until('the repeat', async () => {
      await pass([candidate('api')]);
      const e = await events();
      return e.length > 3 && e[3];
    });
    expect(repeat.alerts?.map((x) => [x.fingerprint, x.state])).toEqual([['fp-api', 'firing']]);

    // Everything resolves: a last, resolved notification; then the group is quiet.
    const last = await until('all resolved', async () => {
      await pass([]);
      const e = await events();
      return e.length > 4 && e[4];
    });
    expect(last.state).toBe('resolved');
    expect(last.title).toBe('[RESOLVED] CrashLoopBackOff on prod');
    const quiet = (
      await t.db.query<{ next_flush_at: string | null }>(
        `SELECT next_flush_at FROM alert_groups WHERE group_key = $1`,
        [`${clusterId}/CrashLoopBackOff`],
      )
    ).rows[0];
    expect(quiet?.next_flush_at).toBeNull();
  });

  it('a condition that clears within the grace period never becomes an alert', async () => {
    await pass([candidate('flappy', { type: 'ImagePullBackOff', fingerprint: 'fp-flappy' })]);
    await pass([]);
    expect(await alert('fp-flappy')).toBeUndefined();
  });

  it('an inhibited alert (its pods on a NotReady node) is not told until the inhibition ends', async () => {
    const muted = candidate('db', { type: 'OOMKilled', fingerprint: 'fp-db', inhibited: true });
    await until('firing', async () => {
      await pass([muted]);
      return (await alert('fp-db'))?.state === 'firing';
    });
    // Well past group wait: nothing was told.
    await new Promise((r) => setTimeout(r, 800));
    await pass([muted]);
    const told = async () =>
      (await t.db.query(`SELECT 1 FROM notification_outbox WHERE value->>'type' = 'OOMKilled'`)).rows.length;
    expect(await told()).toBe(0);
    await until('told once no longer inhibited', async () => {
      await pass([{ ...muted, inhibited: false }]);
      return (await told()) >= 1;
    });
    expect(await told()).toBe(1);
  });
  it('groups by namespace and across clusters when group_by says so (such groups are sent by any replica)', async () => {
    const engine = createAlertEngine({
      db: t.db,
      outbox: createNotificationOutbox(),
      timings: { ...timings, graceSeconds: 0, groupWaitSeconds: 0 },
      logger: pino({ level: 'silent' }),
      groupBy: { cluster: false, namespace: true },
    });
    const c = candidate('cache', { type: 'RolloutStuck', fingerprint: 'fp-cache' });
    const told = await until('the namespace group', async () => {
      await engine.reconcileCluster(clusterId, new Map([[c.fingerprint, c]]));
      // No cluster owned here: a group of no cluster is still sent.
      await engine.flushDue([]);
      const rows = (
        await t.db.query<{ value: NotificationEvent }>(
          `SELECT value FROM notification_outbox WHERE value->>'type' = 'RolloutStuck'`,
        )
      ).rows;
      return rows.length > 0 && rows[0]!.value;
    });
    expect(told.id).toBe('group:*/default/RolloutStuck:1');
    expect(told.cluster_id).toBeUndefined();
    expect(told.alerts?.[0]?.resource_ref).toMatchObject({ cluster_id: clusterId, name: 'cache' });
  });
});
