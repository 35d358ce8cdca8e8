import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database, Queryable } from './types.js';

export interface Migration {
  version: number;
  name: string;
  /** The text whose hash detects a migration edited after it was applied. */
  checksumSource: string;
  up(tx: Queryable): Promise<void>;
}

export interface MigrationStatus {
  applied: number;
  latest: number;
}

/** Any constant: every Argus server takes the same PostgreSQL advisory lock while it migrates. */
const MIGRATION_LOCK_KEY = 4_242_017;

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

function checksum(m: Migration): string {
  return createHash('sha256').update(m.checksumSource).digest('hex');
}

/**
 * Applies pending migrations under a session-level advisory lock, so servers starting together against
 * one database apply each migration once. Each migration and its record commit in one transaction: a
 * process killed mid-migration leaves the database as it was before that migration.
 */
export async function migrate(db: Database, all: readonly Migration[], logger?: Logger): Promise<MigrationStatus> {
  return db.session(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await session.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = await session.query<{ version: number; name: string; checksum: string }>(
        'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
      );
      const known = new Map(all.map((m) => [m.version, m]));
      for (const row of applied.rows) {
        const m = known.get(row.version);
        if (!m) {
          throw new MigrationError(
            `The database has migration ${row.version} (${row.name}) that this Argus version does not know: it was migrated by a newer Argus`,
          );
        }
        if (checksum(m) !== row.checksum) {
          throw new MigrationError(`Migration ${row.version} (${row.name}) was changed after it was applied`);
        }
      }
      const done = new Set(applied.rows.map((r) => r.version));
      for (const m of all) {
        if (done.has(m.version)) continue;
        const started = Date.now();
        try {
          await session.transaction(async (tx) => {
            await m.up(tx);
            await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
              m.version,
              m.name,
              checksum(m),
            ]);
          });
        } catch (err) {
          throw new MigrationError(`Migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, {
            cause: err,
          });
        }
        logger?.info({ version: m.version, name: m.name, ms: Date.now() - started }, 'migration applied');
      }
      return { applied: all.length, latest: all.at(-1)?.version ?? 0 };
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  });
}

export async function migrationStatus(db: Queryable, all: readonly Migration[]): Promise<MigrationStatus> {
  const res = await db.query<{ n: number | string }>('SELECT count(*)::int AS n FROM schema_migrations');
  return { applied: Number(res.rows[0]?.n ?? 0), latest: all.at(-1)?.version ?? 0 };
}
