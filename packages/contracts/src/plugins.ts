import { z } from 'zod';
import { emptyBodySchema } from './validation.js';

/** `GET /api/plugins`: each registered plugin, its state, and where it is enabled (clusters the caller can see). */
export const pluginInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  description: z.string(),
  /** active: running; failed: threw while loading (routes not mounted); rejected: bad manifest. */
  status: z.enum(['active', 'failed', 'rejected']),
  error: z.string().nullable(),
  failures: z.object({
    count: z.number(),
    last: z.object({ at: z.string(), where: z.string(), message: z.string() }).nullable(),
  }),
  /** The validated manifest (null when it was rejected). */
  manifest: z.record(z.string(), z.unknown()).nullable(),
  clusters: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      enabled: z.boolean(),
      /** Whether the cluster serves the resources (CRDs) the plugin requires (`true` when it requires none). */
      available: z.boolean(),
      watchers: z.number(),
    }),
  ),
});
export type PluginInfo = z.infer<typeof pluginInfoSchema>;

export const pluginListSchema = z.object({ plugins: z.array(pluginInfoSchema) });
export type PluginList = z.infer<typeof pluginListSchema>;

/** `POST /api/clusters/{id}/plugins/{plugin}/enable|disable` answers the new state. */
export const pluginStateSchema = z.object({ plugin: z.string(), cluster_id: z.string(), enabled: z.boolean() });
export type PluginState = z.infer<typeof pluginStateSchema>;

/** `{clusterId}` and `{plugin}` in `/api/clusters/{clusterId}/plugins/{plugin}/…`. */
export const pluginParamsSchema = z.object({ clusterId: z.string(), plugin: z.string() });

/**
 * `GET /api/clusters/{id}/plugins/{plugin}/config`: the plugin's configuration for that cluster (`{}` when it
 * takes none) and the manifest's `config_schema` (JSON Schema; null when it declares none).
 */
export const pluginConfigResponseSchema = z.object({
  plugin: z.string(),
  cluster_id: z.string(),
  config: z.record(z.string(), z.unknown()),
  schema: z.record(z.string(), z.unknown()).nullable(),
});
export type PluginConfigResponse = z.infer<typeof pluginConfigResponseSchema>;

/**
 * `POST …/enable|disable` takes no body: nothing or `{}` (emptyBodySchema; `null` too, which is how Fastify
 * validates an absent body).
 */
export const pluginToggleRequestSchema = emptyBodySchema.nullable();

/**
 * `PUT …/config`: the configuration, validated by the plugin's own schema (a plugin without one ignores it).
 * No body (validated as `null`) is `{}`.
 */
export const pluginConfigRequestSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .describe("The plugin's configuration for the cluster (its manifest's config_schema)");

/** `PUT …/config` answers the configuration as stored (defaults applied). */
export const pluginConfigUpdateResponseSchema = pluginConfigResponseSchema.omit({ schema: true });
export type PluginConfigUpdateResponse = z.infer<typeof pluginConfigUpdateResponseSchema>;
