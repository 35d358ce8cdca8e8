import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { type EvalQuestion, evaluate, loadEvalSet } from './evaluation.js';
import { loadKnowledgeBase } from './knowledge-base.js';
import { createRetrievalService } from './retrieval-service.js';

/**
 * The labelled evaluation (`npm run ai:eval` prints the numbers) on PGlite with pgvector. Floors are the
 * measured values (docs/ai.md: full text 0.972/0.958, vector 0.965/0.930, hybrid 0.979/0.942 Recall@5/MRR)
 * minus a margin: a change to the knowledge base, the embedder or the fusion that makes retrieval clearly worse
 * fails here.
 */
describe('retrieval evaluation (PGlite + pgvector)', () => {
  let t: TestDatabase;
  let questions: EvalQuestion[];
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    questions = await loadEvalSet();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('has at least 50 labelled questions, each naming documents that exist', async () => {
    const ids = new Set((await loadKnowledgeBase()).map((d) => d.id));
    expect(questions.length).toBeGreaterThanOrEqual(50);
    for (const q of questions) {
      expect(q.relevant.length, q.q).toBeGreaterThan(0);
      for (const id of q.relevant) expect(ids, `${q.q} → ${id}`).toContain(id);
    }
  });

  it('keeps Recall@5 and MRR of full-text, vector and hybrid search above their floors', async () => {
    const service = createRetrievalService({ db: t.db, logger: pino({ level: 'silent' }) });
    const scores = Object.fromEntries((await evaluate(service, questions)).map((s) => [s.mode, s]));
    expect(scores.fulltext?.recallAt5).toBeGreaterThan(0.9);
    expect(scores.vector?.recallAt5).toBeGreaterThan(0.88);
    expect(scores.hybrid?.recallAt5).toBeGreaterThan(0.92);
    expect(scores.hybrid?.mrr).toBeGreaterThan(0.85);
    expect(scores.vector?.mrr).toBeGreaterThan(0.8);
  });
});
