import { AppError, type User } from '@argus/contracts';
import type { Database } from '../db/types.js';
import { isUniqueViolation } from './db-errors.js';
import { assertAdminRemains } from './last-admin.js';
import type { PasswordHasher } from './passwords.js';
import type { SessionStore } from './sessions.js';
import type { Authorizer } from './types.js';
import { findUserView, listUserViews } from './user-views.js';

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role?: string | undefined;
}

export interface UpdateUserInput {
  email?: string | undefined;
  name?: string | undefined;
  password?: string | undefined;
  is_active?: boolean | undefined;
}

export interface UsersService {
  list(): Promise<User[]>;
  get(id: string): Promise<User>;
  create(input: CreateUserInput, createdBy: string): Promise<User>;
  update(id: string, input: UpdateUserInput): Promise<User>;
  remove(id: string): Promise<void>;
}

const emailTaken = (email: string) => new AppError('ALREADY_EXISTS', `A user with email ${email} already exists`);

export function createUsersService(
  db: Database,
  hasher: PasswordHasher,
  sessions: SessionStore,
  authorizer: Authorizer,
): UsersService {
  async function get(id: string): Promise<User> {
    const user = await findUserView(db, id);
    if (!user) throw new AppError('NOT_FOUND', 'User not found');
    return user;
  }

  return {
    list: () => listUserViews(db),
    get,

    async create(input, createdBy) {
      const hash = await hasher.hash(input.password);
      const id = await db
        .transaction(async (tx) => {
          const res = await tx.query<{ id: string }>(
            `INSERT INTO users (email, name, password_hash, auth_provider, password_changed_at)
             VALUES ($1, $2, $3, 'local', now()) RETURNING id::text`,
            [input.email, input.name, hash],
          );
          const userId = res.rows[0]!.id;
          if (input.role) {
            const role = await tx.query(
              'INSERT INTO user_roles (user_id, role_id, created_by) SELECT $1, id, $3 FROM roles WHERE name = $2 RETURNING id',
              [userId, input.role, createdBy],
            );
            if (role.rows.length === 0) throw new AppError('VALIDATION_FAILED', `Unknown role "${input.role}"`);
          }
          return userId;
        })
        .catch((err) => {
          if (isUniqueViolation(err)) throw emailTaken(input.email);
          throw err;
        });
      return get(id);
    },

    async update(id, input) {
      const hash = input.password ? await hasher.hash(input.password) : undefined;
      await db
        .transaction(async (tx) => {
          const found = await tx.query<{ is_active: boolean }>('SELECT is_active FROM users WHERE id = $1 FOR UPDATE', [
            id,
          ]);
          if (found.rows.length === 0) throw new AppError('NOT_FOUND', 'User not found');
          if (input.is_active === false) await assertAdminRemains(tx, { userId: id }, 'deactivate this user');
          await tx.query(
            `UPDATE users SET email = coalesce($2, email), name = coalesce($3, name),
                    password_hash = coalesce($4, password_hash),
                    password_changed_at = CASE WHEN $4::text IS NULL THEN password_changed_at ELSE now() END,
                    is_active = coalesce($5, is_active),
                    failed_login_count = CASE WHEN $4::text IS NULL THEN failed_login_count ELSE 0 END,
                    locked_until = CASE WHEN $4::text IS NULL THEN locked_until ELSE NULL END,
                    updated_at = now()
              WHERE id = $1`,
            [id, input.email ?? null, input.name ?? null, hash ?? null, input.is_active ?? null],
          );
          if (hash || input.is_active === false)
            await sessions.revokeAllForUser(tx, id, hash ? 'password_reset' : 'deactivated');
        })
        .catch((err) => {
          if (isUniqueViolation(err)) throw emailTaken(input.email ?? '');
          throw err;
        });
      // After the commit: drops the identity cache's entries for the user (sessions, permissions, view).
      authorizer.invalidate(id);
      return get(id);
    },

    async remove(id) {
      await db.transaction(async (tx) => {
        const found = await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [id]);
        if (found.rows.length === 0) throw new AppError('NOT_FOUND', 'User not found');
        await assertAdminRemains(tx, { userId: id }, 'delete this user');
        await tx.query('DELETE FROM users WHERE id = $1', [id]);
      });
      authorizer.invalidate(id);
    },
  };
}
