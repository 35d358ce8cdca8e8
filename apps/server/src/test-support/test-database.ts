import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { inject } from 'vitest';
import { createPgDatabase } from '../db/create-pg-database.js';
import { createPgliteDatabase } from '../db/create-pglite-database.js';
import type { Database } from '../db/types.js';

export type Driver = 'pglite' | 'postgres';

/** The drivers this run tests against: both, unless PostgreSQL was explicitly skipped. */
export function testDrivers(): Driver[] {
  return inject('postgresAdminUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  db: Database;
  /** A connection URL for a second server against the same database (postgres only). */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh empty PostgreSQL database on the test server; dropped by drop(). */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available in this test run');
  const name = `argus_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh, migrated database of the given driver. */
export async function createTestDatabase(driver: Driver, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (driver === 'pglite') {
    if (!migrated) {
      const db = await createPgliteDatabase(undefined);
      return { db, url: null, drop: () => db.close() };
    }
    const tar = await readFile(inject('pgliteTemplate'));
    const pglite = await PGlite.create({ loadDataDir: new Blob([tar]), extensions: { vector } });
    const db = await createPgliteDatabase(undefined, pglite);
    return { db, url: null, drop: () => db.close() };
  }
  const empty = await createEmptyPostgresDatabase();
  const db = await createPgDatabase(empty.url);
  if (migrated) {
    const { migrate } = await import('../db/migration.js');
    const { migrations } = await import('../db/migrations/index.js');
    await migrate(db, migrations);
  }
  return {
    db,
    url: empty.url,
    async drop() {
      await db.close();
      await empty.drop();
    },
  };
}
