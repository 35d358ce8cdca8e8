/**
 * The CloudNativePG Cluster's actions, each done exactly as the operator's own `kubectl cnpg` plugin does it
 * (CloudNativePG 1.30, internal/cmd/plugin/*): annotations for restart, reload, hibernation and fencing,
 * `.spec.instances` for scaling, a new Backup for "backup now", and the status subresource for a switchover.
 */
import { AppError } from '@argus/contracts';
import { apiPath, defineOperatorAction, ensureKubeOk, type OperatorAction } from '@argus/plugin-sdk';
import { z } from 'zod';
import {
  backupTarget,
  fencedInstances,
  instanceNames,
  instances,
  switchoverCandidates,
} from '../shared/cluster-view.js';
import { isHibernated, SWITCHOVER_PHASE } from '../shared/health.js';
import {
  CLUSTER_LABEL,
  type Cluster,
  CNPG_API_VERSION,
  FENCED_ANNOTATION,
  HIBERNATION_ANNOTATION,
  RELOAD_ANNOTATION,
  RESTART_ANNOTATION,
} from '../shared/types.js';

/** RFC 3339 to the second (Go's time.RFC3339), as `kubectl cnpg restart` writes it. */
export const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** RFC 3339 with microseconds (metav1.RFC3339Micro), as the operator's `GetCurrentTimestamp`. */
export const rfc3339Micro = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
/** `20260820020000` (ToCompactISO8601): the suffix `kubectl cnpg backup` gives a Backup's name. */
export const compactTime = (d: Date) => rfc3339(d).replace(/[-:TZ]/g, '');

const annotate = (annotations: Record<string, string | null>) => ({ body: { metadata: { annotations } } });

function running(c: Cluster): true | string {
  return isHibernated(c) ? `${c.metadata.name} is hibernated: wake it first` : true;
}

export const backupNow = defineOperatorAction<Cluster>({
  label: 'Back up now',
  available(c) {
    if (isHibernated(c)) return `${c.metadata.name} is hibernated: a backup needs a running primary`;
    return backupTarget(c)
      ? true
      : `${c.metadata.name} has no backup configuration (no WAL-archiver plugin, barmanObjectStore or volumeSnapshot)`;
  },
  create(c, _p, now) {
    const target = backupTarget(c);
    return {
      resource: 'backups',
      body: {
        apiVersion: CNPG_API_VERSION,
        kind: 'Backup',
        metadata: { name: `${c.metadata.name}-${compactTime(now)}`, labels: { [CLUSTER_LABEL]: c.metadata.name } },
        spec: { cluster: { name: c.metadata.name }, ...target },
      },
    };
  },
});

const switchoverParams = z.object({
  target: z.string().min(1).max(253).describe('The replica (pod name) to promote'),
});

function canSwitchOver(c: Cluster, target: string | undefined): true | string {
  if (isHibernated(c)) return `${c.metadata.name} is hibernated`;
  const s = c.status;
  if (s?.targetPrimary && s.currentPrimary && s.targetPrimary !== s.currentPrimary)
    return `A switchover to ${s.targetPrimary} is already in progress`;
  const candidates = switchoverCandidates(c);
  if (candidates.length === 0) return `${c.metadata.name} has no healthy replica to promote`;
  if (target === undefined) return true;
  if (target === s?.currentPrimary) return `${target} is the primary already`;
  const instance = instances(c).find((i) => i.name === target);
  if (!instance) return `${target} is not an instance of ${c.metadata.name}`;
  if (instance.fenced) return `${target} is fenced`;
  if (instance.state === 'failed') return `${target} has failed: it cannot be promoted`;
  return true;
}

/**
 * `kubectl cnpg promote`: a merge patch of the status subresource, under optimistic locking, setting the
 * target primary, its timestamp, the switchover phase and the Ready condition False — after checking the
 * target's Pod exists. The operator then fences the old primary and promotes the target.
 */
export const switchover = defineOperatorAction<Cluster, z.infer<typeof switchoverParams>>({
  label: 'Switch over',
  params: switchoverParams,
  confirm: (c, p) =>
    `Promote ${p?.target ?? 'a replica'} to primary of ${c.metadata.name}? The current primary ${c.status?.currentPrimary ?? ''} is demoted; clients of ${c.metadata.name}-rw are disconnected and must reconnect.`,
  available: (c, p) => canSwitchOver(c, p?.target),
  async run({ object: c, params, client, namespace, now, signal }) {
    const pod = await client.request({
      path: apiPath({ group: '', version: 'v1', resource: 'pods' }, namespace, params.target),
      signal,
    });
    if (pod.status === 404)
      throw new AppError('ACTION_NOT_AVAILABLE', `Pod ${params.target} does not exist in namespace ${namespace}`);
    ensureKubeOk(pod);
    const others = (c.status?.conditions ?? []).filter((x) => x.type !== 'Ready');
    const wasReady = c.status?.conditions?.find((x) => x.type === 'Ready');
    const ready = {
      type: 'Ready',
      status: 'False',
      reason: 'ClusterIsNotReady',
      message: 'Cluster Is Not Ready',
      lastTransitionTime:
        wasReady?.status === 'False' && wasReady.lastTransitionTime ? wasReady.lastTransitionTime : rfc3339(now),
    };
    const body = {
      metadata: { resourceVersion: c.metadata.resourceVersion },
      status: {
        targetPrimary: params.target,
        targetPrimaryTimestamp: rfc3339Micro(now),
        phase: SWITCHOVER_PHASE,
        phaseReason: `Switching over to ${params.target}`,
        conditions: [...others, ready],
      },
    };
    const reply = await client.request({
      method: 'PATCH',
      path: apiPath(
        { group: 'postgresql.cnpg.io', version: 'v1', resource: 'clusters' },
        namespace,
        c.metadata.name,
        'status',
      ),
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify(body),
      signal,
    });
    return ensureKubeOk(reply).json();
  },
});

export const restart = defineOperatorAction<Cluster>({
  label: 'Rolling restart',
  confirm: (c) =>
    `Restart every instance of ${c.metadata.name}? Replicas restart one by one, then the primary is switched over or restarted: clients are disconnected.`,
  available: running,
  patch: (_c, _p, now) => annotate({ [RESTART_ANNOTATION]: rfc3339(now) }),
});

export const reload = defineOperatorAction<Cluster>({
  label: 'Reload configuration',
  available: running,
  patch: (_c, _p, now) => annotate({ [RELOAD_ANNOTATION]: rfc3339Micro(now) }),
});

export const hibernate = defineOperatorAction<Cluster>({
  label: 'Hibernate',
  confirm: (c) =>
    `Hibernate ${c.metadata.name}? Its pods are deleted (the volumes stay): the database is unavailable until it is woken.`,
  available: (c) => (isHibernated(c) ? `${c.metadata.name} is hibernated already` : true),
  patch: () => annotate({ [HIBERNATION_ANNOTATION]: 'on' }),
});

export const wake = defineOperatorAction<Cluster>({
  label: 'Wake from hibernation',
  available: (c) => (isHibernated(c) ? true : `${c.metadata.name} is not hibernated`),
  patch: () => annotate({ [HIBERNATION_ANNOTATION]: 'off' }),
});

const instanceParams = z.object({
  instance: z.string().min(1).max(253).describe('The instance (pod name), or "*" for every instance'),
});
type InstanceParams = z.infer<typeof instanceParams>;

/** The annotation's new value: sorted JSON list, `["*"]` alone for all, null (removed) when empty. */
function fencedValue(list: string[]): string | null {
  return list.length ? JSON.stringify([...new Set(list)].sort()) : null;
}

export const fence = defineOperatorAction<Cluster, InstanceParams>({
  label: 'Fence instance',
  params: instanceParams,
  confirm: (c, p) =>
    p?.instance === '*'
      ? `Fence every instance of ${c.metadata.name}? PostgreSQL stops on all of them: the database is unavailable.`
      : `Fence ${p?.instance ?? 'this instance'}? PostgreSQL stops on it (the pod stays); fencing the primary leaves ${c.metadata.name} without one.`,
  available(c, p) {
    if (!p) return running(c);
    const fenced = fencedInstances(c);
    if (fenced.includes('*')) return 'Every instance is fenced already';
    if (p.instance !== '*' && !instanceNames(c).includes(p.instance))
      return `${p.instance} is not an instance of ${c.metadata.name}`;
    if (fenced.includes(p.instance)) return `${p.instance} is fenced already`;
    return running(c);
  },
  patch: (c, p) =>
    annotate({ [FENCED_ANNOTATION]: fencedValue(p.instance === '*' ? ['*'] : [...fencedInstances(c), p.instance]) }),
});

export const unfence = defineOperatorAction<Cluster, InstanceParams>({
  label: 'Unfence instance',
  params: instanceParams,
  available(c, p) {
    const fenced = fencedInstances(c);
    if (fenced.length === 0) return `No instance of ${c.metadata.name} is fenced`;
    if (!p || p.instance === '*') return true;
    if (fenced.includes('*')) return 'Every instance is fenced: unfence "*" to lift it';
    return fenced.includes(p.instance) ? true : `${p.instance} is not fenced`;
  },
  patch: (c, p) =>
    annotate({
      [FENCED_ANNOTATION]: p.instance === '*' ? null : fencedValue(fencedInstances(c).filter((i) => i !== p.instance)),
    }),
});

const scaleParams = z.object({
  instances: z.number().int().min(1).max(99).describe('The number of PostgreSQL instances (primary included)'),
});

export const scale = defineOperatorAction<Cluster, z.infer<typeof scaleParams>>({
  label: 'Scale',
  params: scaleParams,
  confirm: (c, p) => {
    const now = c.spec?.instances ?? 0;
    if (p && p.instances >= now) return undefined;
    return p
      ? `Scale ${c.metadata.name} down from ${now} to ${p.instances} instances? The highest-numbered replicas are removed.`
      : `Scaling ${c.metadata.name} down removes its highest-numbered replicas.`;
  },
  available(c, p) {
    if (isHibernated(c)) return `${c.metadata.name} is hibernated`;
    if (p && p.instances === c.spec?.instances) return `${c.metadata.name} has ${p.instances} instances already`;
    return true;
  },
  patch: (_c, p) => ({ body: { spec: { instances: p.instances } } }),
});

// biome-ignore lint/suspicious/noExplicitAny: actions of one kind have different params
export const CLUSTER_ACTIONS: Record<string, OperatorAction<Cluster, any>> = {
  'backup-now': backupNow,
  switchover,
  restart,
  reload,
  hibernate,
  wake,
  fence,
  unfence,
  scale,
};
