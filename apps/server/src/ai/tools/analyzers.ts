/**
 * The deterministic analyzers behind `diagnose` (pure: objects in, findings out): crash loops, image pull
 * errors, unschedulable pods, failing probes, pending PersistentVolumeClaims, Services without endpoints and
 * Ingresses whose backend is missing.
 */
// biome-ignore lint/suspicious/noExplicitAny: Kubernetes JSON, read defensively (every field may be missing)
type Obj = Record<string, any>;

export interface Finding {
  severity: 'critical' | 'warning';
  check:
    | 'crash_loop'
    | 'image_pull'
    | 'unschedulable'
    | 'failing_probe'
    | 'pending_pvc'
    | 'service_without_endpoints'
    | 'ingress_without_backend';
  object: string;
  namespace: string;
  message: string;
  /** For crash loops: the container whose last log lines help. */
  container?: string;
}

export interface NamespaceState {
  pods: Obj[];
  pvcs: Obj[];
  services: Obj[];
  endpoints: Obj[];
  ingresses: Obj[];
  events: Obj[];
}

const PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

function eventsFor(events: Obj[], kind: string, name: string, reason?: string): Obj[] {
  return events.filter(
    (e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name && (!reason || e.reason === reason),
  );
}

export function analyzePods(pods: Obj[], events: Obj[]): Finding[] {
  const out: Finding[] = [];
  for (const p of pods) {
    const name = `pod/${p.metadata?.name}`;
    const namespace = p.metadata?.namespace ?? '';
    const statuses: Obj[] = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
    for (const c of statuses) {
      const waiting = c.state?.waiting;
      if (waiting?.reason === 'CrashLoopBackOff' || (c.restartCount >= 3 && c.lastState?.terminated && !c.ready)) {
        const t = c.lastState?.terminated;
        out.push({
          severity: 'critical',
          check: 'crash_loop',
          object: name,
          namespace,
          container: c.name,
          message: `container ${c.name} is crash-looping (${c.restartCount} restarts${t ? `; last exit code ${t.exitCode}${t.reason ? ` ${t.reason}` : ''}` : ''})`,
        });
      } else if (waiting && PULL.has(waiting.reason)) {
        out.push({
          severity: 'critical',
          check: 'image_pull',
          object: name,
          namespace,
          message: `container ${c.name} cannot pull image ${c.image}: ${waiting.reason}${waiting.message ? ` — ${waiting.message}` : ''}`,
        });
      }
    }
    const scheduled = (p.status?.conditions ?? []).find((c: Obj) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      const ev = eventsFor(events, 'Pod', p.metadata?.name, 'FailedScheduling').at(-1);
      out.push({
        severity: 'critical',
        check: 'unschedulable',
        object: name,
        namespace,
        message: `cannot be scheduled: ${scheduled.message ?? ev?.message ?? 'no node fits'}`,
      });
    }
    const unhealthy = eventsFor(events, 'Pod', p.metadata?.name, 'Unhealthy');
    const running = p.status?.phase === 'Running';
    const notReady = (p.status?.containerStatuses ?? []).filter((c: Obj) => c.state?.running && !c.ready);
    if (running && (unhealthy.length || notReady.length)) {
      const last = unhealthy.at(-1);
      out.push({
        severity: 'warning',
        check: 'failing_probe',
        object: name,
        namespace,
        message: last
          ? `probe failing: ${last.message}${last.count > 1 ? ` (${last.count} times)` : ''}`
          : `container(s) ${notReady.map((c: Obj) => c.name).join(', ')} running but not ready (readiness probe failing)`,
      });
    }
  }
  return out;
}

export function analyzePvcs(pvcs: Obj[], events: Obj[]): Finding[] {
  return pvcs
    .filter((c) => c.status?.phase === 'Pending')
    .map((c) => {
      const ev = eventsFor(events, 'PersistentVolumeClaim', c.metadata?.name).at(-1);
      return {
        severity: 'warning' as const,
        check: 'pending_pvc' as const,
        object: `persistentvolumeclaim/${c.metadata?.name}`,
        namespace: c.metadata?.namespace ?? '',
        message: `claim is Pending${c.spec?.storageClassName ? ` (storage class ${c.spec.storageClassName})` : ''}${ev ? `: ${ev.reason} — ${ev.message}` : ''}`,
      };
    });
}

function readyAddresses(endpoints: Obj | undefined): number {
  return (endpoints?.subsets ?? []).reduce((n: number, s: Obj) => n + (s.addresses?.length ?? 0), 0);
}

export function analyzeServices(services: Obj[], endpoints: Obj[]): Finding[] {
  const out: Finding[] = [];
  for (const s of services) {
    if (s.spec?.type === 'ExternalName' || !s.spec?.selector || !Object.keys(s.spec.selector).length) continue;
    const ep = endpoints.find(
      (e) => e.metadata?.name === s.metadata?.name && e.metadata?.namespace === s.metadata?.namespace,
    );
    if (readyAddresses(ep) === 0)
      out.push({
        severity: 'warning',
        check: 'service_without_endpoints',
        object: `service/${s.metadata?.name}`,
        namespace: s.metadata?.namespace ?? '',
        message: `no ready endpoints: no ready pod matches the selector ${Object.entries(s.spec.selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`,
      });
  }
  return out;
}

export function analyzeIngresses(ingresses: Obj[], services: Obj[], endpoints: Obj[]): Finding[] {
  const out: Finding[] = [];
  for (const ing of ingresses) {
    const ns = ing.metadata?.namespace ?? '';
    const backends: Obj[] = [
      ...(ing.spec?.defaultBackend ? [ing.spec.defaultBackend] : []),
      ...(ing.spec?.rules ?? []).flatMap((r: Obj) => (r.http?.paths ?? []).map((p: Obj) => p.backend)),
    ];
    for (const b of backends) {
      const svc = b?.service?.name;
      if (!svc) continue;
      const found = services.find((s) => s.metadata?.name === svc && s.metadata?.namespace === ns);
      const ep = endpoints.find((e) => e.metadata?.name === svc && e.metadata?.namespace === ns);
      if (!found)
        out.push({
          severity: 'critical',
          check: 'ingress_without_backend',
          object: `ingress/${ing.metadata?.name}`,
          namespace: ns,
          message: `backend service ${svc} does not exist`,
        });
      else if (readyAddresses(ep) === 0)
        out.push({
          severity: 'warning',
          check: 'ingress_without_backend',
          object: `ingress/${ing.metadata?.name}`,
          namespace: ns,
          message: `backend service ${svc} has no ready endpoints`,
        });
    }
  }
  return out;
}

export function analyze(state: NamespaceState): Finding[] {
  return [
    ...analyzePods(state.pods, state.events),
    ...analyzePvcs(state.pvcs, state.events),
    ...analyzeServices(state.services, state.endpoints),
    ...analyzeIngresses(state.ingresses, state.services, state.endpoints),
  ];
}
