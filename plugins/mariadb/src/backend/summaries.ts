/** Table projections of the mariadb-operator's kinds (the toolkit's `summary`). */
import {
  conditionOf,
  type JobLike,
  type MariaDB,
  type MaxScale,
  type SqlObject,
  type Storage,
  switchingTo,
  topologyOf,
} from '../shared/types.js';

const ref = (o: { spec?: { mariaDbRef?: { name?: string } } }) => o.spec?.mariaDbRef?.name ?? null;

export function mariadbSummary(m: MariaDB): Record<string, unknown> {
  const ready = conditionOf(m, 'Ready');
  return {
    topology: topologyOf(m),
    replicas: `${m.status?.replicas ?? 0}/${m.spec?.replicas ?? 1}`,
    primary: m.status?.currentPrimary ?? null,
    switching_to: switchingTo(m) ?? null,
    status: ready?.message ?? ready?.reason ?? null,
    suspended: m.spec?.suspend === true,
    maxscale: m.spec?.maxScaleRef?.name ?? null,
    roles: m.status?.replication?.roles ?? null,
  };
}

export function maxscaleSummary(m: MaxScale): Record<string, unknown> {
  const servers = m.status?.servers ?? [];
  return {
    mariadb: ref(m),
    primary: m.status?.primaryServer ?? null,
    servers: servers.map((s) => `${s.name}: ${s.state ?? '?'}`).join('; ') || null,
    running: `${servers.filter((s) => /\bRunning\b/.test(s.state ?? '')).length}/${servers.length}`,
    replicas: `${m.status?.replicas ?? 0}/${m.spec?.replicas ?? 1}`,
    suspended: m.spec?.suspend === true,
  };
}

export function storageKind(s: Storage | undefined): string | null {
  if (!s) return null;
  if (s.s3) return `s3://${s.s3.bucket ?? ''}${s.s3.prefix ? `/${s.s3.prefix}` : ''}`;
  if (s.persistentVolumeClaim) return 'persistentVolumeClaim';
  if (s.volume) return 'volume';
  return Object.keys(s)[0] ?? null;
}

export function jobSummary(o: JobLike): Record<string, unknown> {
  const c = conditionOf(o, 'Complete');
  return {
    mariadb: ref(o),
    schedule: o.spec?.schedule?.cron ?? null,
    suspended: o.spec?.schedule?.suspend === true,
    storage: storageKind(o.spec?.storage),
    retention: o.spec?.maxRetention ?? null,
    backup: o.spec?.backupRef?.name ?? null,
    target_recovery_time: o.spec?.targetRecoveryTime ?? null,
    database: o.spec?.database ?? null,
    username: o.spec?.username ?? null,
    depends_on: (o.spec?.dependsOn ?? []).map((d) => d.name).filter(Boolean),
    last_schedule_time: o.status?.lastScheduleTime ?? null,
    status: c?.message ?? c?.reason ?? null,
    since: c?.lastTransitionTime ?? null,
  };
}

export function sqlSummary(o: SqlObject): Record<string, unknown> {
  const r = conditionOf(o, 'Ready');
  const s = o.spec ?? {};
  return {
    mariadb: ref(o),
    name: s.name ?? o.metadata.name,
    username: s.username ?? null,
    host: s.host ?? null,
    database: s.database ?? null,
    on: s.privileges ? `${s.database ?? '*'}.${s.table ?? '*'}` : null,
    privileges: s.privileges?.join(', ') ?? null,
    secret: s.secretName ?? null,
    status: r?.message ?? r?.reason ?? null,
  };
}
