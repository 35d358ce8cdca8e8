import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadinessResponse } from '@argus/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgDatabase } from '../db/create-pg-database.js';
import { createPgliteDatabase } from '../db/create-pglite-database.js';
import { migrations } from '../db/migrations/index.js';
import { freePort, type SpawnedServer, spawnServer } from '../test-support/spawn-server.js';
import { createEmptyPostgresDatabase, testDrivers } from '../test-support/test-database.js';

const dirs: string[] = [];
const children: SpawnedServer[] = [];
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'argus-proc-'));
  dirs.push(d);
  return d;
}

async function start(env: Record<string, string>): Promise<{ server: SpawnedServer; url: string }> {
  const port = await freePort();
  const server = spawnServer({ PORT: String(port), HOST: '127.0.0.1', ...env });
  children.push(server);
  await server.waitFor('Argus is running at');
  return { server, url: `http://127.0.0.1:${port}` };
}

async function stop(server: SpawnedServer): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

// Each test below starts one or two server processes (embedded PGlite or PostgreSQL); in the full suite, beside
// 200 other files, one took 18 s of the default 60: they get 120 s.
describe('the server process', () => {
  it('exits non-zero with every configuration problem listed at once', async () => {
    const server = spawnServer({ PORT: 'http', DATABASE_URL: 'mysql://x', ARGUS_DEMO: 'perhaps' });
    children.push(server);
    expect(await server.exited).toBe(2);
    const out = server.output();
    expect(out).toMatch(/Invalid configuration/);
    expect(out).toMatch(/PORT: must be a number/);
    expect(out).toMatch(/DATABASE_URL: must be a postgres/);
    expect(out).toMatch(/ARGUS_DEMO/);
  });

  it('exits non-zero with a clear message when PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const server = spawnServer({
      DATABASE_URL: `postgres://argus@127.0.0.1:${port}/argus`,
      DATABASE_CONNECT_ATTEMPTS: '1',
      ARGUS_DATA_DIR: await tempDir(),
    });
    children.push(server);
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(
      new RegExp(`Cannot connect to PostgreSQL at 127.0.0.1:${port}/argus: ECONNREFUSED`),
    );
  });

  it('runs on the embedded database, shuts down cleanly on SIGTERM, and keeps data across restarts', async () => {
    const dataDir = await tempDir();
    const first = await start({ ARGUS_DATA_DIR: dataDir });
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    expect(await stop(first.server)).toBe(0);
    expect(first.server.output()).toMatch(/shutdown complete/);

    const db = await createPgliteDatabase(join(dataDir, 'pglite'));
    await db.query(`INSERT INTO settings (key, value) VALUES ('probe', '"kept"')`);
    await db.close();

    const second = await start({ ARGUS_DATA_DIR: dataDir });
    expect(second.server.output()).not.toMatch(/migration applied/);
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    expect(await stop(second.server)).toBe(0);

    const reopened = await createPgliteDatabase(join(dataDir, 'pglite'));
    const rows = await reopened.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'probe'`);
    await reopened.close();
    expect(rows.rows).toEqual([{ value: 'kept' }]);
  }, 120_000);

  it('refuses a second server on the same embedded data directory', async () => {
    const dataDir = await tempDir();
    const first = await start({ ARGUS_DATA_DIR: dataDir });
    const second = spawnServer({ PORT: String(await freePort()), ARGUS_DATA_DIR: dataDir });
    children.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/is in use by another Argus process/);
    await stop(first.server);
  }, 120_000);

  it('comes up cleanly after being killed with SIGKILL mid-start (embedded)', async () => {
    const dataDir = await tempDir();
    const victim = spawnServer({ PORT: String(await freePort()), ARGUS_DATA_DIR: dataDir });
    children.push(victim);
    await victim.waitFor('embedded database opened');
    victim.child.kill('SIGKILL');
    await victim.exited;
    const next = await start({ ARGUS_DATA_DIR: dataDir });
    const ready = await fetch(`${next.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as ReadinessResponse).checks.database.migrations).toEqual({
      applied: migrations.length,
      latest: migrations.at(-1)?.version,
    });
    await stop(next.server);
  }, 120_000);
});

describe.skipIf(!testDrivers().includes('postgres'))('the server process on PostgreSQL', () => {
  it('two servers started at once against one empty database both come up, schema applied once', async () => {
    const empty = await createEmptyPostgresDatabase();
    try {
      const [a, b] = await Promise.all([
        start({ DATABASE_URL: empty.url, ARGUS_DATA_DIR: await tempDir() }),
        start({ DATABASE_URL: empty.url, ARGUS_DATA_DIR: await tempDir() }),
      ]);
      for (const s of [a, b]) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
      const applied =
        (a.server.output().match(/migration applied/g) ?? []).length +
        (b.server.output().match(/migration applied/g) ?? []).length;
      expect(applied).toBe(migrations.length);
      const db = await createPgDatabase(empty.url);
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      await db.close();
      expect(rows.rows[0]?.n).toBe(migrations.length);
      await Promise.all([stop(a.server), stop(b.server)]);
    } finally {
      await empty.drop();
    }
  }, 120_000);

  it('comes up cleanly after being killed with SIGKILL mid-start, and keeps data across restarts', async () => {
    const empty = await createEmptyPostgresDatabase();
    try {
      const victim = spawnServer({
        PORT: String(await freePort()),
        DATABASE_URL: empty.url,
        ARGUS_DATA_DIR: await tempDir(),
      });
      children.push(victim);
      await victim.waitFor('database connected');
      victim.child.kill('SIGKILL');
      await victim.exited;
      const next = await start({ DATABASE_URL: empty.url, ARGUS_DATA_DIR: await tempDir() });
      expect((await fetch(`${next.url}/readyz`)).status).toBe(200);
      const db = await createPgDatabase(empty.url);
      await db.query(`INSERT INTO settings (key, value) VALUES ('probe', '"kept"')`);
      await db.close();
      expect(await stop(next.server)).toBe(0);
      const again = await start({ DATABASE_URL: empty.url, ARGUS_DATA_DIR: await tempDir() });
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
      await stop(again.server);
      const check = await createPgDatabase(empty.url);
      const rows = await check.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'probe'`);
      await check.close();
      expect(rows.rows).toEqual([{ value: 'kept' }]);
    } finally {
      await empty.drop();
    }
  }, 120_000);
});
