/**
 * The SQL of retrieval over `ai_embeddings` (migrations 1 and 101): writing chunks with their vectors, and the
 * two rankings hybrid search fuses — PostgreSQL full-text search (any of the query's words, ranked by
 * ts_rank over the title/heading-weighted tsvector) and pgvector cosine distance (the HNSW index for the
 * default embedder's size).
 */
import type { Queryable } from '../../db/types.js';
import { toVectorLiteral } from './embedder.js';

export type KnowledgeSource = 'kb' | 'runbook' | 'crd';

export interface ChunkRow {
  source: KnowledgeSource;
  source_id: string;
  chunk_index: number;
  title: string;
  heading: string | null;
  content: string;
  cluster_id: string | null;
}

export interface NewChunk extends ChunkRow {
  embedding: number[] | null;
  embedder: string | null;
}

export interface RankFilter {
  /** CRD chunks of these clusters only; kb and runbooks always. */
  clusterIds: readonly string[];
  limit: number;
}

const COLUMNS = 'source, source_id, chunk_index, title, heading, content, cluster_id::text AS cluster_id';
const SCOPE = '(cluster_id IS NULL OR cluster_id = ANY($2::uuid[]))';

export async function insertChunks(db: Queryable, chunks: readonly NewChunk[]): Promise<void> {
  for (const c of chunks) {
    await db.query(
      `INSERT INTO ai_embeddings (source, source_id, chunk_index, title, heading, content, cluster_id, embedder, dims, embedding)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        c.source,
        c.source_id,
        c.chunk_index,
        c.title,
        c.heading,
        c.content,
        c.cluster_id,
        c.embedding ? c.embedder : null,
        c.embedding ? c.embedding.length : null,
        c.embedding ? toVectorLiteral(c.embedding) : null,
      ],
    );
  }
}

/** Full-text ranking: chunks containing any of the query's (stemmed, stop-word-free) words. */
export async function rankFullText(db: Queryable, query: string, filter: RankFilter): Promise<ChunkRow[]> {
  const res = await db.query<ChunkRow>(
    `WITH q AS (SELECT replace(plainto_tsquery('english', $1)::text, ' & ', ' | ') AS text)
     SELECT ${COLUMNS} FROM ai_embeddings, q
      WHERE q.text <> '' AND search_tsv @@ q.text::tsquery AND ${SCOPE}
      ORDER BY ts_rank(search_tsv, q.text::tsquery) DESC, source, source_id, chunk_index
      LIMIT $3`,
    [query, filter.clusterIds, filter.limit],
  );
  return res.rows;
}

/** Vector ranking: nearest chunks by cosine distance among those embedded by the same embedder. */
export async function rankVector(
  db: Queryable,
  vector: readonly number[],
  embedderId: string,
  filter: RankFilter,
): Promise<ChunkRow[]> {
  const dims = Math.trunc(vector.length);
  // The HNSW index of migration 101 is an expression index over vector(512) for rows with dims = 512.
  const column = `embedding::vector(${dims})`;
  const res = await db.query<ChunkRow>(
    `SELECT ${COLUMNS} FROM ai_embeddings
      WHERE dims = ${dims} AND embedder = $3 AND ${SCOPE}
      ORDER BY ${column} <=> $1::vector(${dims}), source, source_id, chunk_index
      LIMIT $4`,
    [toVectorLiteral(vector), filter.clusterIds, embedderId, filter.limit],
  );
  return res.rows;
}

export async function readState(db: Queryable, key: string): Promise<string | null> {
  const res = await db.query<{ value: string }>('SELECT value FROM ai_knowledge_state WHERE key = $1', [key]);
  return res.rows[0]?.value ?? null;
}

export async function writeState(db: Queryable, key: string, value: string): Promise<void> {
  await db.query(
    `INSERT INTO ai_knowledge_state (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, value],
  );
}
