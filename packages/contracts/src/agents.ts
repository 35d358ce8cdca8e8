import { z } from 'zod';

/** `POST /api/clusters/agent-token`: a new (or an existing agent-connected) cluster's enrolment token. */
export const agentTokenRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** The ClusterRole the install manifest grants the agent (default read-only). */
  preset: z.enum(['read-only', 'operator', 'admin']).default('read-only'),
  /** Namespace the agent is installed into (default argus-agent). */
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS label')
    .default('argus-agent'),
  /** Lifetime of the enrolment token (default AGENT_TOKEN_TTL_SECONDS). */
  ttl_seconds: z.number().int().min(60).max(604_800).optional(),
});
export type AgentTokenRequest = z.infer<typeof agentTokenRequestSchema>;

export const agentTokenResponseSchema = z.object({
  token: z.string(),
  install_command: z.string(),
  manifest: z.string(),
  helm_command: z.string(),
  cluster_id: z.string(),
  expires_at: z.string(),
  server_address: z.string(),
  /** Set when the server's agent port is plain text (no GRPC_TLS_*): the agent then runs with --insecure. */
  warning: z.string().optional(),
});
export type AgentTokenResponse = z.infer<typeof agentTokenResponseSchema>;

/** The agent of an agent-connected cluster, as `GET /api/clusters` shows it in `agent`. */
export const agentStatusSchema = z.object({
  connected: z.boolean(),
  agent_name: z.string().nullable(),
  agent_version: z.string().nullable(),
  api_server: z.string().nullable(),
  connected_at: z.string().nullable(),
  last_seen_at: z.string().nullable(),
  rtt_ms: z.number().nullable(),
});
export type AgentStatus = z.infer<typeof agentStatusSchema>;

/** `GET /api/clusters/{id}/agent`. */
export const agentStatusResponseSchema = agentStatusSchema.extend({ cluster_id: z.string() });
export type AgentStatusResponse = z.infer<typeof agentStatusResponseSchema>;

/** `DELETE /api/clusters/{id}/agent`: the agent's credentials revoked (how many) and its tunnel closed. */
export const agentRevokeResponseSchema = z.object({ cluster_id: z.string(), revoked: z.number().int() });
export type AgentRevokeResponse = z.infer<typeof agentRevokeResponseSchema>;
