/**
 * The retrieval evaluation: the labelled questions in `eval/questions.json` (written before the ranking was
 * tuned) searched in each mode; per mode Recall@5 (the share of a question's relevant documents among the first
 * five distinct documents, averaged) and MRR (the reciprocal rank of the first relevant document, 0 when none
 * of the first ten is, averaged).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RetrievalService, SearchMode } from './retrieval-service.js';

export interface EvalQuestion {
  q: string;
  relevant: string[];
}

export interface ModeScores {
  mode: SearchMode;
  recallAt5: number;
  mrr: number;
  /** Questions with no relevant document in the first five. */
  misses: string[];
}

export const EVAL_SET = fileURLToPath(new URL('./eval/questions.json', import.meta.url));

export async function loadEvalSet(path = EVAL_SET): Promise<EvalQuestion[]> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as { questions: EvalQuestion[] };
  return parsed.questions;
}

/** Distinct knowledge-base document ids in rank order. */
function rankedDocs(items: ReadonlyArray<{ source: string; source_id: string }>): string[] {
  const out: string[] = [];
  for (const item of items) if (item.source === 'kb' && !out.includes(item.source_id)) out.push(item.source_id);
  return out;
}

export async function evaluate(
  service: RetrievalService,
  questions: readonly EvalQuestion[],
  modes: readonly SearchMode[] = ['fulltext', 'vector', 'hybrid'],
): Promise<ModeScores[]> {
  const scores: ModeScores[] = [];
  for (const mode of modes) {
    let recall = 0;
    let rr = 0;
    const misses: string[] = [];
    for (const question of questions) {
      const { items } = await service.search(question.q, { mode, limit: 20 });
      const docs = rankedDocs(items);
      const top5 = docs.slice(0, 5);
      const found = question.relevant.filter((d) => top5.includes(d)).length;
      recall += found / question.relevant.length;
      if (found === 0) misses.push(question.q);
      const first = docs.slice(0, 10).findIndex((d) => question.relevant.includes(d));
      rr += first === -1 ? 0 : 1 / (first + 1);
    }
    const n = questions.length || 1;
    scores.push({ mode, recallAt5: recall / n, mrr: rr / n, misses });
  }
  return scores;
}

export function formatScores(scores: readonly ModeScores[], questions: number): string {
  const lines = [`Retrieval evaluation: ${questions} questions`, 'mode       Recall@5   MRR'];
  for (const s of scores)
    lines.push(`${s.mode.padEnd(10)} ${s.recallAt5.toFixed(3).padStart(8)}   ${s.mrr.toFixed(3)}`);
  return lines.join('\n');
}
