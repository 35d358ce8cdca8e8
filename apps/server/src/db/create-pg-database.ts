import pg from 'pg';
import type { Database, Queryable, QueryResult } from './types.js';

// bigint (int8) as JS number would lose precision past 2^53; Argus keeps ids as text.
pg.types.setTypeParser(20, (v) => v);

type Client = pg.PoolClient | pg.Pool;

function queryable(client: Client): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const res = await client.query(sql, params as unknown[] | undefined);
      return { rows: res.rows as T[], rowCount: res.rowCount ?? 0 };
    },
  };
}

async function inTransaction<T>(client: pg.PoolClient, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn(queryable(client));
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

function sessionDatabase(client: pg.PoolClient): Database {
  const q = queryable(client);
  return {
    driver: 'postgres',
    query: q.query,
    transaction: (fn) => inTransaction(client, fn),
    session: (fn) => fn(sessionDatabase(client)),
    hasExtension: (name) => hasExtension(q, name),
    close: async () => undefined,
  };
}

async function hasExtension(q: Queryable, name: string): Promise<boolean> {
  const res = await q.query('SELECT 1 FROM pg_extension WHERE extname = $1', [name]);
  return res.rowCount > 0;
}

/** Connects a pool, failing with a clear message (host, port, reason) when the server cannot be reached. */
export async function createPgDatabase(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'argus',
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();

  const q = queryable(pool);
  return {
    driver: 'postgres',
    query: q.query,
    async transaction(fn) {
      const c = await pool.connect();
      try {
        return await inTransaction(c, fn);
      } finally {
        c.release();
      }
    },
    async session(fn) {
      const c = await pool.connect();
      try {
        return await fn(sessionDatabase(c));
      } finally {
        c.release();
      }
    },
    hasExtension: (name) => hasExtension(q, name),
    close: () => pool.end(),
  };
}
