import { AppError, type Assignment, type AssignRoleRequest, type Permission, type Role } from '@argus/contracts';
import type { Database, Queryable } from '../db/types.js';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors.js';
import { assertAdminRemains } from './last-admin.js';
import type { Authorizer } from './types.js';

export interface RolesService {
  list(): Promise<Role[]>;
  get(idOrName: string): Promise<Role>;
  create(input: { name: string; description: string; permissions: Permission[] }): Promise<Role>;
  update(
    idOrName: string,
    input: { description?: string | undefined; permissions?: Permission[] | undefined },
  ): Promise<Role>;
  remove(idOrName: string): Promise<void>;
  assign(input: AssignRoleRequest, createdBy: string): Promise<Assignment>;
  unassign(assignmentId: string): Promise<void>;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RoleRow {
  id: string;
  name: string;
  description: string;
  is_builtin: boolean;
  permissions: Permission[];
  created_at: Date;
  updated_at: Date;
}

const SELECT = `
  SELECT r.id::text, r.name, r.description, r.is_builtin, r.created_at, r.updated_at,
         (SELECT coalesce(json_agg(json_build_object('resource', p.resource, 'action', p.action)
                                   ORDER BY p.resource, p.action), '[]'::json)
            FROM role_permissions p WHERE p.role_id = r.id) AS permissions
    FROM roles r`;

const view = (r: RoleRow): Role => ({ ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at) });

/** Roles are found by id or by name. */
const byIdOrName = (value: string) =>
  UUID.test(value) ? { where: 'r.id = $1::uuid', value } : { where: 'r.name = $1', value };

export function createRolesService(db: Database, authorizer: Authorizer): RolesService {
  async function find(q: Queryable, idOrName: string): Promise<RoleRow> {
    const { where, value } = byIdOrName(idOrName);
    const res = await q.query<RoleRow>(`${SELECT} WHERE ${where}`, [value]);
    const role = res.rows[0];
    if (!role) throw new AppError('NOT_FOUND', `Role ${idOrName} not found`);
    return role;
  }

  async function setPermissions(tx: Queryable, roleId: string, permissions: Permission[]): Promise<void> {
    await tx.query('DELETE FROM role_permissions WHERE role_id = $1', [roleId]);
    const unique = [...new Map(permissions.map((p) => [`${p.resource}\u0000${p.action}`, p])).values()];
    for (const p of unique)
      await tx.query('INSERT INTO role_permissions (role_id, resource, action) VALUES ($1, $2, $3)', [
        roleId,
        p.resource,
        p.action,
      ]);
  }

  const builtin = (name: string) => new AppError('BUILTIN_ROLE', `The built-in role "${name}" cannot be changed`);

  return {
    async list() {
      const res = await db.query<RoleRow>(`${SELECT} ORDER BY r.is_builtin DESC, r.name`);
      return res.rows.map(view);
    },
    get: async (idOrName) => view(await find(db, idOrName)),

    async create(input) {
      const id = await db
        .transaction(async (tx) => {
          const res = await tx.query<{ id: string }>(
            'INSERT INTO roles (name, description) VALUES ($1, $2) RETURNING id::text',
            [input.name, input.description],
          );
          const roleId = res.rows[0]!.id;
          await setPermissions(tx, roleId, input.permissions);
          return roleId;
        })
        .catch((err) => {
          if (isUniqueViolation(err)) throw new AppError('ALREADY_EXISTS', `A role named "${input.name}" exists`);
          throw err;
        });
      return view(await find(db, id));
    },

    async update(idOrName, input) {
      const id = await db.transaction(async (tx) => {
        const role = await find(tx, idOrName);
        if (role.is_builtin) throw builtin(role.name);
        await tx.query('UPDATE roles SET description = coalesce($2, description), updated_at = now() WHERE id = $1', [
          role.id,
          input.description ?? null,
        ]);
        if (input.permissions) await setPermissions(tx, role.id, input.permissions);
        return role.id;
      });
      authorizer.invalidate();
      return view(await find(db, id));
    },

    async remove(idOrName) {
      await db.transaction(async (tx) => {
        const role = await find(tx, idOrName);
        if (role.is_builtin) throw builtin(role.name);
        await tx.query('DELETE FROM roles WHERE id = $1', [role.id]);
      });
      authorizer.invalidate();
    },

    async assign(input, createdBy) {
      const role = await find(db, input.role);
      const user = await db.query('SELECT 1 FROM users WHERE id = $1', [input.user_id]);
      if (user.rows.length === 0) throw new AppError('NOT_FOUND', 'User not found');
      if (input.cluster_id) {
        const cluster = await db.query('SELECT 1 FROM clusters WHERE id = $1', [input.cluster_id]);
        if (cluster.rows.length === 0) throw new AppError('NOT_FOUND', 'Cluster not found');
      }
      try {
        const res = await db.query<{ id: string; created_at: Date }>(
          `INSERT INTO user_roles (user_id, role_id, cluster_id, namespace, created_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING id::text, created_at`,
          [input.user_id, role.id, input.cluster_id ?? null, input.namespace ?? null, createdBy],
        );
        authorizer.invalidate(input.user_id);
        const row = res.rows[0]!;
        return {
          id: row.id,
          user_id: input.user_id,
          role: role.name,
          cluster_id: input.cluster_id ?? null,
          namespace: input.namespace ?? null,
          created_at: iso(row.created_at),
        };
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('ALREADY_EXISTS', 'The user already has this role in this scope');
        if (isForeignKeyViolation(err)) throw new AppError('NOT_FOUND', 'User or cluster not found');
        throw err;
      }
    },

    async unassign(assignmentId) {
      const userId = await db.transaction(async (tx) => {
        const res = await tx.query<{ user_id: string }>('SELECT user_id::text FROM user_roles WHERE id = $1', [
          assignmentId,
        ]);
        const row = res.rows[0];
        if (!row) throw new AppError('NOT_FOUND', 'Role assignment not found');
        await assertAdminRemains(tx, { assignmentId }, 'remove this role assignment');
        await tx.query('DELETE FROM user_roles WHERE id = $1', [assignmentId]);
        return row.user_id;
      });
      authorizer.invalidate(userId);
    },
  };
}
