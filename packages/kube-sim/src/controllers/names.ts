/** Deterministic names and hashes in the style of the Kubernetes controllers. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** JSON with sorted keys, so equal objects hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Like rand.SafeEncodeString of a number: consonants and digits only (no bad words). */
export function safeEncode(n: number, length = 10): string {
  let out = '';
  let x = n >>> 0;
  let y = fnv32a(String(n));
  for (let i = 0; i < length; i++) {
    const src = i % 2 === 0 ? x : y;
    out += SAFE_ALPHABET[src % SAFE_ALPHABET.length];
    if (i % 2 === 0) x = Math.floor(x / SAFE_ALPHABET.length) ^ Math.imul(i + 1, 2654435761);
    else y = Math.floor(y / SAFE_ALPHABET.length) ^ Math.imul(i + 7, 40503);
    x >>>= 0;
    y >>>= 0;
  }
  return out;
}

/** pod-template-hash / controller-revision-hash of a pod template. */
export function templateHash(template: unknown, collisionCount = 0): string {
  return safeEncode(fnv32a(`${canonicalJson(template)}#${collisionCount}`), 10);
}

/** A 5-character suffix like generateName's, derived from a seed and a counter. */
export function nameSuffix(seed: string, n: number): string {
  return safeEncode(fnv32a(`${seed}/${n}`), 5);
}

/** 64 hex characters (container IDs, image digests). */
export function hex64(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv32a(`${seed}:${i}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}
