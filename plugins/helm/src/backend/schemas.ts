/** zod schemas of the plugin's route inputs. */
import { z } from 'zod';

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
