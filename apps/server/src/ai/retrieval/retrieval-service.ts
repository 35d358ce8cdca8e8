/**
 * Retrieval for the assistant: the shipped knowledge base, admin runbooks and per-cluster CRD schemas in
 * `ai_embeddings`, searched by PostgreSQL full-text search and pgvector similarity fused by reciprocal rank.
 * Without pgvector (Debian's PostgreSQL 15, say) it searches full text alone and says so in `status()`.
 * The knowledge base is (re)indexed on first use when its files or the embedder changed, once across replicas
 * (a transaction-level advisory lock and a version row).
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { embeddingIsVector } from '../../db/migrations/0101-ai-retrieval.js';
import type { Database, Queryable } from '../../db/types.js';
import { crdDocuments } from './crd-schemas.js';
import { createHashingEmbedder, type Embedder } from './embedder.js';
import { KNOWLEDGE_DIR, knowledgeChunks, knowledgeVersion, loadKnowledgeBase } from './knowledge-base.js';
import {
  type ChunkRow,
  insertChunks,
  type KnowledgeSource,
  type NewChunk,
  rankFullText,
  rankVector,
  readState,
  writeState,
} from './retrieval-store.js';
import { createRunbookStore, type RunbookStore } from './runbook-store.js';

export type { KnowledgeSource } from './retrieval-store.js';

export interface KnowledgeHit {
  source: KnowledgeSource;
  /** Knowledge-base document id, runbook id, or CRD name. */
  source_id: string;
  title: string;
  heading: string | null;
  content: string;
  cluster_id: string | null;
  /** Fused reciprocal-rank score: higher is better. */
  score: number;
}

export type SearchMode = 'hybrid' | 'fulltext' | 'vector';

export interface KnowledgeSearchOptions {
  /** 1..20, default 5. */
  limit?: number;
  /** CRD schemas of these clusters only (the clusters the caller may read); none without. */
  clusterIds?: readonly string[];
  mode?: SearchMode;
}

export interface RetrievalStatus {
  vector: boolean;
  embedder: string;
  documents: number;
}

/** A cluster's CRDs and a version that changes when they do (null: the cluster cannot be read now). */
export type CrdSource = (clusterId: string) => Promise<{ version: string; crds: unknown[] } | null>;

export interface RetrievalService {
  search(query: string, options?: KnowledgeSearchOptions): Promise<{ items: KnowledgeHit[]; mode: SearchMode }>;
  status(): Promise<RetrievalStatus>;
  /** Indexes the knowledge base now if it changed (otherwise on the first search). */
  syncKnowledgeBase(): Promise<void>;
  /** Re-reads a cluster's CRD schemas into the index when they changed. */
  refreshClusterSchemas(clusterId: string): Promise<void>;
  runbooks: RunbookStore;
}

export interface RetrievalDeps {
  db: Database;
  logger: Logger;
  embedder?: Embedder;
  knowledgeDir?: string;
  crds?: CrdSource;
  /** Provider embeddings when configured (null or absent: the built-in embedder). */
  resolveEmbedder?: () => Promise<Embedder | null>;
  /** How long a search waits for CRD schemas to refresh before answering with what is indexed (ms). */
  crdWaitMs?: number;
}

/** The constant of reciprocal rank fusion (Cormack et al.): score = Σ 1 / (k + rank). */
export const RRF_K = 60;
/** Candidates each ranking contributes to the fusion. */
const CANDIDATES = 40;
const KB_LOCK = 4_242_101;
const CRD_MIN_INTERVAL_MS = 60_000;
const EMBEDDER_TTL_MS = 30_000;

const chunkKey = (c: ChunkRow) => `${c.source}\0${c.source_id}\0${c.chunk_index}`;

/** Reciprocal rank fusion of several rankings (each best first). */
export function fuse(rankings: ReadonlyArray<readonly ChunkRow[]>, k = RRF_K): Array<ChunkRow & { score: number }> {
  const fused = new Map<string, ChunkRow & { score: number }>();
  for (const ranking of rankings) {
    ranking.forEach((row, i) => {
      const key = chunkKey(row);
      const entry = fused.get(key) ?? { ...row, score: 0 };
      entry.score += 1 / (k + i + 1);
      fused.set(key, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

export function createRetrievalService(deps: RetrievalDeps): RetrievalService {
  const { db } = deps;
  const log = deps.logger.child({ component: 'ai-retrieval' });
  const builtin = deps.embedder ?? createHashingEmbedder();
  let vectorCheck: Promise<boolean> | undefined;
  const vectorAvailable = () => {
    vectorCheck ??= embeddingIsVector(db).catch((err) => {
      vectorCheck = undefined;
      throw err;
    });
    return vectorCheck;
  };

  /** The provider's embedder when one is configured (looked up at most every 30 s), else the built-in one. */
  let chosen: { at: number; embedder: Embedder } | undefined;
  async function currentEmbedder(): Promise<Embedder> {
    if (!deps.resolveEmbedder) return builtin;
    if (chosen && Date.now() - chosen.at < EMBEDDER_TTL_MS) return chosen.embedder;
    let embedder = builtin;
    try {
      embedder = (await deps.resolveEmbedder()) ?? builtin;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'provider embeddings unavailable: built-in embedder used');
    }
    chosen = { at: Date.now(), embedder };
    return embedder;
  }
  /** A provider that fails while indexing is set aside for a while: the built-in embedder indexes instead. */
  const setAside = (embedder: Embedder, err: unknown) => {
    log.warn(
      { embedder: embedder.id, err: (err as Error).message },
      'provider embeddings failed: built-in embedder used',
    );
    chosen = { at: Date.now(), embedder: builtin };
  };

  async function toRows(
    base: Array<Omit<NewChunk, 'embedding' | 'embedder'>>,
    embedder: Embedder,
  ): Promise<NewChunk[]> {
    const vectors = (await vectorAvailable())
      ? await embedder.embed(base.map((c) => [c.title, c.heading ?? '', c.content].join('\n')))
      : base.map(() => null);
    return base.map((c, i) => ({ ...c, embedding: vectors[i] ?? null, embedder: embedder.id }));
  }

  const runbooks = createRunbookStore({
    db,
    toRows: async (base, embedder) => {
      const e = embedder ?? (await currentEmbedder());
      try {
        return await toRows(base, e);
      } catch (err) {
        if (e === builtin) throw err;
        setAside(e, err);
        return toRows(base, builtin);
      }
    },
  });

  async function syncKnowledgeBase(embedder: Embedder): Promise<void> {
    const docs = await loadKnowledgeBase(deps.knowledgeDir ?? KNOWLEDGE_DIR);
    const vector = await vectorAvailable();
    const version = knowledgeVersion(docs, `${embedder.id}:${vector}`);
    if ((await readState(db, 'kb_version')) === version) return;
    // Embedded before the transaction (a provider's network calls, and PGlite's one session).
    const rows = await toRows(
      knowledgeChunks(docs).map((c) => ({
        source: 'kb' as const,
        source_id: c.sourceId,
        chunk_index: c.chunkIndex,
        title: c.title,
        heading: c.heading,
        content: c.content,
        cluster_id: null,
      })),
      embedder,
    );
    const stale = await runbooks.staleRows(embedder);
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [KB_LOCK]);
      if ((await readState(tx, 'kb_version')) === version) return;
      await tx.query(`DELETE FROM ai_embeddings WHERE source = 'kb'`);
      await insertChunks(tx, rows);
      await runbooks.replaceRows(tx, stale);
      await writeState(tx, 'kb_version', version);
    });
    log.info({ documents: docs.length, chunks: rows.length, embedder: embedder.id, vector }, 'knowledge base indexed');
  }

  /** Indexed when the embedder in use changes (the version row makes it a no-op when another replica did it). */
  let kbReady: { id: string; promise: Promise<void> } | undefined;
  async function ensureKnowledgeBase(): Promise<Embedder> {
    const embedder = await currentEmbedder();
    if (kbReady?.id !== embedder.id) {
      const promise = syncKnowledgeBase(embedder).catch((err) => {
        if (kbReady?.promise === promise) kbReady = undefined;
        throw err;
      });
      kbReady = { id: embedder.id, promise };
    }
    try {
      await kbReady.promise;
      return embedder;
    } catch (err) {
      if (embedder === builtin) throw err;
      setAside(embedder, err);
      return ensureKnowledgeBase();
    }
  }

  const crdChecks = new Map<string, { at: number; running?: Promise<void> }>();
  async function refreshClusterSchemas(clusterId: string, given?: Embedder): Promise<void> {
    if (!deps.crds) return;
    const embedder = given ?? (await currentEmbedder());
    const snapshot = await deps.crds(clusterId);
    if (!snapshot) return;
    const docs = crdDocuments(snapshot.crds);
    const version = createHash('sha256').update(`${embedder.id}\0${snapshot.version}`).digest('hex');
    const key = `crd:${clusterId}`;
    if ((await readState(db, key)) === version) return;
    const rows = await toRows(
      docs.flatMap((d) =>
        d.chunks.map((c, i) => ({
          source: 'crd' as const,
          source_id: `${clusterId}/${d.name}`,
          chunk_index: i,
          title: d.title,
          heading: c.heading,
          content: c.content,
          cluster_id: clusterId,
        })),
      ),
      embedder,
    );
    await db.transaction(async (tx: Queryable) => {
      await tx.query(`DELETE FROM ai_embeddings WHERE source = 'crd' AND cluster_id = $1`, [clusterId]);
      await insertChunks(tx, rows);
      await writeState(tx, key, version);
    });
    log.info({ clusterId, crds: docs.length, chunks: rows.length }, 'cluster schemas indexed');
  }

  /** Refreshes at most once a minute per cluster; concurrent searches share one refresh. */
  function refreshSoon(clusterId: string, embedder: Embedder): Promise<void> {
    const state = crdChecks.get(clusterId);
    if (state?.running) return state.running;
    if (state && Date.now() - state.at < CRD_MIN_INTERVAL_MS) return Promise.resolve();
    const running = refreshClusterSchemas(clusterId, embedder)
      .catch((err) => log.warn({ clusterId, err: (err as Error).message }, 'cluster schemas not indexed'))
      .finally(() => crdChecks.set(clusterId, { at: Date.now() }));
    crdChecks.set(clusterId, { at: Date.now(), running });
    return running;
  }

  async function waitForSchemas(clusterIds: readonly string[], embedder: Embedder): Promise<void> {
    if (!deps.crds || clusterIds.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deps.crdWaitMs ?? 3000);
    });
    await Promise.race([Promise.allSettled(clusterIds.map((id) => refreshSoon(id, embedder))), timeout]);
    clearTimeout(timer);
  }

  return {
    runbooks,
    syncKnowledgeBase: async () => {
      await ensureKnowledgeBase();
    },
    refreshClusterSchemas: (clusterId) => refreshClusterSchemas(clusterId),
    async status() {
      const vector = await vectorAvailable();
      const embedder = await currentEmbedder();
      const res = await db.query<{ n: number }>(
        `SELECT count(DISTINCT (source, source_id))::int AS n FROM ai_embeddings WHERE source IN ('kb', 'runbook')`,
      );
      return { vector, embedder: embedder.id, documents: res.rows[0]?.n ?? 0 };
    },
    async search(query, options = {}) {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 5), 1), 20);
      const clusterIds = [...new Set(options.clusterIds ?? [])].slice(0, 20);
      const embedder = await ensureKnowledgeBase();
      await waitForSchemas(clusterIds, embedder);
      const vector = await vectorAvailable();
      const mode: SearchMode = vector ? (options.mode ?? 'hybrid') : 'fulltext';
      const filter = { clusterIds, limit: CANDIDATES };
      const text = query.slice(0, 2000);
      const rankings: ChunkRow[][] = [];
      if (mode !== 'vector') rankings.push(await rankFullText(db, text, filter));
      if (mode !== 'fulltext') {
        try {
          const [embedding] = await embedder.embed([text]);
          if (embedding) rankings.push(await rankVector(db, embedding, embedder.id, filter));
        } catch (err) {
          // A provider that fails now: this answer ranks by full text alone.
          log.warn({ embedder: embedder.id, err: (err as Error).message }, 'question not embedded');
          if (mode === 'vector') rankings.push(await rankFullText(db, text, filter));
        }
      }
      const items = fuse(rankings)
        .slice(0, limit)
        .map((r) => ({
          ...r,
          source_id: r.source === 'crd' ? r.source_id.slice(r.source_id.indexOf('/') + 1) : r.source_id,
          score: Math.round(r.score * 1e6) / 1e6,
        }));
      return { items, mode };
    },
  };
}
