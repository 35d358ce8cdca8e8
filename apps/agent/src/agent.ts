/** The whole agent, in process: API server target, credential file, tunnel client, health endpoint. */

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import type { AgentConfig } from './config.js';
import { createCredentialStore } from './credential-store.js';
import { type HealthServer, startHealthServer } from './health-server.js';
import { createKubeTarget, type KubeTarget, kubeConfigFor } from './kube-target.js';
import { startTunnelClient, type TunnelClient } from './tunnel-client.js';

export interface RunningAgent {
  tunnel: TunnelClient;
  target: KubeTarget;
  health: HealthServer | undefined;
  stop(): Promise<void>;
}

/** GET /version through the target, for enrolment and Hello. */
export async function kubernetesVersion(target: KubeTarget, timeoutMs = 5_000): Promise<string> {
  const cred = await target.credentials();
  const mod = target.secure ? https : http;
  const prefix = target.base.pathname.replace(/\/+$/, '');
  return new Promise<string>((resolve, reject) => {
    const req = mod.get(
      {
        protocol: target.base.protocol,
        hostname: target.base.hostname.replace(/^\[|\]$/g, ''),
        port: target.base.port || (target.secure ? 443 : 80),
        path: `${prefix}/version`,
        headers: { accept: 'application/json', ...cred.headers },
        agent: target.pooled,
        timeout: timeoutMs,
        ...(cred.auth ? { auth: cred.auth } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(
              String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { gitVersion?: string }).gitVersion ?? ''),
            );
          } catch {
            resolve('');
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export async function startAgent(config: AgentConfig, logger: Logger): Promise<RunningAgent> {
  const target = await createKubeTarget(kubeConfigFor(config));
  const caPem = config.caFile ? await readFile(config.caFile) : undefined;
  const tunnel = startTunnelClient({
    config,
    logger,
    target,
    store: createCredentialStore(config.credentialFile),
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
