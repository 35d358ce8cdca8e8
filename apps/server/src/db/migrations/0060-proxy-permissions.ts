import type { Migration } from '../migration.js';

/**
 * The API server's proxy subresources get permissions of their own: `pods:proxy` and `services:proxy` (the
 * "open port in browser" feature and the gateway's `…/proxy/…` paths), granted to `operator` once, as
 * Kubernetes' `edit` role has them and `view` does not. `nodes:proxy` (the kubelet's API) is only in `admin`'s
 * `*:*`. Before this, a reader could GET through a proxy path on the gateway.
 */
const sql = `
INSERT INTO role_permissions (role_id, resource, action)
SELECT r.id, p.resource, 'proxy' FROM roles r, (VALUES ('pods'), ('services')) AS p(resource)
WHERE r.name = 'operator' AND r.is_builtin
ON CONFLICT (role_id, resource, action) DO NOTHING;
`;

export const proxyPermissions: Migration = {
  version: 60,
  name: 'proxy-permissions',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
