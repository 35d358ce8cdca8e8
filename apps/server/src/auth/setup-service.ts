import { AppError, type SetupInitRequest, type SetupInitResponse } from '@argus/contracts';
import type { Database } from '../db/types.js';
import type { AuthService } from './auth-service.js';
import type { PasswordHasher } from './passwords.js';
import type { ClientMeta } from './sessions.js';
import { findUserView } from './user-views.js';

export interface SetupService {
  /** Whether the first admin exists. Once true it is cached: setup is never undone. */
  isCompleted(): Promise<boolean>;
  /**
   * Creates the first admin. Atomic across callers and replicas: the `setup` settings row is claimed with
   * INSERT … ON CONFLICT DO NOTHING in the same transaction that creates the user, so of two concurrent
   * calls exactly one commits and the other gets 409 SETUP_COMPLETED.
   */
  init(input: SetupInitRequest, meta: ClientMeta): Promise<SetupInitResponse>;
}

export function createSetupService(db: Database, hasher: PasswordHasher, auth: AuthService): SetupService {
  let completed = false;

  const alreadyDone = () => new AppError('SETUP_COMPLETED', 'Setup has already been completed');

  return {
    async isCompleted() {
      if (completed) return true;
      const res = await db.query("SELECT 1 FROM settings WHERE key = 'setup'");
      completed = res.rows.length > 0;
      return completed;
    },

    async init(input, meta) {
      if (completed) throw alreadyDone();
      const passwordHash = await hasher.hash(input.password);
      const created = await db.transaction(async (tx) => {
        const claimed = await tx.query(
          `INSERT INTO settings (key, value) VALUES ('setup', jsonb_build_object('completed', true, 'completed_at', now()))
           ON CONFLICT (key) DO NOTHING RETURNING key`,
        );
        if (claimed.rows.length === 0) return undefined;
        const user = await tx.query<{ id: string }>(
          `INSERT INTO users (email, name, password_hash, auth_provider, password_changed_at)
           VALUES ($1, $2, $3, 'local', now()) RETURNING id::text`,
          [input.email, input.name, passwordHash],
        );
        const userId = user.rows[0]!.id;
        await tx.query("INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'admin'", [
          userId,
        ]);
        await tx.query(
          `UPDATE settings SET value = value || jsonb_build_object('admin_id', $1::text) WHERE key = 'setup'`,
          [userId],
        );
        return { userId, tokens: await auth.startSession(tx, userId, meta) };
      });
      if (!created) {
        completed = true;
        throw alreadyDone();
      }
      completed = true;
      const user = await findUserView(db, created.userId);
      if (!user) throw new AppError('INTERNAL', 'The admin was created but cannot be read back');
      return { ...user, user, ...created.tokens };
    },
  };
}
