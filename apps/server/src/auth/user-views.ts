import type { User } from '@argus/contracts';
import type { Queryable } from '../db/types.js';

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

interface UserRow {
  id: string;
  email: string;
  name: string;
  auth_provider: 'local' | 'oidc';
  is_active: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  roles: { id: string; role: string; cluster_id: string | null; namespace: string | null }[] | null;
}

const SELECT = `
  SELECT u.id::text, u.email, u.name, u.auth_provider, u.is_active, u.last_login_at, u.created_at, u.updated_at,
         (SELECT coalesce(json_agg(json_build_object('id', ur.id::text, 'role', r.name, 'cluster_id', ur.cluster_id::text,
                                                    'namespace', ur.namespace) ORDER BY ur.created_at, ur.id), '[]'::json)
            FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id) AS roles
    FROM users u`;

function toView(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    auth_provider: row.auth_provider,
    is_active: row.is_active,
    roles: row.roles ?? [],
    last_login_at: iso(row.last_login_at),
    created_at: iso(row.created_at) ?? '',
    updated_at: iso(row.updated_at) ?? '',
  };
}

/** A user as the API shows it: no password hash, with role assignments. */
export async function findUserView(q: Queryable, id: string): Promise<User | undefined> {
  const res = await q.query<UserRow>(`${SELECT} WHERE u.id = $1`, [id]);
  const row = res.rows[0];
  return row ? toView(row) : undefined;
}

export async function listUserViews(q: Queryable): Promise<User[]> {
  const res = await q.query<UserRow>(`${SELECT} ORDER BY u.created_at, u.id`);
  return res.rows.map(toView);
}
