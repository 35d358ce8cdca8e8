/**
 * Issue 15's systematic test: every route that addresses a cluster, as a `shop` viewer and a `shop` operator,
 * with every trick of path-tricks.corpus.ts, against the real server and kube-sim behind a recording proxy.
 * Nothing outside `shop` may be read (no object of another namespace, no cluster-scoped object but `shop`'s
 * Namespace, in any 2xx answer: checked by their uids) or written (no mutating request outside `shop` reaches
 * the cluster; the objects outside `shop` and the cluster's settings are unchanged at the end).
 */
import { request as httpRequest } from 'node:http';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { waitFor } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';
import { type RecordingProxy, startRecordingProxy } from '../test-support/recording-proxy.js';
import {
  type Actor,
  encodeFirst,
  fill,
  NOT_PROBED,
  OUTSIDE,
  PROBES,
  type Probe,
  SHOP,
  SHOP_NAME,
  TRICKS,
} from './path-tricks.corpus.js';

interface Answer {
  status: number;
  body: string;
}

/** Sends the path byte for byte (fetch and URL would resolve dot-segments before they leave the client). */
function raw(
  base: string,
  method: string,
  path: string,
  token: string,
  opts: { body?: string | undefined; contentType?: string | undefined; accept?: string } = {},
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(opts.accept ? { accept: opts.accept } : {}),
          ...(opts.body !== undefined
            ? { 'content-type': opts.contentType ?? 'application/json', 'content-length': Buffer.byteLength(opts.body) }
            : {}),
        },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const SEED = `
apiVersion: v1
kind: Namespace
metadata: {name: ${SHOP}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ${OUTSIDE}}
${[SHOP, OUTSIDE]
  .map(
    (ns) => `---
apiVersion: v1
kind: ConfigMap
metadata: {name: ${SHOP_NAME}, namespace: ${ns}}
data: {owner: ${ns}}
---
apiVersion: v1
kind: Secret
metadata: {name: ${SHOP_NAME}, namespace: ${ns}}
type: Opaque
data: {password: ${Buffer.from(`${ns}-password`).toString('base64')}}
`,
  )
  .join('')}`;

/** A CRD for what an operator plugin requires (kind: the singular, capitalised; `kinds` names the exceptions). */
function crdFor(r: { group: string; resource: string }): string {
  const kinds: Record<string, string> = { clusters: 'Cluster', scaledobjects: 'ScaledObject' };
  const kind = kinds[r.resource] ?? r.resource.replace(/s$/, '').replace(/^./, (c) => c.toUpperCase());
  return JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${r.resource}.${r.group}` },
    spec: {
      group: r.group,
      scope: 'Namespaced',
      names: { kind, plural: r.resource, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: r.group === 'keda.sh' || r.group === 'k8s.mariadb.com' ? 'v1alpha1' : 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });
}
/** The operator toolkit's probes' objects: a CloudNativePG Cluster and a KEDA ScaledObject in each namespace. */
const OPERATOR_OBJECTS = [SHOP, OUTSIDE]
  .map(
    (ns) => `---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: ${SHOP_NAME}, namespace: ${ns}}
spec: {instances: 1}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: ${SHOP_NAME}, namespace: ${ns}}
spec: {scaleTargetRef: {name: ${SHOP_NAME}}}
`,
  )
  .join('');
const OPERATOR_KINDS = ['postgresql.cnpg.io/v1/clusters', 'keda.sh/v1alpha1/scaledobjects'];

/** A mutation may reach the cluster only inside `shop` (and never the `shop` Namespace object itself). */
const MUTATION_INSIDE = new RegExp(
  `^/(api/v1|apis/[^/]+/[^/]+)/namespaces/${SHOP}/(?!status$|finalize$)[^/?]+(/[^?]*)?(\\?|$)`,
);
const HARMLESS_MUTATION = /^\/apis\/authorization\.k8s\.io\/v1\/selfsubject/;

describe('path tricks: a namespace is a wall', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let proxy: RecordingProxy;
  let cluster: string;
  const tokens = {} as Record<Actor, string>;
  /** uids of every object outside `shop`: none may appear in an answer to a `shop` user. */
  const outside = new Set<string>();
  let before: Record<string, string>;

  const admin = (method: string, path: string, body?: string, contentType?: string) =>
    raw(s.url, method, path, s.adminToken, { body, contentType });

  /** What must not change: objects outside shop, the shop Namespace, the cluster and its plugin settings. */
  async function snapshot(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const pick = async (key: string, path: string, keep: (o: unknown) => unknown) => {
      const a = await admin('GET', path);
      out[key] = `${a.status} ${JSON.stringify(keep(a.status === 200 ? JSON.parse(a.body) : a.body))}`;
    };
    const obj = (o: unknown) => {
      const x = o as { metadata: { name: string; labels?: unknown; resourceVersion?: string }; data?: unknown };
      return [x.metadata.name, x.metadata.labels ?? {}, x.metadata.resourceVersion, x.data];
    };
    for (const ns of [OUTSIDE, 'default']) {
      await pick(`cm ${ns}`, `/api/clusters/${cluster}/resources/core/v1/configmaps?namespace=${ns}`, (l) =>
        (l as { items: unknown[] }).items.map(obj),
      );
      await pick(`secret ${ns}`, `/api/clusters/${cluster}/resources/core/v1/secrets?namespace=${ns}`, (l) =>
        (l as { items: unknown[] }).items.map(obj),
      );
    }
    await pick('namespaces', `/api/clusters/${cluster}/resources/core/v1/namespaces`, (l) =>
      (l as { items: unknown[] }).items.map(obj),
    );
    await pick('cluster', `/api/clusters/${cluster}`, (c) => (c as { name: string }).name);
    await pick('plugins', '/api/plugins', (p) =>
      (p as { plugins: Array<{ id: string; clusters: Array<{ enabled: boolean }> }> }).plugins.map((x) => [
        x.id,
        x.clusters.map((c) => c.enabled),
      ]),
    );
    await pick(
      'prometheus config',
      `/api/clusters/${cluster}/plugins/prometheus/config`,
      (c) => (c as { config: unknown }).config,
    );
    return out;
  }

  beforeAll(async () => {
    [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'empty' })]);
    proxy = await startRecordingProxy(sim.url);
    const created = await admin(
      'POST',
      '/api/clusters',
      JSON.stringify({ name: 'sim', kubeconfig: proxy.rewrite(sim.kubeconfig()) }),
    );
    expect(created.status, created.body).toBe(201);
    cluster = (JSON.parse(created.body) as { id: string }).id;
    const seeded = await admin('POST', `/api/clusters/${cluster}/apply`, SEED, 'application/yaml');
    expect(seeded.status, seeded.body).toBe(200);
    // Every CRD the built-in plugins require (so their routes are available), then their objects.
    const plugins = JSON.parse((await admin('GET', '/api/plugins')).body) as {
      plugins: Array<{ manifest: { requires?: Array<{ group: string; resource: string }> } | null }>;
    };
    for (const r of plugins.plugins.flatMap((p) => p.manifest?.requires ?? [])) {
      const crd = await admin('POST', `/api/clusters/${cluster}/apply`, crdFor(r), 'application/yaml');
      expect(crd.status, crd.body).toBe(200);
    }
    for (const kind of OPERATOR_KINDS)
      await waitFor(async () => (await admin('GET', `/api/clusters/${cluster}/resources/${kind}`)).status === 200);
    const objects = await admin('POST', `/api/clusters/${cluster}/apply`, OPERATOR_OBJECTS, 'application/yaml');
    expect(objects.status, objects.body).toBe(200);
    tokens.viewer = await s.addUser('shop-viewer', 'viewer', { cluster_id: cluster, namespace: SHOP });
    tokens.operator = await s.addUser('shop-operator', 'operator', { cluster_id: cluster, namespace: SHOP });
    for (const kind of [
      'core/v1/configmaps',
      'core/v1/secrets',
      'core/v1/serviceaccounts',
      'core/v1/namespaces',
      ...OPERATOR_KINDS,
    ]) {
      const list = await admin('GET', `/api/clusters/${cluster}/resources/${kind}`);
      for (const o of (
        JSON.parse(list.body) as { items: Array<{ metadata: { uid: string; namespace?: string; name: string } }> }
      ).items) {
        const inside = kind.endsWith('/namespaces') ? o.metadata.name === SHOP : o.metadata.namespace === SHOP;
        if (!inside) outside.add(o.metadata.uid);
      }
    }
    expect(outside.size).toBeGreaterThan(4);
    before = await snapshot();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close(), proxy?.close()]);
  });

  /** Sends one request as the probe's actor; asserts nothing outside shop was read or written. */
  async function send(probe: Probe, path: string, body: string | undefined): Promise<Answer> {
    const from = proxy.requests.length;
    const answer = await raw(s.url, probe.method, path, tokens[probe.as], { body, contentType: probe.contentType });
    const where = `${probe.as} ${probe.method} ${path} -> ${answer.status} ${answer.body.slice(0, 300)}`;
    if (answer.status >= 200 && answer.status < 300)
      for (const uid of outside) expect(answer.body.includes(uid), `read outside ${SHOP}: ${where}`).toBe(false);
    for (const r of proxy.requests.slice(from)) {
      if (r.method === 'GET' || r.method === 'HEAD' || HARMLESS_MUTATION.test(r.url)) continue;
      expect(MUTATION_INSIDE.test(r.url), `${r.method} ${r.url} reached the cluster for ${where}`).toBe(true);
    }
    return answer;
  }

  it('probes every route that addresses a cluster (add new routes to path-tricks.corpus.ts)', () => {
    const probed = new Set(PROBES.map((p) => p.route));
    const missing = s.server.routes
      .filter((r) => r.method !== 'HEAD')
      .filter((r) => /:cluster(Id)?\b/.test(r.url) || /^\/api\/(resources|search)\b/.test(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !probed.has(key) && !(key in NOT_PROBED));
    expect(missing).toEqual([]);
  });

  it('answers the honest requests inside shop as usual (the corpus is not refused wholesale)', async () => {
    for (const probe of PROBES.filter((p) => p.inside !== undefined)) {
      const { path, body } = fill(probe, { cluster, ns: SHOP, name: SHOP_NAME });
      const a = await send(probe, path, body);
      expect(a.status, `${probe.as} ${probe.method} ${path}: ${a.body.slice(0, 300)}`).toBe(probe.inside);
    }
  }, 120_000);

  for (const trick of TRICKS) {
    it(`refuses: ${trick.id}`, async () => {
      let tried = 0;
      for (const probe of PROBES) {
        const pathPart = probe.path.split('?')[0]!;
        const applies =
          trick.needs === 'any' ||
          (trick.needs === 'cluster' && pathPart.includes('{cluster}')) ||
          (trick.needs === 'name' && pathPart.includes('{name}')) ||
          (trick.needs === 'ns' && (probe.path.includes('{ns}') || (probe.body ?? '').includes('{ns}')));
        if (!applies) continue;
        tried++;
        const target = trick.rewrite({ cluster, ns: SHOP, name: SHOP_NAME });
        const { path, body } = fill(probe, target);
        const a = await send(probe, path, body);
        const where = `${probe.as} ${probe.method} ${path}: ${a.body.slice(0, 300)}`;
        const inPath = path.split('?')[0] !== fill(probe, { cluster, ns: SHOP, name: SHOP_NAME }).path.split('?')[0];
        if (trick.malformed && inPath) {
          expect(a.status, where).toBe(400);
          expect(a.body, where).toMatch(/INVALID_PATH|VALIDATION_FAILED/);
        } else if (trick.malformed || (trick.id.startsWith('other namespace') && probe.method !== 'GET')) {
          expect([400, 403, 404], where).toContain(a.status);
        }
        if (probe.clusterWide && trick.id.startsWith('?namespace=shop')) expect(a.status, where).toBe(403);
      }
      expect(tried).toBeGreaterThan(0);
    }, 180_000);
  }

  it('sends kube-sim exactly the path it authorised, and nothing for a path it refused', async () => {
    const probe: Probe = { route: '', method: 'GET', path: '', as: 'viewer' };
    const path = (c: string, tail: string) => `/api/clusters/${c}/k8s/api/v1/namespaces/${SHOP}/${tail}`;
    // The server's own watch caches (the alert signals watch every registered cluster) list and watch cluster-wide
    // in the background: what the gateway sends for a namespaced path is namespaced and never a watch.
    const background = (url: string) => !url.startsWith('/api/v1/namespaces/') || /[?&]watch=/.test(url);
    const upstream = async (p: string) => {
      const from = proxy.requests.length;
      const a = await send(probe, p, undefined);
      return {
        status: a.status,
        urls: proxy.requests
          .slice(from)
          .map((r) => r.url)
          .filter((url) => !background(url)),
      };
    };
    expect(await upstream(path(cluster, `configmaps/${SHOP_NAME}`))).toEqual({
      status: 200,
      urls: [`/api/v1/namespaces/${SHOP}/configmaps/${SHOP_NAME}`],
    });
    // Names Kubernetes allows beyond DNS labels reach it as they were authorised (`:` kept readable).
    expect((await upstream(path(cluster, 'configmaps/system:metrics%20x'))).urls).toEqual([
      `/api/v1/namespaces/${SHOP}/configmaps/system:metrics%20x`,
    ]);
    for (const trick of [
      path(encodeFirst(cluster), `configmaps/${SHOP_NAME}`),
      path(cluster, `pods/../../${OUTSIDE}/secrets`),
      path(cluster, `pods/%2e%2e/%2e%2e/${OUTSIDE}/secrets`),
    ])
      expect(await upstream(trick), trick).toEqual({ status: 400, urls: [] });
  });

  it('filters cluster-wide lists as JSON only: YAML is 406, protobuf is asked for as JSON', async () => {
    const path = `/api/clusters/${cluster}/k8s/api/v1/configmaps`;
    const yaml = await raw(s.url, 'GET', path, tokens.viewer, { accept: 'application/yaml' });
    expect(yaml.status, yaml.body).toBe(406);
    const from = proxy.requests.length;
    const proto = await raw(s.url, 'GET', path, tokens.viewer, {
      accept: 'application/vnd.kubernetes.protobuf,application/json',
    });
    expect(proto.status, proto.body).toBe(200);
    const upstream = proxy.requests.slice(from).filter((r) => r.url.startsWith('/api/v1/configmaps'));
    expect(upstream.map((r) => r.accept)).toEqual(['application/json']);
    const items = (JSON.parse(proto.body) as { items: Array<{ metadata: { namespace: string } }> }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.metadata.namespace))).toEqual(new Set([SHOP]));
    // An admin's list is not filtered, so its Accept goes through as it is.
    const adminYaml = await raw(s.url, 'GET', path, s.adminToken, { accept: 'application/yaml' });
    expect(adminYaml.status).not.toBe(406);
  });

  it('answers 403 for Secrets through the gateway without secrets:read (viewer), 200 with it (operator)', async () => {
    const path = `/api/clusters/${cluster}/k8s/api/v1/namespaces/${SHOP}/secrets`;
    expect((await raw(s.url, 'GET', path, tokens.viewer)).status).toBe(403);
    expect((await raw(s.url, 'GET', `${path}/${SHOP_NAME}`, tokens.viewer)).status).toBe(403);
    expect((await raw(s.url, 'GET', `/api/clusters/${cluster}/k8s/api/v1/secrets`, tokens.viewer)).status).toBe(403);
    expect((await raw(s.url, 'GET', path, tokens.operator)).status).toBe(200);
  });

  it('proxies only allow-listed discovery paths outside /api and /apis for non-admins', async () => {
    for (const p of ['/version', '/api', '/apis', '/api/v1'])
      expect((await raw(s.url, 'GET', `/api/clusters/${cluster}/k8s${p}`, tokens.viewer)).status, p).toBe(200);
    for (const p of ['/metrics', '/logs', '/logs/kube-apiserver.log', '/debug/pprof/heap', '/configz', '/foo']) {
      const from = proxy.requests.length;
      const a = await raw(s.url, 'GET', `/api/clusters/${cluster}/k8s${p}`, tokens.operator);
      expect(a.status, p).toBe(403);
      expect(
        proxy.requests.slice(from).filter((r) => r.url.startsWith(p)),
        p,
      ).toEqual([]);
    }
    const asAdmin = await raw(s.url, 'GET', `/api/clusters/${cluster}/k8s/metrics`, s.adminToken);
    expect(asAdmin.status).not.toBe(403);
  });

  it('leaves everything outside shop, the shop Namespace and the cluster settings unchanged', async () => {
    expect(await snapshot()).toEqual(before);
  });
});
