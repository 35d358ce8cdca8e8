/**
 * Agent routes: an enrolment token with its install manifest (`POST /api/clusters/agent-token`), the
 * agent's status, and revocation of its credentials (`DELETE /api/clusters/{id}/agent`).
 */
import {
  type AgentTokenResponse,
  AppError,
  agentRevokeResponseSchema,
  agentStatusResponseSchema,
  agentTokenRequestSchema,
  agentTokenResponseSchema,
  clusterParamsSchema,
} from '@argus/contracts';
import { status } from '@grpc/grpc-js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFor } from '../../clusters/access.js';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/types.js';
import type { AgentModule } from '../../grpc/agent-module.js';
import { installCommand, PLAINTEXT_AGENT_WARNING, renderAgentManifest } from '../../grpc/install-manifest.js';

export async function agentRoutes(
  fastify: FastifyInstance,
  opts: { agents: AgentModule; config: Config; db: Database },
): Promise<void> {
  const { agents, config, db } = opts;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  function serverAddress(request: FastifyRequest): string {
    if (config.AGENT_SERVER_ADDRESS) return config.AGENT_SERVER_ADDRESS;
    const host = request.hostname.replace(/:\d+$/, '');
    return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${agents.grpcPort ?? config.GRPC_PORT}`;
  }

  async function agentCluster(id: string): Promise<{ id: string; name: string }> {
    const row = (
      await db.query<{ id: string; name: string; connection_type: string }>(
        'SELECT id, name, connection_type FROM clusters WHERE id::text = $1',
        [id],
      )
    ).rows[0];
    if (!row) throw new AppError('NOT_FOUND', `Cluster "${id}" not found`);
    if (row.connection_type !== 'agent')
      throw new AppError('CONFLICT', `Cluster "${row.name}" does not connect through an agent`);
    return row;
  }

  app.post(
    '/api/clusters/agent-token',
    {
      config: { permission: { resource: 'clusters', action: 'write' } },
      schema: {
        summary: 'An enrolment token for an agent-connected cluster, with its install manifest and commands',
        body: agentTokenRequestSchema,
        response: { 200: agentTokenResponseSchema },
      },
    },
    async (request) => {
      const access = accessFor(request);
      await access.require('clusters', 'write');
      const input = request.body;
      const issued = await agents.enrolment.issueToken(input.name, {
        ttlSeconds: input.ttl_seconds ?? config.AGENT_TOKEN_TTL_SECONDS,
        createdBy: access.principal.userId,
      });
      const address = serverAddress(request);
      const manifest = renderAgentManifest({
        clusterName: issued.clusterName,
        serverAddress: address,
        token: issued.token,
        preset: input.preset,
        namespace: input.namespace,
        image: config.AGENT_IMAGE,
        insecure: !agents.tls,
      });
      request.log.info({ clusterId: issued.clusterId, preset: input.preset }, 'agent enrolment token issued');
      const body: AgentTokenResponse = {
        token: issued.token,
        install_command: installCommand(manifest, { insecure: !agents.tls }),
        manifest,
        helm_command: [
          'helm install argus-agent deploy/helm/argus-agent',
          `--namespace ${input.namespace} --create-namespace`,
          `--set server=${address} --set token=${issued.token} --set preset=${input.preset}`,
          ...(agents.tls ? [] : ['--set insecure=true']),
        ].join(' '),
        cluster_id: issued.clusterId,
        expires_at: issued.expiresAt.toISOString(),
        server_address: address,
        ...(agents.tls ? {} : { warning: PLAINTEXT_AGENT_WARNING }),
      };
      return body;
    },
  );

  app.get(
    '/api/clusters/:clusterId/agent',
    {
      config: { permission: { resource: 'clusters', action: 'read' } },
      schema: {
        summary: 'The agent of an agent-connected cluster: connected, version, last seen',
        params: clusterParamsSchema,
        response: { 200: agentStatusResponseSchema },
      },
    },
    async (request) => {
      await accessFor(request).require('clusters', 'read', { clusterId: request.params.clusterId });
      const c = await agentCluster(request.params.clusterId);
      const seen = await agents.enrolment.lastSeen([c.id]);
      return { cluster_id: c.id, ...(await agents.bridge.status(c.id, seen.get(c.id))) };
    },
  );

  app.delete(
    '/api/clusters/:clusterId/agent',
    {
      config: { permission: { resource: 'clusters', action: 'write' } },
      schema: {
        summary: "Revoke an agent's credentials and close its tunnel",
        params: clusterParamsSchema,
        response: { 200: agentRevokeResponseSchema },
      },
    },
    async (request) => {
      await accessFor(request).require('clusters', 'write', { clusterId: request.params.clusterId });
      const c = await agentCluster(request.params.clusterId);
      const revoked = await agents.enrolment.revoke(c.id);
      await agents.bridge.disconnect(c.id, "the agent's credential was revoked", status.UNAUTHENTICATED);
      request.log.info({ clusterId: c.id, revoked }, 'agent credentials revoked');
      return { cluster_id: c.id, revoked };
    },
  );
}
