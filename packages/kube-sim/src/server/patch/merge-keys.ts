/** Strategic-merge list semantics of the built-in kinds (patchStrategy / patchMergeKey). */

export type ListStrategy = { type: 'merge'; key: string } | { type: 'set' } | { type: 'atomic' };

const BY_FIELD: Record<string, ListStrategy> = {
  containers: { type: 'merge', key: 'name' },
  initContainers: { type: 'merge', key: 'name' },
  ephemeralContainers: { type: 'merge', key: 'name' },
  env: { type: 'merge', key: 'name' },
  volumeMounts: { type: 'merge', key: 'mountPath' },
  volumeDevices: { type: 'merge', key: 'devicePath' },
  volumes: { type: 'merge', key: 'name' },
  imagePullSecrets: { type: 'merge', key: 'name' },
  conditions: { type: 'merge', key: 'type' },
  hostAliases: { type: 'merge', key: 'ip' },
  ownerReferences: { type: 'merge', key: 'uid' },
  finalizers: { type: 'set' },
  topologySpreadConstraints: { type: 'merge', key: 'topologyKey' },
  resourceClaims: { type: 'merge', key: 'name' },
  schedulingGates: { type: 'merge', key: 'name' },
  secrets: { type: 'merge', key: 'name' },
  addresses: { type: 'merge', key: 'type' },
  podIPs: { type: 'merge', key: 'ip' },
  hostIPs: { type: 'merge', key: 'ip' },
  containerStatuses: { type: 'atomic' },
};

/** `path` is the field names from the object root to the list (no indexes). */
export function listStrategy(kind: string, path: string[]): ListStrategy {
  const field = path[path.length - 1] ?? '';
  if (field === 'ports') {
    const parent = path[path.length - 2] ?? '';
    if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers')
      return { type: 'merge', key: 'containerPort' };
    if (kind === 'Service' && path.length === 2 && path[0] === 'spec') return { type: 'merge', key: 'port' };
    return { type: 'atomic' };
  }
  if (field === 'addresses' && kind !== 'Node') return { type: 'atomic' };
  if (field === 'secrets' && kind !== 'ServiceAccount') return { type: 'atomic' };
  if (field === 'env' && path.length < 2) return { type: 'atomic' };
  return BY_FIELD[field] ?? { type: 'atomic' };
}

/** Maps whose keys are retained as a set under `$retainKeys` (union types kubectl marks). */
export function isRetainKeysMap(path: string[]): boolean {
  const field = path[path.length - 1] ?? '';
  return field === 'strategy' || field === 'updateStrategy' || field === 'volumes';
}
