/** Helpers for object metadata: names, uids, equality, generation. */
import { randomUUID } from 'node:crypto';
import { invalid } from './errors.js';
import type { KubeObject } from './types.js';

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  return s;
}

export function defaultUid(): string {
  return randomUUID();
}

/**
 * kube-apiserver's IsValidPathSegmentName: what any object name must satisfy to be a URL path segment. With
 * `prefix` (a generateName), only the characters are checked.
 */
export function pathSegmentNameProblems(name: string, prefix = false): string[] {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

const DNS1123_MESSAGE = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;

function nameProblems(name: string, relaxed: boolean, prefix: boolean): string[] {
  if (relaxed) return pathSegmentNameProblems(name, prefix);
  // A generateName may end in '-' (the random suffix follows), as kube-apiserver's maskTrailingDash allows.
  const checked = prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
  return checked.length > 253 || !DNS1123_SUBDOMAIN.test(checked) ? [DNS1123_MESSAGE] : [];
}

/**
 * Validates metadata.name and metadata.generateName the way most kinds do (RFC 1123 subdomain, at most 253
 * characters); `relaxed` kinds only need a valid path segment (not '.' or '..', no '/' or '%').
 */
export function validateName(
  kind: string,
  group: string,
  name: string,
  relaxed = false,
  generateName: string | undefined = undefined,
): void {
  const causes = [
    ...(generateName ? nameProblems(generateName, relaxed, true) : []).map((m) => ({
      field: 'metadata.generateName',
      message: `Invalid value: "${generateName}": ${m}`,
    })),
    ...(name ? nameProblems(name, relaxed, false) : []).map((m) => ({
      field: 'metadata.name',
      message: `Invalid value: "${name}": ${m}`,
    })),
  ];
  if (causes.length > 0) throw invalid(kind, group, name, causes);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

const NON_SPEC_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/** True when anything besides metadata and status differs: the generation must be bumped. */
export function specChanged(prev: KubeObject, next: KubeObject): boolean {
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)]);
  for (const k of keys) {
    if (NON_SPEC_KEYS.has(k)) continue;
    if (!deepEqual(prev[k], next[k])) return true;
  }
  return false;
}

/** Compares two objects ignoring resourceVersion, managedFields and generation. */
export function sameContent(prev: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => {
    const { resourceVersion: _rv, managedFields: _mf, generation: _g, ...meta } = o.metadata;
    return { ...o, metadata: meta };
  };
  return deepEqual(strip(prev), strip(next));
}

export function hasSpecLike(obj: KubeObject): boolean {
  for (const k of Object.keys(obj)) if (!NON_SPEC_KEYS.has(k)) return true;
  return false;
}

export function objKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
