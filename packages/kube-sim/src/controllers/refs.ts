import type { KubeObject, ResourceRef } from '../store/types.js';

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

/** The workload kinds the controllers own, by resource key. */
export const CONTROLLED: ResourceRef[] = [DEPLOYMENTS, REPLICASETS, STATEFULSETS, DAEMONSETS, JOBS, CRONJOBS, PODS];

export const keyOf = (ref: ResourceRef): string => `${ref.group}/${ref.resource}`;
export const objectKey = (obj: KubeObject): string => `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

/** Loose access to spec/status fields: objects are plain JSON. */
export type Json = Record<string, unknown>;
export const specOf = (obj: KubeObject): Json => (obj.spec as Json | undefined) ?? {};
export const statusOf = (obj: KubeObject): Json => (obj.status as Json | undefined) ?? {};

export function controllerOf(obj: KubeObject): { kind: string; name: string; uid: string } | undefined {
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
