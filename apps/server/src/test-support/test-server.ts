import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type ConfigInput, configFrom } from '../config/load-config.js';
import { type RunningServer, startServer } from '../lifecycle/start-server.js';
import { createTestDatabase, type Driver } from './test-database.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The real server in process on a fresh migrated database of the given driver, not listening
 * (use app.inject()) unless listen is true.
 */
export async function createTestServer(
  driver: Driver = 'pglite',
  options: { env?: ConfigInput; listen?: boolean } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'argus-test-'));
  const config = configFrom({
    ARGUS_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const t = await createTestDatabase(driver);
  const server = await startServer(config, pino({ level: 'silent' }), {
    listen: options.listen ?? false,
    database: { db: t.db, close: t.drop },
  });
  return {
    ...server,
    dataDir,
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
