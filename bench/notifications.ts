/**
 * Notifications end to end, for both brokers (in-memory; Kafka = librdkafka's mock cluster when `kcat` is
 * installed): (1) from a pod entering CrashLoopBackOff in kube-sim to the mail arriving at a real SMTP server,
 * p50/p99 over BENCH_SAMPLES crash-looping Deployments (grace period 0, group wait 0: the figure is the
 * machinery's own latency: signal evaluation, alert engine, outbox relay, broker, fan-out, delivery, SMTP);
 * (2) notification events per second the pipeline sustains (outbox → broker → fan-out → in-app notification)
 * while kube-sim churns pods in a watched cluster. No target in the issue: informational.
 */
import { spawnSync } from 'node:child_process';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { startMockKafka } from '../apps/server/src/broker/kafka-test-kit.js';
import { createNotificationOutbox } from '../apps/server/src/notifications/pipeline/outbox.js';
import { NOTIFICATION_TOPICS } from '../apps/server/src/notifications/types.js';
import { type BenchServer, startBenchServer } from './lib/argus-server.js';
import { percentile } from './lib/load.js';
import { report } from './lib/report.js';
import { startMailSink } from './notifications/mail-sink.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const CHURN = Number(process.env.BENCH_CHURN ?? 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PODS = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false };

async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 120_000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: kube objects read field by field
type Json = Record<string, any>;

function crashLoopingSince(sim: KubeSim, namespace: string): boolean {
  return (sim.store.list(PODS, { namespace }).items as Json[]).some((p) =>
    (p.status?.containerStatuses ?? []).some((c: Json) => c.state?.waiting?.reason === 'CrashLoopBackOff'),
  );
}

async function run(broker: 'memory' | 'kafka', kafka?: string) {
  const sim = await startKubeSim({
    scenario: 'empty',
    churnPerSecond: 0,
    controllerTimings: { startMs: 100, crashAfterMs: 300, backoffMs: 600_000, maxBackoffMs: 600_000 },
  });
  const mail = await startMailSink();
  let argus: BenchServer | undefined;
  try {
    argus = await startBenchServer({
      ALERT_GRACE_SECONDS: '0',
      NOTIFY_GROUP_WAIT_SECONDS: '0',
      NOTIFY_GROUP_INTERVAL_SECONDS: '1',
      NOTIFY_GROUP_BY: 'cluster,namespace,type',
      SIGNALS_EVAL_INTERVAL_MS: '200',
      ...(kafka ? { KAFKA_BROKERS: kafka } : {}),
    });
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await argus!.fetch(path, { method, token: argus!.adminToken, body: JSON.stringify(body ?? {}) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Json>;
    };
    const channel = await api('POST', '/api/notifications/channels', {
      name: 'bench mail',
      type: 'smtp',
      config: {
        host: '127.0.0.1',
        port: mail.port,
        secure: false,
        from: 'argus@bench.example',
        to: 'oncall@bench.example',
      },
    });
    await api('PUT', '/api/notifications/preferences', {
      min_severity: 'info',
      channels: [channel.id],
      mode: 'immediate',
    });
    await argus.addCluster('sim', sim.kubeconfig({ name: 'sim' }));
    await sleep(2_000); // signals' owner takes the cluster

    // (1) CrashLoopBackOff → mail.
    const latencies: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const ns = `bench-${i}`;
      sim.store.create(NAMESPACES, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
        status: { phase: 'Active' },
      });
      sim.store.create(DEPLOYMENTS, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api', namespace: ns },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'api' } },
          template: {
            metadata: { labels: { app: 'api' }, annotations: { 'kube-sim/crash': 'true' } },
            spec: { containers: [{ name: 'api', image: 'ghcr.io/acme/api:1.0' }] },
          },
        },
      });
      const since = await until('CrashLoopBackOff', () => crashLoopingSince(sim, ns) && performance.now());
      const got = await until('the mail', () =>
        mail.mails.find((m) => m.at >= since - 5_000 && `${m.subject}\n${m.text}`.includes(`${ns}/api`)),
      );
      latencies.push(Math.max(0, got.at - since));
    }

    // (2) Pipeline throughput while kube-sim churns a watched cluster.
    const churn = await startKubeSim({ scenario: 'scale', pods: 300, churnPerSecond: CHURN });
    const churnId = await argus.addCluster('churn', churn.kubeconfig({ name: 'churn' }));
    await sleep(2_000);
    const db = argus.server.db;
    const outbox = createNotificationOutbox();
    const t0 = performance.now();
    for (let i = 0; i < EVENTS; i += 50) {
      await db.transaction(async (tx) => {
        for (let j = i; j < Math.min(EVENTS, i + 50); j++) {
          await outbox.enqueue(tx, {
            topic: NOTIFICATION_TOPICS.events,
            key: `bench/${j % 20}`,
            value: {
              id: `bench-throughput-${broker}-${j}`,
              type: 'BenchSignal',
              severity: 'warning',
              state: 'event',
              title: `bench ${j}`,
              body: '',
              cluster_id: churnId,
              resource_ref: {
                cluster_id: churnId,
                group: 'apps',
                version: 'v1',
                kind: 'Deployment',
                resource: 'deployments',
                namespace: 'default',
                name: `d${j % 20}`,
              },
              occurred_at: new Date().toISOString(),
            },
          });
        }
      });
    }
    await until(
      'every notification',
      async () => {
        const r = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM notifications WHERE type = 'BenchSignal'",
        );
        return r.rows[0]!.n >= EVENTS;
      },
      600_000,
    );
    const perSecond = EVENTS / ((performance.now() - t0) / 1000);
    await churn.close();
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond };
  } finally {
    await argus?.stop();
    await mail.close();
    await sim.close();
  }
}

const memory = await run('memory');
let kafka: Awaited<ReturnType<typeof run>> | undefined;
if (spawnSync('kcat', ['-V']).status === 0) {
  const mock = await startMockKafka();
  try {
    kafka = await run('kafka', mock.bootstrap);
  } finally {
    await mock.stop();
  }
}
report({
  name: 'notifications',
  figure: `CrashLoopBackOff → mail p50 ${memory.p50.toFixed(0)} ms, p99 ${memory.p99.toFixed(0)} ms; ${memory.perSecond.toFixed(0)} events/s (in-memory broker)`,
  baseline: kafka
    ? `Kafka (mock cluster): p50 ${kafka.p50.toFixed(0)} ms, p99 ${kafka.p99.toFixed(0)} ms, ${kafka.perSecond.toFixed(0)} events/s`
    : 'Kafka: kcat not installed, not measured',
  ratio: kafka ? kafka.p50 / Math.max(1, memory.p50) : 0,
  target: 'none set (informational)',
  met: undefined,
  extra: `${SAMPLES} samples, ${EVENTS} events with kube-sim churning ${CHURN} pods/s`,
});
process.exit(0);
