import type { KubeList, KubeObject } from './kube';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

const keyOf = (o: KubeObject) => o.metadata.uid ?? `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Applies one watch event to a cached list (a new list object; items keep their order, new ones last). */
export function applyWatchEvent(
  list: KubeList | undefined,
  type: WatchEventType,
  obj: KubeObject,
): KubeList | undefined {
  if (!list) return list;
  const key = keyOf(obj);
  const idx = list.items.findIndex((o) => keyOf(o) === key);
  let items = list.items;
  if (type === 'DELETED') {
    if (idx === -1) return list;
    items = [...items.slice(0, idx), ...items.slice(idx + 1)];
  } else if (idx === -1) {
    items = [...items, obj];
  } else {
    items = [...items];
    items[idx] = obj;
  }
  return { ...list, items };
}
