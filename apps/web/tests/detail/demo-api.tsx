// The detail pages against kube-sim's demo objects (built in process, the same the demo clusters serve):
// a small stand-in for the Argus API that lists and reads them (namespace, label and field selectors), and
// records every request; a test sets what the operations routes answer.
import { buildScenario } from '@argus/kube-sim';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { ResourceDetailView } from '@/components/ResourceDetailView';
import type { KubeObject } from '@/lib/kube';
import type { ApiResource } from '@/lib/resources';
import { useAuthStore } from '@/stores/auth-store';

export const demo = buildScenario('demo', { seed: 42 }).objects as unknown as KubeObject[];

const R = (group: string, version: string, resource: string, kind: string, namespaced = true): ApiResource => ({
  group,
  version,
  resource,
  kind,
  namespaced,
  verbs: ['get', 'list', 'watch', 'patch'],
});

export const RESOURCES: ApiResource[] = [
  R('', 'v1', 'pods', 'Pod'),
  R('', 'v1', 'services', 'Service'),
  R('', 'v1', 'endpoints', 'Endpoints'),
  R('', 'v1', 'configmaps', 'ConfigMap'),
  R('', 'v1', 'secrets', 'Secret'),
  R('', 'v1', 'nodes', 'Node', false),
  R('', 'v1', 'namespaces', 'Namespace', false),
  R('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'),
  R('', 'v1', 'persistentvolumes', 'PersistentVolume', false),
  R('', 'v1', 'resourcequotas', 'ResourceQuota'),
  R('', 'v1', 'limitranges', 'LimitRange'),
  R('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  R('', 'v1', 'events', 'Event'),
  R('apps', 'v1', 'deployments', 'Deployment'),
  R('apps', 'v1', 'replicasets', 'ReplicaSet'),
  R('apps', 'v1', 'statefulsets', 'StatefulSet'),
  R('apps', 'v1', 'daemonsets', 'DaemonSet'),
  R('batch', 'v1', 'jobs', 'Job'),
  R('batch', 'v1', 'cronjobs', 'CronJob'),
  R('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
  R('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false),
  R('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'),
  R('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget'),
  R('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
  R('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  R('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  R('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  R('gateway.networking.k8s.io', 'v1', 'gateways', 'Gateway'),
  R('gateway.networking.k8s.io', 'v1', 'httproutes', 'HTTPRoute'),
  R('gateway.networking.k8s.io', 'v1', 'grpcroutes', 'GRPCRoute'),
];

const apiVersion = (r: ApiResource) => (r.group ? `${r.group}/${r.version}` : r.version);

/** One demo object (a test fails loudly when the demo no longer has it). */
export function find(kind: string, namespace: string | undefined, name: string): KubeObject {
  const o = demo.find((x) => x.kind === kind && x.metadata.name === name && x.metadata.namespace === namespace);
  if (!o) throw new Error(`the demo has no ${kind} ${namespace ?? ''}/${name}`);
  return o;
}

export const demoOf = (kind: string, pick?: (o: KubeObject) => boolean) =>
  demo.filter((o) => o.kind === kind && (!pick || pick(o)));

function labelsMatch(labels: Record<string, string>, selector: string): boolean {
  // a=b, k in (x,y), k notin (x,y), k, !k — split on commas outside parentheses
  const parts = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return parts.every((raw) => {
    const p = raw.trim();
    let m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p);
    if (m) {
      const has = (m[3] ?? '')
        .split(',')
        .map((v) => v.trim())
        .includes(labels[m[1] as string] ?? '\0');
      return m[2] === 'in' ? has : !has;
    }
    m = /^([^=!]+)(==|=|!=)(.*)$/.exec(p);
    if (m) return m[2] === '!=' ? labels[m[1] as string] !== m[3] : labels[m[1] as string] === m[3];
    if (p.startsWith('!')) return !(p.slice(1) in labels);
    return p in labels;
  });
}

function pick(o: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), o);
}

export interface Call {
  method: string;
  url: string;
  body?: unknown;
}

type Handler = (call: Call) => unknown;

/** Serves the demo through a stubbed fetch; `handlers` answer by `METHOD path-suffix` (e.g. `POST /rollback`). */
export function serveDemo(opts: {
  admin?: boolean;
  permissions?: Array<{ resource: string; action: string }>;
  handlers?: Record<string, Handler>;
  objects?: KubeObject[];
}) {
  const objects = opts.objects ?? demo;
  const calls: Call[] = [];
  useAuthStore.getState().setSession('token', { id: 'u', email: 'ada@example.com', name: 'Ada' });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://argus.test');
      const method = init?.method ?? 'GET';
      let body: unknown;
      if (typeof init?.body === 'string') {
        try {
          body = JSON.parse(init.body);
        } catch {
          body = init.body;
        }
      }
      const call = { method, url: url.pathname + url.search, body };
      calls.push(call);
      const ok = (b: unknown, status = 200) => new Response(JSON.stringify(b), { status });
      for (const [key, h] of Object.entries(opts.handlers ?? {})) {
        const [m, suffix] = key.split(' ');
        if (m === method && url.pathname.endsWith(suffix as string)) {
          const out = h(call);
          return out instanceof Response ? out : ok(out);
        }
      }
      const p = url.pathname;
      const q = url.searchParams;
      if (p === '/api/auth/permissions')
        return ok({
          user_id: 'u',
          is_admin: opts.admin ?? true,
          permissions: (opts.permissions ?? []).map((x) => ({ ...x, cluster_id: null, namespace: null })),
        });
      if (p === '/api/plugins') return ok({ plugins: [] });
      if (p === '/api/clusters') return ok([{ id: 'east', name: 'east' }]);
      if (p.endsWith('/api-resources')) return ok(RESOURCES);
      if (p.endsWith('/top/pods') || p.endsWith('/top/nodes'))
        return ok({ available: false, reason: 'the cluster serves no metrics.k8s.io', items: [] });
      if (p.endsWith('/events')) {
        const fs = Object.fromEntries(
          (q.get('fieldSelector') ?? '')
            .split(',')
            .filter(Boolean)
            .map((kv) => kv.split('=')),
        );
        const items = objects.filter(
          (o) =>
            o.kind === 'Event' &&
            (!q.get('namespace') || o.metadata.namespace === q.get('namespace')) &&
            Object.entries(fs).every(([k, v]) => pick(o, k) === v),
        );
        return ok({ items });
      }
      const m = /^\/api\/clusters\/[^/]+\/resources\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(p);
      const r = m && RESOURCES.find((x) => (x.group || 'core') === m[1] && x.version === m[2] && x.resource === m[3]);
      if (m && r && method === 'GET') {
        const ns = q.get('namespace');
        const of = objects.filter(
          (o) => o.kind === r.kind && o.apiVersion === apiVersion(r) && (!ns || o.metadata.namespace === ns),
        );
        if (m[4]) {
          const one = of.find((o) => o.metadata.name === decodeURIComponent(m[4] as string));
          return one ? ok(one) : ok({ error: { code: 'NOT_FOUND', message: `${r.kind} not found` } }, 404);
        }
        const ls = q.get('labelSelector');
        const fs = q.get('fieldSelector');
        const items = of.filter(
          (o) =>
            (!ls || labelsMatch(o.metadata.labels ?? {}, ls)) &&
            (!fs || fs.split(',').every((kv) => String(pick(o, kv.split('=')[0] as string)) === kv.split('=')[1])),
        );
        return ok({ items });
      }
      return ok({ error: { code: 'NOT_FOUND', message: `${method} ${p}` } }, 404);
    }),
  );
  return calls;
}

/** The detail page of one object, as `/clusters/east/{segment}/{namespace}/{name}` draws it. */
export function showDetail(segment: string, namespace: string | undefined, name: string) {
  window.history.replaceState(null, '', `/clusters/east/${segment}/${namespace ?? '_'}/${name}`);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ResourceDetailView clusterId="east" segment={segment} namespace={namespace ?? '_'} name={name} />
    </QueryClientProvider>,
  );
}
