/** Status conditions of the simulated operators' custom resources. */
import { canonicalJson } from './names.js';
import type { Json } from './refs.js';

export const conditionsOf = (status: Json): Json[] => (status.conditions as Json[] | undefined) ?? [];

export const findCondition = (status: Json, type: string): Json | undefined =>
  conditionsOf(status).find((c) => c.type === type);

/**
 * meta.SetStatusCondition: replaces the condition of that type (appending a new one), keeping its
 * lastTransitionTime while the status does not change. `at` undefined writes no lastTransitionTime
 * (KEDA's conditions have none).
 */
export function setCondition(
  status: Json,
  type: string,
  value: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  at?: string,
): void {
  const list = conditionsOf(status);
  const old = list.find((c) => c.type === type);
  const next: Json = { type, status: value, reason, message };
  if (at !== undefined)
    next.lastTransitionTime = old?.status === value && old.lastTransitionTime ? old.lastTransitionTime : at;
  if (old) {
    // KEDA writes its conditions whole; metav1 conditions keep other fields (observedGeneration)
    const merged = at === undefined ? next : { ...old, ...next };
    if (old.status === value && old.reason === reason && old.message === message) return;
    status.conditions = list.map((c) => (c.type === type ? merged : c));
  } else status.conditions = [...list, next];
}

export function removeCondition(status: Json, type: string): void {
  const list = conditionsOf(status);
  if (list.some((c) => c.type === type)) status.conditions = list.filter((c) => c.type !== type);
}

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
