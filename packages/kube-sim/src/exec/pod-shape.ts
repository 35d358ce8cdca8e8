/**
 * The parts of a Pod object that exec and logs read. Kept structural (every field optional) so it
 * accepts whatever object the store hands back without depending on its exact type.
 */
export interface EnvVarShape {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

export interface ContainerShape {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVarShape[];
  workingDir?: string;
  ports?: { containerPort?: number; name?: string; protocol?: string }[];
}

export interface ContainerStateShape {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; reason?: string; startedAt?: string; finishedAt?: string; containerID?: string };
}

export interface ContainerStatusShape {
  name: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  containerID?: string;
  started?: boolean;
  state?: ContainerStateShape;
  lastState?: ContainerStateShape;
}

export interface PodShape {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    [key: string]: unknown;
  };
  spec?: {
    containers?: ContainerShape[];
    initContainers?: ContainerShape[];
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
    serviceAccountName?: string;
    [key: string]: unknown;
  };
  status?: {
    phase?: string;
    podIP?: string;
    hostIP?: string;
    startTime?: string;
    containerStatuses?: ContainerStatusShape[];
    initContainerStatuses?: ContainerStatusShape[];
    [key: string]: unknown;
  };
}

/** Reads a pod the store holds; undefined when there is none. */
export type PodGetter = (namespace: string, name: string) => PodShape | undefined | Promise<PodShape | undefined>;

export function podName(pod: PodShape): string {
  return pod.metadata.name ?? '';
}

export function podContainers(pod: PodShape): ContainerShape[] {
  return pod.spec?.containers ?? [];
}

export function findContainer(pod: PodShape, name: string): ContainerShape | undefined {
  return podContainers(pod).find((c) => c.name === name) ?? pod.spec?.initContainers?.find((c) => c.name === name);
}

export function findContainerStatus(pod: PodShape, name: string): ContainerStatusShape | undefined {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return all.find((s) => s.name === name);
}

/** The hostname a container sees: spec.hostname, else the pod's name (as the kubelet sets it). */
export function podHostname(pod: PodShape): string {
  return pod.spec?.hostname ?? podName(pod);
}

/**
 * Chooses the container the way the API server does for logs and exec: the given one must exist;
 * without one, the default-container annotation or the only container. Returns a message on failure.
 */
export function resolveContainerName(
  pod: PodShape,
  requested: string | null | undefined,
): { name: string } | { error: string } {
  const name = podName(pod);
  if (requested) {
    if (!findContainer(pod, requested)) return { error: `container ${requested} is not valid for pod ${name}` };
    return { name: requested };
  }
  const containers = podContainers(pod);
  const byAnnotation = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (byAnnotation && containers.some((c) => c.name === byAnnotation)) return { name: byAnnotation };
  if (containers.length === 1) return { name: containers[0]!.name };
  if (containers.length === 0) return { error: `a container name must be specified for pod ${name}` };
  const names = containers.map((c) => c.name).join(' ');
  const inits = (pod.spec?.initContainers ?? []).map((c) => c.name).join(' ');
  let message = `a container name must be specified for pod ${name}, choose one of: [${names}]`;
  if (inits) message += ` or one of the init containers: [${inits}]`;
  return { error: message };
}
