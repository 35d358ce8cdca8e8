/** What a pod's containers are doing, read from spec and status the way `kubectl describe pod` words it. */
import { formatCpuQuantity, formatMemoryQuantity } from '@argus/contracts/quantity';
import { arr, type Rec, rec, str } from '../shared';

export interface ContainerState {
  /** Running, Waiting or Terminated (or Unknown before the kubelet reports). */
  state: string;
  reason?: string;
  message?: string;
  exitCode?: number;
  /** startedAt (running) or finishedAt (terminated). */
  since?: string;
}

function stateOf(s: Rec): ContainerState | undefined {
  const running = s.running ? rec(s.running) : undefined;
  const waiting = s.waiting ? rec(s.waiting) : undefined;
  const terminated = s.terminated ? rec(s.terminated) : undefined;
  if (running) return { state: 'Running', since: str(running.startedAt) };
  if (waiting) return { state: 'Waiting', reason: str(waiting.reason), message: str(waiting.message) };
  if (terminated)
    return {
      state: 'Terminated',
      reason: str(terminated.reason),
      message: str(terminated.message),
      exitCode: typeof terminated.exitCode === 'number' ? terminated.exitCode : undefined,
      since: str(terminated.finishedAt),
    };
  return undefined;
}

/** The container's current state. */
export const currentState = (status: Rec | undefined): ContainerState =>
  (status && stateOf(rec(status.state))) ?? { state: 'Unknown' };

/** Why the container last ended (OOMKilled, Error…), when it has restarted. */
export const lastTermination = (status: Rec | undefined): ContainerState | undefined => {
  const last = status ? stateOf(rec(status.lastState)) : undefined;
  return last?.state === 'Terminated' ? last : undefined;
};

/** The badge word: the waiting/terminated reason wins over the state. */
export const stateWord = (s: ContainerState) => s.reason ?? s.state;

export interface EnvRow {
  name: string;
  /** A literal value from the spec. */
  value?: string;
  /** Where the value comes from (a Secret, ConfigMap, field): shown, never resolved. */
  ref?: string;
  /** The value is a Secret's: never fetched or shown. */
  secret?: boolean;
}

/** Environment variables, with references for values from Secrets, ConfigMaps and fields. */
export function envRows(container: Rec): EnvRow[] {
  const rows: EnvRow[] = [];
  for (const from of arr(container.envFrom)) {
    const prefix = str(from.prefix) ? ` (prefix ${str(from.prefix)})` : '';
    if (from.secretRef)
      rows.push({ name: '(all keys)', ref: `Secret ${str(rec(from.secretRef).name)}${prefix}`, secret: true });
    if (from.configMapRef)
      rows.push({ name: '(all keys)', ref: `ConfigMap ${str(rec(from.configMapRef).name)}${prefix}` });
  }
  for (const e of arr(container.env)) {
    const name = str(e.name) ?? '';
    const vf = e.valueFrom ? rec(e.valueFrom) : undefined;
    if (!vf) {
      rows.push({ name, value: str(e.value) ?? '' });
      continue;
    }
    if (vf.secretKeyRef) {
      const r = rec(vf.secretKeyRef);
      rows.push({ name, ref: `Secret ${str(r.name)} key ${str(r.key)}`, secret: true });
    } else if (vf.configMapKeyRef) {
      const r = rec(vf.configMapKeyRef);
      rows.push({ name, ref: `ConfigMap ${str(r.name)} key ${str(r.key)}` });
    } else if (vf.fieldRef) rows.push({ name, ref: `field ${str(rec(vf.fieldRef).fieldPath)}` });
    else if (vf.resourceFieldRef) {
      const r = rec(vf.resourceFieldRef);
      rows.push({ name, ref: `resource ${str(r.resource)}${r.containerName ? ` of ${str(r.containerName)}` : ''}` });
    } else rows.push({ name, ref: 'unknown source' });
  }
  return rows;
}

/** A probe in kubectl's words: `http-get :8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3`. */
export function probeText(probe: unknown): string | undefined {
  if (!probe || typeof probe !== 'object') return undefined;
  const p = rec(probe);
  let how = 'unknown';
  if (p.httpGet) {
    const h = rec(p.httpGet);
    how = `http-get ${str(h.scheme)?.toLowerCase() === 'https' ? 'https' : 'http'}://${str(h.host) ?? ''}:${str(h.port) ?? ''}${str(h.path) ?? '/'}`;
  } else if (p.tcpSocket) how = `tcp-socket :${str(rec(p.tcpSocket).port) ?? ''}`;
  else if (p.grpc) how = `grpc :${str(rec(p.grpc).port) ?? ''}`;
  else if (p.exec) how = `exec [${arr<string>(rec(p.exec).command).join(' ')}]`;
  const n = (k: string, d: number) => (typeof p[k] === 'number' ? (p[k] as number) : d);
  return `${how} delay=${n('initialDelaySeconds', 0)}s timeout=${n('timeoutSeconds', 1)}s period=${n('periodSeconds', 10)}s #success=${n('successThreshold', 1)} #failure=${n('failureThreshold', 3)}`;
}

/** `8080/TCP (http)` for each port. */
export const portsText = (container: Rec): string[] =>
  arr(container.ports).map(
    (p) => `${str(p.containerPort)}/${str(p.protocol) ?? 'TCP'}${p.name ? ` (${str(p.name)})` : ''}`,
  );

/** Requests and limits in human units (`250m`, `512 MiB`). */
export function resourcesText(container: Rec): { requests: string; limits: string } {
  const res = rec(container.resources);
  const words = (r: Rec) =>
    [
      r.cpu !== undefined ? `CPU ${formatCpuQuantity(str(r.cpu))}` : '',
      r.memory !== undefined ? `memory ${formatMemoryQuantity(str(r.memory))}` : '',
    ]
      .filter(Boolean)
      .join(', ') || '—';
  return { requests: words(rec(res.requests)), limits: words(rec(res.limits)) };
}

export interface ContainerView {
  name: string;
  init: boolean;
  spec: Rec;
  status?: Rec;
}

/** Init containers first (in order), then the app containers, each with its status. */
export function containersOf(pod: { spec?: Rec; status?: Rec }): ContainerView[] {
  const statuses = (key: string) => new Map(arr(pod.status?.[key]).map((s) => [str(s.name) ?? '', s]));
  const init = statuses('initContainerStatuses');
  const main = statuses('containerStatuses');
  return [
    ...arr(pod.spec?.initContainers).map((c) => ({
      name: str(c.name) ?? '',
      init: true,
      spec: c,
      status: init.get(str(c.name) ?? ''),
    })),
    ...arr(pod.spec?.containers).map((c) => ({
      name: str(c.name) ?? '',
      init: false,
      spec: c,
      status: main.get(str(c.name) ?? ''),
    })),
  ];
}
