/**
 * The live-updates hub: a pub/sub over the clusters' watch caches. One feed per cluster resource (one
 * upstream watch, whatever the number of subscribers), subscriptions authorized when made and filtered
 * by RBAC at delivery, event-producer hooks that see every event once (for the broker), and feeds kept
 * a while after their last subscriber so reconnecting clients can resume.
 */
import { AppError, type WsSubscribeMessage } from '@argus/contracts';
import type { Logger } from 'pino';
import type { Authorizer, Principal } from '../auth/types.js';
import { permissionFor } from '../clusters/access.js';
import type { CacheManager } from '../clusters/cache-manager.js';
import type { Discovery, ResourceInfo } from '../clusters/discovery.js';
import { type KubeObject, parseLabelSelector } from '../clusters/selectors.js';
import type { CacheEventType } from '../clusters/watch-cache.js';
import { parseRv } from './event-ring.js';
import { createFeed, type Feed, type FeedBatch, type FeedSubscriber } from './feed.js';
import {
  allowedFor,
  createSubscription,
  type Subscription,
  type SubscriptionContext,
  secretValuesNow,
} from './subscription.js';
import type { WsMetrics } from './ws-metrics.js';

/** What event-producer hooks (and the broker topic argus.cluster-events) receive. */
export interface ClusterEventMessage {
  /** Stable across replicas (every replica observes the same change): for de-duplication. */
  id: string;
  cluster: string;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace: string | undefined;
  name: string;
  type: CacheEventType;
  resourceVersion: string | undefined;
  object: KubeObject;
  observedAt: number;
}

export type EventHook = (event: ClusterEventMessage) => void;

export interface HubDeps {
  caches: Pick<CacheManager, 'synced'>;
  discovery: Pick<Discovery, 'find'>;
  resolveCluster(idOrName: string): Promise<{ id: string }>;
  authorizer: Authorizer;
  logger: Logger;
  metrics: WsMetrics;
  ringSize: number;
  /** Keep a feed (and its ring) this long after its last subscriber left (default 2 min). */
  lingerMs?: number;
  /** How often feeds are checked for stopped caches and idleness (default 2 s). */
  checkIntervalMs?: number;
}

export interface SubscribeOptions {
  /** False once the subscription is no longer wanted (replaced, unsubscribed, connection closed). */
  wanted(): boolean;
}

export interface Hub {
  /** Authorizes and starts a subscription (sends `subscribed`, then state or events); throws AppError. */
  subscribe(
    principal: Principal,
    msg: WsSubscribeMessage,
    ctx: SubscriptionContext,
    opts: SubscribeOptions,
  ): Promise<Subscription | undefined>;
  /** An event-producer hook: every event of every followed resource, once. Returns its removal. */
  addHook(hook: EventHook): () => void;
  /** Follows a resource without a WebSocket subscriber (so hooks see its events). Returns the release. */
  follow(cluster: string, group: string, version: string, resource: string): Promise<() => void>;
  stats(): { feeds: Array<{ key: string; subscribers: number; ring: number }> };
  close(): void;
}

const keyOf = (clusterId: string, r: ResourceInfo) => `${clusterId}|${r.group}|${r.version}|${r.resource}`;

export function createHub(deps: HubDeps): Hub {
  const log = deps.logger.child({ component: 'ws-hub' });
  const lingerMs = deps.lingerMs ?? 120_000;
  const feeds = new Map<string, { feed: Promise<Feed>; settled: Feed | undefined; idleSince: number | undefined }>();
  const hooks = new Set<EventHook>();

  function publish(feed: Feed, batch: FeedBatch): void {
    deps.metrics.eventsIn.inc(batch.events.length);
    if (hooks.size === 0) return;
    const { info } = feed;
    for (const e of batch.events) {
      const o = e.event.entry;
      const message: ClusterEventMessage = {
        id: `${feed.clusterId}:${o.uid ?? o.key}:${o.resourceVersion ?? ''}:${e.event.type}`,
        cluster: feed.clusterId,
        group: info.group,
        version: info.version,
        resource: info.resource,
        kind: info.kind,
        namespace: o.namespace,
        name: o.name,
        type: e.event.type,
        resourceVersion: o.resourceVersion,
        // Parsed once for every hook (a watch event's object is handed over by the cache, not re-parsed).
        object: o.object(),
        observedAt: Date.now(),
      };
      for (const h of hooks) {
        try {
          h(message);
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'event hook failed');
        }
      }
    }
  }

  async function acquire(clusterId: string, info: ResourceInfo): Promise<Feed> {
    const key = keyOf(clusterId, info);
    const existing = feeds.get(key);
    if (existing) {
      const feed = await existing.feed;
      if (feed.alive()) return feed;
      if (feeds.get(key) === existing) {
        feeds.delete(key);
        deps.metrics.feeds.dec();
        feed.end('watch_restarted');
      }
      return acquire(clusterId, info);
    }
    const feed = (async () => {
      const cache = await deps.caches.synced(clusterId, info);
      if (!cache) {
        throw new AppError(
          'WATCH_UNAVAILABLE',
          `${info.resource} cannot be watched here (not watchable, or too large to cache)`,
        );
      }
      const f = createFeed({ key, clusterId, info, cache, ringSize: deps.ringSize, onBatch: publish });
      deps.metrics.feeds.inc();
      log.debug({ clusterId, resource: info.resource }, 'feed started');
      return f;
    })();
    const entry: { feed: Promise<Feed>; settled: Feed | undefined; idleSince: number | undefined } = {
      feed,
      settled: undefined,
      idleSince: undefined,
    };
    feeds.set(key, entry);
    feed.then(
      (f) => {
        entry.settled = f;
      },
      () => {
        if (feeds.get(key) === entry) feeds.delete(key);
      },
    );
    return feed;
  }

  const timer = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of feeds) {
      entry.feed
        .then((feed) => {
          if (feeds.get(key) !== entry) return;
          if (!feed.alive()) {
            feeds.delete(key);
            deps.metrics.feeds.dec();
            log.info(
              { clusterId: feed.clusterId, resource: feed.info.resource },
              'watch behind a feed stopped: subscribers resync',
            );
            feed.end('watch_restarted');
          } else if (feed.subscribers() > 0) entry.idleSince = undefined;
          else if (entry.idleSince === undefined) entry.idleSince = now;
          else if (now - entry.idleSince > lingerMs) {
            feeds.delete(key);
            deps.metrics.feeds.dec();
            feed.end('idle');
          }
        })
        .catch(() => undefined);
    }
  }, deps.checkIntervalMs ?? 2_000);
  timer.unref();

  async function target(clusterRef: string, group: string, version: string, resource: string) {
    const cluster = await deps.resolveCluster(clusterRef);
    const info = await deps.discovery.find(cluster.id, group === '' ? 'core' : group, version, resource);
    if (!info.verbs.includes('watch') || !info.verbs.includes('list')) {
      throw new AppError('WATCH_UNAVAILABLE', `${info.resource} cannot be listed and watched`);
    }
    return { clusterId: cluster.id, info };
  }

  return {
    async subscribe(principal, msg, ctx, opts) {
      const { clusterId, info } = await target(msg.cluster, msg.group, msg.version, msg.resource);
      if (!info.namespaced && msg.namespace !== undefined) {
        throw new AppError('VALIDATION_FAILED', `${info.resource} are cluster-scoped: subscribe without a namespace`);
      }
      parseLabelSelector(msg.labelSelector);
      const perm = permissionFor(info.resource, undefined, 'read');
      const allowed = await allowedFor(deps.authorizer, principal, clusterId, info, msg.namespace, perm);
      if (allowed === 'none') {
        throw new AppError(
          'FORBIDDEN',
          `You may not read ${info.resource}${msg.namespace ? ` in namespace "${msg.namespace}"` : ' in this cluster'}`,
        );
      }
      const secrets = await secretValuesNow(deps.authorizer, principal, clusterId, info);
      const feed = await acquire(clusterId, info);
      if (!opts.wanted()) return undefined;
      // From here on synchronous: the ring, the cache snapshot and the registration see the same instant.
      const sub = createSubscription(
        {
          id: msg.id,
          feed,
          namespace: msg.namespace,
          labelSelector: msg.labelSelector,
          permission: perm,
          allowed,
          secrets,
        },
        ctx,
      );
      ctx.outbox.control({ type: 'subscribed', id: msg.id });
      if (msg.resourceVersion !== undefined) {
        const replay = feed.ring.since(msg.resourceVersion);
        if (!replay) {
          deps.metrics.resyncs.inc({ reason: 'resume_unavailable' });
          ctx.outbox.control({ type: 'resync', id: msg.id, reason: 'resume_unavailable' });
          return undefined;
        }
        const from = parseRv(msg.resourceVersion)!;
        const last = feed.ring.last();
        sub.start({ kind: 'resume', afterRv: last !== undefined && last > from ? last : from, replay });
      } else if (msg.sendInitial) sub.start({ kind: 'initial' });
      else sub.start({ kind: 'live', afterRv: feed.ring.last() });
      return sub;
    },
    addHook(hook) {
      hooks.add(hook);
      return () => void hooks.delete(hook);
    },
    async follow(cluster, group, version, resource) {
      const { clusterId, info } = await target(cluster, group, version, resource);
      const feed = await acquire(clusterId, info);
      const holder: FeedSubscriber = { deliver: () => undefined, ended: () => undefined };
      feed.add(holder);
      return () => feed.remove(holder);
    },
    stats() {
      const out: Array<{ key: string; subscribers: number; ring: number }> = [];
      for (const { settled: f } of feeds.values()) {
        if (f) out.push({ key: f.key, subscribers: f.subscribers(), ring: f.ring.size() });
      }
      return { feeds: out };
    },
    close() {
      clearInterval(timer);
      for (const entry of feeds.values()) entry.feed.then((f) => f.end('shutdown')).catch(() => undefined);
      deps.metrics.feeds.set(0);
      feeds.clear();
    },
  };
}
