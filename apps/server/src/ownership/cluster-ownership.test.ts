import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase } from '../db/create-pg-database.js';
import type { Database } from '../db/types.js';
import { createTestDatabase, type TestDatabase, testDrivers } from '../test-support/test-database.js';
import { type ClusterOwnership, createClusterOwnership } from './cluster-ownership.js';
import { createLeaseStore } from './lease-store.js';

const TTL = 800;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDrivers())('cluster ownership across replicas on %s', (driver) => {
  let t: TestDatabase;
  let second: Database;
  let clusters = ['c1', 'c2', 'c3', 'c4'];
  beforeAll(async () => {
    t = await createTestDatabase(driver);
    // Replicas share the database, not a connection: postgres gets a second pool.
    second = t.url ? await createPgDatabase(t.url) : t.db;
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.drop();
  });

  const replica = (holder: string, db: Database, purpose = 'signals') => {
    const o = createClusterOwnership({
      leases: createLeaseStore(db),
      clusters: async () => clusters,
      holder,
      purpose,
      logger: pino({ level: 'silent' }),
      ttlMs: TTL,
    });
    const events: string[] = [];
    o.on('acquired', (id) => void events.push(`+${id}`));
    o.on('released', (id) => void events.push(`-${id}`));
    return { o, events };
  };
  const settle = async (...rs: ClusterOwnership[]) => {
    for (let i = 0; i < 3; i++) for (const r of rs) await r.tick();
  };

  it('gives every cluster to exactly one replica, shared fairly', async () => {
    const a = replica('a', t.db);
    const b = replica('b', second);
    await a.o.tick(); // alone, a takes everything
    expect(a.o.owned()).toEqual(clusters);
    await settle(b.o, a.o, b.o);
    expect(a.o.owned().length).toBe(2);
    expect(b.o.owned().length).toBe(2);
    expect([...a.o.owned(), ...b.o.owned()].sort()).toEqual(clusters);
    expect(a.events.filter((e) => e.startsWith('-')).length).toBe(2); // a handed two over
    await a.o.stop();
    await b.o.stop();
  });

  it('hands a dead replica’s clusters over within its TTL, and a stopped one’s at once', async () => {
    const a = replica('a2', t.db, 'watchers');
    const b = replica('b2', second, 'watchers');
    await settle(a.o, b.o);
    const aHad = a.o.owned();
    expect(aHad.length).toBe(2);
    // a dies: it stops renewing (no stop(), no release). Before the TTL b may not take its clusters.
    await b.o.tick();
    expect(b.o.owned().some((id) => aHad.includes(id))).toBe(false);
    await sleep(TTL + 200);
    await b.o.tick();
    expect(b.o.owned()).toEqual(clusters);
    for (const id of aHad) expect(b.events).toContain(`+${id}`);

    // A graceful stop releases at once: a third replica takes over without waiting for expiry.
    const c = replica('c2', t.db, 'watchers');
    await settle(b.o, c.o);
    expect(c.o.owned().length).toBe(2);
    await c.o.stop();
    expect(c.events.filter((e) => e.startsWith('-')).length).toBe(2);
    await b.o.tick();
    await b.o.tick();
    expect(b.o.owned()).toEqual(clusters);
    await b.o.stop();
  });

  it('drops a cluster that is removed, and a replica that paused past its TTL gives up what it lost', async () => {
    const a = replica('a3', t.db, 'digest');
    const b = replica('b3', second, 'digest');
    await a.o.tick();
    expect(a.o.owned()).toEqual(clusters);
    clusters = ['c1', 'c2', 'c3'];
    await a.o.tick();
    expect(a.events).toContain('-c4');
    expect(a.o.owned()).toEqual(clusters);
    // a pauses (GC, a blocked event loop) past the TTL; b takes everything; a notices when it runs again.
    await sleep(TTL + 200);
    await b.o.tick();
    expect(b.o.owned()).toEqual(clusters);
    await a.o.tick();
    expect(a.o.owned()).toEqual([]);
    for (const id of clusters) expect(a.events).toContain(`-${id}`);
    clusters = ['c1', 'c2', 'c3', 'c4'];
    await a.o.stop();
    await b.o.stop();
  });
});
