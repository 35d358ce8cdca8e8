import type { KubeObject } from './kube';

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string }; running?: object };
}

const statuses = (p: KubeObject) => (p.status?.containerStatuses as ContainerStatus[] | undefined) ?? [];

/** What kubectl shows in STATUS: a waiting/terminated reason wins over the phase. */
export function podStatus(p: KubeObject): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  for (const c of statuses(p)) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason && reason !== 'Completed') return reason;
  }
  return (p.status?.phase as string | undefined) ?? 'Unknown';
}

export function podReady(p: KubeObject): string {
  const cs = statuses(p);
  const total = (p.spec?.containers as unknown[] | undefined)?.length ?? cs.length;
  return `${cs.filter((c) => c.ready).length}/${total}`;
}

export const podRestarts = (p: KubeObject) => statuses(p).reduce((n, c) => n + (c.restartCount ?? 0), 0);

export function containerNames(p: KubeObject): string[] {
  const spec = (p.spec?.containers as Array<{ name: string }> | undefined) ?? [];
  const init = (p.spec?.initContainers as Array<{ name: string }> | undefined) ?? [];
  return [...spec.map((c) => c.name), ...init.map((c) => c.name)];
}

export function nodeReady(n: KubeObject): string {
  const c = (n.status?.conditions as Array<{ type: string; status: string }> | undefined)?.find(
    (x) => x.type === 'Ready',
  );
  const ready = c?.status === 'True' ? 'Ready' : 'NotReady';
  return n.spec?.unschedulable ? `${ready},SchedulingDisabled` : ready;
}
