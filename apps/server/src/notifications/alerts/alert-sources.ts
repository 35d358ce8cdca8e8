/**
 * Alertmanager webhook sources: each has its own bearer token (shown once, stored as SHA-256), so one
 * Prometheus setup can be cut off without touching the others.
 */
import { timingSafeEqual } from 'node:crypto';
import { type AlertSource, AppError } from '@argus/contracts';
import { hashSecret, newSecret } from '../../auth/secret-tokens.js';
import type { Queryable } from '../../db/types.js';

export const ALERT_SOURCE_TOKEN_PREFIX = 'argusam_';

export interface AlertSourceStore {
  list(): Promise<AlertSource[]>;
  create(name: string, createdBy: string | null): Promise<AlertSource & { token: string }>;
  remove(id: string): Promise<void>;
  /** The source a bearer token belongs to (and marks it used), or undefined. */
  authenticate(token: string): Promise<{ id: string; name: string } | undefined>;
}

const COLUMNS = `id::text, name, token_prefix, created_at, last_used_at`;
interface Row {
  id: string;
  name: string;
  token_prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
}
const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());
const toSource = (r: Row): AlertSource => ({
  id: r.id,
  name: r.name,
  token_prefix: r.token_prefix,
  created_at: iso(r.created_at),
  last_used_at: r.last_used_at ? iso(r.last_used_at) : null,
});

export function createAlertSourceStore(db: Queryable): AlertSourceStore {
  return {
    async list() {
      const res = await db.query<Row>(`SELECT ${COLUMNS} FROM alert_sources ORDER BY lower(name)`);
      return res.rows.map(toSource);
    },
    async create(name, createdBy) {
      const token = newSecret(ALERT_SOURCE_TOKEN_PREFIX);
      try {
        const res = await db.query<Row>(
          `INSERT INTO alert_sources (name, token_hash, token_prefix, created_by) VALUES ($1, $2, $3, $4)
           RETURNING ${COLUMNS}`,
          [name, hashSecret(token), token.slice(0, ALERT_SOURCE_TOKEN_PREFIX.length + 6), createdBy],
        );
        return { ...toSource(res.rows[0]!), token };
      } catch (err) {
        if ((err as { code?: string }).code === '23505')
          throw new AppError('ALREADY_EXISTS', `An alert source named "${name}" exists already`, { cause: err });
        throw err;
      }
    },
    async remove(id) {
      const res = await db.query('DELETE FROM alert_sources WHERE id = $1', [id]);
      if (res.rowCount === 0) throw new AppError('NOT_FOUND', 'No such alert source');
    },
    async authenticate(token) {
      if (!token.startsWith(ALERT_SOURCE_TOKEN_PREFIX) || token.length > 200) return undefined;
      const hash = hashSecret(token);
      const res = await db.query<{ id: string; name: string; token_hash: string }>(
        `UPDATE alert_sources SET last_used_at = now() WHERE token_hash = $1 RETURNING id::text, name, token_hash`,
        [hash],
      );
      const row = res.rows[0];
      // The lookup is by hash; compare again in constant time for good measure.
      if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return undefined;
      return { id: row.id, name: row.name };
    },
  };
}
