import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { createPgDatabase } from './create-pg-database.js';
import { createPgliteDatabase } from './create-pglite-database.js';
import { lockDataDir } from './data-dir-lock.js';
import type { Database } from './types.js';

export class DatabaseConnectError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseConnectError';
  }
}

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

async function connectWithRetry(url: string, attempts: number, logger: Logger): Promise<Database> {
  let last: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      return await createPgDatabase(url);
    } catch (err) {
      last = err;
      if (i < attempts) {
        logger.warn({ attempt: i, attempts, err: (err as Error).message }, 'database not reachable, retrying');
        await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** (i - 1), 5000)));
      }
    }
  }
  const reason = (last as NodeJS.ErrnoException)?.code ?? (last as Error)?.message ?? 'unknown error';
  throw new DatabaseConnectError(
    `Cannot connect to PostgreSQL at ${describeTarget(url)}: ${reason} (${(last as Error)?.message ?? ''})`,
    {
      cause: last,
    },
  );
}

export interface OpenedDatabase {
  db: Database;
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set; otherwise embedded PGlite in dataDir/pglite, locked to this process. */
export async function openDatabase(
  options: { databaseUrl?: string | undefined; dataDir: string; connectAttempts: number },
  logger: Logger,
): Promise<OpenedDatabase> {
  if (options.databaseUrl) {
    const db = await connectWithRetry(options.databaseUrl, options.connectAttempts, logger);
    logger.info({ driver: 'postgres', target: describeTarget(options.databaseUrl) }, 'database connected');
    return { db, close: () => db.close() };
  }
  const dir = resolve(options.dataDir);
  const lock = await lockDataDir(dir);
  try {
    const started = Date.now();
    const db = await createPgliteDatabase(join(dir, 'pglite'));
    logger.info({ driver: 'pglite', dataDir: dir, ms: Date.now() - started }, 'embedded database opened');
    return {
      db,
      async close() {
        await db.close();
        await lock.release();
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
