/**
 * `npm run ai:eval [-- --database-url postgres://…] [-- --misses]`: indexes the shipped knowledge base into a
 * fresh embedded database (PGlite with pgvector) — or into the given PostgreSQL database, migrated first — and
 * prints Recall@5 and MRR of full-text, vector and hybrid search over the labelled questions.
 */
import pino from 'pino';
import { createPgDatabase } from '../../../db/create-pg-database.js';
import { createPgliteDatabase } from '../../../db/create-pglite-database.js';
import { migrate } from '../../../db/migration.js';
import { migrations } from '../../../db/migrations/index.js';
import { evaluate, formatScores, loadEvalSet } from '../evaluation.js';
import { createRetrievalService } from '../retrieval-service.js';

const args = process.argv.slice(2);
const urlIndex = args.indexOf('--database-url');
const url = urlIndex >= 0 ? args[urlIndex + 1] : undefined;
const logger = pino({ level: 'warn' });
const db = url ? await createPgDatabase(url) : await createPgliteDatabase(undefined);
try {
  await migrate(db, migrations);
  const service = createRetrievalService({ db, logger });
  await service.syncKnowledgeBase();
  const status = await service.status();
  const questions = await loadEvalSet();
  const modes = status.vector ? (['fulltext', 'vector', 'hybrid'] as const) : (['fulltext'] as const);
  const scores = await evaluate(service, questions, modes);
  console.log(
    `database: ${db.driver}, pgvector: ${status.vector}, embedder: ${status.embedder}, documents: ${status.documents}`,
  );
  console.log(formatScores(scores, questions.length));
  if (!status.vector) console.log('vector and hybrid: unavailable without pgvector (full-text search only)');
  if (args.includes('--misses')) {
    for (const s of scores) for (const q of s.misses) console.log(`miss [${s.mode}] ${q}`);
  }
} finally {
  await db.close();
}
