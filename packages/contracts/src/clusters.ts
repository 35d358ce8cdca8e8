import { z } from 'zod';
import { agentStatusSchema } from './agents.js';
import { apiKeySchema, apiKeyScopeSchema } from './identity.js';

/** `POST /api/clusters`: a kubeconfig (pasted or uploaded as text) and an optional context. */
export const registerClusterSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kubeconfig: z
      .string()
      .min(1)
      .max(1024 * 1024),
    context: z.string().min(1).max(253).optional(),
    impersonate_users: z.boolean().optional(),
  })
  .meta({
    examples: [
      {
        name: 'prod-eu',
        kubeconfig:
          'apiVersion: v1\nkind: Config\nclusters: …\n(the output of kubectl config view --minify --flatten --raw)',
        context: 'prod-eu',
      },
    ],
  });
export type RegisterClusterInput = z.infer<typeof registerClusterSchema>;

/** `PUT /api/clusters/{id}`: rename, or switch impersonation of Argus users on the gateway. */
export const updateClusterSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    impersonate_users: z.boolean().optional(),
  })
  .refine((v) => v.name !== undefined || v.impersonate_users !== undefined, 'give name or impersonate_users');
export type UpdateClusterInput = z.infer<typeof updateClusterSchema>;

export const clusterStatusSchema = z.enum(['unknown', 'connected', 'disconnected', 'error']);
export type ClusterStatus = z.infer<typeof clusterStatusSchema>;

/** A registered cluster as the API shows it (never its kubeconfig). */
export const clusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  connection_type: z.enum(['kubeconfig', 'agent', 'demo']),
  context: z.string().nullable(),
  server_url: z.string().nullable(),
  auth_method: z.string().nullable(),
  impersonate_users: z.boolean(),
  status: clusterStatusSchema,
  status_message: z.string().nullable(),
  kubernetes_version: z.string().nullable(),
  latency_ms: z.number().nullable(),
  last_checked_at: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  /** Agent-connected clusters: their agent, as this server sees it. */
  agent: agentStatusSchema.optional(),
});
export type ClusterView = z.infer<typeof clusterSchema>;

/** `GET /api/clusters`: the clusters the caller may see (clusters:read or resources:read somewhere in them). */
export const clusterListResponseSchema = z.object({ clusters: z.array(clusterSchema) });
export type ClusterListResponse = z.infer<typeof clusterListResponseSchema>;

/** `{clusterId}` in `/api/clusters/{clusterId}/…`: a cluster's id (an unknown one is 404). */
export const clusterParamsSchema = z.object({ clusterId: z.string() });

export const clusterHealthSchema = z.object({
  cluster_id: z.string(),
  status: clusterStatusSchema,
  message: z.string().nullable(),
  error_code: z.string().nullable(),
  latency_ms: z.number().nullable(),
  kubernetes_version: z.string().nullable(),
  checked_at: z.string(),
});
export type ClusterHealth = z.infer<typeof clusterHealthSchema>;

/**
 * `POST /api/clusters/{id}/kubeconfig`: a kubeconfig for the caller that points kubectl at the cluster's
 * kubectl gateway with a new API key of the caller, so kubectl works as that user under Argus RBAC and audit.
 */
export const userKubeconfigRequestSchema = z
  .object({
    /** How long the new API key lives (default 30 days). */
    expires_in_days: z.number().int().min(1).max(365).default(30),
    /** `read` keys may only read (get, list, watch, logs), whatever the user's roles allow. */
    scope: apiKeyScopeSchema.default('full'),
  })
  .nullish();
export const userKubeconfigSchema = z.object({
  /** The kubeconfig YAML (it holds the key: shown once, like the key itself). */
  kubeconfig: z.string(),
  /** The gateway URL in it. */
  server: z.string(),
  context: z.string(),
  api_key: apiKeySchema,
  /** What may keep kubectl from working with it (e.g. the server is not served over HTTPS). */
  warnings: z.array(z.string()),
});
export type UserKubeconfig = z.infer<typeof userKubeconfigSchema>;

const dnsLabel = (max: number) =>
  z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .max(max);
const objectName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/)
  .max(253);

/** `POST /api/clusters/{id}/proxy-sessions`: open a pod's or Service's port in the browser. */
export const proxySessionRequestSchema = z.object({
  kind: z.enum(['pods', 'services']),
  namespace: dnsLabel(63),
  name: objectName,
  /** A port number, or a port's name (a container port's for pods, a Service port's for Services). */
  port: z.union([z.number().int().min(1).max(65535), dnsLabel(15)]),
});
export const proxySessionSchema = z.object({
  /** The path to open in a new tab (the proxy cookie is scoped to it). */
  url: z.string(),
  expires_at: z.string(),
});
export const proxyTargetParamsSchema = z.object({
  clusterId: z.string(),
  kind: z.enum(['pods', 'services']),
  namespace: dnsLabel(63),
  name: objectName,
  port: dnsLabel(15),
  '*': z.string().optional(),
});
