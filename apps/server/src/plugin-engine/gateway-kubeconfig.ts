/**
 * Kubeconfigs for command-line tools a plugin runs (helm): they reach the cluster through Argus's own
 * kubectl gateway as the calling user, so Argus RBAC and the audit log apply to whatever the tool does.
 *
 * client-go sends bearer tokens only over TLS, so the gateway is reached through a loopback-only HTTPS
 * listener with its own self-signed certificate (generated on first use, trusted only by these
 * kubeconfigs), handing requests to the app's router. The credential is a short-lived API key of the
 * user (same scope as the caller's key, if the caller used one), removed when the tool is done (it never shows
 * up in the user's list of keys afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTls } from '@argus/kube-sim';
import type { ClusterClient, GatewayKubeconfig, KubeReply } from '@argus/plugin-sdk';
import type { FastifyInstance } from 'fastify';
import type { ApiKeyService } from '../auth/api-keys.js';
import type { Principal } from '../auth/types.js';
import { encodeBody } from '../clusters/connection.js';

export interface GatewayKubeconfigs {
  create(principal: Principal, clusterId: string, tool: string): Promise<GatewayKubeconfig>;
  /** Runs fn with a client whose requests go through the kubectl gateway (in process) as the principal. */
  asUser<T>(
    principal: Principal,
    clusterId: string,
    tool: string,
    fn: (client: ClusterClient) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

const KEY_TTL_MS = 15 * 60_000;

export function createGatewayKubeconfigs(deps: { app: FastifyInstance; apiKeys: ApiKeyService }): GatewayKubeconfigs {
  let listener: Promise<{ server: Server; url: string; ca: string }> | undefined;

  function listen() {
    listener ??= (async () => {
      const tls = await generateTls(['127.0.0.1']);
      const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => deps.app.routing(req, res));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, ca: tls.caPem };
    })();
    return listener;
  }

  /** A short-lived API key of the principal's user, with the caller's key scope. */
  const credential = (principal: Principal, tool: string) =>
    deps.apiKeys.create(principal.userId, {
      name: `${tool} (plugin) ${randomBytes(4).toString('hex')}`,
      scope: principal.apiKeyScope ?? 'full',
      expires_at: new Date(Date.now() + KEY_TTL_MS).toISOString(),
    });

  return {
    async asUser(principal, clusterId, tool, fn) {
      const key = await credential(principal, tool);
      const client: ClusterClient = {
        async request(call): Promise<KubeReply> {
          const headers: Record<string, string | string[]> = { ...call.headers };
          const payload = encodeBody(call.body, headers);
          const res = await deps.app.inject({
            method: call.method ?? 'GET',
            url: `/api/clusters/${encodeURIComponent(clusterId)}/k8s${call.path}`,
            headers: { ...headers, authorization: `Bearer ${key.key}` },
            ...(payload ? { payload } : {}),
          });
          const out: Record<string, string | string[] | undefined> = {};
          for (const [k, v] of Object.entries(res.headers)) out[k] = typeof v === 'number' ? String(v) : v;
          return { status: res.statusCode, headers: out, body: res.rawPayload, json: <T>() => res.json() as T };
        },
      };
      try {
        return await fn(client);
      } finally {
        await deps.apiKeys.discard(principal.userId, key.id);
      }
    },
    async create(principal, clusterId, tool) {
      const { url, ca } = await listen();
      const key = await credential(principal, tool);
      const dir = await mkdtemp(join(tmpdir(), 'argus-gateway-'));
      const path = join(dir, 'kubeconfig');
      const kubeconfig = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'argus',
            cluster: {
              server: `${url}/api/clusters/${clusterId}/k8s`,
              'certificate-authority-data': Buffer.from(ca).toString('base64'),
            },
          },
        ],
        users: [{ name: 'argus', user: { token: key.key } }],
        contexts: [{ name: 'argus', context: { cluster: 'argus', user: 'argus', namespace: 'default' } }],
        'current-context': 'argus',
      };
      await writeFile(path, JSON.stringify(kubeconfig), { mode: 0o600 });
      let disposed = false;
      return {
        path,
        async dispose() {
          if (disposed) return;
          disposed = true;
          await rm(dir, { recursive: true, force: true });
          await deps.apiKeys.discard(principal.userId, key.id);
        },
      };
    },
    async close() {
      if (!listener) return;
      const { server } = await listener;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
