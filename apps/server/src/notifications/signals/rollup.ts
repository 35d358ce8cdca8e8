/**
 * Roll-up to the owning workload and the alert fingerprint: the 50 crash-looping pods of one Deployment are
 * one alert about the Deployment (pod → ReplicaSet → Deployment; StatefulSet; DaemonSet; Job → CronJob).
 */
import { createHash } from 'node:crypto';
import type { ResourceRef } from '../types.js';

export interface OwnerRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly controller?: boolean;
}

export interface Subject {
  apiVersion: string;
  kind: string;
  resource: string;
  namespace?: string | undefined;
  name: string;
  ownerReferences: readonly OwnerRef[];
}

/** The owners of a ReplicaSet or Job (from the watch caches); undefined when not known. */
export interface OwnerLookup {
  owners(kind: 'ReplicaSet' | 'Job', namespace: string, name: string): readonly OwnerRef[] | undefined;
}

const WORKLOADS: Record<string, { group: string; version: string; resource: string }> = {
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  Job: { group: 'batch', version: 'v1', resource: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
};

const split = (apiVersion: string) => {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
};

const controllerOf = (refs: readonly OwnerRef[]) => refs.find((r) => r.controller) ?? undefined;

function refOf(clusterId: string, kind: string, namespace: string | undefined, name: string): ResourceRef {
  const w = WORKLOADS[kind]!;
  return { cluster_id: clusterId, ...w, kind, ...(namespace ? { namespace } : {}), name };
}

/** The workload an object's signals are about: its top controller among the known workload kinds. */
export function rollUp(clusterId: string, subject: Subject, lookup: OwnerLookup): ResourceRef {
  const self: ResourceRef = {
    cluster_id: clusterId,
    ...split(subject.apiVersion),
    kind: subject.kind,
    resource: subject.resource,
    ...(subject.namespace ? { namespace: subject.namespace } : {}),
    name: subject.name,
  };
  const ns = subject.namespace;
  let owner = controllerOf(subject.ownerReferences);
  if (!owner || !ns || !WORKLOADS[owner.kind]) return self;
  // Two levels at most: pod → ReplicaSet → Deployment, pod → Job → CronJob.
  if (owner.kind === 'ReplicaSet' || owner.kind === 'Job') {
    const up = controllerOf(lookup.owners(owner.kind, ns, owner.name) ?? []);
    if (up && WORKLOADS[up.kind]) owner = up;
  }
  return refOf(clusterId, owner.kind, ns, owner.name);
}

/** Stable across replicas and restarts: the same condition on the same object is the same alert. */
export function fingerprintOf(source: string, type: string, key: string): string {
  return createHash('sha256').update(`${source}\u0000${type}\u0000${key}`).digest('hex').slice(0, 32);
}

export function refKey(ref: ResourceRef): string {
  return [ref.cluster_id, ref.group, ref.kind, ref.namespace ?? '', ref.name].join('/');
}

/** The UI path of an object (DESIGN.md "UI routes"). */
export function linkOf(ref: ResourceRef): string {
  const core = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'pods', 'nodes'];
  const resource =
    ref.group === '' || core.includes(ref.resource) ? ref.resource : `${ref.group}~${ref.version}~${ref.resource}`;
  return `/clusters/${encodeURIComponent(ref.cluster_id)}/${resource}/${encodeURIComponent(ref.namespace ?? '_')}/${encodeURIComponent(ref.name)}`;
}
