import { Rng } from './rng.js';
import type { Churn, ChurnOp, ChurnOptions, KubeObject } from './types.js';

type Cond = { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string };
type ContainerStatus = {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: Record<string, unknown>;
  lastState?: Record<string, unknown>;
};

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Creates a seeded churn source; see `Churn` in types.ts for the semantics of each operation. */
export function createChurn(opts: ChurnOptions): Churn {
  const rng = new Rng(opts.seed ?? 1);
  const mix = { update: opts.mix?.update ?? 6, restart: opts.mix?.restart ?? 2, replace: opts.mix?.replace ?? 2 };
  const total = mix.update + mix.restart + mix.replace;
  let carry = 0;
  return {
    tick(pods, elapsedMs, now) {
      carry += (opts.ratePerSecond * elapsedMs) / 1000;
      const ops: ChurnOp[] = [];
      const touched = new Set<number>();
      while (carry >= 1 && pods.length > 0 && touched.size < pods.length) {
        const i = rng.int(0, pods.length - 1);
        const pod = pods[i];
        if (!pod || touched.has(i)) {
          carry -= 0.01; // avoid spinning on collisions
          continue;
        }
        touched.add(i);
        const ns = pod.metadata.namespace ?? 'default';
        const name = pod.metadata.name;
        const roll = rng.next() * total;
        if (roll < mix.update) {
          const ready = !isReady(pod);
          ops.push({ op: 'update', namespace: ns, name, ready: ready || rng.chance(0.5) });
          carry -= 1;
        } else if (roll < mix.update + mix.restart) {
          const containers = (pod.spec?.containers ?? []) as { name: string }[];
          const container = containers.length ? rng.pick(containers).name : 'app';
          const oom = rng.chance(0.3);
          ops.push({
            op: 'restart',
            namespace: ns,
            name,
            container,
            exitCode: oom ? 137 : 1,
            reason: oom ? 'OOMKilled' : 'Error',
          });
          carry -= 1;
        } else {
          ops.push({ op: 'delete', namespace: ns, name });
          ops.push({ op: 'create', object: replacement(pod, rng, now) });
          carry -= 2;
        }
      }
      if (pods.length === 0) carry = 0;
      return ops;
    },
  };
}

function isReady(pod: KubeObject): boolean {
  return ((pod.status?.conditions ?? []) as Cond[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

function replacement(pod: KubeObject, rng: Rng, now: Date): KubeObject {
  const t = iso(now);
  const name = pod.metadata.name;
  const owned = pod.metadata.ownerReferences?.some(
    (r) => r.kind === 'ReplicaSet' || r.kind === 'DaemonSet' || r.kind === 'Job',
  );
  const base = owned && /-[a-z0-9]{5}$/.test(name) ? name.slice(0, -6) : name;
  const {
    resourceVersion: _rv,
    uid: _uid,
    creationTimestamp: _ct,
    ...meta
  } = pod.metadata as KubeObject['metadata'] & { resourceVersion?: string };
  const copy = structuredClone({ ...pod, metadata: meta }) as KubeObject;
  copy.metadata.name = `${base}-${rng.suffix(5)}`;
  copy.metadata.uid = rng.uuid();
  copy.metadata.creationTimestamp = t;
  const status = copy.status ?? {};
  status.startTime = t;
  status.phase = 'Running';
  status.conditions = ((status.conditions ?? []) as Cond[])
    .map((c) => ({ ...c, status: 'True', lastTransitionTime: t, reason: undefined, message: undefined }))
    .map(stripUndefined);
  status.containerStatuses = ((status.containerStatuses ?? []) as ContainerStatus[]).map((c) => ({
    ...c,
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: t } },
    lastState: {},
  }));
  copy.status = status;
  return copy;
}

function stripUndefined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Applies an `update` or `restart` op to a pod, returning a new object (the input is not mutated). */
export function applyChurnOp(pod: KubeObject, op: ChurnOp, now: Date): KubeObject {
  if (op.op !== 'update' && op.op !== 'restart') return pod;
  const t = iso(now);
  const next = structuredClone(pod);
  const status = next.status ?? {};
  const conds = (status.conditions ?? []) as Cond[];
  const statuses = (status.containerStatuses ?? []) as ContainerStatus[];
  const ready = op.op === 'update' ? op.ready : true;
  for (const c of conds) {
    if (c.type === 'Ready' || c.type === 'ContainersReady') {
      if ((c.status === 'True') !== ready) c.lastTransitionTime = t;
      c.status = ready ? 'True' : 'False';
      if (ready) {
        delete c.reason;
        delete c.message;
      } else {
        c.reason = 'ContainersNotReady';
        c.message = `containers with unready status: [${statuses.map((s) => s.name).join(' ')}]`;
      }
    }
  }
  for (const s of statuses) {
    if (op.op === 'update') s.ready = ready;
    else if (s.name === op.container) {
      const prevStart = (s.state?.running as { startedAt?: string } | undefined)?.startedAt ?? t;
      s.restartCount = (s.restartCount ?? 0) + 1;
      s.lastState = { terminated: { exitCode: op.exitCode, reason: op.reason, startedAt: prevStart, finishedAt: t } };
      s.state = { running: { startedAt: t } };
      s.ready = true;
      s.started = true;
    }
  }
  next.status = status;
  return next;
}
