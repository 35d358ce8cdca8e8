import type { Logger } from 'pino';
import type { Broker, BrokerHandler, BrokerMessage } from './broker.js';

export interface MemoryBrokerOptions {
  logger: Logger;
  /** Messages waiting per handler; past it the oldest is dropped (and counted). */
  maxQueuePerHandler?: number;
  onDrop?: (topic: string) => void;
}

interface Consumer {
  handler: BrokerHandler;
  queue: BrokerMessage[];
  running: boolean;
  closed: boolean;
}

/** In-process broker: each handler has its own bounded queue drained asynchronously, in order. */
export function createMemoryBroker(opts: MemoryBrokerOptions): Broker {
  const max = opts.maxQueuePerHandler ?? 10_000;
  const log = opts.logger.child({ component: 'broker', kind: 'memory' });
  const topics = new Map<string, Set<Consumer>>();
  let closed = false;

  async function drain(topic: string, c: Consumer): Promise<void> {
    c.running = true;
    try {
      while (c.queue.length > 0 && !c.closed) {
        const message = c.queue.shift()!;
        try {
          await c.handler(message);
        } catch (err) {
          log.warn({ topic, err: (err as Error).message }, 'broker handler failed');
        }
      }
    } finally {
      c.running = false;
    }
  }

  return {
    kind: 'memory',
    async publish(topic, value, options) {
      if (closed) return;
      const consumers = topics.get(topic);
      if (!consumers || consumers.size === 0) return;
      const message: BrokerMessage = { topic, key: options?.key, value, publishedAt: Date.now() };
      for (const c of consumers) {
        if (c.queue.length >= max) {
          c.queue.shift();
          opts.onDrop?.(topic);
        }
        c.queue.push(message);
        if (!c.running) setImmediate(() => void drain(topic, c));
        c.running = true;
      }
    },
    subscribe<T>(topic: string, handler: BrokerHandler<T>) {
      const c: Consumer = { handler: handler as BrokerHandler, queue: [], running: false, closed: false };
      let set = topics.get(topic);
      if (!set) {
        set = new Set();
        topics.set(topic, set);
      }
      set.add(c);
      return () => {
        c.closed = true;
        c.queue = [];
        set.delete(c);
      };
    },
    async close() {
      closed = true;
      for (const set of topics.values()) for (const c of set) c.closed = true;
      topics.clear();
    },
  };
}
