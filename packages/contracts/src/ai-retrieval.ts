import { z } from 'zod';

/**
 * AI retrieval (issue 20): admin-uploaded runbooks at `/api/ai/runbooks` and knowledge search at
 * `/api/ai/knowledge/search` (the shipped knowledge base, runbooks, and the CRD schemas of clusters the caller
 * may read).
 */

/** Largest runbook accepted (Markdown text). */
export const MAX_RUNBOOK_CHARS = 262_144;

export const createRunbookRequestSchema = z.object({
  title: z.string().trim().min(1).max(200),
  content: z.string().min(1).max(MAX_RUNBOOK_CHARS),
});
export type CreateRunbookRequest = z.infer<typeof createRunbookRequestSchema>;

export const runbookSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Characters of Markdown stored (after credentials were redacted). */
  size: z.number().int().nonnegative(),
  /** Sections indexed (chunks split at headings). */
  chunks: z.number().int().nonnegative(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Runbook = z.infer<typeof runbookSchema>;
export const runbookListSchema = z.object({ items: z.array(runbookSchema) });

export const KNOWLEDGE_SOURCES = ['kb', 'runbook', 'crd'] as const;

export const knowledgeSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(2000),
  limit: z.coerce.number().int().min(1).max(20).default(5),
  mode: z.enum(['hybrid', 'fulltext', 'vector']).default('hybrid'),
});

export const knowledgeHitSchema = z.object({
  source: z.enum(KNOWLEDGE_SOURCES),
  source_id: z.string(),
  title: z.string(),
  heading: z.string().nullable(),
  content: z.string(),
  cluster_id: z.string().nullable(),
  score: z.number(),
});
export type KnowledgeHitView = z.infer<typeof knowledgeHitSchema>;

export const knowledgeSearchResponseSchema = z.object({
  items: z.array(knowledgeHitSchema),
  /** `fulltext` when the database has no pgvector (or it was asked for). */
  mode: z.enum(['hybrid', 'fulltext', 'vector']),
});
