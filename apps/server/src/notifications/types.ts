/**
 * The seams of the notification path (issue 19), so its stages can be built and tested apart:
 *
 *   signals (per cluster, one owner replica) ─▶ alert engine (grace, fingerprint, group/inhibit)
 *       ─▶ outbox (same transaction as the alert's state) ─▶ broker ─▶ fan-out to users (RBAC, preferences)
 *       ─▶ in-app notification (unique) + WebSocket push, and deliveries ─▶ channel senders (retry, DLQ)
 *
 * Other sources (audit events, Alertmanager's webhook) enter the same engine or the outbox directly.
 */
import type { Queryable } from '../db/types.js';

export type Severity = 'info' | 'warning' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

/** The object a notification is about; RBAC at notification and delivery time is checked against it. */
export interface ResourceRef {
  cluster_id: string;
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  namespace?: string;
  name: string;
}

/**
 * One thing worth telling people about, as the engine hands it to the pipeline through the outbox.
 * `id` is stable: a redelivery of the same event carries the same id, and everything downstream
 * (the in-app notification, a mail's Message-ID, a webhook's `webhook-id`) derives its dedupe key from it.
 */
export interface NotificationEvent {
  id: string;
  /** e.g. `CrashLoopBackOff`, `NodeNotReady`, `audit.role_changed`, `alertmanager.<alertname>`. */
  type: string;
  severity: Severity;
  state: 'firing' | 'resolved' | 'event';
  title: string;
  body: string;
  cluster_id?: string;
  /** The primary object (the rolled-up workload for pod alerts). Absent for server-level events. */
  resource_ref?: ResourceRef;
  /** The alerts in this notification when it is a group (Alertmanager-style grouping). */
  alerts?: Array<{ fingerprint: string; state: 'firing' | 'resolved'; summary: string; resource_ref?: ResourceRef }>;
  /** Who may be told: users who may read `resource_ref` (default), or admins only (audit events). */
  audience?: 'readers' | 'admins';
  /** A link into the UI (path, e.g. `/clusters/ID/deployments/ns/name`). */
  link?: string;
  occurred_at: string;
}

/** The transactional outbox: rows written with the state change, relayed to the broker after commit. */
export interface NotificationOutbox {
  /** Writes one message in the caller's transaction (`q` is the transaction). */
  enqueue(q: Queryable, message: { topic: string; key: string; value: unknown }): Promise<void>;
}

/** Topics of the notification path (Kafka topic names; the in-memory broker uses the same). */
export const NOTIFICATION_TOPICS = {
  /** NotificationEvent, keyed by the object (or the group key). */
  events: 'argus.notification-events',
  /** Per-user notification work, keyed by user id. */
  notifications: 'argus.notifications',
  /** Channel deliveries, keyed by channel id. */
  deliveries: 'argus.deliveries',
  retry: 'argus.deliveries.retry',
  deadLetter: 'argus.deliveries.dlq',
} as const;

/** A notification rendered for a channel, independent of the channel's format. */
export interface OutgoingMessage {
  /** Stable per (event, channel, recipient): Message-ID, webhook-id and Telegram dedupe derive from it. */
  idempotencyKey: string;
  event: NotificationEvent;
  /** For mail without a fixed `to`: the user's address. */
  recipient?: { userId: string; email?: string; displayName?: string };
  /** Absolute URL of `event.link` when PUBLIC_URL is known. */
  url?: string;
}

export type DeliveryOutcome =
  | { status: 'sent'; detail?: string }
  /** Try again: after `retryAfterMs` when the peer said so (Retry-After), else the pipeline's backoff. */
  | { status: 'retry'; reason: string; retryAfterMs?: number }
  /** Never going to work (401/403/404/410, bad config): the channel is disabled with this reason. */
  | { status: 'permanent'; reason: string };

export type ChannelType = 'smtp' | 'slack' | 'teams' | 'telegram' | 'webhook';

export interface ChannelSender<C = Record<string, unknown>> {
  readonly type: ChannelType;
  /** Never throws for a peer's answer: every outcome is a DeliveryOutcome. Never logs secrets or URLs with tokens. */
  send(config: C, message: OutgoingMessage, options: { signal?: AbortSignal }): Promise<DeliveryOutcome>;
}
