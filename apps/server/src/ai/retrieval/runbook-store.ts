/**
 * Admin-uploaded runbooks: Markdown, credentials redacted on the way in, chunked by heading into
 * `ai_embeddings` (source `runbook`, source_id = the runbook's id) in the same transaction as the row.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@argus/contracts';
import type { Database, Queryable } from '../../db/types.js';
import { chunkMarkdown } from './chunker.js';
import type { Embedder } from './embedder.js';
import { redactText } from './redact-text.js';
import { insertChunks, type NewChunk } from './retrieval-store.js';

export interface Runbook {
  id: string;
  title: string;
  size: number;
  chunks: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RunbookStore {
  list(): Promise<Runbook[]>;
  create(input: { title: string; content: string }, userId: string | null): Promise<Runbook>;
  remove(id: string): Promise<void>;
  /** Runbooks embedded by another embedder, embedded again with this one (outside any transaction). */
  staleRows(embedder: Embedder): Promise<{ ids: string[]; rows: NewChunk[] }>;
  /** Replaces those runbooks' chunks (inside the knowledge base's reindex transaction). */
  replaceRows(tx: Queryable, stale: { ids: string[]; rows: NewChunk[] }): Promise<void>;
}

/** Most runbooks kept; more is refused with a clear message rather than silently growing the index. */
export const MAX_RUNBOOKS = 1000;

type ToRows = (base: Array<Omit<NewChunk, 'embedding' | 'embedder'>>, embedder?: Embedder) => Promise<NewChunk[]>;

const SELECT = `SELECT r.id::text AS id, r.title, length(r.content)::int AS size, r.created_by::text AS created_by,
  r.created_at, r.updated_at,
  (SELECT count(*)::int FROM ai_embeddings e WHERE e.source = 'runbook' AND e.source_id = r.id::text) AS chunks
  FROM ai_runbooks r`;

interface Row {
  id: string;
  title: string;
  size: number;
  chunks: number;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (v: Date | string) => new Date(v).toISOString();
const view = (r: Row): Runbook => ({ ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at) });

function chunksOf(id: string, title: string, content: string) {
  return chunkMarkdown(content).map((c, i) => ({
    source: 'runbook' as const,
    source_id: id,
    chunk_index: i,
    title,
    heading: c.heading === title ? null : c.heading,
    content: c.content,
    cluster_id: null,
  }));
}

export function createRunbookStore(deps: { db: Database; toRows: ToRows }): RunbookStore {
  const { db } = deps;
  return {
    async list() {
      const res = await db.query<Row>(`${SELECT} ORDER BY r.title, r.created_at`);
      return res.rows.map(view);
    },
    async create(input, userId) {
      const title = redactText(input.title.trim());
      const content = redactText(input.content);
      const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ai_runbooks');
      if ((count.rows[0]?.n ?? 0) >= MAX_RUNBOOKS) {
        throw new AppError('CONFLICT', `At most ${MAX_RUNBOOKS} runbooks can be stored: delete one first`);
      }
      // Embedded before the transaction: PGlite is one session, nothing else may query inside it.
      const id = randomUUID();
      const rows = await deps.toRows(chunksOf(id, title, content));
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO ai_runbooks (id, title, content, created_by) VALUES ($1, $2, $3, $4)', [
          id,
          title,
          content,
          userId,
        ]);
        await insertChunks(tx, rows);
      });
      const res = await db.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
      return view(res.rows[0] as Row);
    },
    async remove(id) {
      const removed = await db.transaction(async (tx) => {
        const res = await tx.query('DELETE FROM ai_runbooks WHERE id = $1', [id]);
        await tx.query(`DELETE FROM ai_embeddings WHERE source = 'runbook' AND source_id = $1`, [id]);
        return res.rowCount;
      });
      if (removed === 0) throw new AppError('NOT_FOUND', `Runbook "${id}" not found`);
    },
    async staleRows(embedder) {
      const stale = await db.query<{ id: string; title: string; content: string }>(
        `SELECT id::text AS id, title, content FROM ai_runbooks r WHERE EXISTS (
           SELECT 1 FROM ai_embeddings e WHERE e.source = 'runbook' AND e.source_id = r.id::text
              AND e.embedder IS DISTINCT FROM $1)`,
        [embedder.id],
      );
      const rows: NewChunk[] = [];
      for (const r of stale.rows) rows.push(...(await deps.toRows(chunksOf(r.id, r.title, r.content), embedder)));
      return { ids: stale.rows.map((r) => r.id), rows };
    },
    async replaceRows(tx, stale) {
      for (const id of stale.ids) {
        await tx.query(`DELETE FROM ai_embeddings WHERE source = 'runbook' AND source_id = $1`, [id]);
      }
      await insertChunks(tx, stale.rows);
    },
  };
}
