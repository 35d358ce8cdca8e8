/**
 * Signals from object state: pure functions of one object (and a little context), table-tested in
 * analyzers.test.ts. Each returns what is wrong with the object now; the per-cluster watcher keeps the
 * latest answer per object and the alert engine turns them into alerts (grace, roll-up, grouping).
 */
import type { Severity } from '../types.js';

/** A Kubernetes object as the watch cache parses it. */
export interface KubeLike {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  spec?: unknown;
  status?: unknown;
  [k: string]: unknown;
}

export interface Signal {
  /** The alert type, e.g. `CrashLoopBackOff`. */
  type: string;
  severity: Severity;
  summary: string;
  /** For pod signals: the node the pod runs on (a NotReady node inhibits them). */
  node?: string;
}

export interface AnalyzerContext {
  now: number;
  /** A StorageClass by name; `undefined` name = the default class. */
  storageClass(name: string | undefined): KubeLike | undefined;
  /** A Certificate is "expiring" when its notAfter is closer than this. */
  certExpiryMs: number;
  /** How long a past termination (OOMKilled) or eviction event still counts. */
  recentMs: number;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}
interface ContainerState {
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; exitCode?: number; finishedAt?: string };
  running?: unknown;
}
interface ContainerStatus {
  name?: string;
  state?: ContainerState;
  lastState?: ContainerState;
  restartCount?: number;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const conditions = (o: KubeLike): Condition[] => {
  const list = obj(o.status).conditions;
  return Array.isArray(list) ? (list as Condition[]) : [];
};
const conditionOf = (o: KubeLike, type: string) => conditions(o).find((c) => c?.type === type);
const nameOf = (o: KubeLike) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name);
const clip = (s: string | undefined, n = 300) => (s && s.length > n ? `${s.slice(0, n)}…` : (s ?? ''));
const recent = (at: string | undefined, ctx: AnalyzerContext) => {
  const t = at ? Date.parse(at) : Number.NaN;
  return Number.isFinite(t) && ctx.now - t <= ctx.recentMs;
};

const PULL_ERRORS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);

export function analyzePod(pod: KubeLike, ctx: AnalyzerContext): Signal[] {
  const status = obj(pod.status);
  const node = typeof obj(pod.spec).nodeName === 'string' ? (obj(pod.spec).nodeName as string) : undefined;
  const at = node ? { node } : {};
  const out: Signal[] = [];
  const name = nameOf(pod);
  if (status.phase === 'Failed' && status.reason === 'Evicted') {
    // An evicted pod stays until it is garbage-collected: it is news while its last transition is recent.
    const times = conditions(pod)
      .map((c) => Date.parse((c as { lastTransitionTime?: string }).lastTransitionTime ?? ''))
      .filter(Number.isFinite);
    if (times.length > 0 && ctx.now - Math.max(...times) > ctx.recentMs) return out;
    out.push({
      type: 'Evicted',
      severity: 'warning',
      summary: `Pod ${name} was evicted: ${clip(status.message as string)}`,
      ...at,
    });
    return out;
  }
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return out;
  const scheduled = conditionOf(pod, 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    out.push({
      type: 'Unschedulable',
      severity: 'warning',
      summary: `Pod ${name} cannot be scheduled: ${clip(scheduled.message)}`,
    });
  }
  const statuses = [
    ...((Array.isArray(status.initContainerStatuses) ? status.initContainerStatuses : []) as ContainerStatus[]),
    ...((Array.isArray(status.containerStatuses) ? status.containerStatuses : []) as ContainerStatus[]),
  ];
  const seen = new Set<string>();
  const add = (s: Signal) => {
    if (seen.has(s.type)) return;
    seen.add(s.type);
    out.push(s);
  };
  for (const c of statuses) {
    const waiting = c.state?.waiting?.reason;
    if (waiting === 'CrashLoopBackOff') {
      add({
        type: 'CrashLoopBackOff',
        severity: 'warning',
        summary: `Container ${c.name} of pod ${name} is crash-looping (${c.restartCount ?? 0} restarts)`,
        ...at,
      });
    } else if (waiting && PULL_ERRORS.has(waiting)) {
      add({
        type: 'ImagePullBackOff',
        severity: 'warning',
        summary: `Container ${c.name} of pod ${name} cannot pull its image (${waiting}): ${clip(c.state?.waiting?.message)}`,
        ...at,
      });
    }
    const oom =
      c.state?.terminated?.reason === 'OOMKilled'
        ? c.state.terminated
        : c.lastState?.terminated?.reason === 'OOMKilled' && recent(c.lastState.terminated.finishedAt, ctx)
          ? c.lastState.terminated
          : undefined;
    if (oom) {
      add({
        type: 'OOMKilled',
        severity: 'warning',
        summary: `Container ${c.name} of pod ${name} was killed for running out of memory`,
        ...at,
      });
    }
  }
  return out;
}

const PRESSURES: Record<string, string> = {
  MemoryPressure: 'NodeMemoryPressure',
  DiskPressure: 'NodeDiskPressure',
  PIDPressure: 'NodePIDPressure',
};

export function analyzeNode(node: KubeLike): Signal[] {
  const out: Signal[] = [];
  const ready = conditionOf(node, 'Ready');
  if (ready && ready.status !== 'True') {
    out.push({
      type: 'NodeNotReady',
      severity: 'critical',
      summary: `Node ${node.metadata.name} is not ready (Ready=${ready.status}${ready.reason ? `, ${ready.reason}` : ''})`,
    });
  }
  for (const [cond, type] of Object.entries(PRESSURES)) {
    const c = conditionOf(node, cond);
    if (c?.status === 'True')
      out.push({ type, severity: 'warning', summary: `Node ${node.metadata.name} has ${cond}: ${clip(c.message)}` });
  }
  return out;
}

export function analyzeJob(job: KubeLike): Signal[] {
  const failed = conditionOf(job, 'Failed');
  if (failed?.status !== 'True') return [];
  return [
    {
      type: 'JobFailed',
      severity: 'warning',
      summary: `Job ${nameOf(job)} failed${failed.reason ? ` (${failed.reason})` : ''}: ${clip(failed.message)}`,
    },
  ];
}

export function analyzeDeployment(d: KubeLike): Signal[] {
  const p = conditionOf(d, 'Progressing');
  if (p?.status !== 'False' || p.reason !== 'ProgressDeadlineExceeded') return [];
  return [
    {
      type: 'RolloutStuck',
      severity: 'warning',
      summary: `Deployment ${nameOf(d)} exceeded its progress deadline: ${clip(p.message)}`,
    },
  ];
}

export function analyzePvc(pvc: KubeLike, ctx: AnalyzerContext): Signal[] {
  if (obj(pvc.status).phase !== 'Pending') return [];
  const className = obj(pvc.spec).storageClassName;
  const sc = ctx.storageClass(typeof className === 'string' ? className : undefined);
  // Waits for the first pod that uses it: Pending is the normal state until then.
  if (sc && (sc as { volumeBindingMode?: string }).volumeBindingMode === 'WaitForFirstConsumer') return [];
  return [
    {
      type: 'PersistentVolumeClaimPending',
      severity: 'warning',
      summary: `PersistentVolumeClaim ${nameOf(pvc)} is Pending${typeof className === 'string' ? ` (StorageClass ${className})` : ''}`,
    },
  ];
}

/** cert-manager `Certificate`: expiring within the threshold (critical once expired), or not Ready. */
export function analyzeCertificate(cert: KubeLike, ctx: AnalyzerContext): Signal[] {
  const out: Signal[] = [];
  const notAfter = obj(cert.status).notAfter;
  const t = typeof notAfter === 'string' ? Date.parse(notAfter) : Number.NaN;
  if (Number.isFinite(t) && t - ctx.now <= ctx.certExpiryMs) {
    const expired = t <= ctx.now;
    out.push({
      type: 'CertificateExpiring',
      severity: expired ? 'critical' : 'warning',
      summary: expired
        ? `Certificate ${nameOf(cert)} expired at ${notAfter}`
        : `Certificate ${nameOf(cert)} expires at ${notAfter} (in ${Math.ceil((t - ctx.now) / 3_600_000)} h)`,
    });
  }
  const ready = conditionOf(cert, 'Ready');
  if (ready && ready.status !== 'True') {
    out.push({
      type: 'CertificateNotReady',
      severity: 'warning',
      summary: `Certificate ${nameOf(cert)} is not ready${ready.reason ? ` (${ready.reason})` : ''}: ${clip(ready.message)}`,
    });
  }
  return out;
}

/** A warning Event `Evicted` about a pod (the pod itself may be gone already). */
export function analyzeEvent(ev: KubeLike, ctx: AnalyzerContext): Signal[] {
  const e = ev as KubeLike & {
    reason?: string;
    type?: string;
    message?: string;
    lastTimestamp?: string;
    eventTime?: string;
    involvedObject?: { kind?: string; name?: string; namespace?: string };
  };
  if (e.reason !== 'Evicted' || e.involvedObject?.kind !== 'Pod') return [];
  if (!recent(e.lastTimestamp ?? e.eventTime, ctx)) return [];
  return [
    {
      type: 'Evicted',
      severity: 'warning',
      summary: `Pod ${e.involvedObject.namespace}/${e.involvedObject.name} was evicted: ${clip(e.message)}`,
    },
  ];
}

/** An operator resource's health as its plugin judges it (`Failed` critical, `Degraded` warning). */
export function analyzeOperatorHealth(
  object: KubeLike,
  health: { status: string; reason: string },
  label: string,
): Signal[] {
  if (health.status !== 'Failed' && health.status !== 'Degraded') return [];
  return [
    {
      type: 'OperatorResourceUnhealthy',
      severity: health.status === 'Failed' ? 'critical' : 'warning',
      summary: `${label} ${nameOf(object)} is ${health.status}: ${clip(health.reason)}`,
    },
  ];
}
