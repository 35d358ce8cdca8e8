/**
 * The caller's in-app notifications and notification preferences (issue 19; DESIGN.md "Contract for the
 * second wave"). Every route is the caller's own: nobody reads or marks another user's notifications.
 * Channels (admin) are in notification-channels routes.
 */
import {
  AppError,
  emptyBodySchema,
  idParamsSchema,
  notificationListQuerySchema,
  notificationListResponseSchema,
  notificationPreferencesSchema,
  notificationReadAllResponseSchema,
  notificationReadResponseSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/types.js';
import { NOTIFICATION_COLUMNS, type NotificationRow, toNotification } from '../../notifications/pipeline/fan-out.js';
import { createPreferencesStore } from '../../notifications/pipeline/preferences.js';
import { principalOf } from './auth.js';

interface Cursor {
  us: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.us}|${c.id}`).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  const [us, id] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  if (!us || !id || !/^\d{1,20}$/.test(us) || !/^[0-9a-f-]{36}$/i.test(id))
    throw new AppError('INVALID_CONTINUE', 'The cursor is not one this server gave out');
  return { us, id };
}

export async function notificationRoutes(fastify: FastifyInstance, deps: { db: Database }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const preferences = createPreferencesStore(db);

  const unreadOf = async (userId: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
        [userId],
      )
    ).rows[0]?.n ?? 0;

  app.get(
    '/api/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: "The caller's notifications, newest first (unread count of all of them included)",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListResponseSchema },
      },
    },
    async (request) => {
      const userId = principalOf(request).userId;
      const q = request.query;
      const where = ['user_id = $1'];
      const params: unknown[] = [userId];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (q.unread) where.push('read_at IS NULL');
      if (q.severity) add('severity = ?', q.severity);
      if (q.type) add('type = ?', q.type);
      if (q.cluster_id) add('cluster_id = ?::uuid', q.cluster_id);
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        params.push(c.us, c.id);
        where.push(
          `(created_at, id) < (to_timestamp($${params.length - 1}::bigint / 1000000.0), $${params.length}::uuid)`,
        );
      }
      params.push(q.limit + 1);
      const res = await db.query<NotificationRow & { us: string }>(
        `SELECT ${NOTIFICATION_COLUMNS}, (extract(epoch FROM created_at) * 1000000)::bigint::text AS us
           FROM notifications WHERE ${where.join(' AND ')}
          ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      const rows = res.rows.slice(0, q.limit);
      const last = rows.at(-1);
      return {
        items: rows.map(toNotification),
        unread: await unreadOf(userId),
        ...(res.rows.length > q.limit && last ? { next_cursor: encodeCursor({ us: last.us, id: last.id }) } : {}),
      };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: 'Mark one of the caller’s notifications read',
        params: idParamsSchema,
        body: emptyBodySchema,
        response: { 200: notificationReadResponseSchema },
      },
    },
    async (request) => {
      const res = await db.query<{ id: string; read_at: Date }>(
        `UPDATE notifications SET read_at = coalesce(read_at, now())
          WHERE id = $1 AND user_id = $2 RETURNING id::text AS id, read_at`,
        [request.params.id, principalOf(request).userId],
      );
      const row = res.rows[0];
      if (!row) throw new AppError('NOT_FOUND', 'No such notification');
      return { id: row.id, read_at: new Date(row.read_at).toISOString() };
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: 'Mark all the caller’s notifications read',
        body: emptyBodySchema,
        response: { 200: notificationReadAllResponseSchema },
      },
    },
    async (request) => {
      const userId = principalOf(request).userId;
      const res = await db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [
        userId,
      ]);
      return { marked: res.rowCount, unread: await unreadOf(userId) };
    },
  );

  app.get(
    '/api/notifications/preferences',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: "The caller's notification preferences (the defaults until set)",
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => preferences.get(principalOf(request).userId),
  );

  app.put(
    '/api/notifications/preferences',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: "Replace the caller's notification preferences",
        body: notificationPreferencesSchema,
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => preferences.put(principalOf(request).userId, request.body),
  );
}
