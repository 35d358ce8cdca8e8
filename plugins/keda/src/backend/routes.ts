/**
 * The plugin's routes beside the operator toolkit's: the HPAs KEDA made (current and desired replicas), and
 * the trigger authentications with the Secrets they name checked for existence (names and keys from Argus's
 * watch cache, which never holds Secret values for plugins). Both are filtered by where the caller may read.
 */
import type { PluginCache, PluginRouter } from '@argus/plugin-sdk';
import { referencedSecrets, triggerAuthenticationHealth } from './health.js';
import { KEDA_GROUP, KEDA_VERSION, type TriggerAuthentication } from './keda-types.js';
import { type AuthenticationCheck, authenticationListSchema, hpaListSchema, listQuery } from './schemas.js';
import { hpaView } from './summary.js';

const READ = { resource: 'keda.scalers', action: 'read' } as const;
/** Where KEDA looks for the Secrets of ClusterTriggerAuthentications (`KEDA_CLUSTER_OBJECT_NAMESPACE`, default `keda`). */
export const KEDA_NAMESPACE = 'keda';
const SO_LABEL = 'scaledobject.keda.sh/name';

const HPAS = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
const TAS = { group: KEDA_GROUP, version: KEDA_VERSION, resource: 'triggerauthentications' };
const CTAS = { group: KEDA_GROUP, version: KEDA_VERSION, resource: 'clustertriggerauthentications' };

/** The Secrets of one namespace: name → keys (`data_keys`, as the cache hands Secrets out). */
async function secretKeys(cache: PluginCache, clusterId: string, namespace: string) {
  const items = await cache.list(clusterId, SECRETS, { namespace });
  return new Map(
    items.map((i) => {
      const o = i.object() as { data_keys?: Array<{ key: string }>; data?: Record<string, unknown> };
      const keys = o.data_keys?.map((k) => k.key) ?? Object.keys(o.data ?? {});
      return [i.name, keys] as const;
    }),
  );
}

function check(
  kind: AuthenticationCheck['kind'],
  ta: TriggerAuthentication,
  secretNamespace: string,
  secrets: ReadonlyMap<string, readonly string[]>,
): AuthenticationCheck {
  return {
    kind,
    namespace: ta.metadata.namespace ?? null,
    name: ta.metadata.name,
    health: triggerAuthenticationHealth(ta, secrets),
    secrets: referencedSecrets(ta).map((s) => {
      const have = secrets.get(s.name);
      return {
        namespace: secretNamespace,
        name: s.name,
        keys: s.keys,
        found: have !== undefined,
        missingKeys: have ? s.keys.filter((k) => !have.includes(k)) : s.keys,
      };
    }),
  };
}

export function registerKedaRoutes(router: PluginRouter, cache: PluginCache): void {
  router.route({
    method: 'GET',
    path: '/hpas',
    query: listQuery,
    responses: { 200: hpaListSchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(READ.resource, READ.action);
      const selector = ctx.query.scaledobject ? `${SO_LABEL}=${ctx.query.scaledobject}` : SO_LABEL;
      const items = await cache.list(ctx.clusterId, HPAS, {
        ...(ctx.query.namespace ? { namespace: ctx.query.namespace } : {}),
        labelSelector: selector,
        allowed,
      });
      return {
        items: items.map((i) => ({
          namespace: i.namespace ?? '',
          scaledObject: i.labels[SO_LABEL] ?? '',
          ...hpaView(i.object() as unknown as Parameters<typeof hpaView>[0]),
        })),
      };
    },
  });

  router.route({
    method: 'GET',
    path: '/authentications',
    query: listQuery,
    responses: { 200: authenticationListSchema },
    async handler(ctx) {
      const allowed = await ctx.namespaces(READ.resource, READ.action);
      const namespace = ctx.query.namespace;
      const tas = await cache.list(ctx.clusterId, TAS, { ...(namespace ? { namespace } : {}), allowed });
      const byNamespace = new Map<string, Promise<Map<string, string[]>>>();
      const secretsOf = (ns: string) => {
        const known = byNamespace.get(ns);
        if (known) return known;
        const p = secretKeys(cache, ctx.clusterId, ns);
        byNamespace.set(ns, p);
        return p;
      };
      const out: AuthenticationCheck[] = [];
      for (const i of tas) {
        const ns = i.namespace ?? '';
        out.push(check('TriggerAuthentication', i.object() as TriggerAuthentication, ns, await secretsOf(ns)));
      }
      // Cluster-scoped: only for a caller who may read everywhere, and not in a one-namespace view.
      if (allowed === 'all' && !namespace)
        for (const i of await cache.list(ctx.clusterId, CTAS)) {
          const ta = i.object() as TriggerAuthentication;
          out.push(check('ClusterTriggerAuthentication', ta, KEDA_NAMESPACE, await secretsOf(KEDA_NAMESPACE)));
        }
      return { items: out };
    },
  });
}
