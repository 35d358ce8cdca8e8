/** Pure builders for Pod status, as the kubelet reports it. */
import type { KubeObject } from '../store/types.js';
import { rfc3339 } from './clock.js';
import { hex64 } from './names.js';
import { type Json, specOf, statusOf } from './refs.js';

export interface ContainerLike {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export const containersOf = (pod: KubeObject): ContainerLike[] => (specOf(pod).containers as ContainerLike[]) ?? [];
export const containerStatusesOf = (pod: KubeObject): Json[] => (statusOf(pod).containerStatuses as Json[]) ?? [];

export function condition(type: string, ok: boolean, at: string, reason?: string, message?: string): Json {
  const c: Json = { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** Replaces conditions, keeping lastTransitionTime of those whose status did not change. */
export function mergeConditions(previous: Json[] | undefined, next: Json[]): Json[] {
  return next.map((c) => {
    const old = previous?.find((p) => p.type === c.type);
    if (old && old.status === c.status && old.reason === c.reason) {
      const keep: Json = { ...c, lastTransitionTime: old.lastTransitionTime };
      if ('lastUpdateTime' in c && 'lastUpdateTime' in old && old.message === c.message) {
        keep.lastUpdateTime = old.lastUpdateTime;
      }
      return keep;
    }
    return c;
  });
}

export function qosClass(pod: KubeObject): string {
  const containers = containersOf(pod);
  const any = containers.some(
    (c) => Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0,
  );
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) => {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? {};
    return l.cpu && l.memory && (r.cpu ?? l.cpu) === l.cpu && (r.memory ?? l.memory) === l.memory;
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function imageRef(image: string | undefined): { image: string; imageID: string } {
  const img = image ?? 'busybox';
  const name = img.includes('@') ? img.slice(0, img.indexOf('@')) : img;
  const repo = name.replace(/:[^/:]+$/, '');
  const full = repo.includes('/')
    ? repo.split('/')[0]!.includes('.')
      ? repo
      : `docker.io/${repo}`
    : `docker.io/library/${repo}`;
  const tag = name.length > repo.length ? name.slice(repo.length) : ':latest';
  return { image: `${full}${tag}`, imageID: `${full}@sha256:${hex64(`image:${img}`)}` };
}

export function runningContainerStatus(
  c: ContainerLike,
  seed: string,
  startedAt: number,
  restartCount: number,
  last: Json = {},
): Json {
  return {
    name: c.name,
    state: { running: { startedAt: rfc3339(startedAt) } },
    lastState: last,
    ready: true,
    restartCount,
    ...imageRef(c.image),
    containerID: `containerd://${hex64(`${seed}/${c.name}/${restartCount}`)}`,
    started: true,
  };
}

export function waitingContainerStatus(
  c: ContainerLike,
  reason: string,
  restartCount = 0,
  message?: string,
  last: Json = {},
): Json {
  const waiting: Json = { reason };
  if (message) waiting.message = message;
  return {
    name: c.name,
    state: { waiting },
    lastState: last,
    ready: false,
    restartCount,
    image: imageRef(c.image).image,
    imageID: '',
    started: false,
  };
}

export function readyConditions(pod: KubeObject, at: string, ready: boolean, completed = false): Json[] {
  const names = `[${containersOf(pod)
    .map((c) => c.name)
    .join(' ')}]`;
  const reason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const message = completed ? undefined : `containers with unready status: ${names}`;
  return mergeConditions(statusOf(pod).conditions as Json[] | undefined, [
    condition('PodReadyToStartContainers', !completed, at),
    condition('Initialized', true, at, completed ? 'PodCompleted' : undefined),
    condition('Ready', ready, at, ready ? undefined : reason, ready ? undefined : message),
    condition('ContainersReady', ready, at, ready ? undefined : reason, ready ? undefined : message),
    condition('PodScheduled', true, at),
  ]);
}

/** True when every container is running and ready (the pod counts as Ready). */
export function isPodReady(pod: KubeObject): boolean {
  const conditions = (statusOf(pod).conditions as Json[] | undefined) ?? [];
  return statusOf(pod).phase === 'Running' && conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function isPodActive(pod: KubeObject): boolean {
  const phase = statusOf(pod).phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** A label or annotation `kube-sim/<name>` with value "true" (or another given value). */
export function simFlag(obj: KubeObject, name: string): string | undefined {
  return obj.metadata.annotations?.[`kube-sim/${name}`] ?? obj.metadata.labels?.[`kube-sim/${name}`];
}
