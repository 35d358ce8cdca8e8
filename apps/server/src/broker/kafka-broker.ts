/**
 * The broker over Kafka (kafkajs; docs/notifications.md "Broker" says why this client). Messages are JSON,
 * keyed (Kafka's default partitioner keeps a key on one partition, so a key's messages stay in order);
 * producing auto-creates topics (no admin calls: they need the controller). `subscribe` with a group is a
 * consumer in that Kafka consumer group (replicas share the partitions); without one, a group of its
 * own per replica and subscription that starts at the end (a broadcast to every replica).
 *
 * Kafka being down never stops the server: producing fails fast (the outbox keeps its rows and retries),
 * consumers reconnect in the background, and `health()` says `degraded` for `/readyz`.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer, ISocketFactory, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Broker, BrokerHandler, BrokerHealth, PublishOptions, SubscribeOptions } from './broker.js';

export interface KafkaBrokerOptions {
  brokers: string[];
  logger: Logger;
  clientId?: string;
  /** Distinguishes this replica's broadcast groups. */
  replicaId?: string;
  /** Consumer session timeout: how soon a dead replica's partitions move (default 10 s). */
  sessionTimeoutMs?: number;
  /** A handler that throws gets the message again, this many times in all, before it is skipped. */
  maxAttempts?: number;
  /** Publishes waiting for Kafka at once; more wait (backpressure). */
  maxInFlight?: number;
  onDrop?: (topic: string) => void;
  onWait?: (topic: string) => void;
  onFailed?: (topic: string) => void;
  /** Tests: how connections are opened (through a TCP proxy that can be cut). */
  socketFactory?: ISocketFactory;
}

const RECONNECT_MS = 2_000;

export function createKafkaBroker(opts: KafkaBrokerOptions): Broker {
  const log = opts.logger.child({ component: 'broker', kind: 'kafka' });
  const replicaId = opts.replicaId ?? randomUUID();
  const maxAttempts = opts.maxAttempts ?? 3;
  const maxInFlight = opts.maxInFlight ?? 1_000;
  let kafka: Kafka | undefined;
  let producer: Producer | undefined;
  let producerReady: Promise<Producer> | undefined;
  let closed = false;
  let lastError: string | undefined;
  let reachable: boolean | undefined;
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const consumers = new Set<{ stop(): Promise<void> }>();
  let broadcastSeq = 0;

  function markDown(err: unknown): void {
    const message = (err as Error).message ?? String(err);
    if (reachable !== false)
      log.warn({ brokers: opts.brokers, err: message }, 'kafka unreachable: notifications wait in the outbox');
    reachable = false;
    lastError = message;
  }
  function markUp(): void {
    if (reachable === false) log.info({ brokers: opts.brokers }, 'kafka reachable again');
    reachable = true;
    lastError = undefined;
  }

  async function client(): Promise<Kafka> {
    if (kafka) return kafka;
    const { Kafka: KafkaClass, logLevel } = await import('kafkajs');
    kafka = new KafkaClass({
      clientId: opts.clientId ?? 'argus',
      brokers: opts.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
      ...(opts.socketFactory ? { socketFactory: opts.socketFactory } : {}),
    });
    return kafka;
  }

  function getProducer(): Promise<Producer> {
    if (!producerReady) {
      producerReady = (async () => {
        const p = (await client()).producer({ allowAutoTopicCreation: true, idempotent: false });
        await p.connect();
        producer = p;
        return p;
      })();
      producerReady.catch(() => {
        producerReady = undefined;
      });
    }
    return producerReady;
  }

  async function publish<T>(topic: string, value: T, options?: PublishOptions): Promise<void> {
    if (closed) throw new Error('The broker is closed');
    if (options?.overflow === 'drop-oldest' && (reachable === false || inFlight >= maxInFlight)) {
      opts.onDrop?.(topic); // live data while Kafka is away or saturated: counted, never queued without bound
      return;
    }
    while (inFlight >= maxInFlight) {
      opts.onWait?.(topic);
      await new Promise<void>((r) => waiting.push(r));
    }
    inFlight++;
    try {
      const p = await getProducer();
      await p.send({
        topic,
        acks: -1,
        timeout: 10_000,
        messages: [{ key: options?.key ?? null, value: JSON.stringify(value) }],
      });
      markUp();
    } catch (err) {
      markDown(err);
      throw new Error(`Kafka did not accept the message: ${(err as Error).message}`, { cause: err });
    } finally {
      inFlight--;
      waiting.shift()?.();
    }
  }

  function subscribe<T>(topic: string, handler: BrokerHandler<T>, options?: SubscribeOptions): () => void {
    const broadcast = options?.group === undefined;
    // One Kafka group per (group, topic): members of a Kafka group that subscribe to different topics make the
    // assignor hand partitions to members that never asked for them, and each join rebalances the others.
    const groupId = options?.group ? `${options.group}.${topic}` : `argus-broadcast-${replicaId}-${++broadcastSeq}`;
    let consumer: Consumer | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;

    async function handle(value: T, key: string | undefined, publishedAt: number): Promise<void> {
      for (let attempt = 1; ; attempt++) {
        try {
          await handler({ topic, key, value, publishedAt });
          return;
        } catch (err) {
          if (attempt >= maxAttempts || stopped) {
            log.warn({ topic, key, attempt, err: (err as Error).message }, 'broker handler failed');
            opts.onFailed?.(topic);
            return;
          }
          await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        }
      }
    }

    async function run(): Promise<void> {
      if (stopped || closed) return;
      try {
        const c = (await client()).consumer({
          groupId,
          sessionTimeout: opts.sessionTimeoutMs ?? 10_000,
          rebalanceTimeout: Math.max(opts.sessionTimeoutMs ?? 10_000, 3_000),
          heartbeatInterval: Math.max(200, Math.floor((opts.sessionTimeoutMs ?? 10_000) / 10)),
          allowAutoTopicCreation: true,
          // A fetch waits at most this long for data (a broker that answers on arrival makes it moot; latency bound).
          maxWaitTimeInMs: 500,
          retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 3_000 },
        });
        consumer = c;
        c.on(c.events.CRASH, (e) => {
          const { error, restart } = e.payload as { error: Error; restart: boolean };
          markDown(error);
          if (!restart && !stopped) {
            void c.disconnect().catch(() => undefined);
            timer = setTimeout(() => void run(), RECONNECT_MS);
          }
        });
        c.on(c.events.GROUP_JOIN, () => markUp());
        await c.connect();
        await c.subscribe({ topic, fromBeginning: !broadcast });
        await c.run({
          partitionsConsumedConcurrently: 4,
          eachMessage: async ({ message }) => {
            if (stopped) throw new Error('unsubscribed'); // not committed: the group's next member gets it
            const raw = message.value?.toString('utf8');
            if (raw === undefined) return;
            let value: T;
            try {
              value = JSON.parse(raw) as T;
            } catch {
              log.warn({ topic }, 'kafka message is not JSON: skipped');
              return;
            }
            await handle(value, message.key?.toString('utf8'), Number(message.timestamp));
          },
        });
      } catch (err) {
        markDown(err);
        await consumer?.disconnect().catch(() => undefined);
        if (!stopped && !closed) timer = setTimeout(() => void run(), RECONNECT_MS);
      }
    }

    const entry = {
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await consumer?.disconnect().catch(() => undefined);
      },
    };
    consumers.add(entry);
    void run();
    return () => {
      consumers.delete(entry);
      void entry.stop();
    };
  }

  // Say at start whether Kafka answers (the server starts either way).
  void getProducer().then(markUp, markDown);

  return {
    kind: 'kafka',
    publish,
    subscribe,
    health(): BrokerHealth {
      if (reachable === true) return { status: 'ok' };
      if (reachable === undefined) return { status: 'degraded', detail: 'connecting to Kafka' };
      return {
        status: 'degraded',
        detail: `Kafka unreachable (${lastError ?? 'no answer'}); notifications wait in the outbox`,
      };
    },
    async close() {
      closed = true;
      await Promise.all([...consumers].map((c) => c.stop()));
      consumers.clear();
      await producer?.disconnect().catch(() => undefined);
      for (const w of waiting.splice(0)) w();
    },
  };
}
