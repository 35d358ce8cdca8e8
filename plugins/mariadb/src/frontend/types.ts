/** What the toolkit's routes answer, as the pages read it. */
import type { OperatorActionInfo } from '@argus/plugin-sdk/frontend';
import type { Health } from '@argus/ui';

/** An object as listed: the object, its health and the plugin's table summary. */
export type Item<T> = T & { health: Health; summary?: Record<string, unknown> };

export type ActionInfo = OperatorActionInfo;

/** One object as the detail route answers it: with the actions on it. */
export type Detail<T> = Item<T> & { actions: ActionInfo[] };

export const GROUP = 'k8s.mariadb.com';
export const VERSION = 'v1alpha1';

/** A summary field as text ('—' when absent). */
export function field(item: { summary?: Record<string, unknown> }, key: string): string {
  const v = item.summary?.[key];
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  return v === undefined || v === null || v === '' ? '—' : String(v);
}

export const keyOf = (o: { metadata: { namespace?: string; name: string } }) =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
