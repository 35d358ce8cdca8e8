import type { Migration } from '../migration.js';

/**
 * Built-in roles. Permissions are (resource, action) pairs; '*' matches any. Resources name what a route
 * touches (clusters, resources, users, roles, audit, settings, plugins, …); actions are read, write,
 * delete, admin, exec.
 */
const sql = `
INSERT INTO roles (name, description, is_builtin) VALUES
  ('admin', 'Full access to Argus and every cluster', true),
  ('operator', 'Read and write cluster resources', true),
  ('viewer', 'Read cluster resources', true);

INSERT INTO role_permissions (role_id, resource, action)
SELECT r.id, p.resource, p.action FROM roles r
JOIN (VALUES
  ('admin', '*', '*'),
  ('operator', 'clusters', 'read'),
  ('operator', 'resources', 'read'),
  ('operator', 'resources', 'write'),
  ('operator', 'resources', 'delete'),
  ('operator', 'pods', 'exec'),
  ('operator', 'pods', 'logs'),
  ('operator', 'plugins', 'read'),
  ('operator', 'plugins', 'write'),
  ('operator', 'events', 'read'),
  ('viewer', 'clusters', 'read'),
  ('viewer', 'resources', 'read'),
  ('viewer', 'pods', 'logs'),
  ('viewer', 'plugins', 'read'),
  ('viewer', 'events', 'read')
) AS p(role, resource, action) ON p.role = r.name;
`;

export const builtinRoles: Migration = {
  version: 2,
  name: 'builtin-roles',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
