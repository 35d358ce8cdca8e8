/** zod schemas of the plugin's routes: their inputs and the JSON they answer (../shared/api-types.ts). */
import { z } from 'zod';
import type { HistoryEntry, ReleaseDetail, ReleaseSummary, RevisionDiff } from '../shared/api-types.js';

/** Helm's release name rule (DNS-1123 subdomain, at most 53 characters). */
export const releaseName = z
  .string()
  .max(53)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'must be a valid Helm release name');
export const namespaceName = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a valid namespace name');
export const revision = z.coerce.number().int().min(1).max(1_000_000);

export const releaseParams = z.object({ namespace: namespaceName, name: releaseName });
export const listQuery = z.object({ namespace: namespaceName.optional() });
export const valuesQuery = z.object({ all: z.enum(['true', 'false']).optional(), revision: revision.optional() });
export const revisionQuery = z.object({ revision: revision.optional() });
export const diffQuery = z.object({ from: revision, to: revision });
export const rollbackBody = z.object({ revision });
export const uninstallQuery = z.object({ keep_history: z.enum(['true', 'false']).optional() });

/** At most 4 MiB of chart archive (base64 in JSON: ~5.4 MiB). */
export const MAX_CHART_BYTES = 4 * 1024 * 1024;
/** The JSON body of install/upgrade: the base64 archive plus up to 1 MiB of values YAML. */
export const CHART_BODY_LIMIT = Math.ceil((MAX_CHART_BYTES * 4) / 3) + 1024 * 1024 + 64 * 1024;

const chartSource = {
  /** A packaged chart (`helm package` output, .tgz), base64. */
  chart_archive: z
    .string()
    .max(Math.ceil((MAX_CHART_BYTES * 4) / 3) + 4, 'chart archive larger than 4 MiB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .optional(),
  /**
   * A chart repository (its index.yaml lives at `${repo_url}/index.yaml`): Argus fetches the index and the
   * chart archive through the server's SSRF guard (chart-repository.ts); helm only sees the local archive.
   */
  repo_url: z
    .string()
    .max(2000)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
    .optional(),
  chart: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a chart name')
    .optional(),
  version: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9~^<>=*.+ ,]*[A-Za-z0-9*]$/, 'must be a chart version or range')
    .optional(),
  /** User-supplied values, as YAML (a map). */
  values: z
    .string()
    .max(1024 * 1024)
    .optional(),
};

function oneSource(b: { chart_archive?: string; repo_url?: string; chart?: string }, ctx: z.RefinementCtx) {
  const archive = b.chart_archive !== undefined;
  const repo = b.repo_url !== undefined || b.chart !== undefined;
  if (archive === repo)
    ctx.addIssue({
      code: 'custom',
      message: 'give either chart_archive or repo_url and chart',
      path: ['chart_archive'],
    });
  if (repo && (!b.repo_url || !b.chart))
    ctx.addIssue({ code: 'custom', message: 'repo_url and chart go together', path: ['repo_url'] });
}

export const installBody = z
  .object({ name: releaseName, namespace: namespaceName, create_namespace: z.boolean().optional(), ...chartSource })
  .strict()
  .superRefine(oneSource);
export const upgradeBody = z
  .object({ reuse_values: z.boolean().optional(), ...chartSource })
  .strict()
  .superRefine(oneSource);

export type InstallBody = z.infer<typeof installBody>;
export type UpgradeBody = z.infer<typeof upgradeBody>;

// ---- answers -----------------------------------------------------------------------------------------

const timestamp = z.string().nullable().describe('RFC 3339, or null when Helm has none');

export const releaseSummarySchema = z.object({
  name: z.string(),
  namespace: z.string(),
  revision: z.number().int(),
  status: z.string().describe('Helm status: deployed, failed, superseded, uninstalled, pending-install, …'),
  chart: z.string().describe('name-version'),
  chart_name: z.string(),
  chart_version: z.string(),
  app_version: z.string().nullable(),
  updated: timestamp,
  description: z.string(),
}) satisfies z.ZodType<ReleaseSummary>;

export const releaseDetailSchema = releaseSummarySchema.extend({
  first_deployed: timestamp,
  deleted: timestamp,
  notes: z
    .string()
    .nullable()
    .describe('Rendered NOTES.txt; null when the caller may not read release content (secrets:read)'),
  chart_metadata: z.object({
    name: z.string(),
    version: z.string(),
    app_version: z.string().nullable(),
    description: z.string(),
  }),
}) satisfies z.ZodType<ReleaseDetail>;

export const historyEntrySchema = releaseSummarySchema.omit({
  name: true,
  namespace: true,
}) satisfies z.ZodType<HistoryEntry>;

export const releaseListSchema = z.object({ items: z.array(releaseSummarySchema) });

export const globalReleaseListSchema = z.object({
  items: z.array(releaseSummarySchema.extend({ cluster_id: z.string(), cluster_name: z.string() })),
  /** Clusters that could not be read. */
  errors: z.array(z.object({ cluster_id: z.string(), message: z.string() })),
});

export const historySchema = z.object({ items: z.array(historyEntrySchema) });

export const valuesSchema = z.object({
  revision: z.number().int(),
  all: z.boolean(),
  values: z.record(z.string(), z.unknown()),
});

export const manifestSchema = z.object({ revision: z.number().int(), manifest: z.string(), notes: z.string() });

export const revisionDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  manifest: z.string().describe("Unified diff of the rendered manifests ('' when equal)"),
  values: z.string().describe('Unified diff of the user-supplied values as YAML'),
  computed_values: z.string().describe('Unified diff of the computed values'),
  chart: z.object({ from: z.string(), to: z.string() }),
}) satisfies z.ZodType<RevisionDiff>;

export const rollbackResultSchema = z.object({
  release: releaseDetailSchema,
  /** The objects changed, as Kind/name. */
  objects: z.object({ created: z.array(z.string()), updated: z.array(z.string()), deleted: z.array(z.string()) }),
});

export const uninstallResultSchema = z.object({ deleted: z.array(z.string()), kept_history: z.boolean() });
