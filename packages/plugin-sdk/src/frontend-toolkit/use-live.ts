/**
 * Live data for components, over the tab's one WebSocket (`ArgusHostProvider`): `useLiveList` keeps the
 * current objects of a resource (the server sends them first, then every change), `useLiveEvents` hands
 * the changes to a caller that lists by itself. Components that ask for the same target share one
 * server subscription; it ends when the last of them unmounts.
 */
import { useEffect, useRef, useState } from 'react';
import { useArgusHost } from './host';
import { liveTargetKey } from './live-connection';
import type { LiveError, LiveEventType, LiveObject, LiveStatus, LiveTarget } from './live-types';

export interface LiveList<T> {
  /** The objects (in arrival order); empty until the first ones arrive. */
  items: T[];
  /** The server's current state has arrived: `items` is complete (an empty list means none exist). */
  synced: boolean;
  status: LiveStatus;
  /** Why the server refused the subscription (`FORBIDDEN`, `UNKNOWN_KIND`, `CLUSTER_UNREACHABLE`, …). */
  error?: LiveError;
}

const NO_CONNECTION: LiveError = { code: 'NO_LIVE_CONNECTION', message: 'Live updates are not available here.' };

/**
 * The objects of `target`, kept current: `useLiveList({cluster, group, version, resource, namespace?,
 * labelSelector?})`. `null` waits (nothing is subscribed). The caller's RBAC applies: a namespace-scoped
 * user gets only their namespaces' objects; a refused subscription has `status: 'error'` and `error`.
 */
export function useLiveList<T extends LiveObject = LiveObject>(target: LiveTarget | null): LiveList<T> {
  const { live } = useArgusHost();
  const key = target ? liveTargetKey(target) : '';
  const [state, setState] = useState<LiveList<T> & { key: string }>({
    key,
    items: [],
    synced: false,
    status: 'connecting',
  });
  const targetRef = useRef(target);
  targetRef.current = target;

  useEffect(() => {
    const t = targetRef.current;
    setState({ key, items: [], synced: false, status: t && live ? 'connecting' : 'offline' });
    if (!t) return;
    if (!live) {
      setState({ key, items: [], synced: false, status: 'offline', error: NO_CONNECTION });
      return;
    }
    return live.subscribe(
      t,
      {
        onSnapshot: (snap) => setState((s) => ({ ...s, key, items: snap.items as T[], synced: snap.synced })),
        onStatus: (status, error) => setState((s) => ({ ...s, key, status, error })),
      },
      'state',
    );
  }, [key, live]);

  if (state.key !== key) return { items: [], synced: false, status: target ? 'connecting' : 'offline' };
  const { key: _k, ...list } = state;
  return list;
}

export interface LiveEventHandlers {
  onEvent(type: LiveEventType, object: LiveObject): void;
  /** Read the list again: it may have missed changes (just subscribed, resync, reconnect without resume). */
  onStale(reason: string): void;
}

/**
 * Changes of `target` after subscribing, for a caller that lists by itself (the web app's big paged lists).
 * Returns the subscription's status; `onStale` asks the caller to list again. `resourceVersion`: the version
 * of the list the caller already has, read when the subscription starts (not a reason to subscribe again):
 * the changes after it are sent instead of an `onStale` (which still comes when they cannot be).
 */
export function useLiveEvents(
  target: LiveTarget | null,
  handlers: LiveEventHandlers,
  options: { resourceVersion?: string | undefined } = {},
): { status: LiveStatus; error?: LiveError } {
  const { live } = useArgusHost();
  const key = target ? liveTargetKey(target) : '';
  const [state, setState] = useState<{ status: LiveStatus; error?: LiveError }>({ status: 'connecting' });
  const latest = useRef({ target, handlers, resourceVersion: options.resourceVersion });
  latest.current = { target, handlers, resourceVersion: options.resourceVersion };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the target the effect reads from the ref
  useEffect(() => {
    const t = latest.current.target;
    if (!t || !live) {
      setState({ status: 'offline', error: t ? NO_CONNECTION : undefined });
      return;
    }
    setState({ status: 'connecting' });
    return live.subscribe(
      t,
      {
        onEvent: (type, object) => latest.current.handlers.onEvent(type, object),
        onStale: (reason) => latest.current.handlers.onStale(reason),
        onStatus: (status, error) => setState({ status, error }),
      },
      'events',
      latest.current.resourceVersion ? { resourceVersion: latest.current.resourceVersion } : undefined,
    );
  }, [key, live]);

  return state;
}

/**
 * Calls `reload` (debounced) whenever an object of `target` changes, over the tab's one WebSocket: keeps a
 * list read from the plugin's own routes (e.g. the operator toolkit's `/resources/{plural}` with `health`)
 * current without polling. Also reloads when the subscription starts or restarts (changes may have been
 * missed). Returns the subscription's status.
 */
export function useLiveReload(target: LiveTarget | null, reload: () => void, delayMs = 300): LiveStatus {
  const latest = useRef(reload);
  latest.current = reload;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const later = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), delayMs);
  };
  return useLiveEvents(target, { onEvent: later, onStale: later }).status;
}
