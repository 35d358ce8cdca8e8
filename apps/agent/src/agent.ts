/** The whole agent, in process: API server target, credential file, tunnel client, health endpoint. */
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { AgentConfig } from './config.js';
import { createCredentialStore, createSecretCredentialStore, layeredCredentialStore } from './credential-store.js';
import { type HealthServer, startHealthServer } from './health-server.js';
import { kubernetesVersion } from './kube-request.js';
import { createKubeTarget, type KubeTarget, kubeConfigFor } from './kube-target.js';
import { startTunnelClient, type TunnelClient } from './tunnel-client.js';

export interface RunningAgent {
  tunnel: TunnelClient;
  target: KubeTarget;
  health: HealthServer | undefined;
  stop(): Promise<void>;
}

export async function startAgent(config: AgentConfig, logger: Logger): Promise<RunningAgent> {
  const target = await createKubeTarget(kubeConfigFor(config));
  const caPem = config.caFile ? await readFile(config.caFile) : undefined;
  const tunnel = startTunnelClient({
    config,
    logger,
    target,
    store: config.credentialSecret
      ? layeredCredentialStore(
          createSecretCredentialStore(target, config.credentialSecret),
          createCredentialStore(config.credentialFile),
          logger,
        )
      : createCredentialStore(config.credentialFile),
    ...(caPem ? { caPem } : {}),
    kubernetesVersion: () => kubernetesVersion(target),
  });
  let health: HealthServer | undefined;
  try {
    health =
      config.healthPort >= 0
        ? await startHealthServer(config.healthHost, config.healthPort, () => ({
            connected: tunnel.connected,
            clusterId: tunnel.clusterId,
          }))
        : undefined;
  } catch (err) {
    await tunnel.stop();
    target.close();
    throw err;
  }
  logger.info(
    { server: config.server, apiServer: target.server, tls: !config.insecure, health: health?.port },
    'agent started',
  );
  return {
    tunnel,
    target,
    health,
    async stop() {
      await tunnel.stop();
      await health?.close();
      target.close();
    },
  };
}
