import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPgliteDatabase } from '../db/create-pglite-database.js';
import { migrate } from '../db/migration.js';
import { migrations } from '../db/migrations/index.js';
import { readTestEnv } from './test-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresAdminUrl: string | null;
  }
}

/** A migrated PGlite data directory dumped once per schema version; test files clone it in ~1 s instead of ~5 s. */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256')
    .update(migrations.map((m) => `${m.version}:${m.checksumSource}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `argus-pglite-template-${hash}.tar.gz`);
  if (existsSync(file)) return file;
  const db = await createPgliteDatabase(undefined);
  await migrate(db, migrations);
  const dump = await db.dump();
  await db.close();
  const tmp = `${file}.${process.pid}`;
  await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await rename(tmp, file);
  return file;
}

async function postgresAdminUrl(): Promise<string | null> {
  const env = readTestEnv();
  if (env.skipPostgres) return null;
  const client = new pg.Client({ connectionString: env.postgresUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return env.postgresUrl;
  } catch (err) {
    throw new Error(
      `The tests need the PostgreSQL server at ${env.postgresUrl} (${(err as Error).message}). Start it (npm test does: see scripts/test.mjs) or set ARGUS_TEST_SKIP_POSTGRES=1 to run only the embedded-database tests.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const [template, adminUrl] = await Promise.all([pgliteTemplate(), postgresAdminUrl()]);
  project.provide('pgliteTemplate', template);
  project.provide('postgresAdminUrl', adminUrl);
}
