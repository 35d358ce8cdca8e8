/**
 * Per-user bounds on the assistant, kept in the database so every replica counts alike: a rate limit on
 * messages per minute (`AI_RATE_LIMIT_PER_MINUTE`) and a daily token budget (`AI_DAILY_TOKEN_BUDGET`,
 * 0 = none), and the usage recorded per user and day (UTC, the database's clock).
 */
import { AppError } from '@argus/contracts';
import type { Database } from '../../db/types.js';

export interface AiUsageService {
  /** Counts one message against the caller's minute; refuses past the limit or the day's budget. */
  admit(userId: string): Promise<void>;
  /** Adds a model response's tokens to the caller's day. */
  record(userId: string, inputTokens: number, outputTokens: number): Promise<void>;
  today(userId: string): Promise<{ requests: number; input_tokens: number; output_tokens: number }>;
}

export function createAiUsageService(deps: {
  db: Database;
  ratePerMinute: number;
  dailyTokenBudget: number;
}): AiUsageService {
  const { db } = deps;
  const today = async (userId: string) => {
    const r = await db.query<{ requests: number; input_tokens: string; output_tokens: string }>(
      `SELECT requests, input_tokens::text, output_tokens::text FROM ai_usage
        WHERE user_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date`,
      [userId],
    );
    const row = r.rows[0];
    return {
      requests: row?.requests ?? 0,
      input_tokens: Number(row?.input_tokens ?? 0),
      output_tokens: Number(row?.output_tokens ?? 0),
    };
  };
  return {
    today,
    async admit(userId) {
      if (deps.dailyTokenBudget > 0) {
        const used = await today(userId);
        if (used.input_tokens + used.output_tokens >= deps.dailyTokenBudget)
          throw new AppError(
            'AI_BUDGET_EXCEEDED',
            `you used today's AI token budget (${deps.dailyTokenBudget} tokens, AI_DAILY_TOKEN_BUDGET): it renews at midnight UTC`,
          );
      }
      const r = await db.query<{ count: number }>(
        `INSERT INTO ai_rate (user_id, minute, count) VALUES ($1, date_trunc('minute', now()), 1)
         ON CONFLICT (user_id, minute) DO UPDATE SET count = ai_rate.count + 1
         RETURNING count`,
        [userId],
      );
      // old minutes are of no use: drop them now and then
      if (Math.random() < 0.05) await db.query(`DELETE FROM ai_rate WHERE minute < now() - interval '10 minutes'`);
      if ((r.rows[0]?.count ?? 0) > deps.ratePerMinute)
        throw new AppError(
          'AI_RATE_LIMITED',
          `too many messages to the assistant (at most ${deps.ratePerMinute} a minute): wait a moment`,
          { headers: { 'retry-after': '60' } },
        );
      await db.query(
        `INSERT INTO ai_usage (user_id, day, requests) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 1)
         ON CONFLICT (user_id, day) DO UPDATE SET requests = ai_usage.requests + 1`,
        [userId],
      );
    },
    async record(userId, inputTokens, outputTokens) {
      await db.query(
        `INSERT INTO ai_usage (user_id, day, input_tokens, output_tokens)
         VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, $3)
         ON CONFLICT (user_id, day) DO UPDATE SET input_tokens = ai_usage.input_tokens + $2,
                                                  output_tokens = ai_usage.output_tokens + $3`,
        [userId, Math.max(0, Math.round(inputTokens)), Math.max(0, Math.round(outputTokens))],
      );
    },
  };
}
