/**
 * The scheduler and kubelet of the simulation: pods go Pending (scheduled, ContainerCreating) →
 * Running (podIP, Ready) → for Job pods Succeeded; pods marked `kube-sim/crash` crash and restart
 * with CrashLoopBackOff in between. Only pods the simulation brought up are driven (a pod created
 * with a status of its own, as scenarios load them, is left as it is), except crash cycling.
 */
import type { KubeObject } from '../store/types.js';
import { rfc3339 } from './clock.js';
import {
  condition,
  containerStatusesOf,
  containersOf,
  isPodActive,
  qosClass,
  readyConditions,
  runningContainerStatus,
  simFlag,
  waitingContainerStatus,
} from './pod-status.js';
import { controllerOf, type Json, PODS, specOf, statusOf } from './refs.js';
import type { ControllerContext } from './runtime.js';
import type { Scheduler } from './scheduler.js';

export interface Kubelet {
  reconcile(pod: KubeObject): void;
}

const secondsFlag = (pod: KubeObject, name: string): number | undefined => {
  const v = Number(simFlag(pod, name));
  return Number.isFinite(v) && v > 0 ? v * 1000 : undefined;
};

export function createKubelet(ctx: ControllerContext, scheduler: Scheduler): Kubelet {
  const { store, clock, events, timings } = ctx;
  const scheduledAt = new Map<string, number>();

  const write = (pod: KubeObject, mutate: (next: KubeObject & { spec: Json; status: Json }) => void): KubeObject => {
    const next = structuredClone(pod) as KubeObject & { spec: Json; status: Json };
    next.spec = next.spec ?? {};
    next.status = next.status ?? {};
    mutate(next);
    return store.update(PODS, next);
  };

  const kubeletSource = (pod: KubeObject) => ({ component: 'kubelet', host: String(specOf(pod).nodeName ?? '') });

  /** The events the kubelet writes when it (re)starts a container. */
  const recordStarted = (pod: KubeObject, c: { name: string; image?: unknown }): void => {
    const fieldPath = `spec.containers{${c.name}}`;
    const source = kubeletSource(pod);
    events.record(
      pod,
      'Normal',
      'Pulled',
      `Container image "${c.image}" already present on machine`,
      source,
      fieldPath,
    );
    events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, source, fieldPath);
    events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, source, fieldPath);
  };

  const schedule = (pod: KubeObject): void => {
    const choice = scheduler.pick(pod);
    const now = clock.now();
    if (!choice) {
      const total = scheduler.schedulableNodes().length;
      const message = `0/${total} nodes are available: preemption: 0/${total} nodes are available.`;
      write(pod, (p) => {
        p.status.phase = 'Pending';
        p.status.conditions = [condition('PodScheduled', false, rfc3339(now), 'Unschedulable', message)];
        p.status.qosClass = qosClass(pod);
      });
      events.record(pod, 'Warning', 'FailedScheduling', message, { component: 'default-scheduler' });
      ctx.at(now + timings.retryMs, PODS, pod.metadata.namespace, pod.metadata.name as string);
      return;
    }
    const at = rfc3339(now);
    const updated = write(pod, (p) => {
      p.spec.nodeName = choice.name;
      p.status = {
        phase: 'Pending',
        conditions: [
          condition('PodReadyToStartContainers', false, at),
          condition('Initialized', true, at),
          condition(
            'Ready',
            false,
            at,
            'ContainersNotReady',
            `containers with unready status: [${containersOf(pod)
              .map((c) => c.name)
              .join(' ')}]`,
          ),
          condition(
            'ContainersReady',
            false,
            at,
            'ContainersNotReady',
            `containers with unready status: [${containersOf(pod)
              .map((c) => c.name)
              .join(' ')}]`,
          ),
          condition('PodScheduled', true, at),
        ],
        hostIP: choice.hostIP,
        hostIPs: [{ ip: choice.hostIP }],
        startTime: at,
        containerStatuses: containersOf(pod).map((c) => waitingContainerStatus(c, 'ContainerCreating')),
        qosClass: qosClass(pod),
      };
    });
    events.record(
      updated,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${choice.name}`,
      {
        component: 'default-scheduler',
      },
    );
    scheduledAt.set(pod.metadata.uid as string, now);
    ctx.at(now + timings.startMs, PODS, pod.metadata.namespace, pod.metadata.name as string);
  };

  const startContainers = (pod: KubeObject, restartCount = 0): KubeObject => {
    const now = clock.now();
    const ip =
      typeof statusOf(pod).podIP === 'string'
        ? statusOf(pod).podIP
        : scheduler.allocateIP(String(specOf(pod).nodeName));
    const previous = containerStatusesOf(pod);
    const updated = write(pod, (p) => {
      p.status.phase = 'Running';
      p.status.podIP = ip;
      p.status.podIPs = [{ ip }];
      p.status.containerStatuses = containersOf(pod).map((c) => {
        const old = previous.find((s) => s.name === c.name);
        const restarts = typeof old?.restartCount === 'number' ? old.restartCount : restartCount;
        return runningContainerStatus(c, pod.metadata.uid as string, now, restarts, (old?.lastState as Json) ?? {});
      });
      p.status.conditions = readyConditions(p, rfc3339(now), true);
    });
    for (const c of containersOf(pod)) recordStarted(updated, c);
    return updated;
  };

  const complete = (pod: KubeObject, failed: boolean): void => {
    const now = clock.now();
    write(pod, (p) => {
      p.status.phase = failed ? 'Failed' : 'Succeeded';
      p.status.containerStatuses = containerStatusesOf(pod).map((s) => {
        const startedAt = (s.state as Json | undefined)?.running as Json | undefined;
        return {
          ...s,
          ready: false,
          started: false,
          state: {
            terminated: {
              exitCode: failed ? 1 : 0,
              reason: failed ? 'Error' : 'Completed',
              startedAt: startedAt?.startedAt ?? rfc3339(now),
              finishedAt: rfc3339(now),
              containerID: s.containerID,
            },
          },
        };
      });
      p.status.conditions = readyConditions(p, rfc3339(now), false, true);
    });
  };

  const crash = (pod: KubeObject, status: Json): void => {
    const now = clock.now();
    const restarts = (typeof status.restartCount === 'number' ? status.restartCount : 0) + 1;
    const name = status.name as string;
    const backoff = Math.min(timings.backoffMs * 2 ** Math.min(restarts - 1, 10), timings.maxBackoffMs);
    const message = `back-off ${Math.round(backoff / 1000)}s restarting failed container=${name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    const container = containersOf(pod).find((c) => c.name === name) ?? { name };
    const started = ((status.state as Json).running as Json).startedAt;
    const updated = write(pod, (p) => {
      p.status.containerStatuses = containerStatusesOf(pod).map((s) =>
        s.name !== name
          ? s
          : waitingContainerStatus(container, 'CrashLoopBackOff', restarts, message, {
              terminated: {
                exitCode: 1,
                reason: 'Error',
                startedAt: started,
                finishedAt: rfc3339(now),
                containerID: s.containerID,
              },
            }),
      );
      p.status.conditions = readyConditions(p, rfc3339(now), false);
    });
    events.record(
      updated,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      kubeletSource(updated),
      `spec.containers{${name}}`,
    );
    ctx.at(now + backoff, PODS, pod.metadata.namespace, pod.metadata.name as string);
  };

  const restart = (pod: KubeObject): void => {
    const now = clock.now();
    const previous = containerStatusesOf(pod);
    const updated = write(pod, (p) => {
      p.status.containerStatuses = containersOf(pod).map((c) => {
        const old = previous.find((s) => s.name === c.name) ?? {};
        if (!(old.state as Json | undefined)?.waiting) return old;
        return runningContainerStatus(
          c,
          pod.metadata.uid as string,
          now,
          Number(old.restartCount ?? 0),
          (old.lastState as Json) ?? {},
        );
      });
      p.status.conditions = readyConditions(p, rfc3339(now), true);
    });
    const name = containerStatusesOf(pod).find((s) => (s.state as Json | undefined)?.waiting)?.name;
    const c = containersOf(pod).find((x) => x.name === name);
    if (c) recordStarted(updated, c);
  };

  return {
    reconcile(pod) {
      const uid = pod.metadata.uid as string;
      if (!isPodActive(pod)) {
        ctx.managed.delete(uid);
        return;
      }
      const status = statusOf(pod);
      const fresh = !status.phase || (status.phase === 'Pending' && !specOf(pod).nodeName && ctx.managed.has(uid));
      if (fresh) {
        ctx.managed.add(uid);
        if (!specOf(pod).nodeName) {
          schedule(pod);
          return;
        }
      }
      const now = clock.now();
      const managed = ctx.managed.has(uid);
      if (managed && status.phase !== 'Running') {
        // scheduled (by us, or created with spec.nodeName as DaemonSet pods are): start after a while
        if (!status.phase) {
          scheduledAt.set(uid, now);
          write(pod, (p) => {
            const node = scheduler.node(String(specOf(pod).nodeName));
            p.status = {
              phase: 'Pending',
              conditions: [condition('PodScheduled', true, rfc3339(now))],
              hostIP: node?.hostIP,
              hostIPs: node ? [{ ip: node.hostIP }] : undefined,
              startTime: rfc3339(now),
              containerStatuses: containersOf(pod).map((c) => waitingContainerStatus(c, 'ContainerCreating')),
              qosClass: qosClass(pod),
            };
            if (!node) {
              delete p.status.hostIP;
              delete p.status.hostIPs;
            }
          });
          ctx.at(now + timings.startMs, PODS, pod.metadata.namespace, pod.metadata.name as string);
          return;
        }
        const due = (scheduledAt.get(uid) ?? now) + timings.startMs;
        if (now >= due) pod = startContainers(pod);
        else {
          ctx.at(due, PODS, pod.metadata.namespace, pod.metadata.name as string);
          return;
        }
      }
      if (statusOf(pod).phase !== 'Running') return;

      const statuses = containerStatusesOf(pod);
      const runningSince = (s: Json): number | undefined => {
        const started = ((s.state as Json | undefined)?.running as Json | undefined)?.startedAt;
        return typeof started === 'string' ? Date.parse(started) : undefined;
      };
      // Job pods finish
      if (managed && controllerOf(pod)?.kind === 'Job') {
        const since = Math.min(...statuses.map((s) => runningSince(s) ?? now));
        const due = since + (secondsFlag(pod, 'run-seconds') ?? timings.jobRunMs);
        if (now >= due) complete(pod, simFlag(pod, 'fail') === 'true');
        else ctx.at(due, PODS, pod.metadata.namespace, pod.metadata.name as string);
        return;
      }
      // crash cycling
      if (simFlag(pod, 'crash') !== 'true') return;
      const first = statuses[0];
      if (!first) return;
      const since = runningSince(first);
      if (since !== undefined) {
        const due = since + (secondsFlag(pod, 'crash-after-seconds') ?? timings.crashAfterMs);
        if (now >= due) crash(pod, first);
        else ctx.at(due, PODS, pod.metadata.namespace, pod.metadata.name as string);
        return;
      }
      const waiting = (first.state as Json | undefined)?.waiting as Json | undefined;
      if (waiting?.reason === 'CrashLoopBackOff') {
        const finished = Date.parse(
          String(((first.lastState as Json | undefined)?.terminated as Json | undefined)?.finishedAt ?? ''),
        );
        const restarts = Number(first.restartCount ?? 1);
        const backoff = Math.min(timings.backoffMs * 2 ** Math.min(restarts - 1, 10), timings.maxBackoffMs);
        const due = (Number.isNaN(finished) ? now : finished) + backoff;
        if (now >= due) restart(pod);
        else ctx.at(due, PODS, pod.metadata.namespace, pod.metadata.name as string);
      }
    },
  };
}
