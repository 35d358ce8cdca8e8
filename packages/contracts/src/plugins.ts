import { z } from 'zod';

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
  clusters: z.array(z.object({ id: z.string(), name: z.string(), enabled: z.boolean(), watchers: z.number() })),
});
export type PluginInfo = z.infer<typeof pluginInfoSchema>;

export const pluginListSchema = z.object({ plugins: z.array(pluginInfoSchema) });
export type PluginList = z.infer<typeof pluginListSchema>;

/** `POST /api/clusters/{id}/plugins/{plugin}/enable|disable` answers the new state. */
export const pluginStateSchema = z.object({ plugin: z.string(), cluster_id: z.string(), enabled: z.boolean() });
export type PluginState = z.infer<typeof pluginStateSchema>;
