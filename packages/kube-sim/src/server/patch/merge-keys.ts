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

/** How lists of a custom resource merge, from its CRD schema. */
export interface ListResolver {
  kind: string;
  resolve(path: string[]): ListStrategy;
}

/** A built-in kind's name, or a resolver for a custom resource. */
export type ListKind = string | ListResolver;

type Schema = Record<string, unknown>;
const sch = (v: unknown): Schema => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : {});

/** Reads x-kubernetes-list-type / x-kubernetes-list-map-keys from an OpenAPI v3 schema. */
export function schemaListResolver(kind: string, root: Schema): ListResolver {
  return {
    kind,
    resolve(path) {
      if (path[0] === 'metadata') return listStrategy(kind, path);
      let cur: Schema = root;
      for (const seg of path) {
        if (cur.type === 'array') cur = sch(cur.items);
        const props = sch(cur.properties);
        cur = seg in props ? sch(props[seg]) : sch(cur.additionalProperties);
      }
      const type = cur['x-kubernetes-list-type'];
      const keys = cur['x-kubernetes-list-map-keys'];
      if (type === 'map' && Array.isArray(keys) && typeof keys[0] === 'string') return { type: 'merge', key: keys[0] };
      if (type === 'set') return { type: 'set' };
      return { type: 'atomic' };
    },
  };
}

/** `path` is the field names from the object root to the list (no indexes). */
export function listStrategy(lk: ListKind, path: string[]): ListStrategy {
  if (typeof lk !== 'string') return lk.resolve(path);
  const kind = lk;
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
