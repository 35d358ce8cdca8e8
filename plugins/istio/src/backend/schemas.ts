/** The Istio plugin's own routes' inputs and answers (beside the toolkit's). */
import { healthSchema } from '@argus/plugin-sdk';
import { z } from 'zod';

const dns = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);

export const namespaceFilter = z.object({ namespace: dns.optional() });
export const serviceParams = z.object({ namespace: dns, name: z.string().min(1).max(253) });
export const trafficQuery = z.object({
  namespace: dns,
  window: z.enum(['1m', '5m', '15m', '1h']).default('5m'),
});

export const messageSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['ERROR', 'WARNING', 'INFO']),
  message: z.string(),
  source: z.enum(['status', 'argus']),
});

export const problemsSchema = z.object({
  items: z.array(
    messageSchema.extend({ kind: z.string(), plural: z.string(), namespace: z.string(), object: z.string() }),
  ),
});

export const meshSchema = z.object({
  istiod: z.object({
    found: z.boolean(),
    ready: z.number().int(),
    desired: z.number().int(),
    version: z.string().nullable(),
  }),
  namespaces: z.array(
    z.object({
      name: z.string(),
      injection: z.enum(['enabled', 'revision', 'ambient', 'none']),
      revision: z.string().nullable(),
      pods: z.number().int(),
      withSidecar: z.number().int(),
      withoutSidecar: z.array(z.string()).describe('Pods of an injected namespace without istio-proxy'),
    }),
  ),
  totals: z.object({ pods: z.number().int(), withSidecar: z.number().int(), injectedNamespaces: z.number().int() }),
});

const destinationSchema = z.object({
  host: z.string(),
  subset: z.string().nullable(),
  port: z.number().int().nullable(),
  weight: z.number().nullable(),
});

export const serviceRoutingSchema = z.object({
  service: z.object({ namespace: z.string(), name: z.string(), ports: z.array(z.number().int()) }),
  virtualServices: z.array(
    z.object({
      namespace: z.string(),
      name: z.string(),
      gateways: z.array(z.string()),
      health: healthSchema,
      routes: z.array(
        z.object({
          index: z.number().int(),
          match: z.array(z.unknown()).nullable(),
          destinations: z.array(destinationSchema),
        }),
      ),
    }),
  ),
  destinationRules: z.array(
    z.object({
      namespace: z.string(),
      name: z.string(),
      health: healthSchema,
      tls: z.string().nullable(),
      subsets: z.array(
        z.object({ name: z.string(), labels: z.record(z.string(), z.string()), pods: z.number().int() }),
      ),
    }),
  ),
  policies: z.array(
    z.object({
      kind: z.string(),
      namespace: z.string(),
      name: z.string(),
      scope: z.enum(['workload', 'namespace', 'mesh']),
      detail: z.string(),
    }),
  ),
  pods: z.object({ total: z.number().int(), withSidecar: z.number().int() }),
});

const nodeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  label: z.string(),
});

export const topologySchema = z.object({
  nodes: z.array(nodeSchema),
  edges: z.array(z.object({ from: z.string(), to: z.string(), weight: z.number().nullable(), label: z.string() })),
});

export const trafficSchema = z.object({
  available: z.boolean(),
  reason: z.string().nullable().describe('Why there is no graph (no Prometheus plugin, turned off, unreachable …)'),
  source: z.string().nullable(),
  namespace: z.string(),
  window: z.string(),
  nodes: z.array(nodeSchema),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      protocol: z.string(),
      rps: z.number(),
      errorRate: z.number().describe('Share of 5xx (and gRPC 1–16) answers, 0..1'),
      p95Ms: z.number().nullable(),
      health: z.enum(['Healthy', 'Degraded', 'Failed']),
    }),
  ),
});

export type MeshView = z.infer<typeof meshSchema>;
export type ServiceRouting = z.infer<typeof serviceRoutingSchema>;
export type Topology = z.infer<typeof topologySchema>;
export type TrafficGraph = z.infer<typeof trafficSchema>;
