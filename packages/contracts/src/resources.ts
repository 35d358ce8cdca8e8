import { z } from 'zod';

const dns = z.string().min(1).max(253);
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
const count = (max: number) => z.coerce.number().int().min(0).max(max);

/** `{group}/{version}/{resource}` path params; `core` is the core group. */
export const resourcePathSchema = z.object({
  group: z.string().min(1).max(253),
  version: z.string().min(1).max(63),
  resource: z.string().min(1).max(253),
  name: dns.optional(),
});

export const listQuerySchema = z.object({
  namespace: dns.optional(),
  labelSelector: z.string().max(4096).optional(),
  fieldSelector: z.string().max(4096).optional(),
  limit: count(100_000).optional(),
  continue: z.string().max(4096).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const objectQuerySchema = z.object({
  namespace: dns.optional(),
  dryRun: flag.optional(),
  fieldManager: z.string().max(128).optional(),
  force: flag.optional(),
});

export const applyQuerySchema = z.object({ dryRun: flag.default(false), force: flag.default(false) });

/** Per object of `POST /api/clusters/{id}/apply`. */
export interface ApplyResult {
  api_version: string;
  kind: string;
  namespace: string | null;
  name: string;
  action: 'created' | 'configured' | 'unchanged' | 'failed';
  diff: string;
  error?: { code: string; status: number; message: string };
}

export const logsQuerySchema = z.object({
  container: dns.optional(),
  follow: flag.optional(),
  tailLines: count(1_000_000).optional(),
  previous: flag.optional(),
  sinceSeconds: count(10_000_000).optional(),
  timestamps: flag.optional(),
});

/** `GET /api/clusters/{id}/logs?namespace&workload=deployment/web|labelSelector=…`: merged workload logs. */
export const workloadLogsQuerySchema = logsQuerySchema.extend({
  namespace: dns,
  workload: z
    .string()
    .regex(
      /^(deployments?|statefulsets?|daemonsets?|jobs?|replicasets?)\/[a-z0-9.-]+$/i,
      'kind/name, e.g. deployment/web',
    )
    .optional(),
  labelSelector: z.string().max(4096).optional(),
});

export const crossClusterQuerySchema = listQuerySchema.omit({ continue: true }).extend({
  clusters: z.string().max(8192).optional(),
});

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(253),
  clusters: z.string().max(8192).optional(),
  kinds: z.string().max(2048).optional(),
  namespace: dns.optional(),
  limit: count(1000).default(100),
});

export interface SearchHit {
  cluster: { id: string; name: string };
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace: string | null;
  name: string;
}
