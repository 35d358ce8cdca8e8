/** Query-string schemas of the routes, with Prometheus's own bounds (11,000 points a series) and ours. */
import { z } from 'zod';

export const MAX_POINTS = 11_000;
export const MAX_RANGE_SECONDS = 32 * 86_400;
export const MAX_QUERY_CHARS = 10_000;

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;

/** Seconds of a Prometheus duration ("1h30m") or a number of seconds ("15", "0.5"); undefined when neither. */
export function parseDuration(text: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * (UNIT_SECONDS[m[2] ?? 's'] ?? 1);
  return total;
}

/** Unix seconds of an RFC 3339 time or a Unix timestamp; undefined when neither. */
export function parseTime(text: string): number | undefined {
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

const promql = z.string().trim().min(1, 'a PromQL expression is required').max(MAX_QUERY_CHARS);
const time = z
  .string()
  .max(40)
  .refine((t) => parseTime(t) !== undefined, 'must be an RFC 3339 time or a Unix timestamp');
const step = z
  .string()
  .max(20)
  .refine((s) => (parseDuration(s) ?? 0) > 0, 'must be a positive duration such as 15s or a number of seconds');
const timeout = z
  .string()
  .max(10)
  .refine((s) => parseDuration(s) !== undefined && (parseDuration(s) ?? 0) <= 60, {
    message: 'must be a duration of at most 60s',
  });

export const instantQuerySchema = z.object({ query: promql, time: time.optional(), timeout: timeout.optional() });

export const rangeQuerySchema = z
  .object({ query: promql, start: time, end: time, step, timeout: timeout.optional() })
  .superRefine((q, ctx) => {
    const start = parseTime(q.start) ?? 0;
    const end = parseTime(q.end) ?? 0;
    const s = parseDuration(q.step) ?? 1;
    if (end < start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must not be before start' });
    else if (end - start > MAX_RANGE_SECONDS)
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        message: `the range may span at most ${MAX_RANGE_SECONDS / 86_400} days`,
      });
    else if (Math.floor((end - start) / s) + 1 > MAX_POINTS)
      ctx.addIssue({
        code: 'custom',
        path: ['step'],
        message: `exceeded maximum resolution of ${MAX_POINTS} points per timeseries; try a larger step`,
      });
  });

const k8sName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes name');

export const USAGE_RANGES = { '15m': 900, '1h': 3600, '6h': 21_600, '24h': 86_400, '7d': 604_800 } as const;

export const usageQuerySchema = z
  .object({
    scope: z.enum(['cluster', 'namespace', 'workload']).default('cluster'),
    namespace: k8sName.optional(),
    workload: k8sName.optional(),
    range: z.enum(Object.keys(USAGE_RANGES) as [keyof typeof USAGE_RANGES]).default('1h'),
  })
  .superRefine((q, ctx) => {
    if (q.scope !== 'cluster' && !q.namespace)
      ctx.addIssue({ code: 'custom', path: ['namespace'], message: `is required for scope ${q.scope}` });
    if (q.scope === 'workload' && !q.workload)
      ctx.addIssue({ code: 'custom', path: ['workload'], message: 'is required for scope workload' });
  });

export type UsageQuery = z.output<typeof usageQuerySchema>;

export const stateQuerySchema = z.object({ state: z.enum(['active', 'any', 'dropped']).optional() });
export const rulesQuerySchema = z.object({ type: z.enum(['alert', 'record']).optional() });
export const noQuerySchema = z.object({});
