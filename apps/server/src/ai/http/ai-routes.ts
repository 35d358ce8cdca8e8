/**
 * The assistant's routes for every signed-in user (issue 20; DESIGN.md "Contract for the second wave"):
 * status, the caller's own conversations, a message's answer as server-sent events, and the decisions on
 * confirmations. The tools inside act with the caller's Argus permissions, never more.
 */
import {
  aiConfirmationRejectResponseSchema,
  aiConversationListSchema,
  aiConversationSchema,
  aiStatusSchema,
  createConversationRequestSchema,
  createConversationResponseSchema,
  emptyBodySchema,
  sendAiMessageRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../clusters/access.js';
import { approveConfirmation, rejectConfirmation } from '../confirmations/decide.js';
import { publicMessage } from '../conversations/conversation-store.js';
import { runTurn, type TurnDeps } from '../conversations/turn.js';
import { HOW_TO_CONFIGURE } from '../settings/ai-settings.js';
import { eventStreamResponse, sendEvents } from './sse.js';

const idParams = z.object({ id: z.string().max(100) });
const me = 'authenticated' as const;

export async function aiRoutes(fastify: FastifyInstance, deps: TurnDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { conversations } = deps;

  app.get(
    '/api/ai/status',
    {
      config: { permission: me },
      schema: {
        summary: 'Whether the assistant can answer (and if not, how to configure it)',
        response: { 200: aiStatusSchema },
      },
    },
    async () => {
      const active = await deps.settings.active();
      const level = await deps.settings.toolPermissionLevel();
      return active
        ? { configured: true, provider: active.provider, model: active.model, tool_permission_level: level }
        : { configured: false, tool_permission_level: level, how_to_configure: HOW_TO_CONFIGURE };
    },
  );

  app.post(
    '/api/ai/conversations',
    {
      config: { permission: me, auditAction: 'ai.conversation_create' },
      schema: {
        summary: 'Start a conversation with the assistant (optionally about one cluster)',
        body: createConversationRequestSchema,
        response: { 201: createConversationResponseSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const clusterId = request.body?.cluster_id;
      if (clusterId) await deps.toolbox.deps.module.clusters.get(clusterId);
      const id = await conversations.create(principal.userId, clusterId ?? null);
      reply.status(201);
      return { id };
    },
  );

  app.get(
    '/api/ai/conversations',
    {
      config: { permission: me },
      schema: { summary: "The caller's conversations, newest first", response: { 200: aiConversationListSchema } },
    },
    async (request) => ({ items: await conversations.list(principalOf(request).userId) }),
  );

  app.get(
    '/api/ai/conversations/:id',
    {
      config: { permission: me },
      schema: {
        summary: "One of the caller's conversations with its messages",
        params: idParams,
        response: { 200: aiConversationSchema },
      },
    },
    async (request) => {
      const c = await conversations.get(request.params.id, principalOf(request).userId);
      return {
        id: c.id,
        title: c.title,
        cluster_id: c.clusterId,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
        messages: c.messages.map(publicMessage),
      };
    },
  );

  app.post(
    '/api/ai/conversations/:id/messages',
    {
      config: { permission: me, auditAction: 'ai.message' },
      schema: {
        summary:
          'Send a message; the answer streams as server-sent events (text, tool_call, tool_result, confirmation, done, error)',
        params: idParams,
        body: sendAiMessageRequestSchema,
        produces: ['text/event-stream'],
        response: { 200: eventStreamResponse('`data: {"type":…}` frames until `done` or `error`') },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const conversation = await conversations.get(request.params.id, principal.userId);
      const { content, context } = request.body;
      return sendEvents(reply, async (emit, signal) => {
        try {
          await deps.usage.admit(principal.userId);
        } catch (err) {
          const e = err as { code: string; message: string };
          emit({ type: 'error', code: e.code, message: e.message });
          return;
        }
        conversation.messages.push({
          role: 'user',
          content,
          created_at: new Date().toISOString(),
          ...(context ? { context } : {}),
        });
        if (!conversation.title) conversation.title = content.replace(/\s+/g, ' ').slice(0, 80);
        await conversations.save(conversation);
        await runTurn(deps, { principal, conversation, emit, signal });
      });
    },
  );

  app.post(
    '/api/ai/confirmations/:id/approve',
    {
      config: { permission: me, auditAction: 'ai.confirmation_approve' },
      schema: {
        summary:
          'Approve a change the assistant proposed (once, by the user it was proposed to, before it expires): it runs as you, and the answer continues as server-sent events',
        params: idParams,
        body: emptyBodySchema,
        produces: ['text/event-stream'],
        response: {
          200: eventStreamResponse('a tool_result frame, then the continued answer until `done` or `error`'),
        },
      },
    },
    async (request, reply) => {
      const work = await approveConfirmation(deps, principalOf(request), request.params.id);
      return sendEvents(reply, work);
    },
  );

  app.post(
    '/api/ai/confirmations/:id/reject',
    {
      config: { permission: me, auditAction: 'ai.confirmation_reject' },
      schema: {
        summary: 'Reject a change the assistant proposed (nothing changes)',
        params: idParams,
        body: emptyBodySchema,
        response: { 200: aiConfirmationRejectResponseSchema },
      },
    },
    async (request) => {
      await rejectConfirmation(deps, principalOf(request), request.params.id);
      return { id: request.params.id, status: 'rejected' as const };
    },
  );
}
