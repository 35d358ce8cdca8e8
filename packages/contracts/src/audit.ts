import { z } from 'zod';
import { idSchema } from './identity.js';

export const auditOutcomeSchema = z.enum(['success', 'denied', 'failed', 'error', 'pending']);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** `GET /api/audit-log` query. Every filter is validated; unknown keys are ignored. */
export const auditLogQuerySchema = z.object({
  user_id: idSchema.optional(),
  action: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_.:/{}* -]+$/, 'must be an action name such as user.create')
    .optional(),
  cluster_id: idSchema.optional(),
  outcome: auditOutcomeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Opaque: the `next_cursor` of the previous page. */
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned by this API')
    .optional(),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  occurred_at: z.string(),
  user_id: z.string().nullable(),
  user_email: z.string().nullable(),
  source_ip: z.string().nullable(),
  method: z.string(),
  route: z.string().nullable(),
  path: z.string(),
  action: z.string(),
  cluster_id: z.string().nullable(),
  namespace: z.string().nullable(),
  resource: z.string().nullable(),
  resource_name: z.string().nullable(),
  status_code: z.number().nullable(),
  outcome: auditOutcomeSchema,
  error_code: z.string().nullable(),
  duration_ms: z.number().nullable(),
  request_body: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditLogResponseSchema = z.object({
  items: z.array(auditEntrySchema),
  next_cursor: z.string().nullable(),
});
export type AuditLogResponse = z.infer<typeof auditLogResponseSchema>;
