/** Numbers of a rolling update: maxSurge / maxUnavailable resolution, revisions, template equality. */
import type { KubeObject } from '../store/types.js';
import { canonicalJson } from './names.js';
import { type Json, specOf } from './refs.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const HASH_LABEL = 'pod-template-hash';

function resolve(value: unknown, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return Number.parseInt(String(v), 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge (rounded up) and maxUnavailable (rounded down); both zero becomes unavailable 1. */
export function surgeAndUnavailable(deployment: KubeObject, desired: number): { surge: number; unavailable: number } {
  const rolling = ((specOf(deployment).strategy as Json | undefined)?.rollingUpdate as Json | undefined) ?? {};
  const surge = resolve(rolling.maxSurge, desired, true, '25%');
  let unavailable = resolve(rolling.maxUnavailable, desired, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, desired) };
}

export function revisionOf(obj: KubeObject): number {
  return Number(obj.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** Drops nulls, empty objects and empty arrays: Go's zero values, equal to absent fields. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.length === 0 ? undefined : items.map((v) => v ?? null);
  }
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) {
      const n = normalise(v);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

function withoutHash(template: unknown): string {
  const t = structuredClone((template as Json | undefined) ?? {});
  const meta = (t.metadata as Json | undefined) ?? {};
  const labels = { ...((meta.labels as Record<string, string> | undefined) ?? {}) };
  delete labels[HASH_LABEL];
  t.metadata = { ...meta, labels };
  if (Object.keys(labels).length === 0) delete (t.metadata as Json).labels;
  if (Object.keys(t.metadata as Json).length === 0) delete t.metadata;
  return canonicalJson(normalise(t) ?? {});
}

// stored objects are immutable: a template's normal form can be kept for as long as the object lives
const normalForms = new WeakMap<object, string>();
function normalForm(template: unknown): string {
  if (!template || typeof template !== 'object') return withoutHash(template);
  let form = normalForms.get(template);
  if (form === undefined) {
    form = withoutHash(template);
    normalForms.set(template, form);
  }
  return form;
}

/** Templates equal apart from the pod-template-hash label (EqualIgnoreHash). */
export function sameTemplate(a: unknown, b: unknown): boolean {
  return normalForm(a) === normalForm(b);
}
