/**
 * One WebSocket per browser tab for every live list (docs/api.md "Live updates"): it authenticates with its
 * first message, subscribes and unsubscribes by id, shares one server subscription between every user of the
 * same target, resumes after a reconnect from the last resourceVersion it saw, and subscribes again when the
 * server ends a subscription with `resync`. The web app creates one and hands it to its hooks and to plugins
 * (`ArgusHostProvider`); components use `useLiveList` / `useLiveEvents`, never this directly.
 */

import type {
  LiveConnection,
  LiveConnectionOptions,
  LiveError,
  LiveEventType,
  LiveListener,
  LiveMessageListener,
  LiveMode,
  LiveObject,
  LiveSnapshot,
  LiveStatus,
  LiveSubscribeOptions,
  LiveTarget,
  SocketLike,
} from './live-types';

const OPEN = 1;
const TRANSIENT = new Set(['CLUSTER_UNREACHABLE', 'WATCH_UNAVAILABLE', 'TOO_MANY_SUBSCRIPTIONS', 'INTERNAL']);
const AUTH_CODES = /UNAUTH|TOKEN|SESSION|REVOKED|DISABLED/;

interface Sub {
  id: string;
  target: LiveTarget;
  mode: LiveMode;
  listeners: Set<LiveListener>;
  status: LiveStatus;
  error?: LiveError;
  /** The last resourceVersion seen: where a new connection resumes. */
  rv?: string;
  /** `events` listeners that joined before the server confirmed: told to list again once it does. */
  joined: Set<LiveListener>;
  /** Whether the server knows this subscription (subscribe sent on the current socket). */
  sent: boolean;
  /** state mode: the objects, and the ones arriving during a fresh initial sync. */
  store: Map<string, LiveObject>;
  next?: Map<string, LiveObject>;
  synced: boolean;
  retry?: ReturnType<typeof setTimeout>;
  flush?: ReturnType<typeof setTimeout>;
}

export const liveTargetKey = (t: LiveTarget) =>
  JSON.stringify([
    t.cluster,
    t.group === '' ? 'core' : t.group,
    t.version,
    t.resource,
    t.namespace ?? '',
    t.labelSelector ?? '',
  ]);

const objectKey = (o: LiveObject) => o.metadata.uid ?? `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function createLiveConnection(options: LiveConnectionOptions): LiveConnection {
  const Socket =
    options.WebSocket ?? (globalThis.WebSocket as unknown as (new (url: string) => SocketLike) | undefined);
  const retryMs = options.retryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const resubscribeMs = options.resubscribeMs ?? 15_000;
  const idleCloseMs = options.idleCloseMs ?? 10_000;
  const batchMs = options.batchMs ?? 50;
  const subs = new Map<string, Sub>(); // by mode + target key
  const byId = new Map<string, Sub>();
  /** `listen()`ers of id-less server frames, by frame type. */
  const listeners = new Map<string, Set<LiveMessageListener>>();
  let listening = 0;
  /** Whether anyone needs the socket: subscriptions or listeners. */
  const wanted = () => subs.size > 0 || listening > 0;
  let counter = 0;
  let socket: SocketLike | null = null;
  let authenticated = false;
  let attempts = 0;
  let reconnect: ReturnType<typeof setTimeout> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let stopped = false; // disconnect(): wait for reauthenticate()
  let refreshing = false;

  const send = (msg: unknown) => {
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(msg));
  };

  function setStatus(sub: Sub, status: LiveStatus, error?: LiveError) {
    if (sub.status === status && sub.error?.code === error?.code) return;
    sub.status = status;
    sub.error = error;
    for (const l of sub.listeners) l.onStatus?.(status, error);
  }

  function snapshot(sub: Sub): LiveSnapshot {
    return { items: [...sub.store.values()], synced: sub.synced };
  }

  function notify(sub: Sub) {
    const run = () => {
      sub.flush = undefined;
      const snap = snapshot(sub);
      for (const l of sub.listeners) l.onSnapshot?.(snap);
    };
    if (batchMs <= 0) run();
    else sub.flush ??= setTimeout(run, batchMs);
  }

  function sendSubscribe(sub: Sub) {
    if (!authenticated) return;
    clearTimeout(sub.retry);
    const t = sub.target;
    const msg: Record<string, unknown> = {
      type: 'subscribe',
      id: sub.id,
      cluster: t.cluster,
      group: t.group === '' ? 'core' : t.group,
      version: t.version,
      resource: t.resource,
    };
    if (t.namespace) msg.namespace = t.namespace;
    if (t.labelSelector) msg.labelSelector = t.labelSelector;
    if (sub.rv) msg.resourceVersion = sub.rv;
    else if (sub.mode === 'state') {
      msg.sendInitial = true;
      sub.next = new Map();
    }
    sub.sent = true;
    send(msg);
  }

  function onMessage(raw: unknown) {
    let msg: { type?: string; id?: string; [k: string]: unknown };
    try {
      msg = JSON.parse(String(raw));
    } catch {
      return;
    }
    if (msg.type === 'authenticated') {
      if (authenticated) return; // a re-auth on the same connection: subscriptions go on
      authenticated = true;
      attempts = 0;
      for (const sub of subs.values()) sendSubscribe(sub);
      for (const set of listeners.values()) for (const l of set) l.onConnected?.();
      return;
    }
    if (msg.id === undefined && typeof msg.type === 'string' && listeners.has(msg.type)) {
      for (const l of listeners.get(msg.type) ?? []) l.onMessage(msg as Record<string, unknown> & { type: string });
      return;
    }
    if (msg.type === 'error' && msg.id === undefined) {
      // A fresh token for another user is refused on this connection: start a new one as that user.
      if (msg.code === 'FORBIDDEN') restart();
      else if (AUTH_CODES.test(String(msg.code))) void refreshAndReauth();
      return;
    }
    const sub = msg.id === undefined ? undefined : byId.get(msg.id);
    if (!sub) return; // an answer about a subscription already left
    switch (msg.type) {
      case 'subscribed':
        setStatus(sub, 'live');
        if (sub.mode === 'events') {
          // Resumed from a version the first listener had (the server replays what followed): only listeners
          // that joined meanwhile list again; otherwise every listener does.
          for (const l of sub.rv ? sub.joined : sub.listeners) l.onStale?.('subscribed');
        }
        sub.joined.clear();
        break;
      case 'event': {
        const type = msg.event as LiveEventType;
        const object = msg.object as LiveObject;
        if (object?.metadata?.resourceVersion) sub.rv = object.metadata.resourceVersion;
        if (sub.mode === 'state') {
          const store = sub.next ?? sub.store;
          if (type === 'DELETED') store.delete(objectKey(object));
          else store.set(objectKey(object), object);
          if (!sub.next) notify(sub);
        }
        for (const l of sub.listeners) l.onEvent?.(type, object);
        break;
      }
      case 'synced':
        if (typeof msg.resourceVersion === 'string' && msg.resourceVersion) sub.rv = msg.resourceVersion;
        if (sub.mode === 'state') {
          if (sub.next) sub.store = sub.next;
          sub.next = undefined;
          sub.synced = true;
          notify(sub);
        }
        break;
      case 'resync':
        // The server ended it: start again from the current state (events mode: the listeners re-read).
        sub.rv = undefined;
        sub.sent = false;
        setStatus(sub, 'connecting');
        sub.retry = setTimeout(() => sendSubscribe(sub), 250);
        break;
      case 'error': {
        const error = { code: String(msg.code ?? 'ERROR'), message: String(msg.message ?? '') };
        sub.sent = false;
        sub.next = undefined;
        setStatus(sub, 'error', error);
        if (TRANSIENT.has(error.code)) sub.retry = setTimeout(() => sendSubscribe(sub), resubscribeMs);
        break;
      }
    }
  }

  async function refreshAndReauth() {
    if (refreshing) return;
    refreshing = true;
    try {
      const ok = (await options.refreshToken?.()) ?? false;
      if (!ok) return;
      const token = await options.getToken();
      if (token) send({ type: 'auth', token });
    } finally {
      refreshing = false;
    }
  }

  function lost() {
    socket = null;
    authenticated = false;
    for (const sub of subs.values()) {
      sub.sent = false;
      sub.next = undefined;
      clearTimeout(sub.retry);
      setStatus(sub, 'offline');
    }
  }

  function scheduleReconnect(delay: number) {
    clearTimeout(reconnect);
    if (stopped || !wanted()) return;
    reconnect = setTimeout(() => {
      reconnect = undefined;
      void connect();
    }, delay);
  }

  async function connect(): Promise<void> {
    if (socket || stopped || !wanted()) return;
    if (!Socket) {
      for (const sub of subs.values()) setStatus(sub, 'offline');
      return;
    }
    let ws: SocketLike;
    try {
      ws = new Socket(options.url());
    } catch {
      lost();
      scheduleReconnect(Math.min(maxRetryMs, retryMs * 2 ** attempts++));
      return;
    }
    socket = ws;
    ws.onopen = () => {
      void Promise.resolve(options.getToken()).then((token) => {
        if (socket !== ws) return;
        if (!token) {
          ws.close(1000, 'signed out');
          return;
        }
        ws.send(JSON.stringify({ type: 'auth', token }));
      });
    };
    ws.onmessage = (ev) => {
      if (socket === ws) onMessage(ev.data);
    };
    ws.onerror = () => {};
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      lost();
      if (ev.code === 4401 || ev.code === 4408) {
        // The credential was refused or came too late: refresh it first.
        void (options.refreshToken?.() ?? Promise.resolve(false)).then((ok) =>
          ok ? scheduleReconnect(0) : scheduleReconnect(maxRetryMs),
        );
        return;
      }
      scheduleReconnect(Math.min(maxRetryMs, retryMs * 2 ** attempts++));
    };
  }

  function restart() {
    closeSocket();
    attempts = 0;
    scheduleReconnect(0);
  }

  function closeSocket() {
    const ws = socket;
    lost();
    ws?.close(1000, 'done');
  }

  return {
    subscribe(target, listener, mode = 'events', options: LiveSubscribeOptions = {}) {
      const key = `${mode}:${liveTargetKey(target)}`;
      let sub = subs.get(key);
      const joining = sub !== undefined;
      if (!sub) {
        sub = {
          id: `s${++counter}`,
          target: { ...target },
          mode,
          listeners: new Set(),
          status: Socket ? 'connecting' : 'offline',
          sent: false,
          store: new Map(),
          synced: false,
          joined: new Set(),
        };
        if (mode === 'events' && options.resourceVersion) sub.rv = options.resourceVersion;
        subs.set(key, sub);
        byId.set(sub.id, sub);
        sendSubscribe(sub);
      }
      const own = sub;
      own.listeners.add(listener);
      clearTimeout(idle);
      listener.onStatus?.(own.status, own.error);
      if (mode === 'state' && (own.synced || own.store.size > 0)) listener.onSnapshot?.(snapshot(own));
      if (mode === 'events' && own.status === 'live') {
        // Joining a subscription already running: the newcomer reads its list now.
        queueMicrotask(() => own.listeners.has(listener) && listener.onStale?.('subscribed'));
      } else if (mode === 'events' && joining) own.joined.add(listener);
      if (!socket && !reconnect) void connect();
      let left = false;
      return () => {
        if (left) return;
        left = true;
        own.listeners.delete(listener);
        own.joined.delete(listener);
        if (own.listeners.size > 0) return;
        subs.delete(key);
        byId.delete(own.id);
        clearTimeout(own.retry);
        clearTimeout(own.flush);
        if (own.sent && authenticated) send({ type: 'unsubscribe', id: own.id });
        if (!wanted()) {
          clearTimeout(reconnect);
          reconnect = undefined;
          idle = setTimeout(closeSocket, idleCloseMs);
        }
      };
    },
    listen(type, listener) {
      const own = listeners.get(type) ?? new Set<LiveMessageListener>();
      listeners.set(type, own);
      own.add(listener);
      listening++;
      clearTimeout(idle);
      if (!socket && !reconnect) void connect();
      let left = false;
      return () => {
        if (left) return;
        left = true;
        own.delete(listener);
        listening--;
        if (own.size === 0) listeners.delete(type);
        if (!wanted()) {
          clearTimeout(reconnect);
          reconnect = undefined;
          idle = setTimeout(closeSocket, idleCloseMs);
        }
      };
    },
    reauthenticate() {
      stopped = false;
      if (socket && authenticated) {
        void Promise.resolve(options.getToken()).then((token) => token && send({ type: 'auth', token }));
        return;
      }
      if (!socket && wanted()) {
        clearTimeout(reconnect);
        reconnect = undefined;
        attempts = 0;
        void connect();
      }
    },
    disconnect() {
      stopped = true;
      clearTimeout(reconnect);
      reconnect = undefined;
      closeSocket();
    },
  };
}
