/** `/api/settings/ai` (admins: `settings` read/write): providers (keys write-only), tool permission level, a connection test. */
import {
  AppError,
  aiSettingsSchema,
  aiTestRequestSchema,
  aiTestResponseSchema,
  updateAiSettingsRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createProvider } from '../providers/create-provider.js';
import type { AiSettingsService } from '../settings/ai-settings.js';

export async function aiSettingsRoutes(
  fastify: FastifyInstance,
  deps: { settings: AiSettingsService; requestTimeoutMs: number },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = { resource: 'settings', action: 'read' };
  const write = { resource: 'settings', action: 'write' };

  app.get(
    '/api/settings/ai',
    {
      config: { permission: read },
      schema: {
        summary: 'The AI providers (API keys are write-only) and the tool permission level',
        response: { 200: aiSettingsSchema },
      },
    },
    async () => deps.settings.get(),
  );

  app.put(
    '/api/settings/ai',
    {
      config: { permission: write, auditAction: 'settings.ai_update' },
      schema: {
        summary:
          'Replace the AI providers and set the tool permission level (an omitted api_key keeps the stored one; "" removes it)',
        body: updateAiSettingsRequestSchema,
        response: { 200: aiSettingsSchema },
      },
    },
    async (request) => deps.settings.put(request.body),
  );

  app.post(
    '/api/settings/ai/test',
    {
      config: { permission: write, auditAction: 'settings.ai_test' },
      schema: {
        summary: "Send a tiny request to the default (or the named) provider; a provider's failure answers ok: false",
        body: aiTestRequestSchema,
        response: { 200: aiTestResponseSchema },
      },
    },
    async (request) => {
      const active = await deps.settings.active(request.body?.provider);
      if (!active)
        throw new AppError(
          'AI_NOT_CONFIGURED',
          request.body?.provider ? `${request.body.provider} is not configured` : 'no AI provider is configured',
        );
      const provider = createProvider({ ...active, timeoutMs: deps.requestTimeoutMs });
      const started = Date.now();
      const base = { provider: active.provider, model: active.model };
      try {
        for await (const _ev of provider.stream(
          {
            system: 'Connection test.',
            messages: [{ role: 'user', content: 'Reply with OK.' }],
            tools: [],
            maxTokens: 16,
          },
          AbortSignal.timeout(deps.requestTimeoutMs),
        ));
        return { ok: true, ...base, latency_ms: Date.now() - started };
      } catch (err) {
        const e =
          err instanceof AppError ? err : new AppError('AI_PROVIDER_ERROR', 'the provider failed', { cause: err });
        request.log.info({ code: e.code, provider: active.provider }, 'AI connection test failed');
        return { ok: false, ...base, latency_ms: Date.now() - started, error: { code: e.code, message: e.message } };
      }
    },
  );
}
