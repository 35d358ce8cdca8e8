import type { KubeObject, ResourceRef } from '../store/types.js';
import { CALICO_CONTROLLED } from './calico-refs.js';
import { CEPH_CONTROLLED } from './ceph-refs.js';
import { DISRUPTION_CONTROLLED } from './disruption-refs.js';
import { MARIADB_CONTROLLED } from './mariadb-refs.js';

export const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod' };
export const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false };
export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events', kind: 'Event' };
export const PVCS: ResourceRef = {
  group: '',
  version: 'v1',
  resource: 'persistentvolumeclaims',
  kind: 'PersistentVolumeClaim',
};
export const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' };
export const REPLICASETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet' };
export const STATEFULSETS: ResourceRef = {
  group: 'apps',
  version: 'v1',
  resource: 'statefulsets',
  kind: 'StatefulSet',
};
export const DAEMONSETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet' };
export const JOBS: ResourceRef = { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job' };
export const CRONJOBS: ResourceRef = { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' };
export const HPAS: ResourceRef = {
  group: 'autoscaling',
  version: 'v2',
  resource: 'horizontalpodautoscalers',
  kind: 'HorizontalPodAutoscaler',
};

// The simulated operators' custom resources (served once their CRDs exist).
const cnpg = (resource: string, kind: string): ResourceRef => ({
  group: 'postgresql.cnpg.io',
  version: 'v1',
  resource,
  kind,
});
export const CNPG_CLUSTERS = cnpg('clusters', 'Cluster');
export const CNPG_BACKUPS = cnpg('backups', 'Backup');
export const CNPG_SCHEDULED_BACKUPS = cnpg('scheduledbackups', 'ScheduledBackup');
export const CNPG_POOLERS = cnpg('poolers', 'Pooler');
export const KEDA_SCALED_OBJECTS: ResourceRef = {
  group: 'keda.sh',
  version: 'v1alpha1',
  resource: 'scaledobjects',
  kind: 'ScaledObject',
};
export const KEDA_SCALED_JOBS: ResourceRef = {
  group: 'keda.sh',
  version: 'v1alpha1',
  resource: 'scaledjobs',
  kind: 'ScaledJob',
};

/** The kinds the controllers reconcile, by resource key. */
export const CONTROLLED: ResourceRef[] = [
  DEPLOYMENTS,
  REPLICASETS,
  STATEFULSETS,
  DAEMONSETS,
  JOBS,
  CRONJOBS,
  PODS,
  CNPG_CLUSTERS,
  CNPG_BACKUPS,
  CNPG_SCHEDULED_BACKUPS,
  CNPG_POOLERS,
  KEDA_SCALED_OBJECTS,
  KEDA_SCALED_JOBS,
  ...MARIADB_CONTROLLED,
  ...CEPH_CONTROLLED,
  ...CALICO_CONTROLLED,
  ...DISRUPTION_CONTROLLED,
];

export const keyOf = (ref: ResourceRef): string => `${ref.group}/${ref.resource}`;
export const objectKey = (obj: KubeObject): string => `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

/** Loose access to spec/status fields: objects are plain JSON. */
export type Json = Record<string, unknown>;
export const specOf = (obj: KubeObject): Json => (obj.spec as Json | undefined) ?? {};
export const statusOf = (obj: KubeObject): Json => (obj.status as Json | undefined) ?? {};

export function controllerOf(
  obj: KubeObject,
): { apiVersion: string; kind: string; name: string; uid: string } | undefined {
  return obj.metadata.ownerReferences?.find((o) => o.controller);
}

export function ownerRef(owner: KubeObject, apiVersion: string, kind: string) {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function replicasOf(obj: KubeObject, fallback = 1): number {
  const r = specOf(obj).replicas;
  return typeof r === 'number' ? r : fallback;
}
