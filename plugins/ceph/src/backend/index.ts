/**
 * The Rook Ceph plugin's backend: CephCluster health (Ceph's checks, capacity, daemon counts), pools,
 * filesystems, object stores and users, NFS, sub-volume groups, RADOS namespaces, RBD mirrors and bucket
 * claims served by the operator toolkit (health by the reference's rules; Rook's non-destructive actions as
 * the calling user), plus which StorageClasses and claims use which pool, and Rook's daemon Deployments.
 */
import { defineOperatorPlugin, readManifest } from '@argus/plugin-sdk';
import { CEPH_KINDS } from './kinds.js';
import { registerCephRoutes } from './routes.js';

export default defineOperatorPlugin({
  manifest: readManifest(new URL('../../manifest.json', import.meta.url)),
  kinds: CEPH_KINDS,
  registerRoutes(router, deps) {
    registerCephRoutes(router, deps.cache);
  },
});
