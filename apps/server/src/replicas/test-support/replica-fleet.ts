/**
 * Several real server processes on one PostgreSQL database, over HTTPS (kubectl sends tokens only over TLS),
 * sharing JWT_SECRET and ENCRYPTION_KEY as replicas behind a load balancer do, with the round-robin proxies of
 * round-robin-proxy.ts in front of their HTTPS and gRPC ports.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTls } from '@argus/kube-sim';
import { freePort, type SpawnedServer, spawnServer } from '../../test-support/spawn-server.js';
import { type RoundRobinProxy, startHttpsRoundRobin, startTcpRoundRobin } from './round-robin-proxy.js';

export interface Replica {
  index: number;
  port: number;
  grpcPort: number;
  replicaPort: number;
  process: SpawnedServer;
  alive: boolean;
}

export interface ReplicaFleet {
  replicas: Replica[];
  /** The load balancer's HTTPS URL. */
  url: string;
  /** HOST:PORT of the load balancer's gRPC port (agents dial it). */
  grpcAddress: string;
  caPem: string;
  http: RoundRobinProxy;
  grpc: RoundRobinProxy;
  /** SIGKILL: no drain, no lease released (a crashed pod). */
  kill(index: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startReplicaFleet(o: {
  count: number;
  databaseUrl: string;
  dir: string;
  env?: Record<string, string>;
}): Promise<ReplicaFleet> {
  const tls = await generateTls(['127.0.0.1', 'localhost']);
  const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  await mkdir(o.dir, { recursive: true });
  const cert = join(o.dir, 'tls.crt');
  const key = join(o.dir, 'tls.key');
  await writeFile(cert, tls.certPem);
  await writeFile(key, tls.keyPem, { mode: 0o600 });
  const replicas: Replica[] = [];
  for (let index = 0; index < o.count; index++) {
    const [port, grpcPort, replicaPort] = [await freePort(), await freePort(), await freePort()];
    const proc = spawnServer({
      ...secrets,
      DATABASE_URL: o.databaseUrl,
      ARGUS_DATA_DIR: join(o.dir, `replica-${index}`),
      PORT: String(port),
      GRPC_PORT: String(grpcPort),
      REPLICA_PORT: String(replicaPort),
      HOST: '127.0.0.1',
      TLS_CERT_FILE: cert,
      TLS_KEY_FILE: key,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '100000',
      AUTH_RATE_LIMIT_PER_SECOND: '10000',
      AUTH_RATE_LIMIT_BURST: '10000',
      SHUTDOWN_DRAIN_MS: '200',
      ...o.env,
    });
    replicas.push({ index, port, grpcPort, replicaPort, process: proc, alive: true });
  }
  try {
    await Promise.all(replicas.map((r) => r.process.waitFor('Argus is running', 120_000)));
  } catch (err) {
    for (const r of replicas) r.process.child.kill('SIGKILL');
    throw err;
  }
  const http = await startHttpsRoundRobin({
    backends: replicas.map((r) => ({ host: '127.0.0.1', port: r.port })),
    cert: tls.certPem,
    key: tls.keyPem,
    ca: tls.caPem,
  });
  const grpc = await startTcpRoundRobin(replicas.map((r) => ({ host: '127.0.0.1', port: r.grpcPort })));
  return {
    replicas,
    url: `https://127.0.0.1:${http.port}`,
    grpcAddress: `127.0.0.1:${grpc.port}`,
    caPem: tls.caPem,
    http,
    grpc,
    async kill(index) {
      const r = replicas[index] as Replica;
      r.alive = false;
      r.process.child.kill('SIGKILL');
      await r.process.exited;
    },
    async stop() {
      await Promise.all([http.close(), grpc.close()]);
      for (const r of replicas) if (r.alive) r.process.child.kill('SIGTERM');
      await Promise.all(replicas.map((r) => r.process.exited));
    },
  };
}
