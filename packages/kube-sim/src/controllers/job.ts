/** Job controller (pods to completion, status, conditions) and CronJob controller. */
import type { KubeObject } from '../store/types.js';
import { rfc3339 } from './clock.js';
import { lastScheduled, nextScheduled, parseCron } from './cron.js';
import { nameSuffix } from './names.js';
import { createPodFromTemplate } from './pod-factory.js';
import { condition, isPodActive, isPodReady } from './pod-status.js';
import { CRONJOBS, JOBS, type Json, ownerRef, PODS, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { ControllerContext } from './runtime.js';

const SOURCE = { component: 'job-controller' };
const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);

const finished = (job: KubeObject): boolean =>
  ((statusOf(job).conditions as Json[] | undefined) ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );

export function reconcileJob(ctx: ControllerContext, job: KubeObject): void {
  if (job.metadata.deletionTimestamp || finished(job)) return;
  const spec = specOf(job);
  const name = job.metadata.name as string;
  const namespace = job.metadata.namespace as string;
  const uid = job.metadata.uid as string;
  const completions = num(spec.completions, 1);
  const parallelism = num(spec.parallelism, 1);
  const backoffLimit = num(spec.backoffLimit, 6);
  const now = ctx.clock.now();
  const pods = ctx.owned(uid, PODS);
  const succeeded = pods.filter((p) => statusOf(p).phase === 'Succeeded').length;
  const failed = pods.filter((p) => statusOf(p).phase === 'Failed').length;
  let active = pods.filter(isPodActive);
  const status: Json = { ...statusOf(job) };
  status.startTime = status.startTime ?? rfc3339(now);
  const conditions = [...((status.conditions as Json[] | undefined) ?? [])];

  if (succeeded >= completions) {
    const at = rfc3339(now);
    const message = 'Reached expected number of succeeded pods';
    conditions.push({ ...condition('SuccessCriteriaMet', true, at, 'CompletionsReached', message), lastProbeTime: at });
    conditions.push({ ...condition('Complete', true, at, 'CompletionsReached', message), lastProbeTime: at });
    status.completionTime = at;
    ctx.events.record(job, 'Normal', 'Completed', 'Job completed', SOURCE);
  } else if (failed > backoffLimit) {
    const at = rfc3339(now);
    const message = 'Job has reached the specified backoff limit';
    conditions.push({ ...condition('FailureTarget', true, at, 'BackoffLimitExceeded', message), lastProbeTime: at });
    conditions.push({ ...condition('Failed', true, at, 'BackoffLimitExceeded', message), lastProbeTime: at });
    for (const p of active) {
      try {
        ctx.store.delete(PODS, namespace, p.metadata.name as string);
      } catch {
        // gone
      }
    }
    active = [];
    ctx.events.record(job, 'Warning', 'BackoffLimitExceeded', message, SOURCE);
  } else if (spec.suspend !== true) {
    const want = Math.min(parallelism, completions - succeeded) - active.length;
    const template = (spec.template as Json | undefined) ?? {};
    for (let i = 0, attempt = 0; i < want && attempt < want + 10; attempt++) {
      const podName = `${name}-${nameSuffix(uid, pods.length + attempt)}`;
      const pod = createPodFromTemplate(ctx, {
        name: podName,
        namespace,
        template,
        owner: ownerRef(job, 'batch/v1', 'Job'),
        extraLabels: {
          'batch.kubernetes.io/controller-uid': uid,
          'batch.kubernetes.io/job-name': name,
          'controller-uid': uid,
          'job-name': name,
        },
      });
      if (!pod) continue;
      i++;
      active.push(pod);
      ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${podName}`, SOURCE);
    }
  }
  status.conditions = conditions;
  if (conditions.length === 0) delete status.conditions;
  status.active = active.length;
  if (!status.active) delete status.active;
  status.succeeded = succeeded;
  if (!succeeded) delete status.succeeded;
  status.failed = failed;
  if (!failed) delete status.failed;
  status.ready = active.filter(isPodReady).length;
  status.terminating = 0;
  status.uncountedTerminatedPods = {};
  writeStatus(ctx, JOBS, job, status);
}

export function reconcileCronJob(ctx: ControllerContext, cj: KubeObject): void {
  if (cj.metadata.deletionTimestamp) return;
  const spec = specOf(cj);
  const schedule = parseCron(String(spec.schedule ?? ''));
  if (!schedule) return;
  const now = ctx.clock.now();
  const status = { ...statusOf(cj) };
  const jobs = ctx.owned(cj.metadata.uid as string, JOBS);
  const last = Date.parse(String(status.lastScheduleTime ?? cj.metadata.creationTimestamp ?? ''));
  const due =
    spec.suspend === true ? undefined : lastScheduled(schedule, Number.isNaN(last) ? now - 60_000 : last, now);
  if (due !== undefined) {
    const jobName = `${cj.metadata.name}-${Math.floor(due / 60_000)}`;
    const template = (spec.jobTemplate as Json | undefined) ?? {};
    const tMeta = (template.metadata as Json | undefined) ?? {};
    const concurrency = spec.concurrencyPolicy ?? 'Allow';
    const running = jobs.filter((j) => !finished(j));
    if (concurrency === 'Replace') {
      for (const j of running)
        ctx.store.delete(JOBS, j.metadata.namespace, j.metadata.name as string, { propagationPolicy: 'Background' });
    }
    if (concurrency !== 'Forbid' || running.length === 0) {
      try {
        ctx.store.create(JOBS, {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name: jobName,
            namespace: cj.metadata.namespace,
            labels: (tMeta.labels as Record<string, string>) ?? {},
            annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(due) },
            ownerReferences: [ownerRef(cj, 'batch/v1', 'CronJob')],
          },
          spec: structuredClone((template.spec as Json | undefined) ?? {}),
        });
        ctx.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, {
          component: 'cronjob-controller',
        });
      } catch {
        // exists already
      }
    }
    status.lastScheduleTime = rfc3339(due);
  }
  // history limits
  const keep = (ok: boolean) => num(ok ? spec.successfulJobsHistoryLimit : spec.failedJobsHistoryLimit, ok ? 3 : 1);
  for (const ok of [true, false]) {
    const done = ctx
      .owned(cj.metadata.uid as string, JOBS)
      .filter((j) =>
        ((statusOf(j).conditions as Json[] | undefined) ?? []).some(
          (c) => c.type === (ok ? 'Complete' : 'Failed') && c.status === 'True',
        ),
      )
      .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name), undefined, { numeric: true }));
    for (const j of done.slice(0, Math.max(0, done.length - keep(ok)))) {
      try {
        ctx.store.delete(JOBS, j.metadata.namespace, j.metadata.name as string, { propagationPolicy: 'Background' });
      } catch {
        // gone
      }
    }
  }
  const current = ctx.owned(cj.metadata.uid as string, JOBS);
  const activeJobs = current.filter((j) => !finished(j));
  if (activeJobs.length > 0) {
    status.active = activeJobs.map((j) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      name: j.metadata.name,
      namespace: j.metadata.namespace,
      uid: j.metadata.uid,
      resourceVersion: j.metadata.resourceVersion,
    }));
  } else delete status.active;
  const successes = current
    .map((j) => statusOf(j).completionTime)
    .filter((t): t is string => typeof t === 'string')
    .sort();
  if (successes.length > 0) status.lastSuccessfulTime = successes.at(-1);
  writeStatus(ctx, CRONJOBS, cj, status);
  const next = nextScheduled(schedule, now);
  if (next !== undefined) ctx.at(next, CRONJOBS, cj.metadata.namespace, cj.metadata.name as string);
}
