/**
 * Secret values are a permission of their own (`secrets:read`): a caller without it in a Secret's
 * namespace gets the Secret without `data`, `stringData` and kubectl's last-applied annotation (which
 * holds the data too), and with `data_keys: [{key, size}]` instead. Only the core `secrets` resource is
 * ever looked at, so lists of every other kind cost nothing more.
 */
import { SECRETS_READ, type SecretDataKey } from '@argus/contracts';
import { type CachedObject, cachedKind, cacheObject, NO_POOL } from './cached-object.js';
import type { ResourceInfo } from './discovery.js';
import type { KubeObject } from './selectors.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Namespaces whose Secret values the caller may read: 'all', or a set (possibly empty). */
export type SecretValues = 'all' | ReadonlySet<string>;

export const isSecretsResource = (info: Pick<ResourceInfo, 'group' | 'resource'>): boolean =>
  info.group === '' && info.resource === 'secrets';

export const isSecretObject = (o: unknown): o is KubeObject =>
  typeof o === 'object' &&
  o !== null &&
  (o as KubeObject).kind === 'Secret' &&
  (o as KubeObject).apiVersion === 'v1' &&
  typeof (o as KubeObject).metadata === 'object';

export const showsValues = (values: SecretValues, namespace: string | undefined): boolean =>
  values === 'all' || (namespace !== undefined && values.has(namespace));

function dataKeys(o: KubeObject): SecretDataKey[] {
  const keys: SecretDataKey[] = [];
  const seen = new Set<string>();
  const data = o.data as Record<string, unknown> | undefined;
  if (data && typeof data === 'object')
    for (const [key, v] of Object.entries(data)) {
      seen.add(key);
      keys.push({ key, size: typeof v === 'string' ? Buffer.from(v, 'base64').length : 0 });
    }
  const stringData = o.stringData as Record<string, unknown> | undefined;
  if (stringData && typeof stringData === 'object')
    for (const [key, v] of Object.entries(stringData))
      if (!seen.has(key)) keys.push({ key, size: typeof v === 'string' ? Buffer.byteLength(v) : 0 });
  return keys;
}

// Parsed objects handed out by the watch cache are shared by every request: each is redacted once.
const redacted = new WeakMap<KubeObject, KubeObject>();
// Cached objects are immutable (a change is a new CachedObject): each is redacted (and serialised) once,
// and forgotten with it.
const redactedCached = new WeakMap<CachedObject, CachedObject>();

/** The Secret without its values: no data/stringData/last-applied annotation, `data_keys` listing each key. */
export function redactSecret(o: KubeObject): KubeObject {
  const hit = redacted.get(o);
  if (hit) return hit;
  const { data: _data, stringData: _stringData, ...rest } = o;
  let metadata = o.metadata;
  const annotations = metadata.annotations as Record<string, string> | undefined;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _lastApplied, ...others } = annotations;
    metadata = { ...metadata, annotations: others };
  }
  const out: KubeObject = { ...rest, metadata, data_keys: dataKeys(o) };
  redacted.set(o, out);
  return out;
}

/** The object as a caller with these Secret values may see it (non-Secrets and allowed Secrets as they are). */
export function secretView<T>(o: T, values: SecretValues): T {
  if (values === 'all' || !isSecretObject(o) || showsValues(values, o.metadata.namespace)) return o;
  return redactSecret(o) as T;
}

/** A cached Secret without its values (redactSecret), as a cached object of its own: made once per version. */
export function redactCached(e: CachedObject): CachedObject {
  let out = redactedCached.get(e);
  if (!out) {
    out = cacheObject(redactSecret(e.object()), cachedKind(e.apiVersion, e.kind), NO_POOL, true);
    redactedCached.set(e, out);
  }
  return out;
}

/** A cached object as a caller with these Secret values may see it (secretView without parsing non-Secrets). */
export function secretViewCached(e: CachedObject, values: SecretValues): CachedObject {
  if (values === 'all' || e.kind !== 'Secret' || e.apiVersion !== 'v1' || showsValues(values, e.namespace)) return e;
  return redactCached(e);
}

/** What a caller needs to ask the authorizer (Access, the hub's authorizer): where it may read Secret values. */
export interface SecretValuesSource {
  where(clusterId: string, resource: string, action: string): Promise<'all' | Set<string>>;
}

/** Where the caller sees Secret values in a cluster; 'all' without asking for every kind but Secrets. */
export function secretValuesFor(
  access: SecretValuesSource,
  clusterId: string,
  info: Pick<ResourceInfo, 'group' | 'resource'>,
): Promise<SecretValues> {
  if (!isSecretsResource(info)) return Promise.resolve('all');
  return access.where(clusterId, SECRETS_READ.resource, SECRETS_READ.action);
}
