/**
 * Health of Rook Ceph's objects, as pure functions, by the rules of ../shared/reference/operators.md §4.
 * A leaf module (type imports only): the frontend may reach it.
 *
 * CephCluster, in this order:
 * - Failed: phase `Failure` or state `Error` (Rook itself failed), or `HEALTH_ERR` with the check codes;
 * - Unknown: `status.ceph.lastChecked` more than 5 minutes old (Rook checks every 60 s): what Ceph reported is
 *   stale, so neither a warning nor an OK is believed (a Rook failure above is still shown);
 * - Degraded: `HEALTH_WARN` with its check codes and messages, or usage at or above 85% (Ceph's nearfull ratio);
 * - Progressing: phase `Progressing` or state `Updating`, or `Deleting`;
 * - Healthy: phase `Ready` (or `Connected`, an external cluster) with `HEALTH_OK`.
 * Pools, filesystems, object stores, users, NFS, RBD mirrors, sub-volume groups and RADOS namespaces:
 * phase `Ready`, `Progressing` or `Failure` → Healthy, Progressing or Failed. Bucket claims: `Bound` →
 * Healthy, `Pending` → Progressing, `Failed` → Failed, `Released` → Degraded.
 */
import type { CephCheck, CephCluster, CephPhased, Health, HealthStatus, ObjectBucketClaim } from './types.js';

const h = (status: HealthStatus, reason: string): Health => ({ status, reason });

/** How old `lastChecked` may be before the cluster's health is Unknown. */
export const STALE_AFTER_MS = 5 * 60_000;
/** Ceph's default `mon_osd_nearfull_ratio`. */
export const NEARFULL_RATIO = 0.85;

/** The health checks Ceph reports (`status.ceph.details`), most severe first, then by code. */
export function cephChecks(c: CephCluster): Array<{ code: string; severity: string; message: string }> {
  const details = (c.status?.ceph?.details ?? {}) as Record<string, CephCheck>;
  const rank = (s: string) => (s === 'HEALTH_ERR' ? 0 : s === 'HEALTH_WARN' ? 1 : 2);
  return Object.entries(details)
    .map(([code, d]) => ({ code, severity: d?.severity ?? '', message: d?.message ?? '' }))
    .sort((a, b) => rank(a.severity) - rank(b.severity) || a.code.localeCompare(b.code));
}

/** Used / total capacity, 0..1 (undefined when Ceph reported no capacity). */
export function usedRatio(c: CephCluster): number | undefined {
  const cap = c.status?.ceph?.capacity;
  const total = Number(cap?.bytesTotal ?? 0);
  if (!(total > 0)) return undefined;
  return Number(cap?.bytesUsed ?? 0) / total;
}

const checksText = (checks: ReturnType<typeof cephChecks>) =>
  checks.map((d) => (d.message ? `${d.code} (${d.message})` : d.code)).join(', ');

export function cephClusterHealth(c: CephCluster, now: number = Date.now()): Health {
  const s = c.status ?? {};
  const phase = s.phase ?? '';
  const state = s.state ?? '';
  const ceph = s.ceph ?? {};
  const why = s.message ? `: ${s.message}` : '';
  if (phase === 'Failure') return h('Failed', `Rook reports Failure${why}`);
  if (state === 'Error') return h('Failed', `Rook reports state Error${why}`);
  const checks = cephChecks(c);
  if (ceph.lastChecked) {
    const at = Date.parse(ceph.lastChecked);
    if (Number.isFinite(at) && now - at > STALE_AFTER_MS)
      return h('Unknown', `Ceph health last checked ${Math.round((now - at) / 60_000)} minutes ago`);
  }
  if (ceph.health === 'HEALTH_ERR') return h('Failed', `HEALTH_ERR${checks.length ? `: ${checksText(checks)}` : ''}`);
  const ratio = usedRatio(c);
  const nearfull = ratio !== undefined && ratio >= NEARFULL_RATIO;
  if (ceph.health === 'HEALTH_WARN')
    return h('Degraded', `HEALTH_WARN${checks.length ? `: ${checksText(checks)}` : ''}`);
  if (nearfull) return h('Degraded', `${Math.round((ratio as number) * 100)}% of the raw capacity used (nearfull)`);
  if (phase === 'Progressing' || state === 'Updating')
    return h('Progressing', s.message || (state === 'Updating' ? 'Updating' : 'Progressing'));
  if (phase === 'Deleting') return h('Progressing', 'Deleting');
  if (!ceph.health)
    return h(phase ? 'Unknown' : 'Progressing', phase ? `${phase}, no Ceph health reported yet` : 'No status yet');
  if ((phase === 'Ready' || phase === 'Connected') && ceph.health === 'HEALTH_OK')
    return h('Healthy', phase === 'Connected' ? 'Connected (external), HEALTH_OK' : 'HEALTH_OK');
  return h('Unknown', `${phase || 'No phase'}, ${ceph.health}`);
}

/** Rook's `status.phase` of a pool, filesystem, object store, user, NFS, mirror, group or RADOS namespace. */
export function phaseHealth(o: CephPhased): Health {
  const phase = o.status?.phase ?? '';
  if (phase === 'Ready') return h('Healthy', 'Ready');
  if (phase === 'Progressing') return h('Progressing', 'Progressing');
  if (phase === 'Failure') return h('Failed', 'Failure');
  if (!phase) return h('Progressing', 'No status yet');
  return h('Unknown', phase);
}

export function bucketClaimHealth(o: ObjectBucketClaim): Health {
  const phase = o.status?.phase ?? '';
  if (phase === 'Bound') return h('Healthy', 'Bound');
  if (phase === 'Pending' || !phase)
    return h('Progressing', phase ? 'Pending: the bucket is being provisioned' : 'No status yet');
  if (phase === 'Failed') return h('Failed', 'Failed: the bucket could not be provisioned');
  if (phase === 'Released') return h('Degraded', 'Released: the bucket was deleted');
  return h('Unknown', phase);
}
