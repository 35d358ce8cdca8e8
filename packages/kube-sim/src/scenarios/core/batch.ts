import { meta, ownerRef, type ScenarioBuilder } from '../builder.js';
import type { KubeObject } from '../types.js';
import { addPod, type ContainerSpec, containerSpec } from './pod.js';

export interface JobOptions {
  name: string;
  namespace: string;
  containers: ContainerSpec[];
  outcome: 'succeeded' | 'failed' | 'running';
  ageSeconds: number;
  durationSeconds?: number;
  owner?: KubeObject;
  labels?: Record<string, string>;
  backoffLimit?: number;
  node?: string;
}

function jobTemplate(containers: ContainerSpec[], labels: Record<string, string>): Record<string, unknown> {
  return {
    metadata: { labels },
    spec: {
      containers: containers.map((c) => containerSpec(c, false, '')),
      restartPolicy: 'Never',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

/** A Job and its pod(s); a failed job has `backoffLimit + 1` failed pods. */
export function addJob(b: ScenarioBuilder, o: JobOptions): KubeObject {
  const uid = b.uidFor('Job', o.namespace, o.name);
  const duration = o.durationSeconds ?? 45;
  const backoffLimit = o.backoffLimit ?? (o.outcome === 'failed' ? 2 : 6);
  const selectorLabels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': o.name,
    'controller-uid': uid,
    'job-name': o.name,
  };
  const m = meta(o.name, o.namespace, { ...o.labels, ...selectorLabels }, {});
  m.uid = uid;
  m.generation = 1;
  if (o.owner) m.ownerReferences = [ownerRef(o.owner)];
  const start = b.ago(o.ageSeconds);
  const end = b.ago(Math.max(0, o.ageSeconds - duration));
  const failedPods = o.outcome === 'failed' ? backoffLimit + 1 : 0;
  const status: Record<string, unknown> = {
    startTime: start,
    active: o.outcome === 'running' ? 1 : 0,
    terminating: 0,
    ready: 0,
    uncountedTerminatedPods: {},
  };
  if (o.outcome === 'succeeded') {
    Object.assign(status, {
      succeeded: 1,
      completionTime: end,
      conditions: [
        {
          type: 'SuccessCriteriaMet',
          status: 'True',
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
          lastProbeTime: end,
          lastTransitionTime: end,
        },
        {
          type: 'Complete',
          status: 'True',
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
          lastProbeTime: end,
          lastTransitionTime: end,
        },
      ],
    });
  } else if (o.outcome === 'failed') {
    Object.assign(status, {
      failed: failedPods,
      conditions: [
        {
          type: 'FailureTarget',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
          lastProbeTime: end,
          lastTransitionTime: end,
        },
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
          lastProbeTime: end,
          lastTransitionTime: end,
        },
      ],
    });
  }
  const job = b.add(
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: m,
      spec: {
        backoffLimit,
        completionMode: 'NonIndexed',
        completions: 1,
        manualSelector: false,
        parallelism: 1,
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        suspend: false,
        template: jobTemplate(o.containers, { ...o.labels, ...selectorLabels }),
      },
      status,
    },
    o.ageSeconds,
  );
  const podCount = o.outcome === 'failed' ? failedPods : 1;
  for (let i = 0; i < podCount; i++) {
    addPod(b, {
      name: `${o.name}-${b.rng.suffix(5)}`,
      namespace: o.namespace,
      labels: { ...o.labels, ...selectorLabels },
      owner: job,
      node: o.node ?? b.node(b.rng.int(0, 100)).name,
      containers: o.containers,
      state: o.outcome === 'running' ? 'running' : o.outcome,
      restartPolicy: 'Never',
      ageSeconds: Math.max(1, o.ageSeconds - i * 20),
    });
  }
  return job;
}

export interface CronJobOptions {
  name: string;
  namespace: string;
  schedule: string;
  containers: ContainerSpec[];
  /** Past runs, newest last: outcome and how long ago they were scheduled. */
  runs: { outcome: 'succeeded' | 'failed'; agoSeconds: number }[];
  labels?: Record<string, string>;
  owner?: KubeObject;
}

export function addCronJob(b: ScenarioBuilder, o: CronJobOptions): KubeObject {
  const last = o.runs[o.runs.length - 1];
  const lastOk = [...o.runs].reverse().find((r) => r.outcome === 'succeeded');
  const cm = meta(o.name, o.namespace, o.labels ?? {}, {});
  cm.generation = 1;
  if (o.owner) cm.ownerReferences = [ownerRef(o.owner)];
  const cron = b.add({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: cm,
    spec: {
      schedule: o.schedule,
      concurrencyPolicy: 'Forbid',
      failedJobsHistoryLimit: 1,
      successfulJobsHistoryLimit: 3,
      suspend: false,
      jobTemplate: { metadata: {}, spec: { backoffLimit: 2, template: jobTemplate(o.containers, o.labels ?? {}) } },
    },
    status: {
      ...(last ? { lastScheduleTime: b.ago(last.agoSeconds) } : {}),
      ...(lastOk ? { lastSuccessfulTime: b.ago(lastOk.agoSeconds - 40) } : {}),
    },
  });
  for (const run of o.runs) {
    const scheduledMinutes = Math.floor((b.now.getTime() / 1000 - run.agoSeconds) / 60);
    addJob(b, {
      name: `${o.name}-${scheduledMinutes}`,
      namespace: o.namespace,
      containers: o.containers,
      outcome: run.outcome,
      ageSeconds: run.agoSeconds,
      owner: cron,
      ...(o.labels ? { labels: o.labels } : {}),
    });
  }
  return cron;
}
