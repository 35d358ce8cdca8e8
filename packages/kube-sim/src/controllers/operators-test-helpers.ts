/** Helpers for the simulated operators' tests: a CNPG cluster brought up by the controllers. */
import type { KubeObject, ResourceRef } from '../store/types.js';
import { createHarness } from './controllers-test-helpers.js';
import { CNPG_CLUSTERS, EVENTS } from './refs.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk plain JSON
export type J = Record<string, any>;
export type H = ReturnType<typeof createHarness>;
export const status = (o: KubeObject | undefined): J => (o?.status as J) ?? {};
export const cluster = (h: H, name = 'pg') => h.store.get(CNPG_CLUSTERS, 'default', name)!;
export const cond = (o: KubeObject | undefined, type: string) => status(o).conditions?.find((c: J) => c.type === type);
export const roles = (h: H) =>
  Object.fromEntries(
    h.pods('default', 'cnpg.io/cluster=pg').map((p) => [p.metadata.name, p.metadata.labels?.['cnpg.io/instanceRole']]),
  );
export const eventReasons = (h: H, name: string) =>
  h.store
    .list(EVENTS, { namespace: 'default' })
    .items.filter((e) => (e.involvedObject as J).name === name)
    .map((e) => `${e.reason}: ${e.message}`);

/** Sets (null: removes) annotations, as `kubectl annotate` does; a Cluster `pg` unless told otherwise. */
export function annotate(
  h: H,
  annotations: Record<string, string | null>,
  ref: ResourceRef = CNPG_CLUSTERS,
  name = 'pg',
  namespace = 'default',
): void {
  const c = structuredClone(h.store.get(ref, namespace, name)!);
  const next = { ...(c.metadata.annotations ?? {}) };
  for (const [k, v] of Object.entries(annotations)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  c.metadata.annotations = next;
  h.store.update(ref, c, { preserveStatus: true });
}

/** A 3-instance cluster brought up by the simulated operator, as after `kubectl apply`. */
export function healthyCluster(instances = 3): H {
  const h = createHarness();
  h.store.create(CNPG_CLUSTERS, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: 'default' },
    spec: { instances, imageName: 'ghcr.io/cloudnative-pg/postgresql:17.5', storage: { size: '1Gi' } },
  });
  h.run(10_000);
  return h;
}
