/** The types of the live connection (live-connection.ts) and its hooks (use-live.ts). */

export type LiveEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** What to watch: a cluster's resource (`group` is `core` or '' for the core group), optionally narrowed. */
export interface LiveTarget {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  labelSelector?: string;
}

export interface LiveObject {
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** connecting: not subscribed yet · live: events flow · offline: no connection (retrying) · error: refused. */
export type LiveStatus = 'connecting' | 'live' | 'offline' | 'error';

export interface LiveError {
  code: string;
  message: string;
}

/** The current objects of a `state` subscription (the server sent them first, `sendInitial`). */
export interface LiveSnapshot {
  items: LiveObject[];
  /** The initial state has arrived (before that `items` may be partial, or the previous state). */
  synced: boolean;
}

export interface LiveListener {
  /** A change, as it comes (both modes). */
  onEvent?(type: LiveEventType, object: LiveObject): void;
  /** `state` mode: the objects changed (batched). */
  onSnapshot?(snapshot: LiveSnapshot): void;
  /**
   * `events` mode: what the listener read may have missed changes (first subscribed, a resync, a reconnect
   * that could not resume): read the list again.
   */
  onStale?(reason: string): void;
  onStatus?(status: LiveStatus, error?: LiveError): void;
}

/**
 * `events`: only changes after subscribing (the caller lists by itself, e.g. big paged lists);
 * `state`: the current objects first, then changes, kept here so later users of the target get them too.
 */
export type LiveMode = 'events' | 'state';

export interface LiveSubscribeOptions {
  /** `events` mode: the resourceVersion of the list the caller read, to resume from instead of listing again. */
  resourceVersion?: string;
}

/** Frames the server pushes to the user without a subscription (e.g. `{"type":"notification",…}`). */
export interface LiveMessageListener {
  onMessage(message: Record<string, unknown> & { type: string }): void;
  /** After each authentication of a new socket (a reconnect): frames sent while it was away are lost, read again. */
  onConnected?(): void;
}

export interface LiveConnection {
  /**
   * Starts (or joins) the subscription of `target`; the function it returns leaves it. `events` mode with
   * `resourceVersion` (the version of a list the caller has): the server sends the changes after it, and
   * `onStale` is called only when it cannot (the caller lists again).
   */
  subscribe(target: LiveTarget, listener: LiveListener, mode?: LiveMode, options?: LiveSubscribeOptions): () => void;
  /**
   * Receives the server's frames of `type` that belong to no subscription (no `id`); keeps the socket open
   * while listened to. The function it returns stops listening. (Optional: test doubles may leave it out.)
   */
  listen?(type: string, listener: LiveMessageListener): () => void;
  /** The credential changed (refreshed, another user): send it on the open socket, or connect again. */
  reauthenticate(): void;
  /** Closes the socket (sign-out); subscriptions wait for `reauthenticate()`. */
  disconnect(): void;
}

/** The parts of the browser's WebSocket used here (tests pass a fake). */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveConnectionOptions {
  /** The `/ws` URL (e.g. `wss://host/ws`). */
  url: () => string;
  /** The access token or API key for the first message; null when signed out. */
  getToken: () => string | null | Promise<string | null>;
  /** Gets a fresh token after the server refused one; false when that failed (signed out). */
  refreshToken?: () => Promise<boolean>;
  WebSocket?: new (url: string) => SocketLike;
  /** Backoff of reconnects: min(maxRetryMs, retryMs × 2^attempt). */
  retryMs?: number;
  maxRetryMs?: number;
  /** How long to wait before subscribing again after a transient refusal (cluster unreachable). */
  resubscribeMs?: number;
  /** How long the socket stays open without subscriptions (page changes reuse it). */
  idleCloseMs?: number;
  /** Coalesces `state` snapshots (0 = each event notifies at once). */
  batchMs?: number;
}
