/**
 * The plugin's routes beside the operator toolkit's: which StorageClasses, PVCs and bucket claims use which
 * pool (StorageClass `parameters.pool`/`dataPool`/`fsName`/`clusterID`/`objectStoreName`, claim →
 * StorageClass), and Rook's daemon Deployments with their readiness. From Argus's watch cache, filtered by
 * where the caller may read (the plugin's read permission); StorageClasses are cluster-scoped, so only a
 * caller who may read every namespace gets them (a namespace-scoped one still sees its claims' pools).
 */
import type { CachedItem, PluginCache, PluginRouter } from '@argus/plugin-sdk';
import { OBC_GROUP, OBC_VERSION, RESTARTED_AT } from './actions.js';
import {
  type ClaimView,
  type DaemonView,
  daemonListSchema,
  namespaceQuery,
  type StorageClassView,
  storageSchema,
} from './schemas.js';

const READ = { resource: 'ceph.storage', action: 'read' } as const;
const STORAGE_CLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const OBCS = { group: OBC_GROUP, version: OBC_VERSION, resource: 'objectbucketclaims' };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };

interface Sc {
  metadata: { name: string; annotations?: Record<string, string> };
  provisioner?: string;
  reclaimPolicy?: string;
  parameters?: Record<string, string>;
}

/** A Rook StorageClass's type by its provisioner (`<ns>.rbd.csi.ceph.com`, `.cephfs.csi.ceph.com`, `.ceph.rook.io/bucket`). */
export function rookClassType(provisioner: string | undefined): StorageClassView['type'] | undefined {
  if (!provisioner) return undefined;
  if (provisioner.endsWith('.rbd.csi.ceph.com') || provisioner === 'rbd.csi.ceph.com') return 'block';
  if (provisioner.endsWith('.cephfs.csi.ceph.com') || provisioner === 'cephfs.csi.ceph.com') return 'filesystem';
  if (provisioner.endsWith('.ceph.rook.io/bucket')) return 'bucket';
  return undefined;
}

export function classView(sc: Sc): Omit<StorageClassView, 'claims'> | undefined {
  const type = rookClassType(sc.provisioner);
  if (!type) return undefined;
  const p = sc.parameters ?? {};
  const a = sc.metadata.annotations ?? {};
  return {
    name: sc.metadata.name,
    type,
    provisioner: sc.provisioner ?? '',
    clusterID: p.clusterID ?? p.objectStoreNamespace ?? null,
    pool: p.pool ?? null,
    dataPool: p.dataPool ?? null,
    fsName: p.fsName ?? null,
    objectStoreName: p.objectStoreName ?? null,
    reclaimPolicy: sc.reclaimPolicy ?? null,
    isDefault:
      a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
      a['storageclass.beta.kubernetes.io/is-default-class'] === 'true',
  };
}

interface Claim {
  metadata: { name: string; namespace?: string };
  spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } }; volumeName?: string };
  status?: { phase?: string; capacity?: { storage?: string } };
}

function claimView(kind: ClaimView['kind'], c: Claim, sc: Omit<StorageClassView, 'claims'>): ClaimView {
  return {
    kind,
    namespace: c.metadata.namespace ?? '',
    name: c.metadata.name,
    storageClass: sc.name,
    type: sc.type,
    phase: c.status?.phase ?? null,
    requested: c.spec?.resources?.requests?.storage ?? null,
    capacity: c.status?.capacity?.storage ?? null,
    volumeName: c.spec?.volumeName ?? null,
    clusterID: sc.clusterID,
    pool: sc.dataPool ?? sc.pool,
    fsName: sc.fsName,
    objectStoreName: sc.objectStoreName,
  };
}

const objects = <T>(items: CachedItem[]) => items.map((i) => i.object() as unknown as T);

export function registerCephRoutes(router: PluginRouter, cache: PluginCache): void {
  router.route({
    method: 'GET',
    path: '/storage',
    query: namespaceQuery,
    responses: { 200: storageSchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(READ.resource, READ.action);
      const where = { ...(ctx.query.namespace ? { namespace: ctx.query.namespace } : {}), allowed };
      const [scs, pvcs, obcs] = await Promise.all([
        cache.list(ctx.clusterId, STORAGE_CLASSES),
        cache.list(ctx.clusterId, PVCS, where),
        cache.list(ctx.clusterId, OBCS, where).catch(() => []),
      ]);
      const classes = new Map<string, Omit<StorageClassView, 'claims'>>();
      for (const sc of objects<Sc>(scs)) {
        const v = classView(sc);
        if (v) classes.set(v.name, v);
      }
      const claims: ClaimView[] = [];
      for (const [kind, list] of [
        ['PersistentVolumeClaim', pvcs],
        ['ObjectBucketClaim', obcs],
      ] as const)
        for (const c of objects<Claim>(list)) {
          const sc = classes.get(c.spec?.storageClassName ?? '');
          if (sc) claims.push(claimView(kind, c, sc));
        }
      claims.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
      const count = (name: string) => claims.filter((c) => c.storageClass === name).length;
      return {
        classes:
          allowed === 'all' && !ctx.query.namespace
            ? [...classes.values()].map((c) => ({ ...c, claims: count(c.name) }))
            : [],
        claims,
      };
    },
  });

  router.route({
    method: 'GET',
    path: '/daemons',
    query: namespaceQuery,
    responses: { 200: daemonListSchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(READ.resource, READ.action);
      const items = await cache.list(ctx.clusterId, DEPLOYMENTS, {
        ...(ctx.query.namespace ? { namespace: ctx.query.namespace } : {}),
        labelSelector: 'rook_cluster,app',
        allowed,
      });
      const out: DaemonView[] = [];
      for (const i of items) {
        const app = i.labels.app ?? '';
        if (!app.startsWith('rook-ceph-')) continue;
        const d = i.object() as {
          spec?: { replicas?: number; template?: { metadata?: { annotations?: Record<string, string> } } };
          status?: { readyReplicas?: number };
        };
        out.push({
          namespace: i.namespace ?? '',
          name: i.name,
          type: app.slice('rook-ceph-'.length),
          id: i.labels.ceph_daemon_id ?? null,
          cluster: i.labels.rook_cluster ?? '',
          desired: d.spec?.replicas ?? 1,
          ready: d.status?.readyReplicas ?? 0,
          restartedAt: d.spec?.template?.metadata?.annotations?.[RESTARTED_AT] ?? null,
        });
      }
      out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
      return { items: out };
    },
  });
}
