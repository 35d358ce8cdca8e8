/**
 * `kubectl rollout status`: kubectl's status viewers for Deployments, StatefulSets and DaemonSets, polled
 * until the rollout is done or `--timeout` (at most 60 s here: a one-shot command must answer). Each new
 * waiting line is printed once, as kubectl prints it while it watches.
 */
import type { ResourceInfo } from '../../clusters/discovery.js';
import { resourcePath } from '../../clusters/discovery.js';
import { type CommandContext, KubectlError, kube } from './context.js';

const MAX_WAIT_MS = 60_000;

interface Workload {
  metadata: { name: string; generation?: number };
  spec?: { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  status?: Record<string, unknown> & {
    observedGeneration?: number;
    conditions?: Array<{ type: string; reason?: string }>;
  };
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** kubectl's text for the workload now, and whether the rollout is done. */
export function statusOf(kind: string, o: Workload): { text: string; done: boolean } {
  const s = o.status ?? {};
  const gen = o.metadata.generation ?? 0;
  const observed = num(s.observedGeneration);
  const name = o.metadata.name;
  if (kind === 'Deployment') {
    if (gen > observed) return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
    if (s.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded'))
      throw new KubectlError(`error: deployment "${name}" exceeded its progress deadline`);
    const want = o.spec?.replicas;
    const updated = num(s.updatedReplicas);
    if (want !== undefined && updated < want)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`,
        done: false,
      };
    if (num(s.replicas) > updated)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${num(s.replicas) - updated} old replicas are pending termination...\n`,
        done: false,
      };
    if (num(s.availableReplicas) < updated)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${num(s.availableReplicas)} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  if (o.spec?.updateStrategy?.type !== 'RollingUpdate')
    throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
  if (kind === 'DaemonSet') {
    if (gen > observed) return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
    const desired = num(s.desiredNumberScheduled);
    if (num(s.updatedNumberScheduled) < desired)
      return {
        text: `Waiting for daemon set "${name}" rollout to finish: ${num(s.updatedNumberScheduled)} out of ${desired} new pods have been updated...\n`,
        done: false,
      };
    if (num(s.numberAvailable) < desired)
      return {
        text: `Waiting for daemon set "${name}" rollout to finish: ${num(s.numberAvailable)} of ${desired} updated pods are available...\n`,
        done: false,
      };
    return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  // StatefulSet
  if (observed === 0 || gen > observed)
    return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const want = o.spec?.replicas;
  if (want !== undefined && num(s.readyReplicas) < want)
    return { text: `Waiting for ${want - num(s.readyReplicas)} pods to be ready...\n`, done: false };
  const partition = o.spec?.updateStrategy?.rollingUpdate?.partition;
  if (
    o.spec?.updateStrategy?.type === 'RollingUpdate' &&
    partition !== undefined &&
    want !== undefined &&
    partition > 0
  ) {
    if (num(s.updatedReplicas) < want - partition)
      return {
        text: `Waiting for partitioned roll out to finish: ${num(s.updatedReplicas)} out of ${want - partition} new pods have been updated...\n`,
        done: false,
      };
    return {
      text: `partitioned roll out complete: ${num(s.updatedReplicas)} new pods have been updated...\n`,
      done: true,
    };
  }
  if (s.updateRevision !== s.currentRevision)
    return {
      text: `waiting for statefulset rolling update to complete ${num(s.updatedReplicas)} pods at revision ${String(s.updateRevision)}...\n`,
      done: false,
    };
  return {
    text: `statefulset rolling update complete ${num(s.currentReplicas)} pods at revision ${String(s.currentRevision)}...\n`,
    done: true,
  };
}

export async function rolloutStatus(
  ctx: CommandContext,
  info: ResourceInfo,
  name: string,
  timeoutMs: number,
): Promise<{ output: string; done: boolean }> {
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(info.kind) || info.group !== 'apps')
    throw new KubectlError(`error: no status viewer has been implemented for ${info.kind}`);
  const end = Date.now() + Math.min(timeoutMs > 0 ? timeoutMs : MAX_WAIT_MS, MAX_WAIT_MS);
  let out = '';
  let last = '';
  for (;;) {
    const o = (await kube(ctx, { path: resourcePath(info, ctx.namespace, name) })).json<Workload>();
    const { text, done } = statusOf(info.kind, o);
    if (text !== last) out += text;
    last = text;
    if (done) return { output: out, done: true };
    if (Date.now() >= end) return { output: `${out}error: timed out waiting for the condition\n`, done: false };
    await new Promise((r) => setTimeout(r, 500));
  }
}
