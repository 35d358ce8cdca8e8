/** The demo's Gateway API objects as the real kubectl shows them: kubectl's columns from the CRDs, short names. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKubectl } from '../../controllers/kubectl-test-helpers.js';
import { type SimFixture, startSimFixture } from '../../testing/sim-fixture.js';

describe.skipIf(!findKubectl())('Gateway API in the demo', () => {
  let f: SimFixture;
  const kubectl = async (...args: string[]) => {
    const r = await f.kubectl.run(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    f = await startSimFixture({ scenario: 'demo', tls: true });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('lists the class, the gateway with its address and the routes with their hostnames', async () => {
    expect(await kubectl('get', 'gc')).toMatch(/istio\s+istio\.io\/gateway-controller\s+True/);
    expect(await kubectl('get', 'gtw', '-n', 'shop')).toMatch(/shop-gateway\s+istio\s+203\.0\.113\.40\s+True/);
    const routes = await kubectl('get', 'httproutes,grpcroutes', '-n', 'shop');
    expect(routes).toMatch(/httproute\.gateway\.networking\.k8s\.io\/storefront\s+\["shop\.example\.com"\]/);
    expect(routes).toContain('grpcroute.gateway.networking.k8s.io/fraud-check');
    const route = JSON.parse(await kubectl('get', 'httproute', 'storefront', '-n', 'shop', '-o', 'json'));
    const refs = route.status.parents[0].conditions.find((c: { type: string }) => c.type === 'ResolvedRefs');
    expect(refs).toMatchObject({ status: 'False', reason: 'BackendNotFound' });
    expect(await kubectl('get', 'referencegrants', '-n', 'payments', '-o', 'name')).toContain(
      'referencegrant.gateway.networking.k8s.io/shop-routes-to-fraud-detector',
    );
  });
});
