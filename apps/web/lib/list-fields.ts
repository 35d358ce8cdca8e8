/**
 * What each kind's table columns (`components/resource-columns.tsx`) read, besides the name, namespace and uid
 * a list item always keeps: the list is asked for only these (`?fields=`, docs/api.md), ~3.9 MB instead of
 * ~16 MB for 10,000 pods. A kind not here is listed whole. `resource-columns.test.tsx` checks every column shows
 * the same from the projection. No imports: the root layout's inline script is built from it on the server.
 */
const FIELDS: Record<string, string[]> = {
  pods: [
    'metadata.deletionTimestamp',
    'spec.containers.name',
    'spec.nodeName',
    'status.containerStatuses.ready',
    'status.containerStatuses.restartCount',
    'status.containerStatuses.state.terminated.reason',
    'status.containerStatuses.state.waiting.reason',
    'status.phase',
    'status.podIP',
  ],
  deployments: ['spec.replicas', 'status.availableReplicas', 'status.readyReplicas', 'status.updatedReplicas'],
  statefulsets: ['spec.replicas', 'status.readyReplicas'],
  replicasets: ['spec.replicas', 'status.readyReplicas'],
  daemonsets: ['status.desiredNumberScheduled', 'status.numberReady'],
  jobs: ['spec.completions', 'status.failed', 'status.succeeded'],
  cronjobs: ['spec.schedule', 'spec.suspend', 'status.lastScheduleTime'],
  services: ['spec.clusterIP', 'spec.ports.port', 'spec.ports.protocol', 'spec.type'],
  ingresses: ['spec.ingressClassName', 'spec.rules.host'],
  persistentvolumeclaims: ['spec.volumeName', 'status.capacity.storage', 'status.phase'],
  persistentvolumes: ['spec.capacity.storage', 'status.phase'],
  nodes: [
    'spec.unschedulable',
    'status.allocatable.cpu',
    'status.allocatable.memory',
    'status.conditions.status',
    'status.conditions.type',
    'status.nodeInfo.kubeletVersion',
  ],
  namespaces: ['status.phase'],
  events: ['count', 'involvedObject.kind', 'involvedObject.name', 'message', 'reason', 'type'],
};

/** The `fields` of a built-in kind's list (its columns' fields and the age), or undefined: list it whole. */
export function listFields(resource: string): string | undefined {
  const own = FIELDS[resource];
  return own ? ['metadata.creationTimestamp', ...own].join(',') : undefined;
}
