import { z } from 'zod';

/**
 * The live-updates WebSocket protocol (DESIGN.md, "API contract", `GET /ws`). Every frame is one JSON
 * text message with a `type`. The client authenticates in its first message, then subscribes to a
 * cluster's resource; the server answers with events filtered by the caller's RBAC.
 * Additive to the contract: `authenticated`, `synced`, `unsubscribed`, `ping`/`pong`, `sendInitial`,
 * `resourceVersion`, `labelSelector`.
 */

const dns = z.string().min(1).max(253);

export const wsAuthMessageSchema = z.object({
  type: z.literal('auth'),
  /** An access token (JWT) or an API key, exactly as the HTTP `Authorization: Bearer` header takes it. */
  token: z.string().min(1).max(4096),
});

export const wsSubscribeMessageSchema = z.object({
  type: z.literal('subscribe'),
  /** Chosen by the client; unique per connection. Subscribing again with the same id replaces it. */
  id: z.string().min(1).max(128),
  cluster: z.string().min(1).max(253),
  /** `core` (or '') for the core group. */
  group: z.string().max(253),
  version: z.string().min(1).max(63),
  resource: z.string().min(1).max(253),
  namespace: dns.optional(),
  labelSelector: z.string().max(4096).optional(),
  /** First the current state (ADDED events, then `synced`), then changes. */
  sendInitial: z.boolean().optional(),
  /** Resume after this resourceVersion (the last one the client saw); answered with `resync` when impossible. */
  resourceVersion: z.string().min(1).max(64).optional(),
});

export const wsUnsubscribeMessageSchema = z.object({ type: z.literal('unsubscribe'), id: z.string().min(1).max(128) });

/** Application-level keep-alive for clients that cannot send WebSocket pings (browsers). */
export const wsPingMessageSchema = z.object({ type: z.literal('ping') });

export const wsClientMessageSchema = z.discriminatedUnion('type', [
  wsAuthMessageSchema,
  wsSubscribeMessageSchema,
  wsUnsubscribeMessageSchema,
  wsPingMessageSchema,
]);
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;
export type WsSubscribeMessage = z.infer<typeof wsSubscribeMessageSchema>;
export type WsAuthMessage = z.infer<typeof wsAuthMessageSchema>;

export const wsEventTypeSchema = z.enum(['ADDED', 'MODIFIED', 'DELETED']);
export type WsEventType = z.infer<typeof wsEventTypeSchema>;

const kubeObjectSchema = z
  .object({ metadata: z.object({ name: z.string(), resourceVersion: z.string().optional() }).loose() })
  .loose();

export const wsServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('authenticated'),
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  }),
  z.object({ type: z.literal('subscribed'), id: z.string() }),
  z.object({ type: z.literal('unsubscribed'), id: z.string() }),
  z.object({ type: z.literal('event'), id: z.string(), event: wsEventTypeSchema, object: kubeObjectSchema }),
  /** The initial state has been sent; changes follow. `resourceVersion` is where they start. */
  z.object({ type: z.literal('synced'), id: z.string(), resourceVersion: z.string() }),
  /**
   * The server dropped events for this subscription (slow client, permissions changed, resume point too
   * old, watch restarted). No more events come for it: subscribe again (with `sendInitial`).
   */
  z.object({ type: z.literal('resync'), id: z.string(), reason: z.string().optional() }),
  /** A message was not understood or not allowed; `id` names the subscription when there is one. The connection stays usable. */
  z.object({ type: z.literal('error'), id: z.string().optional(), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong') }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;

/** Close codes of `/ws` (and `/ws/terminal`, `/ws/ai`, which share the auth rule). */
export const WS_CLOSE_CODES = {
  /** Server shutting down. */
  GOING_AWAY: 1001,
  /** A frame larger than the maximum message size (sent by the WebSocket library). */
  MESSAGE_TOO_BIG: 1009,
  /** The first message was not `{"type":"auth"}`, or the credential was refused (reason starts with the error code). */
  UNAUTHENTICATED: 4401,
  /** No auth message within the time limit (5 s by default). */
  AUTH_TIMEOUT: 4408,
  /** The client let too many messages pile up without reading them (control messages past the buffer). */
  TOO_SLOW: 4429,
} as const;
