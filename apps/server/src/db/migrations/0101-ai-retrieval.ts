import type { Migration } from '../migration.js';
import type { Queryable } from '../types.js';

/**
 * AI retrieval (issue 20): admin-uploaded runbooks, and on `ai_embeddings` (migration 1) what hybrid search
 * needs — the title/heading of a chunk, the cluster a CRD schema chunk belongs to, which embedder made its
 * vector, and a generated full-text column with a GIN index. Where the `embedding` column is a pgvector
 * `vector` (PGlite, PostgreSQL with pgvector), an HNSW index for cosine distance over the default embedder's
 * 512 dimensions (an expression index: the column itself has no fixed size, so provider embeddings of another
 * size can be stored beside). Without pgvector, full-text search alone: no HNSW index, and /readyz says so.
 */
const sql = `
CREATE TABLE ai_runbooks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  content text NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE ai_embeddings
  ADD COLUMN title text NOT NULL DEFAULT '',
  ADD COLUMN heading text,
  ADD COLUMN cluster_id uuid REFERENCES clusters (id) ON DELETE CASCADE,
  ADD COLUMN embedder text,
  ADD COLUMN dims integer,
  ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', coalesce(heading, '')), 'A') ||
    setweight(to_tsvector('english', content), 'B')
  ) STORED;
CREATE INDEX ai_embeddings_search_idx ON ai_embeddings USING gin (search_tsv);
CREATE INDEX ai_embeddings_source_idx ON ai_embeddings (source, source_id);
CREATE INDEX ai_embeddings_cluster_idx ON ai_embeddings (cluster_id) WHERE cluster_id IS NOT NULL;

CREATE TABLE ai_knowledge_state (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;

const hnswSql = `
CREATE INDEX ai_embeddings_hnsw_512_idx ON ai_embeddings
  USING hnsw ((embedding::vector(512)) vector_cosine_ops) WHERE dims = 512;
`;

/** Whether ai_embeddings.embedding is a pgvector column (migration 1 chose it when the extension existed). */
export async function embeddingIsVector(db: Queryable): Promise<boolean> {
  const res = await db.query<{ type: string }>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
      WHERE a.attrelid = 'ai_embeddings'::regclass AND a.attname = 'embedding' AND NOT a.attisdropped`,
  );
  return res.rows[0]?.type.startsWith('vector') ?? false;
}

export const aiRetrieval: Migration = {
  version: 101,
  name: 'ai-retrieval',
  checksumSource: sql + hnswSql,
  async up(tx) {
    await tx.query(sql);
    if (await embeddingIsVector(tx)) await tx.query(hnswSql);
  },
};
