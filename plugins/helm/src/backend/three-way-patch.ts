/**
 * A three-way JSON merge patch, as helm computes one for an upgrade or rollback: fields the old
 * manifest had and the new one drops are deleted (null); every field of the new manifest that the
 * live object lacks or holds differently is set. Fields only the live object has (defaults, other
 * managers') are left alone. Lists are replaced whole (JSON merge patch semantics).
 */
type Json = Record<string, unknown>;

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

export function threeWayMergePatch(original: Json, modified: Json, current: Json): Json {
  const patch: Json = {};
  for (const [key, want] of Object.entries(modified)) {
    const live = current[key];
    if (isMap(want) && isMap(live)) {
      const sub = threeWayMergePatch(isMap(original[key]) ? (original[key] as Json) : {}, want, live);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!deepEqual(want, live)) {
      patch[key] = want;
    }
  }
  for (const key of Object.keys(original)) {
    if (!(key in modified) && key in current) patch[key] = null;
  }
  return patch;
}
