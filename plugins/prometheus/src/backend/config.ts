/** The per-cluster configuration (`plugin_config.config`): a Prometheus URL, and whether to look for one in the cluster. */
import { z } from 'zod';

export const prometheusConfigSchema = z
  .object({
    /** Fetched directly by the Argus server; set only by admins (prometheus.config:write). */
    url: z
      .string()
      .max(2048)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http:// or https:// URL' })
      .optional(),
    /** Find a Prometheus Service in the cluster and reach it through the API server's service proxy. */
    discovery: z.boolean().default(true),
  })
  .strict();

export type PrometheusConfig = z.output<typeof prometheusConfigSchema>;
