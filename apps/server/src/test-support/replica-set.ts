/**
 * Replicas behind one (imaginary) load balancer, in this process: servers on one fresh PostgreSQL database with
 * the same secrets, each with its own data directory and watch caches, and the first admin signed in.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type ConfigInput, configFrom } from '../config/load-config.js';
import { type RunningServer, startServer } from '../lifecycle/start-server.js';
import { inProcessServerEnv } from './server-env.js';
import { createEmptyPostgresDatabase } from './test-database.js';

export interface ReplicaSet {
  replicas: RunningServer[];
  /** The first admin's access token and user id (signed in on the first replica). */
  admin: { token: string; userId: string };
  /** fetch against one replica, as the admin (JSON body). */
  http(replica: RunningServer, path: string, init?: RequestInit): Promise<Response>;
  /** Stops every replica still running, drops the database and the data directories. */
  close(): Promise<void>;
}

export async function startReplicas(count: number, env: ConfigInput = {}): Promise<ReplicaSet> {
  const db = await createEmptyPostgresDatabase();
  const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  const replicas: RunningServer[] = [];
  const dirs: string[] = [];
  let token = '';
  const http = (r: RunningServer, path: string, init: RequestInit = {}) =>
    fetch(r.url.replace('localhost', '127.0.0.1') + path, {
      ...init,
      headers: {
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
  const close = async () => {
    for (const r of replicas) await r.close().catch(() => undefined);
    await db.drop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const dir = await mkdtemp(join(tmpdir(), 'argus-replica-'));
      dirs.push(dir);
      const config = configFrom({
        ...secrets,
        ...inProcessServerEnv(dir),
        DATABASE_URL: db.url,
        RATE_LIMIT_BURST: '1000000',
        AUTH_RATE_LIMIT_BURST: '1000000',
        ...env,
      });
      replicas.push(await startServer(config, pino({ level: 'silent' }), { listen: true }));
    }
    const first = replicas[0] as RunningServer;
    const body = JSON.stringify({
      email: 'admin@example.com',
      password: 'correct horse battery staple',
      name: 'Admin',
    });
    const setup = await http(first, '/api/setup/init', { method: 'POST', body });
    if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
    const login = (await (await http(first, '/api/auth/login', { method: 'POST', body })).json()) as {
      access_token: string;
      user: { id: string };
    };
    token = login.access_token;
    return { replicas, admin: { token, userId: login.user.id }, http, close };
  } catch (err) {
    await close();
    throw err;
  }
}
