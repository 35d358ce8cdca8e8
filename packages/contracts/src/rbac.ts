import { z } from 'zod';
import { displayNameSchema, emailSchema, idSchema, passwordSchema, plainTextSchema, userSchema } from './identity.js';

/** Users and roles (DESIGN.md, "API contract": `/api/users[/{id}]`, `/api/roles[/{id}]`, assignments). */
export const namespaceSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a Kubernetes namespace name');
const permissionPartSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^(\*|[a-z][a-z0-9_.-]*)$/, "must be lower-case letters, digits, '_', '.', '-' or '*'");

export const permissionSchema = z.object({ resource: permissionPartSchema, action: permissionPartSchema });
export type Permission = z.infer<typeof permissionSchema>;

/**
 * Reading Secret values: `data`/`stringData` of Secrets (REST, lists across clusters, WebSocket) and what
 * Helm keeps in its release Secrets (values, manifests, notes). Without it, in a Secret's namespace,
 * Secrets come without values but with `data_keys`. Built-in `admin` (`*:*`) and `operator` have it,
 * `viewer` does not (as Kubernetes' own `view` ClusterRole).
 */
export const SECRETS_READ = { resource: 'secrets', action: 'read' } as const satisfies Permission;

export const roleNameSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must match ^[a-z0-9][a-z0-9_-]{0,62}$');

export const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  is_builtin: z.boolean(),
  permissions: z.array(permissionSchema),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Role = z.infer<typeof roleSchema>;
export const roleListResponseSchema = z.object({ items: z.array(roleSchema) });
export type RoleListResponse = z.infer<typeof roleListResponseSchema>;
/** `{id}` of `/api/roles/{id}`: a role's id or name. */
export const roleParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const createRoleRequestSchema = z.object({
  name: roleNameSchema,
  description: plainTextSchema.max(1000).default(''),
  permissions: z.array(permissionSchema).max(200).default([]),
});
export const updateRoleRequestSchema = z.object({
  description: plainTextSchema.max(1000).optional(),
  permissions: z.array(permissionSchema).max(200).optional(),
});

export const assignRoleRequestSchema = z
  .object({
    user_id: idSchema,
    /** A role name (or id). */
    role: z.string().min(1).max(100),
    cluster_id: idSchema.nullish(),
    namespace: namespaceSchema.nullish(),
  })
  .refine((v) => !v.namespace || v.cluster_id, { message: 'a namespace needs a cluster_id', path: ['namespace'] })
  .meta({
    examples: [
      {
        user_id: '3f2c8a4e-5b1d-4c7e-9a0f-2b6d8e1c4a7b',
        role: 'operator',
        cluster_id: '9d1e7b2a-6c4f-4e8a-b3d5-0f7a9c2e6b1d',
        namespace: 'shop',
      },
    ],
  });
export type AssignRoleRequest = z.infer<typeof assignRoleRequestSchema>;

export const assignmentSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  role: z.string(),
  cluster_id: z.string().nullable(),
  namespace: z.string().nullable(),
  created_at: z.string(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const userListResponseSchema = z.object({ items: z.array(userSchema) });
export type UserListResponse = z.infer<typeof userListResponseSchema>;

export const createUserRequestSchema = z.object({
  email: emailSchema,
  name: displayNameSchema,
  password: passwordSchema,
  /** Optionally a role granted globally at once; otherwise the user has no role until one is assigned. */
  role: z.string().min(1).max(100).optional(),
});
export const updateUserRequestSchema = z
  .object({
    email: emailSchema.optional(),
    name: displayNameSchema.optional(),
    password: passwordSchema.optional(),
    is_active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });

export const effectivePermissionSchema = permissionSchema.extend({
  cluster_id: z.string().nullable(),
  namespace: z.string().nullable(),
});
export const permissionsResponseSchema = z.object({
  user_id: z.string(),
  is_admin: z.boolean(),
  api_key_scope: z.enum(['full', 'read']).nullable(),
  roles: z.array(z.object({ role: z.string(), cluster_id: z.string().nullable(), namespace: z.string().nullable() })),
  permissions: z.array(effectivePermissionSchema),
});
export type PermissionsResponse = z.infer<typeof permissionsResponseSchema>;
