import type { Logger } from 'pino';
import {
  type Broker,
  type BrokerHandler,
  type BrokerMessage,
  type PublishOptions,
  partitionOf,
  type SubscribeOptions,
} from './broker.js';

export interface MemoryBrokerOptions {
  logger: Logger;
  /** Messages waiting per consumer; past it `publish` waits for room (or drops the oldest when asked to). */
  maxQueuePerHandler?: number;
  /** A handler that throws gets the message again, this many times in all (then it is logged and skipped). */
  maxAttempts?: number;
  onDrop?: (topic: string) => void;
  /** A publish had to wait for room (backpressure). */
  onWait?: (topic: string) => void;
  /** A message a handler failed on `maxAttempts` times. */
  onFailed?: (topic: string) => void;
}

interface Consumer {
  handler: BrokerHandler;
  queue: BrokerMessage[];
  running: boolean;
  closed: boolean;
  /** Publishers waiting for room in this queue. */
  waiters: Array<() => void>;
}

/**
 * In-process broker with the semantics of the Kafka one on a single replica: consumer groups share a
 * topic by key (a key always goes to the same member, so its messages stay in order), each consumer has
 * a bounded queue drained asynchronously, a full queue makes `publish` wait (backpressure, counted), and
 * a handler that throws gets the message again.
 */
export function createMemoryBroker(opts: MemoryBrokerOptions): Broker {
  const max = opts.maxQueuePerHandler ?? 10_000;
  const maxAttempts = opts.maxAttempts ?? 3;
  const log = opts.logger.child({ component: 'broker', kind: 'memory' });
  /** topic → group → members (an ungrouped subscriber is a group of its own). */
  const topics = new Map<string, Map<string, Consumer[]>>();
  let anonymous = 0;
  let closed = false;

  function wake(c: Consumer): void {
    const waiters = c.waiters.splice(0);
    for (const w of waiters) w();
  }

  async function handle(topic: string, c: Consumer, message: BrokerMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.handler(message);
        return;
      } catch (err) {
        if (attempt >= maxAttempts || c.closed) {
          log.warn({ topic, key: message.key, attempt, err: (err as Error).message }, 'broker handler failed');
          opts.onFailed?.(topic);
          return;
        }
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }

  async function drain(topic: string, c: Consumer): Promise<void> {
    try {
      while (c.queue.length > 0 && !c.closed) {
        const message = c.queue.shift()!;
        wake(c);
        await handle(topic, c, message);
      }
    } finally {
      c.running = false;
      wake(c);
    }
  }

  function enqueue(topic: string, c: Consumer, message: BrokerMessage): void {
    c.queue.push(message);
    if (!c.running) {
      c.running = true;
      setImmediate(() => void drain(topic, c));
    }
  }

  async function deliver(topic: string, members: Consumer[], message: BrokerMessage, options?: PublishOptions) {
    for (;;) {
      if (closed || members.length === 0) return;
      const c = members[partitionOf(message.key, members.length)]!;
      if (c.queue.length < max) return enqueue(topic, c, message);
      if (options?.overflow === 'drop-oldest') {
        c.queue.shift();
        opts.onDrop?.(topic);
        return enqueue(topic, c, message);
      }
      opts.onWait?.(topic);
      await new Promise<void>((resolve) => c.waiters.push(resolve));
    }
  }

  return {
    kind: 'memory',
    async publish(topic, value, options) {
      if (closed) throw new Error('The broker is closed');
      const groups = topics.get(topic);
      if (!groups || groups.size === 0) return;
      const message: BrokerMessage = { topic, key: options?.key, value, publishedAt: Date.now() };
      for (const members of [...groups.values()]) await deliver(topic, members, message, options);
    },
    subscribe<T>(topic: string, handler: BrokerHandler<T>, options?: SubscribeOptions) {
      const c: Consumer = { handler: handler as BrokerHandler, queue: [], running: false, closed: false, waiters: [] };
      let groups = topics.get(topic);
      if (!groups) {
        groups = new Map();
        topics.set(topic, groups);
      }
      const group = options?.group ?? `\0anonymous-${++anonymous}`;
      let members = groups.get(group);
      if (!members) {
        members = [];
        groups.set(group, members);
      }
      members.push(c);
      return () => {
        if (c.closed) return;
        c.closed = true;
        const list = groups.get(group);
        if (!list) return;
        list.splice(list.indexOf(c), 1);
        if (list.length === 0) groups.delete(group);
        // What it had not handled yet goes to the group's other members (a rebalance), in order.
        const left = c.queue.splice(0);
        wake(c);
        for (const m of left) if (list.length > 0) void deliver(topic, list, m);
      };
    },
    health: () => ({ status: 'ok' }),
    async close() {
      closed = true;
      for (const groups of topics.values())
        for (const members of groups.values())
          for (const c of members) {
            c.closed = true;
            wake(c);
          }
      topics.clear();
    },
  };
}
