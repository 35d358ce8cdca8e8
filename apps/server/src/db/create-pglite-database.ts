import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Database, Queryable, QueryResult } from './types.js';

function queryable(db: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const res =
        params && params.length > 0
          ? await db.query<T>(sql, params as unknown[])
          : await db.exec(sql).then((r) => r.at(-1) ?? { rows: [], affectedRows: 0 });
      return { rows: res.rows as T[], rowCount: res.affectedRows ?? res.rows.length };
    },
  };
}

/**
 * Embedded PostgreSQL (PGlite, WASM) with pgvector, persisted in dataDir (or in memory when dataDir is
 * undefined). PGlite is a single session: callers queue, and transactions must go through transaction().
 */
export interface PgliteDatabase extends Database {
  /** The whole data directory as a gzipped tarball (PGlite's loadDataDir reads it back). */
  dump(): Promise<Blob>;
}

export async function createPgliteDatabase(dataDir: string | undefined, existing?: PGlite): Promise<PgliteDatabase> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = existing ?? (await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } }));
  const q = queryable(pglite);

  const db: PgliteDatabase = {
    driver: 'pglite',
    query: q.query,
    transaction: (fn) => pglite.transaction((tx) => fn(queryable(tx))),
    session: (fn) => fn(db),
    async hasExtension(name) {
      const res = await pglite.query('SELECT 1 FROM pg_extension WHERE extname = $1', [name]);
      return res.rows.length > 0;
    },
    close: () => pglite.close(),
    dump: async () => pglite.dumpDataDir('gzip'),
  };

  return db;
}
