/**
 * What the tables show of each Ceph kind (the toolkit's `summary`), as pure functions. A leaf module (type
 * imports only): the frontend reads the same shapes.
 */
import type {
  CephBlockPool,
  CephCheck,
  CephCluster,
  CephFilesystem,
  CephObjectStore,
  CephObjectStoreUser,
  CephPhased,
  ObjectBucketClaim,
  PoolSpec,
} from './types.js';

export interface ClusterSummary {
  cephHealth: string | null;
  checks: Array<{ code: string; severity: string; message: string }>;
  capacity: { total: number; used: number; available: number; usedPercent: number } | null;
  /** Daemons running, by type, from the versions Ceph reports (`status.ceph.versions`). */
  daemons: Record<string, number>;
  mons: { desired: number | null; running: number };
  mgrs: number;
  osds: number;
  version: string | null;
  lastChecked: string | null;
  phase: string | null;
  message: string | null;
}

const sum = (counts: Record<string, number> | undefined) =>
  Object.values(counts ?? {}).reduce((a, n) => a + (typeof n === 'number' ? n : 0), 0);

export function clusterSummary(c: CephCluster): ClusterSummary {
  const ceph = c.status?.ceph ?? {};
  const cap = ceph.capacity;
  const total = Number(cap?.bytesTotal ?? 0);
  const used = Number(cap?.bytesUsed ?? 0);
  const daemons: Record<string, number> = {};
  for (const [type, counts] of Object.entries(ceph.versions ?? {})) if (type !== 'overall') daemons[type] = sum(counts);
  const rank = (s: string) => (s === 'HEALTH_ERR' ? 0 : s === 'HEALTH_WARN' ? 1 : 2);
  return {
    cephHealth: ceph.health ?? null,
    checks: Object.entries((ceph.details ?? {}) as Record<string, CephCheck>)
      .map(([code, d]) => ({ code, severity: d?.severity ?? '', message: d?.message ?? '' }))
      .sort((a, b) => rank(a.severity) - rank(b.severity) || a.code.localeCompare(b.code)),
    capacity:
      total > 0
        ? {
            total,
            used,
            available: Number(cap?.bytesAvailable ?? total - used),
            usedPercent: Math.round((used / total) * 1000) / 10,
          }
        : null,
    daemons,
    mons: { desired: c.spec?.mon?.count ?? null, running: daemons.mon ?? 0 },
    mgrs: daemons.mgr ?? 0,
    osds: daemons.osd ?? 0,
    version: c.status?.version?.version ?? null,
    lastChecked: ceph.lastChecked ?? null,
    phase: c.status?.phase ?? null,
    message: c.status?.message ?? null,
  };
}

/** `3 replicas` or `EC 2+1`. */
export function redundancy(p: PoolSpec | undefined): string | null {
  if (!p) return null;
  if (p.erasureCoded && (p.erasureCoded.dataChunks || p.erasureCoded.codingChunks))
    return `EC ${p.erasureCoded.dataChunks ?? 0}+${p.erasureCoded.codingChunks ?? 0}`;
  if (p.replicated?.size) return `${p.replicated.size} replica${p.replicated.size === 1 ? '' : 's'}`;
  return null;
}

export function blockPoolSummary(p: CephBlockPool) {
  return {
    type: p.status?.info?.type ?? (p.spec?.erasureCoded ? 'Erasure Coded' : 'Replicated'),
    redundancy: redundancy(p.spec),
    failureDomain: p.status?.info?.failureDomain ?? p.spec?.failureDomain ?? null,
    deviceClass: p.spec?.deviceClass ?? null,
  };
}

/** The data pools' Ceph names are `<fs>-<name>` (what a StorageClass's `pool` names). */
export function filesystemSummary(f: CephFilesystem) {
  const ms = f.spec?.metadataServer ?? {};
  return {
    activeCount: ms.activeCount ?? 1,
    activeStandby: ms.activeStandby ?? false,
    dataPools: (f.spec?.dataPools ?? []).map((p, i) => ({
      name: `${f.metadata.name}-${p.name ?? `data${i}`}`,
      redundancy: redundancy(p),
    })),
    metadataPool: redundancy(f.spec?.metadataPool),
  };
}

export function objectStoreSummary(s: CephObjectStore) {
  return {
    endpoint: s.status?.info?.endpoint ?? s.status?.info?.secureEndpoint ?? null,
    instances: s.spec?.gateway?.instances ?? null,
    port: s.spec?.gateway?.port ?? s.spec?.gateway?.securePort ?? null,
    dataPool: redundancy(s.spec?.dataPool),
    metadataPool: redundancy(s.spec?.metadataPool),
  };
}

export function objectStoreUserSummary(u: CephObjectStoreUser) {
  return {
    store: u.spec?.store ?? null,
    displayName: u.spec?.displayName ?? null,
    secretName: u.status?.info?.secretName ?? null,
  };
}

export function nfsSummary(n: CephPhased) {
  const server = (n.spec?.server ?? {}) as { active?: number };
  return { active: server.active ?? null };
}

export function subVolumeGroupSummary(g: CephPhased) {
  return { filesystem: (g.spec?.filesystemName as string | undefined) ?? null };
}

export function radosNamespaceSummary(r: CephPhased) {
  return { pool: (r.spec?.blockPoolName as string | undefined) ?? null };
}

export function rbdMirrorSummary(m: CephPhased) {
  return { count: (m.spec?.count as number | undefined) ?? null };
}

export function bucketClaimSummary(o: ObjectBucketClaim) {
  return {
    storageClass: o.spec?.storageClassName ?? null,
    bucketName: o.spec?.bucketName ?? null,
    generateBucketName: o.spec?.generateBucketName ?? null,
    phase: o.status?.phase ?? null,
  };
}
