/** The Ceph plugin's own routes: declared inputs and answers (beside the operator toolkit's). */
import { z } from 'zod';

export const namespaceQuery = z.object({
  namespace: z.string().optional().describe('One namespace (otherwise every namespace the caller may read)'),
});

export const storageClassSchema = z.object({
  name: z.string(),
  /** `block` (RBD), `filesystem` (CephFS) or `bucket` (object bucket claims). */
  type: z.enum(['block', 'filesystem', 'bucket']),
  provisioner: z.string(),
  /** The namespace of the CephCluster (`clusterID`, or `objectStoreNamespace` for buckets). */
  clusterID: z.string().nullable(),
  pool: z.string().nullable(),
  dataPool: z.string().nullable(),
  fsName: z.string().nullable(),
  objectStoreName: z.string().nullable(),
  reclaimPolicy: z.string().nullable(),
  isDefault: z.boolean(),
  /** How many of the claims the caller may see use it. */
  claims: z.number().int(),
});

export const claimSchema = z.object({
  kind: z.enum(['PersistentVolumeClaim', 'ObjectBucketClaim']),
  namespace: z.string(),
  name: z.string(),
  storageClass: z.string(),
  type: z.enum(['block', 'filesystem', 'bucket']),
  phase: z.string().nullable(),
  /** Requested (PVC `spec.resources.requests.storage`) and bound (`status.capacity.storage`) sizes. */
  requested: z.string().nullable(),
  capacity: z.string().nullable(),
  volumeName: z.string().nullable(),
  clusterID: z.string().nullable(),
  pool: z.string().nullable(),
  fsName: z.string().nullable(),
  objectStoreName: z.string().nullable(),
});

export const storageSchema = z
  .object({
    classes: z
      .array(storageClassSchema)
      .describe('Rook StorageClasses (cluster-scoped: only for a caller who may read every namespace)'),
    claims: z.array(claimSchema).describe('PVCs and bucket claims on a Rook StorageClass, with the pool they use'),
  })
  .describe('Which StorageClasses, PVCs and bucket claims use which pool, filesystem or object store');

export const daemonSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** `mon`, `mgr`, `osd`, `mds`, `rgw`, … (label `app=rook-ceph-<type>`). */
  type: z.string(),
  id: z.string().nullable(),
  /** The CephCluster's namespace (label `rook_cluster`). */
  cluster: z.string(),
  desired: z.number().int(),
  ready: z.number().int(),
  restartedAt: z.string().nullable(),
});

export const daemonListSchema = z
  .object({ items: z.array(daemonSchema) })
  .describe("Rook's daemon Deployments (mon, mgr, osd, mds, rgw) with their ready replicas");

export type StorageClassView = z.infer<typeof storageClassSchema>;
export type ClaimView = z.infer<typeof claimSchema>;
export type DaemonView = z.infer<typeof daemonSchema>;
