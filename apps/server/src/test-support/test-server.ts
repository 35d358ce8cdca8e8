import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTls } from '@argus/kube-sim';
import type { PluginDefinition } from '@argus/plugin-sdk';
import { pino } from 'pino';
import { type ConfigInput, configFrom } from '../config/load-config.js';
import { type RunningServer, startServer } from '../lifecycle/start-server.js';
import { inProcessServerEnv } from './server-env.js';
import { createTestDatabase, type Driver } from './test-database.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** The CA that signed the server certificate, when started with tls. */
  caPem?: string;
  stop(): Promise<void>;
}

/**
 * The real server in process on a fresh migrated database of the given driver, not listening
 * (use app.inject()) unless listen is true; with tls, over HTTPS with a throwaway CA. Demo clusters
 * are off unless env turns them on.
 */
export async function createTestServer(
  driver: Driver = 'pglite',
  options: { env?: ConfigInput; listen?: boolean; tls?: boolean; plugins?: readonly PluginDefinition[] } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'argus-test-'));
  let caPem: string | undefined;
  const tlsEnv: ConfigInput = {};
  if (options.tls) {
    const tls = await generateTls(['127.0.0.1', 'localhost']);
    caPem = tls.caPem;
    tlsEnv.TLS_CERT_FILE = join(dataDir, 'tls.crt');
    tlsEnv.TLS_KEY_FILE = join(dataDir, 'tls.key');
    await writeFile(tlsEnv.TLS_CERT_FILE, tls.certPem);
    await writeFile(tlsEnv.TLS_KEY_FILE, tls.keyPem, { mode: 0o600 });
  }
  const config = configFrom({
    ...inProcessServerEnv(dataDir),
    // Tests fire requests faster than any client; the rate-limit test sets the real limits back.
    RATE_LIMIT_BURST: '1000000',
    AUTH_RATE_LIMIT_BURST: '1000000',
    // Every answer the tests provoke is checked against its route's declared schema (docs/api.md).
    VALIDATE_RESPONSES: 'true',
    ...tlsEnv,
    ...options.env,
  });
  const t = await createTestDatabase(driver);
  const server = await startServer(config, pino({ level: 'silent' }), {
    listen: options.listen ?? false,
    database: { db: t.db, close: t.drop },
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  return {
    ...server,
    dataDir,
    ...(caPem ? { caPem } : {}),
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
