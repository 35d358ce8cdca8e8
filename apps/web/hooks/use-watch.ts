'use client';
import { type LiveObject, useLiveEvents } from '@argus/plugin-sdk/frontend';
import type { KubeObject } from '@/lib/kube';
import type { WatchEventType } from '@/lib/watch-events';

export interface WatchTarget {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  labelSelector?: string;
}

export type WatchMode = 'connecting' | 'live' | 'polling';

export interface UseWatchOptions {
  target: WatchTarget | null;
  onEvent: (type: WatchEventType, object: KubeObject) => void;
  /** The list may have missed changes (just subscribed, the server ended the subscription, a reconnect): refetch it. */
  onResync: () => void;
  /** The resourceVersion of the list the caller has: the subscription resumes from it instead of a refetch. */
  resourceVersion?: string | undefined;
}

/**
 * Live changes of a list the caller fetched itself, over the tab's one `/ws` connection (`lib/live.ts`,
 * shared with every other live list and the plugins'). Returns 'polling' while there is no live
 * subscription (no connection, reconnecting, refused), so the caller refetches on an interval instead.
 */
export function useWatch({ target, onEvent, onResync, resourceVersion }: UseWatchOptions): WatchMode {
  const { status } = useLiveEvents(
    target,
    {
      onEvent: (type, object: LiveObject) => onEvent(type, object as KubeObject),
      onStale: () => onResync(),
    },
    { resourceVersion },
  );
  if (!target) return 'polling';
  return status === 'live' ? 'live' : status === 'connecting' ? 'connecting' : 'polling';
}
