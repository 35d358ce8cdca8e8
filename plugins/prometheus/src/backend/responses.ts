/**
 * zod schemas of what the routes answer. The proxied routes pass Prometheus's own `{status, data}` answer
 * through (https://prometheus.io/docs/prometheus/latest/querying/api/): their objects are loose, as
 * Prometheus adds fields between versions.
 */
import { z } from 'zod';
import { MONITOR_KINDS, type MonitorResource, type MonitorsAnswer } from './monitors.js';
import type { UsageAnswer } from './usage.js';

const labels = z.record(z.string(), z.string());

/** Prometheus's success envelope around `data`. */
function success<T extends z.ZodType>(data: T) {
  return z.object({
    status: z.literal('success'),
    data,
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  });
}

/** [unix seconds, value as a string] */
const sample = z.tuple([z.number(), z.string()]);

const series = z.looseObject({
  metric: labels,
  /** vector */
  value: sample.optional(),
  /** matrix */
  values: z.array(sample).optional(),
  /** native histograms */
  histogram: z.unknown().optional(),
  histograms: z.array(z.unknown()).optional(),
});

export const queryAnswerSchema = success(
  z.looseObject({
    resultType: z.enum(['vector', 'matrix', 'scalar', 'string']),
    /** A list of series for vector and matrix; one sample for scalar and string. */
    result: z.union([z.array(series), sample]),
  }),
);

export const targetsAnswerSchema = success(
  z.looseObject({
    activeTargets: z.array(
      z.looseObject({
        labels,
        discoveredLabels: labels.optional(),
        scrapePool: z.string().optional(),
        scrapeUrl: z.string(),
        health: z.string().describe('up, down or unknown'),
        lastError: z.string(),
        lastScrape: z.string(),
        lastScrapeDuration: z.number(),
      }),
    ),
    droppedTargets: z.array(z.looseObject({ discoveredLabels: labels })),
  }),
);

const alert = z.looseObject({
  labels,
  annotations: labels,
  state: z.string(),
  activeAt: z.string().optional(),
  value: z.string(),
});

export const alertsAnswerSchema = success(z.looseObject({ alerts: z.array(alert) }));

export const rulesAnswerSchema = success(
  z.looseObject({
    groups: z.array(
      z.looseObject({
        name: z.string(),
        file: z.string(),
        rules: z.array(
          z.looseObject({
            type: z.enum(['alerting', 'recording']),
            name: z.string(),
            query: z.string(),
            health: z.string(),
            state: z.string().optional(),
            lastError: z.string().optional(),
            alerts: z.array(alert).optional(),
          }),
        ),
      }),
    ),
  }),
);

export const labelsAnswerSchema = success(z.array(z.string()));

const service = z.object({ namespace: z.string(), name: z.string(), port: z.string() });
const health = {
  reachable: z.boolean(),
  /** Prometheus's version, when it answered. */
  version: z.string().optional(),
  /** Why it did not answer. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
};

export const statusAnswerSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('configured'), url: z.string().describe('Without its password'), ...health }),
  z.object({ source: z.literal('discovered'), service, selector: z.string(), ...health }),
  z.object({ source: z.literal('none'), reason: z.string(), reachable: z.literal(false) }),
]);

const usageSeries = z.object({
  labels,
  /** [unix seconds, value] */
  points: z.array(z.tuple([z.number(), z.number()])),
});

export const usageAnswerSchema = z.object({
  scope: z.enum(['cluster', 'namespace', 'workload']),
  namespace: z.string().optional(),
  workload: z.string().optional(),
  source: z.enum(['cadvisor', 'process']).describe('Container (cAdvisor) metrics, or those of scraped processes'),
  note: z.string().optional(),
  range: z.object({ start: z.number(), end: z.number(), step: z.number() }),
  cpu: z.object({ query: z.string(), unit: z.literal('cores'), series: z.array(usageSeries) }),
  memory: z.object({ query: z.string(), unit: z.literal('bytes'), series: z.array(usageSeries) }),
}) satisfies z.ZodType<UsageAnswer>;

const monitorItem = z.object({
  namespace: z.string(),
  name: z.string(),
  createdAt: z.string().optional(),
  labels,
  /** A few kind-specific fields: endpoints, rule counts, replicas… */
  summary: z.record(z.string(), z.unknown()),
});

export const monitorsAnswerSchema = z.object({
  items: z.object(
    Object.fromEntries(Object.keys(MONITOR_KINDS).map((k) => [k, z.array(monitorItem)])) as Record<
      MonitorResource,
      z.ZodArray<typeof monitorItem>
    >,
  ),
  /** Why a list is empty when it is not the cluster's doing (CRD absent, no access). */
  notes: z.array(z.string()),
}) satisfies z.ZodType<MonitorsAnswer>;

/** The cluster's configuration as answered: the URL without its password. */
export const publicConfigSchema = z.object({
  url: z.string().optional(),
  discovery: z.boolean(),
});
