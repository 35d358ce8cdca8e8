/**
 * Confirmations a write waits on (issue 20 item 2): persisted (any replica, or a restarted one, can approve),
 * single-use (one atomic UPDATE decides; a replay finds it used), expiring (the database's clock), bound to
 * the user and to the SHA-256 of the exact arguments (canonical JSON), which is checked again when approved.
 */
import { createHash } from 'node:crypto';
import { AppError } from '@argus/contracts';
import type { Database } from '../../db/types.js';

export interface Confirmation {
  id: string;
  userId: string;
  conversationId: string;
  toolCallId: string;
  tool: string;
  arguments: Record<string, unknown>;
  summary: string;
  diff: string | null;
  expiresAt: string;
}

/** JSON with object keys sorted at every depth: the same arguments always hash alike. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export const argumentsHash = (tool: string, args: Record<string, unknown>): string =>
  createHash('sha256')
    .update(`${tool}\n${canonicalJson(args)}`)
    .digest('hex');

export interface ConfirmationStore {
  create(c: Omit<Confirmation, 'id' | 'expiresAt'>, ttlSeconds: number): Promise<Confirmation>;
  /** Marks it approved for this user, once; throws AI_CONFIRMATION_NOT_FOUND / _USED / _EXPIRED otherwise. */
  approve(id: string, userId: string): Promise<Confirmation>;
  reject(id: string, userId: string): Promise<Confirmation>;
}

interface Row {
  id: string;
  user_id: string;
  conversation_id: string;
  tool_call_id: string;
  tool: string;
  arguments: Record<string, unknown>;
  arguments_hash: string;
  summary: string;
  diff: string | null;
  expires_at: Date | string;
}

const COLUMNS = `id::text, user_id::text, conversation_id::text, tool_call_id, tool, arguments, arguments_hash, summary, diff,
  expires_at`;

const toConfirmation = (r: Row): Confirmation => ({
  id: r.id,
  userId: r.user_id,
  conversationId: r.conversation_id,
  toolCallId: r.tool_call_id,
  tool: r.tool,
  arguments: r.arguments,
  summary: r.summary,
  diff: r.diff,
  expiresAt: new Date(r.expires_at).toISOString(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createConfirmationStore(db: Database): ConfirmationStore {
  const decide = async (id: string, userId: string, status: 'approved' | 'rejected') => {
    const notFound = () => new AppError('AI_CONFIRMATION_NOT_FOUND', 'no such confirmation for you');
    if (!UUID.test(id)) throw notFound();
    const r = await db.query<Row>(
      `UPDATE ai_confirmations SET status = $3, decided_at = now()
        WHERE id = $1 AND user_id = $2 AND status = 'pending' AND expires_at > now()
        RETURNING ${COLUMNS}`,
      [id, userId, status],
    );
    const row = r.rows[0];
    if (row) {
      if (argumentsHash(row.tool, row.arguments) !== row.arguments_hash)
        throw new AppError('AI_CONFIRMATION_NOT_FOUND', 'the confirmation does not match its arguments');
      return toConfirmation(row);
    }
    // why not: someone else's (reported as unknown), used, or expired
    const why = await db.query<{ status: string; expired: boolean }>(
      'SELECT status, expires_at <= now() AS expired FROM ai_confirmations WHERE id = $1 AND user_id = $2',
      [id, userId],
    );
    const w = why.rows[0];
    if (!w) throw notFound();
    if (w.status !== 'pending') throw new AppError('AI_CONFIRMATION_USED', `this confirmation was already ${w.status}`);
    throw new AppError('AI_CONFIRMATION_EXPIRED', 'this confirmation expired: ask the assistant again');
  };
  return {
    async create(c, ttlSeconds) {
      const r = await db.query<Row>(
        `INSERT INTO ai_confirmations (user_id, conversation_id, tool_call_id, tool, arguments, arguments_hash, summary, diff,
                                       expires_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, now() + make_interval(secs => $9))
         RETURNING ${COLUMNS}`,
        [
          c.userId,
          c.conversationId,
          c.toolCallId,
          c.tool,
          JSON.stringify(c.arguments),
          argumentsHash(c.tool, c.arguments),
          c.summary,
          c.diff,
          ttlSeconds,
        ],
      );
      return toConfirmation(r.rows[0]!);
    },
    approve: (id, userId) => decide(id, userId, 'approved'),
    reject: (id, userId) => decide(id, userId, 'rejected'),
  };
}
