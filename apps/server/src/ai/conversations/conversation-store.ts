/**
 * Conversations in `ai_conversations`: each user sees only their own. The messages column keeps the whole
 * transcript, tool results included (already redacted: what the model was given); the API shows it without
 * the tool results' text.
 */
import { type AiConversation, type AiMessage, AppError } from '@argus/contracts';
import type { Database } from '../../db/types.js';

export interface StoredToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  summary?: string;
  status: NonNullable<AiMessage['tool_calls']>[number]['status'];
  confirmation_id?: string;
  /** What the model received for this call (redacted, bounded, framed as untrusted). */
  result?: string;
}

export interface StoredMessage {
  role: 'user' | 'assistant';
  content: string;
  created_at: string;
  tool_calls?: StoredToolCall[];
  /** Where the user was when asking (the panel's cluster, namespace, object). */
  context?: { cluster_id?: string; namespace?: string; kind?: string; name?: string };
}

export interface StoredConversation {
  id: string;
  userId: string;
  clusterId: string | null;
  title: string;
  messages: StoredMessage[];
  createdAt: string;
  updatedAt: string;
}

export interface ConversationStore {
  create(userId: string, clusterId: string | null): Promise<string>;
  list(userId: string): Promise<Omit<AiConversation, 'messages'>[]>;
  /** The caller's conversation; AI_CONVERSATION_NOT_FOUND for an unknown id or someone else's. */
  get(id: string, userId: string): Promise<StoredConversation>;
  save(c: StoredConversation): Promise<void>;
}

interface Row {
  id: string;
  user_id: string;
  cluster_id: string | null;
  title: string;
  messages: StoredMessage[];
  created_at: Date | string;
  updated_at: Date | string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string) => new Date(d).toISOString();

/** The API's view of a stored message: tool results stay on the server. */
export function publicMessage(m: StoredMessage): AiMessage {
  return {
    role: m.role,
    content: m.content,
    created_at: m.created_at,
    ...(m.tool_calls?.length
      ? {
          tool_calls: m.tool_calls.map((c) => ({
            id: c.id,
            name: c.name,
            arguments: c.arguments,
            status: c.status,
            ...(c.summary !== undefined ? { summary: c.summary } : {}),
            ...(c.confirmation_id ? { confirmation_id: c.confirmation_id } : {}),
          })),
        }
      : {}),
  };
}

export function createConversationStore(db: Database): ConversationStore {
  return {
    async create(userId, clusterId) {
      const r = await db.query<{ id: string }>(
        'INSERT INTO ai_conversations (user_id, cluster_id) VALUES ($1, $2) RETURNING id::text',
        [userId, clusterId],
      );
      return r.rows[0]!.id;
    },
    async list(userId) {
      const r = await db.query<Row>(
        `SELECT id::text, cluster_id::text, title, created_at, updated_at FROM ai_conversations
          WHERE user_id = $1 ORDER BY updated_at DESC LIMIT 200`,
        [userId],
      );
      return r.rows.map((row) => ({
        id: row.id,
        title: row.title,
        cluster_id: row.cluster_id,
        created_at: iso(row.created_at),
        updated_at: iso(row.updated_at),
      }));
    },
    async get(id, userId) {
      const missing = () => new AppError('AI_CONVERSATION_NOT_FOUND', 'no such conversation');
      if (!UUID.test(id)) throw missing();
      const r = await db.query<Row>(
        `SELECT id::text, user_id::text, cluster_id::text, title, messages, created_at, updated_at
           FROM ai_conversations WHERE id = $1 AND user_id = $2`,
        [id, userId],
      );
      const row = r.rows[0];
      if (!row) throw missing();
      return {
        id: row.id,
        userId: row.user_id,
        clusterId: row.cluster_id,
        title: row.title,
        messages: row.messages,
        createdAt: iso(row.created_at),
        updatedAt: iso(row.updated_at),
      };
    },
    async save(c) {
      await db.query(
        `UPDATE ai_conversations SET messages = $3::jsonb, title = $4, updated_at = now() WHERE id = $1 AND user_id = $2`,
        // PostgreSQL cannot store NUL in jsonb text
        [c.id, c.userId, JSON.stringify(c.messages).replaceAll('\\u0000', '\\ufffd'), c.title.slice(0, 200)],
      );
    },
  };
}
