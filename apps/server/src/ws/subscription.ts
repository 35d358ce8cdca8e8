/**
 * One client subscription: filters a feed's events by namespace, label selector and the subscriber's
 * RBAC (evaluated for every batch, so a role change applies without reconnecting), sends them through
 * the connection's bounded outbox, and turns overflow or a permission change into a `resync`. The RBAC
 * check of a batch is shared by the feed's subscribers of the same scope (delivery-lanes.ts).
 */
import type { Authorizer, Principal } from '../auth/types.js';
import type { CachedObject } from '../clusters/cached-object.js';
import type { ResourceInfo } from '../clusters/discovery.js';
import {
  isSecretsResource,
  redactCached,
  type SecretValues,
  secretValuesFor,
  showsValues,
} from '../clusters/secret-redaction.js';
import { labelsMatcher } from '../clusters/selectors.js';
import { createLanes, type LaneMember, type Lanes } from './delivery-lanes.js';
import { parseRv, type RingEntry } from './event-ring.js';
import { eventFrame, type Feed, type FeedBatch, type FeedEvent, type FeedSubscriber, feedEvent } from './feed.js';
import type { Outbox } from './outbox.js';
import type { WireFrame } from './ws-frame.js';
import type { WsMetrics } from './ws-metrics.js';

export type Allowed = 'all' | Set<string> | 'none';

export interface Permission {
  resource: string;
  action: string;
}

/** Where the principal may read this resource now: 'all', some namespaces, or 'none'. */
export async function allowedFor(
  authorizer: Authorizer,
  principal: Principal,
  clusterId: string,
  info: ResourceInfo,
  namespace: string | undefined,
  perm: Permission,
): Promise<Allowed> {
  if (!info.namespaced)
    return (await authorizer.can(principal, perm.resource, perm.action, { clusterId })) ? 'all' : 'none';
  if (namespace !== undefined) {
    const ok = await authorizer.can(principal, perm.resource, perm.action, { clusterId, namespace });
    return ok ? new Set([namespace]) : 'none';
  }
  const a = await authorizer.namespacesFor(principal, clusterId, perm.resource, perm.action);
  return a !== 'all' && a.size === 0 ? 'none' : a;
}

/** Where the principal sees Secret values now (secrets:read); undefined for every kind but Secrets. */
export async function secretValuesNow(
  authorizer: Authorizer,
  principal: Principal,
  clusterId: string,
  info: ResourceInfo,
): Promise<SecretValues | undefined> {
  if (!isSecretsResource(info)) return undefined;
  return secretValuesFor(
    { where: (c, resource, action) => authorizer.namespacesFor(principal, c, resource, action) },
    clusterId,
    info,
  );
}

function sameAllowed(a: Allowed | SecretValues, b: Allowed | SecretValues): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** What a lane's check answers for a batch: where its scope may read now, and see Secret values. */
interface ScopeAnswer {
  allowed: Allowed;
  secrets: SecretValues | undefined;
}

// Per feed, its subscribers' delivery lanes (a feed replaced after a restart gets new ones).
const lanesOf = new WeakMap<Feed, Lanes<ScopeAnswer>>();

export interface SubscriptionContext {
  outbox: Outbox;
  authorizer: Authorizer;
  principal(): Principal;
  metrics: WsMetrics;
  /** Events held while the initial state is sent, or waiting for the RBAC check. */
  maxHeld: number;
  /** Called once when the subscription ends on its own (resync, feed ended). */
  onEnded(id: string): void;
}

export interface SubscriptionSpec {
  id: string;
  feed: Feed;
  namespace: string | undefined;
  labelSelector: string | undefined;
  permission: Permission;
  allowed: Exclude<Allowed, 'none'>;
  /** For Secrets: where their values are shown (others are sent redacted); undefined for other kinds. */
  secrets: SecretValues | undefined;
}

export type StartMode =
  | { kind: 'initial' }
  | { kind: 'live'; afterRv: bigint | undefined }
  | { kind: 'resume'; afterRv: bigint; replay: RingEntry[] };

export interface Subscription {
  readonly id: string;
  start(mode: StartMode): void;
  /** Stops without telling the client (unsubscribe, replaced, connection closed). */
  stop(): void;
  /** Drops what is queued and tells the client to subscribe again. */
  resync(reason: string): void;
  /** Checks the caller's permissions now (also for quiet resources); a change resyncs. */
  recheck(): void;
}

export function createSubscription(spec: SubscriptionSpec, ctx: SubscriptionContext): Subscription {
  const { id, feed } = spec;
  const idJson = JSON.stringify(id);
  const labels = labelsMatcher(spec.labelSelector);
  // With a label selector, the keys the client currently holds: an object that stops matching is DELETED for it.
  const tracked = spec.labelSelector ? new Set<string>() : undefined;
  const allowed: Exclude<Allowed, 'none'> = spec.allowed;
  let state: 'new' | 'initial' | 'live' | 'ended' = 'new';
  let afterRv: bigint | undefined;
  let held: WireFrame[] = [];
  let waiting = 0;
  let lanes = lanesOf.get(feed);
  if (lanes === undefined) {
    lanes = createLanes<ScopeAnswer>();
    lanesOf.set(feed, lanes);
  }
  const feedLanes = lanes;
  // The lane is the RBAC scope; the principal changes on re-authentication, the scope almost never.
  let scopedFor: Principal | undefined;
  let laneKey = '';
  const scopeKey = (p: Principal) =>
    `${p.userId}\u0000${p.apiKeyScope ?? ''}\u0000${spec.namespace ?? ''}\u0000${spec.permission.resource}\u0000${spec.permission.action}`;
  const { secrets } = spec;
  /** A Secret the subscriber sees without its values. */
  const hidden = (o: CachedObject) => secrets !== undefined && !showsValues(secrets, o.namespace);

  // Namespace and labels are indexed: filtering never parses an object.
  const visible = (o: CachedObject) => {
    const ns = o.namespace;
    if (spec.namespace !== undefined && ns !== spec.namespace) return false;
    if (allowed !== 'all' && (ns === undefined || !allowed.has(ns))) return false;
    return labels(o.labels);
  };
  /** The frame for an event after filtering, or undefined. */
  function toFrame(e: FeedEvent): WireFrame | undefined {
    const o = e.event.entry;
    const redacted = hidden(o);
    if (!tracked) return visible(o) ? e.wire(e.event.type, idJson, redacted) : undefined;
    const { key } = o;
    const had = tracked.has(key);
    if (e.event.type === 'DELETED') {
      if (!had) return undefined;
      tracked.delete(key);
      return e.wire('DELETED', idJson, redacted);
    }
    if (visible(o)) {
      tracked.add(key);
      return e.wire(had ? e.event.type : 'ADDED', idJson, redacted);
    }
    if (!had) return undefined;
    tracked.delete(key);
    return e.wire('DELETED', idJson, redacted);
  }

  /** Hands a frame on (held while the initial state is sent); false when the subscription resynced. */
  function send(f: WireFrame): boolean {
    if (state === 'initial') {
      if (held.length >= ctx.maxHeld) {
        sub.resync('slow_client');
        return false;
      }
      held.push(f);
      return true;
    }
    if (!ctx.outbox.event(id, f)) {
      ctx.metrics.dropped.inc({ reason: 'buffer_full' });
      sub.resync('slow_client');
      return false;
    }
    return true;
  }

  async function checkNow(): Promise<ScopeAnswer> {
    const principal = ctx.principal();
    const allowedNow = allowedFor(
      ctx.authorizer,
      principal,
      feed.clusterId,
      feed.info,
      spec.namespace,
      spec.permission,
    );
    const secretsNow =
      secrets === undefined ? undefined : secretValuesNow(ctx.authorizer, principal, feed.clusterId, feed.info);
    // Awaited only after allowedNow: if that throws first, this one's failure must not go unhandled.
    secretsNow?.catch(() => undefined);
    return { allowed: await allowedNow, secrets: await secretsNow };
  }

  /** A batch with its lane's RBAC answer: synchronous, in the lane's loop over its subscribers. */
  function apply(batch: FeedBatch, answer: ScopeAnswer): void {
    waiting -= batch.events.length;
    if (state === 'ended') return;
    if (
      !sameAllowed(answer.allowed, allowed) ||
      (secrets !== undefined && answer.secrets !== undefined && !sameAllowed(answer.secrets, secrets))
    ) {
      sub.resync('permissions_changed');
      return;
    }
    const { events } = batch;
    // Several frames leave in one TCP write; a single one needs no cork.
    const corked = events.length > 1;
    if (corked) ctx.outbox.cork();
    // Counted when handed to the outbox (held frames are counted when the initial state is done).
    const live = state === 'live';
    let sent = 0;
    try {
      for (const e of events) {
        if (!batch.relist && afterRv !== undefined && e.rv !== undefined && e.rv <= afterRv) continue;
        const f = toFrame(e);
        if (f === undefined) continue;
        if (!send(f)) return;
        sent++;
      }
    } finally {
      if (corked) ctx.outbox.uncork();
      if (live && sent > 0) ctx.metrics.eventsOut.inc(sent);
    }
  }

  const member: LaneMember<ScopeAnswer> = {
    check: checkNow,
    apply,
    failed: () => sub.resync('internal_error'),
  };

  const subscriber: FeedSubscriber = {
    deliver(batch) {
      if (state === 'ended') return;
      waiting += batch.events.length;
      if (waiting > ctx.maxHeld) {
        ctx.metrics.dropped.inc({ reason: 'buffer_full' }, waiting);
        return sub.resync('slow_client');
      }
      const principal = ctx.principal();
      if (principal !== scopedFor) {
        const key = scopeKey(principal);
        // Another API-key scope on the same connection: what it may read is decided again by subscribing.
        if (scopedFor !== undefined && key !== laneKey) return sub.resync('permissions_changed');
        scopedFor = principal;
        laneKey = key;
      }
      feedLanes.enqueue(laneKey, batch, member);
    },
    ended(reason) {
      sub.resync(reason);
    },
  };

  function initialSource(): { next: () => string | undefined; done: () => void } {
    const snapshot = feed.cache.iterate();
    const rv = feed.cache.resourceVersion;
    let syncedSent = false;
    return {
      next() {
        for (let r = snapshot.next(); !r.done; r = snapshot.next()) {
          const o = r.value;
          if (!visible(o)) continue;
          tracked?.add(o.key);
          ctx.metrics.eventsOut.inc();
          return eventFrame(idJson, 'ADDED', (hidden(o) ? redactCached(o) : o).json);
        }
        if (syncedSent) return undefined;
        syncedSent = true;
        return JSON.stringify({ type: 'synced', id, resourceVersion: rv });
      },
      done() {
        if (state !== 'initial') return;
        state = 'live';
        const h = held;
        held = [];
        let sent = 0;
        for (const f of h) {
          if (!send(f)) break;
          sent++;
        }
        if (sent > 0) ctx.metrics.eventsOut.inc(sent);
      },
    };
  }

  const sub: Subscription = {
    id,
    start(mode) {
      if (state !== 'new') return;
      feed.add(subscriber);
      if (mode.kind === 'initial') {
        state = 'initial';
        const source = initialSource();
        afterRv = parseRv(feed.cache.resourceVersion);
        ctx.outbox.addSource(id, source.next, source.done);
        return;
      }
      state = 'live';
      afterRv = mode.afterRv;
      if (tracked) {
        for (const o of feed.cache.iterate()) if (visible(o)) tracked.add(o.key);
        // The client may hold objects the replay changes: let their events through.
        if (mode.kind === 'resume') for (const e of mode.replay) tracked.add(e.event.entry.key);
      }
      if (mode.kind === 'resume') {
        for (const entry of mode.replay) {
          const f = toFrame(feedEvent(entry.event));
          if (f === undefined) continue;
          if (!send(f)) return;
          ctx.metrics.eventsOut.inc();
        }
        ctx.outbox.control({ type: 'synced', id, resourceVersion: feed.cache.resourceVersion });
      }
    },
    stop() {
      if (state === 'ended') return;
      state = 'ended';
      feed.remove(subscriber);
      ctx.outbox.removeSource(id);
      ctx.outbox.drop(id);
      held = [];
    },
    recheck() {
      if (state === 'live' && waiting === 0) subscriber.deliver({ events: [], relist: false });
    },
    resync(reason) {
      if (state === 'ended') return;
      const queued = ctx.outbox.drop(id) + held.length;
      if (queued > 0) ctx.metrics.dropped.inc({ reason: 'resync' }, queued);
      sub.stop();
      ctx.metrics.resyncs.inc({ reason });
      ctx.outbox.control({ type: 'resync', id, reason });
      ctx.onEnded(id);
    },
  };
  return sub;
}
