import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreateChannelRequest,
  type NotificationChannel,
  type UpdateChannelRequest,
} from '@argus/contracts';
import { isUniqueViolation } from '../../auth/db-errors.js';
import type { Database, Queryable } from '../../db/types.js';
import { type SecretBox, SecretBoxError } from '../../secrets/secret-box.js';
import type { ChannelType } from '../types.js';
import { type AnyChannelConfig, mergeConfig, publicConfig } from './channel-config.js';

/**
 * Channels in `notification_channels`, their config encrypted as one JSON document with the SecretBox (the
 * channel id is the additional data: a ciphertext copied to another row does not open). Answers carry the
 * public config only; `getForDelivery` is the one way to the decrypted config (the pipeline's senders).
 */

export interface DeliverableChannel {
  id: string;
  name: string;
  type: ChannelType;
  enabled: boolean;
  disabled_reason: string | null;
  /** Decrypted: never log or return it. */
  config: AnyChannelConfig;
}

export interface ChannelStore {
  list(): Promise<NotificationChannel[]>;
  get(id: string): Promise<NotificationChannel>;
  create(input: CreateChannelRequest, createdBy: string | null): Promise<NotificationChannel>;
  update(id: string, input: UpdateChannelRequest): Promise<NotificationChannel>;
  remove(id: string): Promise<void>;
  /** The channel with its decrypted config, or null when it does not exist. */
  getForDelivery(id: string): Promise<DeliverableChannel | null>;
  /** Switched off by the server after a permanent failure; the reason is shown to admins. */
  disable(id: string, reason: string): Promise<void>;
  enable(id: string): Promise<void>;
  /** The time of the latest failed delivery (retry or permanent). */
  recordFailure(id: string): Promise<void>;
}

interface Row {
  id: string;
  name: string;
  type: ChannelType;
  config_encrypted: string;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id::text, name, type, config_encrypted, enabled, disabled_reason, disabled_at, created_at, updated_at';
const iso = (v: Date | string) => new Date(v).toISOString();
const context = (id: string) => `notification_channel:${id}`;
const MAX_REASON = 1000;
const UNREADABLE = 'the stored config cannot be decrypted with ENCRYPTION_KEY';
/** What an answer shows of a channel whose config no longer opens. */
const EMPTY_CONFIG: Record<ChannelType, AnyChannelConfig> = {
  smtp: { host: '', port: 0, secure: false, from: '' },
  slack: { url: '' },
  teams: { url: '' },
  telegram: { bot_token: '', chat_id: '' },
  webhook: { url: '' },
};
/** Secrets a channel cannot work without (a PUT must bring them when the stored ones cannot be read). */
const REQUIRED_SECRETS: Record<ChannelType, readonly string[]> = {
  smtp: [],
  slack: ['url'],
  teams: ['url'],
  telegram: ['bot_token'],
  webhook: ['url'],
};

export function createChannelStore(deps: { db: Database; secrets: SecretBox }): ChannelStore {
  const { db, secrets } = deps;

  const open = (row: Row) => JSON.parse(secrets.open(row.config_encrypted, context(row.id))) as AnyChannelConfig;
  const seal = (id: string, config: AnyChannelConfig) => secrets.seal(JSON.stringify(config), context(id));

  /** The stored config, or undefined when it no longer opens (ENCRYPTION_KEY lost the key that sealed it). */
  function tryOpen(row: Row): AnyChannelConfig | undefined {
    try {
      return open(row);
    } catch (err) {
      if (err instanceof SecretBoxError) return undefined;
      throw err;
    }
  }

  function toChannel(row: Row): NotificationChannel {
    const config = tryOpen(row);
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      config: publicConfig(row.type, config ?? EMPTY_CONFIG[row.type]),
      enabled: config ? row.enabled : false,
      disabled_reason: config ? row.disabled_reason : UNREADABLE,
      disabled_at: row.disabled_at ? iso(row.disabled_at) : null,
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
    } as NotificationChannel;
  }

  async function row(q: Queryable, id: string, lock = false): Promise<Row | undefined> {
    const res = await q.query<Row>(
      `SELECT ${COLUMNS} FROM notification_channels WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return res.rows[0];
  }

  const nameTaken = (name: string, cause: unknown) =>
    new AppError('ALREADY_EXISTS', `A channel named "${name}" exists already`, { cause });

  return {
    async list() {
      const res = await db.query<Row>(`SELECT ${COLUMNS} FROM notification_channels ORDER BY lower(name)`);
      return res.rows.map(toChannel);
    },

    async get(id) {
      const found = await row(db, id);
      if (!found) throw new AppError('NOT_FOUND', 'Channel not found');
      return toChannel(found);
    },

    async create(input, createdBy) {
      const id = randomUUID();
      const config = mergeConfig(input.type, undefined, input.config as Record<string, unknown>);
      try {
        const res = await db.query<Row>(
          `INSERT INTO notification_channels (id, name, type, config_encrypted, enabled, created_by)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
          [id, input.name, input.type, seal(id, config), input.enabled ?? true, createdBy],
        );
        return toChannel(res.rows[0] as Row);
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(input.name, err);
        throw err;
      }
    },

    async update(id, input) {
      try {
        return await db.transaction(async (tx) => {
          const current = await row(tx, id, true);
          if (!current) throw new AppError('NOT_FOUND', 'Channel not found');
          if (current.type !== input.type)
            throw new AppError(
              'CONFLICT',
              `The channel is of type ${current.type}; create a new channel for ${input.type}`,
            );
          const stored = tryOpen(current);
          const config = mergeConfig(input.type, stored, input.config as Record<string, unknown>);
          const missing = REQUIRED_SECRETS[input.type].filter(
            (f) => !(config as unknown as Record<string, unknown>)[f],
          );
          if (!stored && missing.length)
            throw new AppError('VALIDATION_FAILED', `${UNREADABLE}: enter ${missing.join(', ')} again`, {
              details: missing.map((f) => ({
                path: ['config', f],
                message: 'required: the stored value cannot be read',
              })),
            });
          const enabled = input.enabled ?? current.enabled;
          const res = await tx.query<Row>(
            `UPDATE notification_channels SET name = $2, config_encrypted = $3, enabled = $4,
               disabled_reason = CASE WHEN $4 THEN NULL ELSE disabled_reason END,
               disabled_at = CASE WHEN $4 THEN NULL ELSE disabled_at END,
               updated_at = now()
             WHERE id = $1 RETURNING ${COLUMNS}`,
            [id, input.name, seal(id, config), enabled],
          );
          return toChannel(res.rows[0] as Row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(input.name, err);
        throw err;
      }
    },

    async remove(id) {
      const res = await db.query('DELETE FROM notification_channels WHERE id = $1', [id]);
      if (res.rowCount === 0) throw new AppError('NOT_FOUND', 'Channel not found');
    },

    async getForDelivery(id) {
      const found = await row(db, id);
      if (!found) return null;
      const config = tryOpen(found);
      return {
        id: found.id,
        name: found.name,
        type: found.type,
        enabled: config ? found.enabled : false,
        disabled_reason: config ? found.disabled_reason : UNREADABLE,
        config: config ?? EMPTY_CONFIG[found.type],
      };
    },

    async disable(id, reason) {
      await db.query(
        `UPDATE notification_channels SET enabled = false, disabled_reason = $2, disabled_at = now(),
           last_error_at = now(), updated_at = now() WHERE id = $1`,
        [id, reason.slice(0, MAX_REASON)],
      );
    },

    async enable(id) {
      await db.query(
        `UPDATE notification_channels SET enabled = true, disabled_reason = NULL, disabled_at = NULL, updated_at = now()
         WHERE id = $1`,
        [id],
      );
    },

    async recordFailure(id) {
      await db.query('UPDATE notification_channels SET last_error_at = now() WHERE id = $1', [id]);
    },
  };
}
