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
    retrieval: z.object({ status: z.enum(['available', 'unavailable']), message: z.string().optional() }),
  }),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
