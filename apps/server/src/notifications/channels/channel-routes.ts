import { randomUUID } from 'node:crypto';
import {
  AppError,
  channelOptionListSchema,
  channelTestRequestSchema,
  channelTestResponseSchema,
  createChannelRequestSchema,
  idParamsSchema,
  notificationChannelListSchema,
  notificationChannelSchema,
  updateChannelRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noBody } from '../../http/openapi/responses.js';
import { principalOf } from '../../http/routes/auth.js';
import type { NotificationEvent, OutgoingMessage } from '../types.js';
import type { ChannelSenders } from './channel-senders.js';
import type { ChannelStore } from './channel-store.js';

export interface ChannelRouteDeps {
  store: ChannelStore;
  senders: ChannelSenders;
  /** PUBLIC_URL: test messages link to the channels page when it is known. */
  publicUrl?: string | undefined;
}

const read = { resource: 'settings', action: 'read' };
const write = { resource: 'settings', action: 'write' };
/** Credentials in channel bodies that the audit log's generic redaction does not know by name. */
const auditSecretKeys = ['url'];
const TEST_TIMEOUT_MS = 15_000;

function testMessage(
  channelName: string,
  caller: { userId: string; email: string; name: string },
  to: string | undefined,
  publicUrl?: string,
): OutgoingMessage {
  const id = `test-${randomUUID()}`;
  const link = '/admin/notification-channels';
  const event: NotificationEvent = {
    id,
    type: 'argus.channel_test',
    severity: 'info',
    state: 'event',
    title: `Test notification for channel "${channelName}"`,
    body: `This is a test message from Argus, sent by ${caller.email}. If you can read it, the channel works.`,
    link,
    occurred_at: new Date().toISOString(),
  };
  return {
    idempotencyKey: id,
    event,
    recipient: { userId: caller.userId, email: to ?? caller.email, displayName: caller.name },
    ...(publicUrl ? { url: new URL(link, publicUrl).toString() } : {}),
  };
}

/**
 * Admin routes for notification channels (`settings` read/write: global-only, admins). Secrets are write-only;
 * "send test" sends through the real sender and answers with the outcome, never the peer's body, and does not
 * disable the channel (it also works on a disabled one, to check a fix before enabling it again).
 */
export async function channelRoutes(fastify: FastifyInstance, deps: ChannelRouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;

  app.get(
    '/api/notifications/channels',
    {
      config: { permission: read },
      schema: {
        summary: 'Notification channels (secrets are write-only)',
        response: { 200: notificationChannelListSchema },
      },
    },
    async () => ({ items: await store.list() }),
  );

  // Preferences name channels by id: any signed-in user may see which exist (names and types, never config).
  app.get(
    '/api/notifications/channel-options',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: 'The channels a user may choose in their notification preferences (id, name, type, enabled)',
        response: { 200: channelOptionListSchema },
      },
    },
    async () => ({
      items: (await store.list()).map((c) => ({ id: c.id, name: c.name, type: c.type, enabled: c.enabled })),
    }),
  );

  app.post(
    '/api/notifications/channels',
    {
      config: { permission: write, auditAction: 'notification_channel.create', auditSecretKeys },
      schema: {
        summary: 'Create a notification channel (SMTP, Slack, Teams, Telegram or a signed webhook)',
        body: createChannelRequestSchema,
        response: { 201: notificationChannelSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return store.create(request.body, principalOf(request).userId);
    },
  );

  app.get(
    '/api/notifications/channels/:id',
    {
      config: { permission: read },
      schema: {
        summary: 'One notification channel',
        params: idParamsSchema,
        response: { 200: notificationChannelSchema },
      },
    },
    async (request) => store.get(request.params.id),
  );

  app.put(
    '/api/notifications/channels/:id',
    {
      config: { permission: write, auditAction: 'notification_channel.update', auditSecretKeys },
      schema: {
        summary: 'Replace a channel (secrets left out are kept; enabled: true clears disabled_reason)',
        params: idParamsSchema,
        body: updateChannelRequestSchema,
        response: { 200: notificationChannelSchema },
      },
    },
    async (request) => store.update(request.params.id, request.body),
  );

  app.delete(
    '/api/notifications/channels/:id',
    {
      config: { permission: write, auditAction: 'notification_channel.delete' },
      schema: { summary: 'Delete a channel', params: idParamsSchema, response: { 204: noBody() } },
    },
    async (request, reply) => {
      await store.remove(request.params.id);
      reply.status(204);
    },
  );

  app.post(
    '/api/notifications/channels/:id/test',
    {
      config: { permission: write, auditAction: 'notification_channel.test' },
      schema: {
        summary: "Send a test message through the channel; the answer is the outcome (never the peer's body)",
        params: idParamsSchema,
        body: channelTestRequestSchema,
        response: { 200: channelTestResponseSchema },
      },
    },
    async (request) => {
      const channel = await store.getForDelivery(request.params.id);
      if (!channel) throw new AppError('NOT_FOUND', 'Channel not found');
      const message = testMessage(channel.name, principalOf(request), request.body.to, deps.publicUrl);
      const outcome = await deps.senders
        .get(channel.type)
        .send(channel.config as never, message, { signal: AbortSignal.timeout(TEST_TIMEOUT_MS) });
      request.log.info({ channelId: channel.id, type: channel.type, status: outcome.status }, 'channel test sent');
      if (outcome.status === 'sent')
        return { ok: true, status: 'sent' as const, message: outcome.detail ?? 'The test message was accepted' };
      return {
        ok: false,
        status: outcome.status,
        message: outcome.reason,
        ...(outcome.status === 'retry' && outcome.retryAfterMs !== undefined
          ? { retry_after_ms: outcome.retryAfterMs }
          : {}),
      };
    },
  );
}
