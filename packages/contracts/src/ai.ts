import { z } from 'zod';
import { idSchema } from './identity.js';
import { endpointUrlSchema } from './validation.js';

/**
 * The AI assistant (issue 20; DESIGN.md "Contract for the second wave"): provider settings at
 * `/api/settings/ai`, conversations at `/api/ai/conversations`, a turn's server-sent events, and the
 * confirmations a write waits on at `/api/ai/confirmations/{id}/approve|reject`.
 */

export const AI_PROVIDERS = ['anthropic', 'openai', 'ollama'] as const;
export const aiProviderSchema = z.enum(AI_PROVIDERS);
export type AiProviderName = z.infer<typeof aiProviderSchema>;

export const TOOL_PERMISSION_LEVELS = ['all', 'read_only', 'disabled'] as const;
export const toolPermissionLevelSchema = z.enum(TOOL_PERMISSION_LEVELS);
export type ToolPermissionLevel = z.infer<typeof toolPermissionLevelSchema>;

const baseUrlSchema = endpointUrlSchema;

const modelSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\w.:/@+-]+$/, "must be a model name: letters, digits, '.', ':', '/', '@', '+', '-', '_'");

/** One provider as an admin sets it. `api_key` is write-only: omitted or null keeps the stored key, "" removes it. */
export const aiProviderInputSchema = z.object({
  provider: aiProviderSchema,
  model: modelSchema,
  base_url: baseUrlSchema.nullish(),
  api_key: z.string().max(1000).nullish(),
  enabled: z.boolean().default(true),
  is_default: z.boolean().default(false),
});

export const updateAiSettingsRequestSchema = z
  .object({
    providers: z.array(aiProviderInputSchema).max(3),
    tool_permission_level: toolPermissionLevelSchema.optional(),
  })
  .refine((s) => new Set(s.providers.map((p) => p.provider)).size === s.providers.length, {
    message: 'each provider may appear once',
    path: ['providers'],
  })
  .refine((s) => s.providers.filter((p) => p.is_default).length <= 1, {
    message: 'at most one provider may be the default',
    path: ['providers'],
  });
export type UpdateAiSettingsRequest = z.infer<typeof updateAiSettingsRequestSchema>;

/** One provider as the API shows it: never the key, only whether one is stored. */
export const aiProviderSettingsSchema = z.object({
  provider: aiProviderSchema,
  model: z.string(),
  base_url: z.string().nullable(),
  has_api_key: z.boolean(),
  enabled: z.boolean(),
  is_default: z.boolean(),
});
export type AiProviderSettings = z.infer<typeof aiProviderSettingsSchema>;

export const aiSettingsSchema = z.object({
  providers: z.array(aiProviderSettingsSchema),
  tool_permission_level: toolPermissionLevelSchema,
});
export type AiSettings = z.infer<typeof aiSettingsSchema>;

export const aiTestRequestSchema = z.object({ provider: aiProviderSchema.optional() });
export const aiTestResponseSchema = z.object({
  ok: z.boolean(),
  provider: aiProviderSchema,
  model: z.string(),
  latency_ms: z.number().int().nonnegative(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type AiTestResponse = z.infer<typeof aiTestResponseSchema>;

/** What any signed-in user may know: whether the assistant can answer, and if not, how to make it. */
export const aiStatusSchema = z.object({
  configured: z.boolean(),
  provider: aiProviderSchema.optional(),
  model: z.string().optional(),
  tool_permission_level: toolPermissionLevelSchema,
  how_to_configure: z.string().optional(),
});
export type AiStatus = z.infer<typeof aiStatusSchema>;

// Conversations

export const createConversationRequestSchema = z.object({ cluster_id: idSchema.optional() });
export const createConversationResponseSchema = z.object({ id: z.string() });

export const AI_TOOL_CALL_STATUSES = [
  'done',
  'error',
  'refused',
  'pending_confirmation',
  'approved',
  'rejected',
  'expired',
] as const;

export const aiToolCallRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  summary: z.string().optional(),
  status: z.enum(AI_TOOL_CALL_STATUSES),
  confirmation_id: z.string().optional(),
});

export const aiMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  created_at: z.string(),
  tool_calls: z.array(aiToolCallRecordSchema).optional(),
});
export type AiMessage = z.infer<typeof aiMessageSchema>;

export const aiConversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  cluster_id: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const aiConversationListSchema = z.object({ items: z.array(aiConversationSummarySchema) });
export const aiConversationSchema = aiConversationSummarySchema.extend({ messages: z.array(aiMessageSchema) });
export type AiConversation = z.infer<typeof aiConversationSchema>;

const k8sNameSchema = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes name');

/** Where the user is in the UI when asking (the panel knows the current cluster, namespace and object). */
export const aiContextSchema = z.object({
  cluster_id: idSchema.optional(),
  namespace: k8sNameSchema.optional(),
  kind: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9.~-]+$/)
    .optional(),
  name: k8sNameSchema.optional(),
});

export const AI_MESSAGE_MAX_CHARS = 16_000;
export const sendAiMessageRequestSchema = z.object({
  content: z.string().trim().min(1).max(AI_MESSAGE_MAX_CHARS),
  context: aiContextSchema.optional(),
});
export type SendAiMessageRequest = z.infer<typeof sendAiMessageRequestSchema>;

/** The server-sent events of a turn: each `data: <json>` line is one of these frames. */
export const aiStreamFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('tool_call'),
    id: z.string(),
    name: z.string(),
    arguments: z.record(z.string(), z.unknown()),
  }),
  z.object({ type: z.literal('tool_result'), id: z.string(), name: z.string(), summary: z.string(), ok: z.boolean() }),
  z.object({
    type: z.literal('confirmation'),
    id: z.string(),
    tool: z.string(),
    arguments: z.record(z.string(), z.unknown()),
    summary: z.string(),
    diff: z.string().optional(),
    expires_at: z.string(),
  }),
  z.object({
    type: z.literal('done'),
    usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }).optional(),
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type AiStreamFrame = z.infer<typeof aiStreamFrameSchema>;

export const aiConfirmationRejectResponseSchema = z.object({ id: z.string(), status: z.literal('rejected') });
