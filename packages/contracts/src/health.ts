import { z } from 'zod';

export const healthResponseSchema = z.object({ status: z.literal('ok') });

export const readinessResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.object({
      status: z.enum(['ok', 'error']),
      driver: z.enum(['postgres', 'pglite']),
      migrations: z.object({ applied: z.number(), latest: z.number() }).optional(),
      message: z.string().optional(),
    }),
    /**
     * AI retrieval: `available` (full-text and pgvector similarity), `degraded` (no pgvector: full-text search
     * only; still 200), `unavailable` (kept for clients of the first version; no longer sent).
     */
    retrieval: z.object({
      status: z.enum(['available', 'degraded', 'unavailable']),
      mode: z.enum(['hybrid', 'fulltext']).optional(),
      message: z.string().optional(),
    }),
    /** The event broker: `degraded` (Kafka unreachable) keeps 200: the notification outbox absorbs it. */
    broker: z
      .object({ status: z.enum(['ok', 'degraded']), kind: z.enum(['memory', 'kafka']), message: z.string().optional() })
      .optional(),
  }),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
