/**
 * Alertmanager's webhook (JSON version 4) into the alert engine: each alert has its own fingerprint (from its
 * labels, as Alertmanager computes one), maps the `cluster` label to a registered cluster (by id or name),
 * `namespace` and `severity` labels, and enters firing (Alertmanager already waited its `for:`) or resolved.
 */
import type { AlertmanagerWebhook } from '@argus/contracts';
import type { Database } from '../../db/types.js';
import { fingerprintOf } from '../signals/rollup.js';
import type { ResourceRef, Severity } from '../types.js';
import type { AlertEngine } from './alert-engine.js';

const SEVERITIES: Record<string, Severity> = {
  critical: 'critical',
  error: 'critical',
  page: 'critical',
  high: 'critical',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
};

export function severityOf(label: string | undefined): Severity {
  return SEVERITIES[(label ?? '').toLowerCase()] ?? 'info';
}

/** Labels that name an object, in the order a Prometheus alert's own subject is most specific. */
const OBJECT_LABELS: Array<[string, Omit<ResourceRef, 'cluster_id' | 'namespace' | 'name'>, boolean]> = [
  ['pod', { group: '', version: 'v1', kind: 'Pod', resource: 'pods' }, true],
  ['deployment', { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments' }, true],
  ['statefulset', { group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets' }, true],
  ['daemonset', { group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets' }, true],
  ['job_name', { group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs' }, true],
  [
    'persistentvolumeclaim',
    { group: '', version: 'v1', kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims' },
    true,
  ],
  ['node', { group: '', version: 'v1', kind: 'Node', resource: 'nodes' }, false],
];

function refOf(clusterId: string, labels: Record<string, string>): ResourceRef | null {
  for (const [label, kind, namespaced] of OBJECT_LABELS) {
    const name = labels[label];
    if (!name) continue;
    if (namespaced && !labels.namespace) continue;
    return { cluster_id: clusterId, ...kind, ...(namespaced ? { namespace: labels.namespace! } : {}), name };
  }
  return null;
}

export function labelFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
  return fingerprintOf('alertmanager', '', canonical);
}

export async function ingestAlertmanager(
  deps: { db: Database; engine: AlertEngine },
  source: { id: string; name: string },
  payload: AlertmanagerWebhook,
): Promise<number> {
  const clusters = (await deps.db.query<{ id: string; name: string }>('SELECT id::text, name FROM clusters')).rows;
  const clusterOf = (label: string | undefined) =>
    label ? (clusters.find((c) => c.id === label) ?? clusters.find((c) => c.name === label)) : undefined;
  let accepted = 0;
  await deps.db.transaction(async (tx) => {
    for (const a of payload.alerts) {
      const labels = { ...(payload.commonLabels ?? {}), ...a.labels };
      const alertname = labels.alertname || 'Alert';
      const fingerprint = labelFingerprint(labels);
      if (a.status === 'resolved') {
        if (await deps.engine.resolve(tx, fingerprint)) accepted++;
        continue;
      }
      const cluster = clusterOf(labels.cluster);
      const type = `alertmanager.${alertname}`.slice(0, 200);
      const annotations = { ...(payload.commonAnnotations ?? {}), ...a.annotations };
      const startsAt =
        a.startsAt && Number.isFinite(Date.parse(a.startsAt)) && !a.startsAt.startsWith('0001')
          ? a.startsAt
          : undefined;
      const created = await deps.engine.fire(
        tx,
        {
          fingerprint,
          source: 'alertmanager',
          sourceId: source.id,
          clusterId: cluster?.id ?? null,
          type,
          severity: severityOf(labels.severity),
          summary: annotations.summary || annotations.description || annotations.message || alertname,
          ref: cluster ? refOf(cluster.id, labels) : null,
          namespace: labels.namespace || null,
          labels,
          ...(startsAt ? { startedAt: startsAt } : {}),
        },
        cluster ? cluster.id : `label:${labels.cluster ?? '-'}`,
      );
      if (created) accepted++;
    }
  });
  return accepted;
}
