import type { ConfigInput } from '../config/load-config.js';

/** The environment of an in-process server for tests and benchmarks: loopback, any free ports, silent, no demo. */
export function inProcessServerEnv(dataDir: string): ConfigInput {
  return {
    ARGUS_DATA_DIR: dataDir,
    PORT: '0',
    GRPC_PORT: '0',
    PROXY_PORT: '0',
    REPLICA_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ARGUS_DEMO: 'false',
    SHUTDOWN_DRAIN_MS: '200',
  };
}
