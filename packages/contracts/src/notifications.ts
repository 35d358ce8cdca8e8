import { z } from 'zod';
import { alertResourceRefSchema, alertSeveritySchema } from './alerts.js';
import { idSchema, plainTextSchema } from './identity.js';

/**
 * In-app notifications and each user's notification preferences (issue 19; DESIGN.md "Contract for the
 * second wave"): `GET /api/notifications`, `POST /api/notifications/{id}/read`, `POST
 * /api/notifications/read-all`, `GET|PUT /api/notifications/preferences`, and the WebSocket push
 * `{"type":"notification","notification":{…}}`. Channel schemas live beside the channels' routes.
 */
export const notificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  severity: alertSeveritySchema,
  title: z.string(),
  body: z.string(),
  cluster_id: z.string().nullable(),
  resource_ref: alertResourceRefSchema.nullable(),
  /** A path in the UI to the object (e.g. `/clusters/ID/deployments/ns/name`), when there is one. */
  link: z.string().nullable().optional(),
  read_at: z.string().nullable(),
  created_at: z.string(),
});
export type InAppNotification = z.infer<typeof notificationSchema>;

const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const notificationListQuerySchema = z.object({
  /** Only unread ones. */
  unread: booleanQuery.optional(),
  severity: alertSeveritySchema.optional(),
  type: z.string().min(1).max(200).optional(),
  cluster_id: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `next_cursor` of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationListResponseSchema = z.object({
  items: z.array(notificationSchema),
  /** The caller's unread notifications in all (whatever the filters). */
  unread: z.number().int(),
  next_cursor: z.string().optional(),
});

export const notificationReadResponseSchema = z.object({ id: z.string(), read_at: z.string() });
export const notificationReadAllResponseSchema = z.object({ marked: z.number().int(), unread: z.number().int() });

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** No notification goes to channels between start and end (local time in `time_zone`); they follow at the end. */
export const quietHoursSchema = z
  .object({
    start: timeOfDay,
    end: timeOfDay,
    time_zone: z.string().min(1).max(100).refine(isTimeZone, 'must be an IANA time zone (e.g. Europe/Berlin)'),
  })
  .strict()
  .refine((q) => q.start !== q.end, 'start and end must differ');
export type QuietHours = z.infer<typeof quietHoursSchema>;

const scopeList = (item: z.ZodType<string>) => z.array(item).max(200).nullable().optional();

export const notificationPreferencesSchema = z
  .object({
    min_severity: alertSeveritySchema,
    /** Channel ids to deliver to, besides the in-app notification (which is always made). */
    channels: z.array(idSchema).max(50),
    /** `digest`: channel deliveries are collected and sent once a day. */
    mode: z.enum(['immediate', 'digest']),
    /** Only these clusters (ids); absent or null = every cluster. */
    clusters: scopeList(idSchema),
    /** Only these namespaces; absent or null = every namespace. */
    namespaces: scopeList(plainTextSchema.pipe(z.string().min(1).max(253))),
    /** Only these alert types (e.g. `CrashLoopBackOff`, `audit.role_changed`); absent or null = all. */
    types: scopeList(plainTextSchema.pipe(z.string().min(1).max(200))),
    quiet_hours: quietHoursSchema.nullable().optional(),
  })
  .strict();
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** What the WebSocket pushes to the user a notification is for. */
export const wsNotificationMessageSchema = z.object({
  type: z.literal('notification'),
  notification: notificationSchema,
});
