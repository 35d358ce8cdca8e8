/**
 * "Download kubeconfig": a kubeconfig that points kubectl at one cluster's kubectl gateway with a new API key
 * of the caller, so kubectl runs as that user under Argus RBAC and audit. The key is made like any API key
 * (listed and revocable under the user's API keys); the answer is the only place it is shown.
 */
import { readFile } from 'node:fs/promises';
import { AppError, clusterParamsSchema, userKubeconfigRequestSchema, userKubeconfigSchema } from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'yaml';
import type { ApiKeyService } from '../../auth/api-keys.js';
import { accessFor } from '../../clusters/access.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { Config } from '../../config/load-config.js';
import { principalOf } from './auth.js';

export const KUBECONFIG_HTTP_WARNING =
  'kubectl sends a bearer token only over HTTPS: serve Argus over HTTPS (TLS_CERT_FILE and TLS_KEY_FILE) or behind a TLS-terminating proxy, and set PUBLIC_URL to its https:// address.';

/** Where users reach this server: PUBLIC_URL, else the request's own scheme and host (proxies trusted by config). */
function publicBase(config: Config, request: FastifyRequest): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

/** A kebab-case name kubectl contexts accept, from the cluster's display name. */
const contextName = (cluster: string) =>
  `argus-${
    cluster
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'cluster'
  }`;

export async function clusterKubeconfigRoutes(
  fastify: FastifyInstance,
  opts: { config: Config; module: ClusterModule; apiKeys: ApiKeyService },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/clusters/:clusterId/kubeconfig',
    {
      // A POST that writes no cluster object: the handler checks the caller may see the cluster (checksNamespace).
      config: {
        permission: { resource: 'clusters', action: 'read' },
        checksNamespace: true,
        auditAction: 'api_key.create',
      },
      schema: {
        summary: "A kubeconfig for kubectl through this cluster's gateway, with a new API key of the caller",
        params: clusterParamsSchema,
        body: userKubeconfigRequestSchema,
        response: { 201: userKubeconfigSchema },
      },
    },
    async (request, reply) => {
      const { clusterId } = request.params;
      // Whoever may see the cluster (as GET /api/clusters lists it: a grant anywhere in it) may download one:
      // the key carries the user's own RBAC, so it grants nothing the user could not do through the UI.
      const access = accessFor(request);
      const authorizer = request.server.authorizer;
      const visible =
        (await authorizer.canAnywhere(access.principal, 'clusters', 'read', clusterId)) ||
        (await authorizer.canAnywhere(access.principal, 'resources', 'read', clusterId));
      if (!visible) throw new AppError('FORBIDDEN', 'You may not read clusters in this cluster');
      const cluster = await opts.module.clusters.get(clusterId);
      const input = userKubeconfigRequestSchema.parse(request.body) ?? { expires_in_days: 30, scope: 'full' as const };
      const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const key = await opts.apiKeys.create(principalOf(request).userId, {
        name: `kubeconfig ${cluster.name} ${stamp} ${Math.random().toString(36).slice(2, 6)}`,
        scope: input.scope,
        expires_in_days: input.expires_in_days,
      });
      const server = `${publicBase(opts.config, request)}/api/clusters/${clusterId}/k8s`;
      const warnings = server.startsWith('https://') ? [] : [KUBECONFIG_HTTP_WARNING];
      // Served over HTTPS by Argus itself: the certificate it serves, so a private CA or self-signed cert works.
      const caPem =
        !opts.config.PUBLIC_URL && opts.config.TLS_CERT_FILE
          ? await readFile(opts.config.TLS_CERT_FILE, 'utf8')
          : undefined;
      const name = contextName(cluster.name);
      const kubeconfig = stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name,
            cluster: {
              server,
              ...(caPem ? { 'certificate-authority-data': Buffer.from(caPem).toString('base64') } : {}),
            },
          },
        ],
        users: [{ name: `${name}-user`, user: { token: key.key } }],
        contexts: [{ name, context: { cluster: name, user: `${name}-user` } }],
        'current-context': name,
      });
      const { key: _secret, ...apiKey } = key;
      reply.status(201);
      return { kubeconfig, server, context: name, api_key: apiKey, warnings };
    },
  );
}
