/**
 * Cordon, uncordon and drain a node as `kubectl drain` does: cordon, refuse pods it must not remove
 * (DaemonSet-managed unless ignored, emptyDir data unless allowed, unmanaged pods unless forced), then evict
 * every pod through policy/v1 Eviction (never a plain delete), retrying while a PodDisruptionBudget refuses
 * (429) until the timeout.
 */
import { AppError, type DrainResponse, type ObjectRef, type PodReason } from '@argus/contracts';
import { kubeError } from '../clusters/kube-errors.js';
import { arr, call, type Kube, type KubeObject, listItems, ns, obj, seg, sleep, str } from './kube.js';

export interface DrainOptions {
  grace_period_seconds?: number | undefined;
  timeout_seconds: number;
  ignore_daemonsets: boolean;
  delete_emptydir_data: boolean;
  force: boolean;
}

/** 409 DRAIN_BLOCKED, with the pods that stayed and why (the PodDisruptionBudget named). */
export class DrainBlockedError extends AppError {
  readonly blocked: PodReason[];
  constructor(message: string, blocked: PodReason[]) {
    super('DRAIN_BLOCKED', message, { details: { blocked } });
    this.blocked = blocked;
  }
}

export async function setUnschedulable(write: Kube, node: string, unschedulable: boolean): Promise<boolean> {
  const updated = await call<KubeObject>(write, {
    method: 'PATCH',
    path: `/api/v1/nodes/${seg(node)}`,
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ spec: { unschedulable: unschedulable ? true : null } }),
  });
  return obj(updated.spec).unschedulable === true;
}

const ref = (p: KubeObject): ObjectRef => ({ namespace: p.metadata.namespace ?? '', name: p.metadata.name });
const controllerKind = (p: KubeObject) =>
  str(obj(arr(p.metadata.ownerReferences).find((r) => obj(r).controller === true)).kind);

/** Why kubectl drain would refuse (or skip) a pod; undefined to evict it. */
function classify(p: KubeObject, o: DrainOptions): { skip?: string; block?: string } {
  const annotations = obj(p.metadata.annotations);
  if (annotations['kubernetes.io/config.mirror']) return { skip: 'mirror pod (managed by the kubelet)' };
  const phase = str(obj(p.status).phase);
  const finished = phase === 'Succeeded' || phase === 'Failed';
  const owner = controllerKind(p);
  if (owner === 'DaemonSet' && !finished) {
    return o.ignore_daemonsets
      ? { skip: 'DaemonSet-managed pod (ignored)' }
      : { block: 'DaemonSet-managed pod (set ignore_daemonsets to skip it)' };
  }
  if (!owner && !finished && !o.force) return { block: 'not managed by a controller (set force to evict it)' };
  const emptyDir = arr(obj(p.spec).volumes).some((v) => obj(v).emptyDir !== undefined);
  if (emptyDir && !finished && !o.delete_emptydir_data)
    return { block: 'uses emptyDir local storage (set delete_emptydir_data to evict it)' };
  return {};
}

/** The Kubernetes Status of a refused eviction, as one line (the budget's name is in its causes). */
function refusal(body: Buffer): string {
  try {
    const s = JSON.parse(body.toString()) as { message?: string; details?: { causes?: { message?: string }[] } };
    const causes = (s.details?.causes ?? []).map((c) => c.message).filter(Boolean);
    return [s.message, ...causes].filter(Boolean).join(' ') || 'eviction refused';
  } catch {
    return 'eviction refused';
  }
}

export async function drain(
  read: Kube,
  write: Kube,
  node: string,
  o: DrainOptions,
  pause: (ms: number) => Promise<void> = sleep,
): Promise<DrainResponse> {
  await setUnschedulable(write, node, true);
  const pods = await listItems(read, `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${node}`)}`);
  const skipped: PodReason[] = [];
  const refused: PodReason[] = [];
  let pending: KubeObject[] = [];
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const c = classify(p, o);
    if (c.skip) skipped.push({ ...ref(p), reason: c.skip });
    else if (c.block) refused.push({ ...ref(p), reason: c.block });
    else pending.push(p);
  }
  if (refused.length > 0)
    throw new DrainBlockedError(
      `Cannot drain node "${node}": ${refused.length} pod(s) cannot be evicted (the node stays cordoned)`,
      refused,
    );
  const evicted: ObjectRef[] = [];
  const deadline = Date.now() + o.timeout_seconds * 1000;
  let reasons = new Map<string, string>();
  for (;;) {
    const next: KubeObject[] = [];
    reasons = new Map();
    for (const p of pending) {
      const { namespace, name } = ref(p);
      const res = await write.request({
        method: 'POST',
        path: `/api/v1${ns(namespace)}/pods/${seg(name)}/eviction`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name, namespace },
          ...(o.grace_period_seconds !== undefined
            ? { deleteOptions: { gracePeriodSeconds: o.grace_period_seconds } }
            : {}),
        }),
      });
      if ((res.status >= 200 && res.status < 300) || res.status === 404) evicted.push({ namespace, name });
      else if (res.status === 429) {
        next.push(p);
        reasons.set(`${namespace}/${name}`, refusal(res.body));
      } else throw kubeError(res.status, res.body);
    }
    pending = next;
    if (pending.length === 0) return { evicted, skipped };
    if (Date.now() >= deadline) break;
    await pause(Math.min(1000, Math.max(0, deadline - Date.now())));
  }
  throw new DrainBlockedError(
    `Cannot drain node "${node}" within ${o.timeout_seconds}s: ${pending.length} pod(s) could not be evicted ` +
      `(the node stays cordoned; ${evicted.length} evicted)`,
    pending.map((p) => ({ ...ref(p), reason: reasons.get(`${p.metadata.namespace}/${p.metadata.name}`) ?? '' })),
  );
}
