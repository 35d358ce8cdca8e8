/**
 * CloudNativePG's Pooler reconciler, simulated: the Deployment named after the pooler follows
 * `spec.instances`, and the status reports its replicas and `phase` (`paused` while
 * `spec.pgbouncer.paused` is true — PgBouncer's PAUSE keeps the pods running — else `active`).
 */
import type { KubeObject } from '../store/types.js';
import { sameJson } from './operator-conditions.js';
import { CNPG_POOLERS, DEPLOYMENTS, type Json, replicasOf, specOf, statusOf } from './refs.js';
import { writeStatus } from './replicaset.js';
import type { ControllerContext } from './runtime.js';

export function reconcilePooler(ctx: ControllerContext, pooler: KubeObject): void {
  if (pooler.metadata.deletionTimestamp) return;
  const spec = specOf(pooler);
  const deployment = ctx.store.get(DEPLOYMENTS, pooler.metadata.namespace, pooler.metadata.name as string);
  const instances = typeof spec.instances === 'number' ? spec.instances : 1;
  if (deployment && replicasOf(deployment) !== instances) {
    const next = structuredClone(deployment);
    (next.spec as Json).replicas = instances;
    ctx.store.update(DEPLOYMENTS, next);
  }
  const status: Json = { ...statusOf(pooler) };
  if ((spec.pgbouncer as Json | undefined)?.paused === true) {
    status.phase = 'paused';
    status.phaseReason = 'pgbouncer is paused';
  } else {
    status.phase = 'active';
    delete status.phaseReason;
  }
  const replicas = deployment ? statusOf(deployment).replicas : undefined;
  if (typeof replicas === 'number') status.instances = replicas;
  if (!sameJson(status, statusOf(pooler))) writeStatus(ctx, CNPG_POOLERS, pooler, status);
}
