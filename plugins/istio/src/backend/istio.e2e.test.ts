/**
 * End to end through the real server (plugin test kit, built-in plugins) over kube-sim's demo scenario: the
 * nine kinds with the reference's health (ratings IST0101, reviews IST0173), the problems list, mesh
 * membership, a Service's routing, the config topology, the traffic graph through the Prometheus plugin's
 * declared service (kube-sim's Prometheus API behind the service proxy); weights and mTLS actions as an
 * operator through the kubectl gateway (read back with the real kubectl, audited), refused to a viewer; the
 * plugin absent on a cluster without Istio's CRDs.
 */
import { type PluginTestKit, startPluginTestKit, type TestUser, waitFor } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
type Json = any;

let kit: PluginTestKit;
let operator: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  kit = await startPluginTestKit({ plugin: 'istio', sim: { scenario: 'demo' } });
  [operator, viewer] = await Promise.all([
    kit.user('istio-operator', [{ role: 'operator' }]),
    kit.user('istio-viewer', [{ role: 'viewer' }]),
  ]);
});

afterAll(() => kit?.close());

const jsonpath = async (kind: string, ns: string, name: string, path: string) =>
  (await kit.sim.kubectl.run(['get', kind, name, '-n', ns, '-o', `jsonpath=${path}`])).stdout;

describe('reading', () => {
  it('lists the kinds once per object at the preferred version, with the reference health', async () => {
    const vs = await kit.call(viewer, 'GET', '/resources/virtualservices');
    expect(vs.status).toBe(200);
    const by = Object.fromEntries(vs.body.items.map((i: Json) => [`${i.metadata.namespace}/${i.metadata.name}`, i]));
    expect(Object.keys(by).sort()).toEqual([
      'bookinfo/bookinfo',
      'bookinfo/ratings',
      'bookinfo/reviews',
      'payments/payment-gateway',
    ]);
    expect(by['bookinfo/ratings'].apiVersion).toBe('networking.istio.io/v1');
    expect(by['bookinfo/ratings'].health.status).toBe('Failed');
    expect(by['bookinfo/ratings'].health.reason).toContain(
      'IST0101 ReferencedResourceNotFound: Referenced gateway not found: "bookinfo-gw-old"',
    );
    expect(by['bookinfo/reviews'].health).toEqual({ status: 'Healthy', reason: 'Reconciled' });
    expect(by['bookinfo/reviews'].summary.destinations).toEqual(['reviews/v1 90%', 'reviews/v2 10%']);
    const dr = await kit.call(viewer, 'GET', '/resources/destinationrules/reviews?namespace=bookinfo');
    expect(dr.body.health.status).toBe('Degraded');
    expect(dr.body.summary.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'IST0173', level: 'WARNING', source: 'status' }),
        expect.objectContaining({
          code: 'IST0173',
          source: 'argus',
          message: 'The subset "v3" selects no pods of service "reviews"',
        }),
      ]),
    );
    for (const plural of [
      'gateways',
      'serviceentries',
      'sidecars',
      'peerauthentications',
      'authorizationpolicies',
      'requestauthentications',
      'envoyfilters',
    ])
      expect((await kit.call(viewer, 'GET', `/resources/${plural}`)).status, plural).toBe(200);
    const ef = await kit.call(viewer, 'GET', '/resources/envoyfilters');
    expect(ef.body.items.map((i: Json) => `${i.apiVersion} ${i.metadata.namespace}/${i.metadata.name}`)).toEqual([
      'networking.istio.io/v1alpha3 istio-system/ingress-request-id',
    ]);
    const ra = await kit.call(viewer, 'GET', '/resources/requestauthentications');
    expect(ra.body.items.map((i: Json) => [i.metadata.name, i.summary.selector, i.summary.jwtRules])).toEqual([
      ['productpage-jwt', 'app=productpage', 1],
    ]);
    expect((await kit.call(viewer, 'GET', '/resources/sidecars')).body.items).toHaveLength(1);
    const pa = await kit.call(viewer, 'GET', '/resources/peerauthentications');
    expect(
      pa.body.items.map((i: Json) => `${i.metadata.namespace}/${i.metadata.name}=${i.summary.mode}`).sort(),
    ).toEqual(['istio-system/default=PERMISSIVE', 'payments/strict=STRICT']);
  });

  it('lists the problems, errors first', async () => {
    const r = await kit.call(viewer, 'GET', '/problems?namespace=bookinfo');
    expect(r.status).toBe(200);
    expect(r.body.items[0]).toMatchObject({
      level: 'ERROR',
      code: 'IST0101',
      kind: 'VirtualService',
      object: 'ratings',
    });
    expect(r.body.items.map((i: Json) => `${i.code} ${i.kind}/${i.object}`)).toContain(
      'IST0173 DestinationRule/reviews',
    );
  });

  it('shows mesh membership: injected namespaces, pods with and without the sidecar', async () => {
    const r = await kit.call(viewer, 'GET', '/mesh');
    expect(r.status).toBe(200);
    expect(r.body.istiod).toMatchObject({ found: true, desired: 1 });
    const bookinfo = r.body.namespaces.find((n: Json) => n.name === 'bookinfo');
    expect(bookinfo).toMatchObject({ injection: 'enabled', pods: 5, withSidecar: 5, withoutSidecar: [] });
    const payments = r.body.namespaces.find((n: Json) => n.name === 'payments');
    expect(payments.injection).toBe('enabled');
    expect(payments.withoutSidecar.length).toBeGreaterThan(0);
    expect(r.body.namespaces.some((n: Json) => n.name === 'kube-system')).toBe(false);
  });

  it('for a Service: the VirtualServices routing to it with weights and subsets, its DestinationRule, the policies', async () => {
    const r = await kit.call(viewer, 'GET', '/services/bookinfo/reviews');
    expect(r.status).toBe(200);
    expect(r.body.virtualServices).toEqual([
      expect.objectContaining({
        name: 'reviews',
        gateways: ['mesh'],
        routes: [
          {
            index: 0,
            match: null,
            destinations: [
              { host: 'reviews', subset: 'v1', port: null, weight: 90 },
              { host: 'reviews', subset: 'v2', port: null, weight: 10 },
            ],
          },
        ],
      }),
    ]);
    expect(r.body.destinationRules[0].subsets.map((s: Json) => `${s.name}:${s.pods}`)).toEqual([
      'v1:1',
      'v2:1',
      'v3:0',
    ]);
    expect(r.body.policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'PeerAuthentication',
          name: 'default',
          scope: 'mesh',
          detail: 'mTLS PERMISSIVE',
        }),
      ]),
    );
    const ratings = await kit.call(viewer, 'GET', '/services/bookinfo/ratings');
    expect(ratings.body.policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'AuthorizationPolicy', name: 'ratings-viewer', scope: 'workload' }),
      ]),
    );
    expect((await kit.call(viewer, 'GET', '/services/bookinfo/nope')).status).toBe(404);
  });

  it('draws the config topology: gateway → VirtualService → subset (weighted) → Deployment', async () => {
    const r = await kit.call(viewer, 'GET', '/topology?namespace=bookinfo');
    expect(r.status).toBe(200);
    const edges = r.body.edges.map((e: Json) => `${e.from} -> ${e.to}${e.label ? ` ${e.label}` : ''}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        'Gateway:bookinfo/bookinfo-gateway -> VirtualService:bookinfo/bookinfo',
        'VirtualService:bookinfo/reviews -> Subset:bookinfo/reviews/v1 90%',
        'VirtualService:bookinfo/reviews -> Subset:bookinfo/reviews/v2 10%',
        'Subset:bookinfo/reviews/v1 -> Deployment:bookinfo/reviews-v1',
      ]),
    );
  });

  it('the traffic graph: rates, errors and p95 between workloads from Prometheus through the Prometheus plugin', async () => {
    const r = await kit.call(viewer, 'GET', '/traffic?namespace=bookinfo&window=5m');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      available: true,
      reason: null,
      source: 'service monitoring/prometheus-operated:web',
    });
    const edge = (from: string, to: string) => r.body.edges.find((e: Json) => e.from === from && e.to === to);
    const toReviews = edge('workload:bookinfo/productpage-v1', 'service:bookinfo/reviews');
    expect(toReviews.rps).toBeGreaterThan(0);
    expect(toReviews.p95Ms).toBeGreaterThan(0);
    const toRatings = edge('workload:bookinfo/reviews-v2', 'service:bookinfo/ratings');
    expect(toRatings.errorRate).toBeGreaterThan(0);
    expect(toRatings.health).not.toBe('Healthy');
    expect(edge('unknown', 'service:bookinfo/details').rps).toBeGreaterThan(0);
    expect((await kit.call(viewer, 'GET', '/traffic?namespace=Bad_NS')).status).toBe(400);
  });

  it('says why there is no traffic graph when the Prometheus plugin is turned off on the cluster', async () => {
    const off = await kit.call(kit.admin, 'POST', `/api/clusters/${kit.clusterId}/plugins/prometheus/disable`);
    expect(off.status).toBe(200);
    try {
      const r = await kit.call(viewer, 'GET', '/traffic?namespace=bookinfo');
      expect(r.body).toMatchObject({
        available: false,
        edges: [],
        reason: 'The "prometheus" plugin is turned off on this cluster',
      });
    } finally {
      await kit.call(kit.admin, 'POST', `/api/clusters/${kit.clusterId}/plugins/prometheus/enable`);
    }
  });

  it('keeps a namespace-scoped user to its namespace', async () => {
    const scoped = await kit.user('istio-payments', [{ role: 'viewer', namespace: 'payments' }]);
    const vs = await kit.call(scoped, 'GET', '/resources/virtualservices');
    expect(vs.body.items.map((i: Json) => i.metadata.name)).toEqual(['payment-gateway']);
    const problems = await kit.call(scoped, 'GET', '/problems');
    expect(problems.body.items.every((i: Json) => i.namespace === 'payments')).toBe(true);
    expect((await kit.call(scoped, 'GET', '/services/bookinfo/reviews')).status).toBe(403);
    expect((await kit.call(scoped, 'GET', '/traffic?namespace=bookinfo')).status).toBe(403);
    const mesh = await kit.call(scoped, 'GET', '/mesh');
    expect(mesh.body.namespaces.map((n: Json) => n.name)).toEqual(['payments']);
  });
});

describe('actions', () => {
  it('edits route weights as the operator (they must sum to 100), audited; a viewer is refused', async () => {
    const detail = await kit.call(operator, 'GET', '/resources/virtualservices/reviews?namespace=bookinfo');
    const action = detail.body.actions.find((a: Json) => a.id === 'set-weights');
    expect(action).toMatchObject({ allowed: true, available: true });
    const path = '/resources/virtualservices/reviews/actions/set-weights?namespace=bookinfo';
    const bad = await kit.call(operator, 'POST', path, { params: { weights: [60, 30] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('the weights must sum to 100');
    const three = await kit.call(operator, 'POST', path, { params: { weights: [50, 25, 25] } });
    expect(three.status).toBe(409);
    expect(three.body.error.code).toBe('ACTION_NOT_AVAILABLE');
    const denied = await kit.call(viewer, 'POST', path, { params: { weights: [50, 50] } });
    expect(denied.status).toBe(403);
    expect(await jsonpath('virtualservice', 'bookinfo', 'reviews', '{.spec.http[0].route[*].weight}')).toBe('90 10');

    const ok = await kit.call(operator, 'POST', path, { params: { weights: [50, 50] } });
    expect(ok.status).toBe(200);
    expect(await jsonpath('virtualservice', 'bookinfo', 'reviews', '{.spec.http[0].route[*].weight}')).toBe('50 50');
    const audit = await kit.audit({ user: operator });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user_email: 'istio-operator@example.com',
          method: 'PATCH',
          path: expect.stringMatching(
            /\/k8s\/apis\/networking\.istio\.io\/v1\/namespaces\/bookinfo\/virtualservices\/reviews$/,
          ),
          outcome: 'success',
        }),
      ]),
    );
    // The new split shows in the Service's routing.
    await waitFor(async () => {
      const r = await kit.call(viewer, 'GET', '/services/bookinfo/reviews');
      return r.body.virtualServices[0]?.routes[0]?.destinations[0]?.weight === 50;
    });
  });

  it('switches a PeerAuthentication to STRICT after a warning, as the operator', async () => {
    const detail = await kit.call(operator, 'GET', '/resources/peerauthentications/default?namespace=istio-system');
    const action = detail.body.actions.find((a: Json) => a.id === 'set-mtls-mode');
    expect(action.confirm).toContain('STRICT');
    expect(action.confirm).toContain('the whole mesh');
    const path = '/resources/peerauthentications/default/actions/set-mtls-mode?namespace=istio-system';
    expect((await kit.call(viewer, 'POST', path, { params: { mode: 'STRICT' } })).status).toBe(403);
    const same = await kit.call(operator, 'POST', path, { params: { mode: 'PERMISSIVE' } });
    expect(same).toMatchObject({
      status: 409,
      body: { error: { code: 'ACTION_NOT_AVAILABLE', message: 'The mode is PERMISSIVE already' } },
    });
    const ok = await kit.call(operator, 'POST', path, { params: { mode: 'STRICT' } });
    expect(ok.status).toBe(200);
    expect(await jsonpath('peerauthentication', 'istio-system', 'default', '{.spec.mtls.mode}')).toBe('STRICT');
  });
});

describe('clusters without Istio', () => {
  it('offers the plugin only where its CRDs exist', async () => {
    const bare = await kit.addCluster('no-istio', { scenario: 'empty' });
    await waitFor(async () => {
      const r = await kit.call(kit.admin, 'GET', '/api/plugins');
      const istio = r.body.plugins.find((p: Json) => p.id === 'istio');
      return istio.clusters.find((c: Json) => c.id === bare.id)?.available === false;
    });
    const refused = await kit.call(kit.admin, 'GET', '/resources/virtualservices', undefined, { cluster: bare.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'PLUGIN_NOT_AVAILABLE' } } });
  });
});
