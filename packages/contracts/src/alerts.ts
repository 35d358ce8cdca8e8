import { z } from 'zod';
import { idSchema, plainTextSchema } from './identity.js';

/**
 * Alerts (issue 19; DESIGN.md "Contract for the second wave"): what the alert engine raised from cluster
 * state or received from Alertmanager, `GET /api/alerts`, and the Alertmanager sources (admin).
 */
export const alertSeveritySchema = z.enum(['info', 'warning', 'critical']);
export const alertStateSchema = z.enum(['pending', 'firing', 'resolved']);

/** The object an alert is about (for pod alerts: the owning workload). */
export const alertResourceRefSchema = z.object({
  cluster_id: z.string(),
  /** '' for the core group. */
  group: z.string(),
  version: z.string(),
  kind: z.string(),
  resource: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
});

export const alertSchema = z.object({
  fingerprint: z.string(),
  /** e.g. `CrashLoopBackOff`, `NodeNotReady`, `alertmanager.KubePodCrashLooping`. */
  type: z.string(),
  severity: alertSeveritySchema,
  state: alertStateSchema,
  /** `cluster` (Argus watched it) or `alertmanager`. */
  source: z.enum(['cluster', 'alertmanager']),
  cluster_id: z.string().nullable(),
  resource_ref: alertResourceRefSchema.nullable(),
  summary: z.string(),
  /** Muted by another alert (a pod's alert while its node is NotReady): not notified. */
  inhibited: z.boolean(),
  /** When the condition was first seen (pending since). */
  started_at: z.string(),
  fired_at: z.string().optional(),
  resolved_at: z.string().optional(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListQuerySchema = z.object({
  cluster_id: idSchema.optional(),
  /** Default: every state but `resolved`, newest first. */
  state: alertStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;
export const alertListResponseSchema = z.object({ items: z.array(alertSchema) });

/** An Alertmanager webhook source: its bearer token is shown once, when created. */
export const alertSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The token's first characters, to tell tokens apart. */
  token_prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type AlertSource = z.infer<typeof alertSourceSchema>;
export const alertSourceListResponseSchema = z.object({ items: z.array(alertSourceSchema) });
export const createAlertSourceRequestSchema = z
  .object({ name: plainTextSchema.pipe(z.string().trim().min(1).max(100)) })
  .meta({ examples: [{ name: 'prometheus-prod' }] });
export const createdAlertSourceSchema = alertSourceSchema.extend({
  /** `Authorization: Bearer <token>` in Alertmanager's `webhook_configs.http_config`. Shown only here. */
  token: z.string(),
});

const labelMap = z.record(z.string().max(256), z.string().max(4096));

/** One alert of Alertmanager's webhook payload (version 4). */
export const alertmanagerAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelMap,
  annotations: labelMap.default({}),
  startsAt: z.string().max(64).optional(),
  endsAt: z.string().max(64).optional(),
  generatorURL: z.string().max(4096).optional(),
  fingerprint: z.string().max(128).optional(),
});

/** `POST /api/alerts/alertmanager`: Alertmanager's webhook JSON (version 4); unknown keys are ignored. */
export const alertmanagerWebhookSchema = z
  .object({
    version: z.string().max(16).optional(),
    groupKey: z.string().max(4096).optional(),
    truncatedAlerts: z.number().int().min(0).optional(),
    status: z.enum(['firing', 'resolved']).optional(),
    receiver: z.string().max(1000).optional(),
    groupLabels: labelMap.optional(),
    commonLabels: labelMap.optional(),
    commonAnnotations: labelMap.optional(),
    externalURL: z.string().max(4096).optional(),
    alerts: z.array(alertmanagerAlertSchema).max(1000),
  })
  .meta({
    examples: [
      {
        version: '4',
        status: 'firing',
        receiver: 'argus',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'KubePodCrashLooping', cluster: 'prod', namespace: 'shop', severity: 'warning' },
            annotations: { summary: 'Pod shop/web-1 is crash looping' },
            startsAt: '2026-01-01T00:00:00Z',
          },
        ],
      },
    ],
  });
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;
export const alertmanagerWebhookResponseSchema = z.object({
  /** Alerts that were new or changed state. */
  accepted: z.number().int(),
});
