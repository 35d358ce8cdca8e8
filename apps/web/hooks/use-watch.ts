'use client';
import { useEffect, useRef, useState } from 'react';
import { refreshSession } from '@/lib/api';
import type { KubeObject } from '@/lib/kube';
import type { WatchEventType } from '@/lib/watch-events';
import { useAuthStore } from '@/stores/auth-store';

export interface WatchTarget {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
}

export type WatchMode = 'connecting' | 'live' | 'polling';

export interface UseWatchOptions {
  target: WatchTarget | null;
  onEvent: (type: WatchEventType, object: KubeObject) => void;
  /** The server dropped events for this subscription: refetch the list. */
  onResync: () => void;
}

type ServerMessage =
  | { type: 'subscribed'; id: string }
  | { type: 'event'; id: string; event: WatchEventType; object: KubeObject }
  | { type: 'resync'; id: string }
  | { type: 'error'; id?: string; code?: string; message?: string; error?: { code?: string; message?: string } }
  | { type: string; id?: string };

let counter = 0;

/**
 * Live updates over `/ws` (DESIGN.md: auth in the first message, then subscribe/event/resync/unsubscribe).
 * Returns 'polling' when the hub is absent or failing, so the caller refetches on an interval instead;
 * reconnects with backoff after a drop.
 */
export function useWatch({ target, onEvent, onResync }: UseWatchOptions): WatchMode {
  const [mode, setMode] = useState<WatchMode>('connecting');
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  const key = target ? JSON.stringify(target) : '';

  useEffect(() => {
    if (!key || typeof WebSocket === 'undefined') {
      setMode('polling');
      return;
    }
    const t = JSON.parse(key) as WatchTarget;
    let ws: WebSocket | null = null;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let authRetried = false;
    const id = `w${++counter}`;

    const connect = () => {
      const token = useAuthStore.getState().accessToken;
      if (!token) {
        setMode('polling');
        return;
      }
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      try {
        ws = new WebSocket(`${proto}//${location.host}/ws`);
      } catch {
        setMode('polling');
        return;
      }
      ws.onopen = () => {
        ws?.send(JSON.stringify({ type: 'auth', token }));
        const sub: Record<string, string> = { type: 'subscribe', id, ...t };
        if (!t.namespace) delete sub.namespace;
        ws?.send(JSON.stringify(sub));
      };
      ws.onmessage = (ev) => {
        let msg: ServerMessage;
        try {
          msg = JSON.parse(String(ev.data)) as ServerMessage;
        } catch {
          return;
        }
        if (msg.type === 'subscribed' && msg.id === id) {
          attempts = 0;
          setMode('live');
          // Events between the list and the subscription may be missed: refetch once.
          handlers.current.onResync();
        } else if (msg.type === 'event' && msg.id === id && 'event' in msg) {
          handlers.current.onEvent(msg.event, msg.object);
        } else if (msg.type === 'resync' && msg.id === id) {
          handlers.current.onResync();
        } else if (msg.type === 'error') {
          const m = msg as { code?: string; error?: { code?: string } };
          const code = m.code ?? m.error?.code ?? '';
          if (/UNAUTH|TOKEN/i.test(code) && !authRetried) {
            authRetried = true;
            ws?.close();
            void refreshSession().then(() => !closed && connect());
          } else setMode('polling');
        }
      };
      ws.onclose = () => {
        ws = null;
        if (closed) return;
        setMode('polling');
        attempts++;
        retry = setTimeout(connect, Math.min(30_000, 2_000 * 2 ** Math.min(attempts, 4)));
      };
      ws.onerror = () => setMode('polling');
    };

    setMode('connecting');
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'unsubscribe', id }));
      ws?.close();
    };
  }, [key]);

  return mode;
}
