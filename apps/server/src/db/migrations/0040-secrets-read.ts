import type { Migration } from '../migration.js';

/**
 * Secret values become a permission of their own, `secrets:read` (as Kubernetes' `view` ClusterRole,
 * which leaves Secrets out). `admin` has it through `*:*`; `operator` gains it here, once; `viewer` does
 * not: on an existing install viewers stop reading Secret values (docs/release-notes.md says how to give
 * it back).
 */
const sql = `
INSERT INTO role_permissions (role_id, resource, action)
SELECT id, 'secrets', 'read' FROM roles WHERE name = 'operator' AND is_builtin
ON CONFLICT (role_id, resource, action) DO NOTHING;
`;

export const secretsRead: Migration = {
  version: 40,
  name: 'secrets-read',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
