/** The reference's health rules and offline checks, table-driven over its example objects (operators.md §6). */
import { describe, expect, it } from 'vitest';
import { runChecks, WEIGHTS_CODE } from './checks.js';
import { istioHealth, mergeMessages } from './health.js';
import type {
  CorePod,
  CoreService,
  DestinationRule,
  Gateway,
  IstioStatus,
  MeshSnapshot,
  VirtualService,
} from './types.js';

const meta = (name: string, namespace = 'bookinfo') => ({ name, namespace });

// The reference's examples.
const gateway: Gateway = {
  metadata: meta('bookinfo-gateway'),
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [
      {
        port: { number: 443, name: 'https', protocol: 'HTTPS' },
        hosts: ['bookinfo.example.com'],
        tls: { mode: 'SIMPLE', credentialName: 'bookinfo-tls' },
      },
    ],
  },
};
const reviewsVs: VirtualService = {
  metadata: meta('reviews'),
  spec: {
    hosts: ['reviews'],
    http: [
      {
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
          { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
        ],
      },
    ],
  },
  status: { observedGeneration: 3, conditions: [{ type: 'Reconciled', status: 'True' }] },
};
const reviewsDr: DestinationRule = {
  metadata: meta('reviews'),
  spec: {
    host: 'reviews',
    trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
      { name: 'v3', labels: { version: 'v3' } },
    ],
  },
  status: {
    validationMessages: [{ type: { name: 'DestinationRuleSubsetNotSelectPods', code: 'IST0173' }, level: 'WARNING' }],
  },
};
const ratingsVs: VirtualService = {
  metadata: meta('ratings'),
  spec: {
    hosts: ['ratings'],
    gateways: ['bookinfo-gw-old'],
    http: [{ route: [{ destination: { host: 'ratings-v3' } }] }],
  },
  status: { validationMessages: [{ type: { name: 'ReferencedResourceNotFound', code: 'IST0101' }, level: 'ERROR' }] },
};
const service = (name: string, ports = [9080]): CoreService => ({
  metadata: meta(name),
  spec: { selector: { app: name }, ports: ports.map((port) => ({ port })) },
});
const pod = (app: string, version: string): CorePod => ({
  metadata: { name: `${app}-${version}-x`, namespace: 'bookinfo', labels: { app, version } },
  spec: { containers: [{ name: app }, { name: 'istio-proxy' }] },
});

const snapshot = (over: Partial<MeshSnapshot> = {}): MeshSnapshot => ({
  virtualServices: [reviewsVs, ratingsVs],
  destinationRules: [reviewsDr],
  gateways: [gateway],
  serviceEntries: [],
  services: ['productpage', 'reviews', 'ratings'].map((n) => service(n)),
  pods: [pod('reviews', 'v1'), pod('reviews', 'v2'), pod('ratings', 'v1')],
  ...over,
});

const healthOf = (status: IstioStatus | undefined, key: string, snap = snapshot()) =>
  istioHealth(status, mergeMessages(status, runChecks(snap).get(key) ?? []));

describe('health (status messages + offline checks)', () => {
  it.each([
    [
      'an ERROR message → Failed',
      { validationMessages: [{ type: { code: 'IST0101', name: 'ReferencedResourceNotFound' }, level: 'ERROR' }] },
      'Failed',
      'IST0101 ReferencedResourceNotFound',
    ],
    [
      'a WARNING → Degraded',
      {
        validationMessages: [
          { type: { code: 'IST0173', name: 'DestinationRuleSubsetNotSelectPods' }, level: 'WARNING' },
        ],
      },
      'Degraded',
      'IST0173 DestinationRuleSubsetNotSelectPods',
    ],
    [
      'an INFO only → Healthy',
      {
        validationMessages: [{ type: { code: 'IST0118', name: 'PortNameIsNotUnderNamingConvention' }, level: 'INFO' }],
      },
      'Healthy',
      'No validation messages',
    ],
    [
      'Reconciled=False → Progressing',
      { conditions: [{ type: 'Reconciled', status: 'False', message: '2/3 proxies' }] },
      'Progressing',
      '2/3 proxies',
    ],
    ['Reconciled=True → Healthy', { conditions: [{ type: 'Reconciled', status: 'True' }] }, 'Healthy', 'Reconciled'],
    ['no status → Healthy', undefined, 'Healthy', 'No validation messages'],
    [
      'an ERROR wins over Reconciled=False',
      {
        validationMessages: [{ type: { code: 'IST0109', name: 'X' }, level: 'ERROR' }],
        conditions: [{ type: 'Reconciled', status: 'False' }],
      },
      'Failed',
      'IST0109 X',
    ],
  ] as const)('%s', (_name, status, expected, reason) => {
    expect(istioHealth(status as IstioStatus | undefined, mergeMessages(status as IstioStatus | undefined))).toEqual({
      status: expected,
      reason,
    });
  });

  it('the reference examples: ratings Failed (IST0101), reviews DR Degraded (IST0173), reviews VS Healthy', () => {
    const ratings = healthOf(ratingsVs.status, 'VirtualService/bookinfo/ratings');
    expect(ratings.status).toBe('Failed');
    expect(ratings.reason).toContain('Referenced gateway not found: "bookinfo-gw-old"');
    expect(ratings.reason).toContain('Referenced host not found: "ratings-v3"');
    const dr = healthOf(reviewsDr.status, 'DestinationRule/bookinfo/reviews');
    expect(dr).toEqual({
      status: 'Degraded',
      reason: 'IST0173 DestinationRuleSubsetNotSelectPods: The subset "v3" selects no pods of service "reviews"',
    });
    expect(healthOf(reviewsVs.status, 'VirtualService/bookinfo/reviews')).toEqual({
      status: 'Healthy',
      reason: 'Reconciled',
    });
  });

  it('finds the same problems without any status (Istio writes none by default)', () => {
    const bare = snapshot({
      virtualServices: [
        { ...ratingsVs, status: undefined },
        { ...reviewsVs, status: undefined },
      ],
      destinationRules: [{ ...reviewsDr, status: undefined }],
    });
    expect(healthOf(undefined, 'VirtualService/bookinfo/ratings', bare).status).toBe('Failed');
    expect(healthOf(undefined, 'DestinationRule/bookinfo/reviews', bare).status).toBe('Degraded');
    expect(healthOf(undefined, 'VirtualService/bookinfo/reviews', bare).status).toBe('Healthy');
  });
});

describe('offline checks', () => {
  const codes = (snap: MeshSnapshot, key: string) =>
    (runChecks(snap).get(key) ?? []).map((m) => `${m.code} ${m.level}`);

  it('IST0101: a subset no DestinationRule defines, and a DestinationRule whose host is missing', () => {
    const vs: VirtualService = {
      metadata: meta('r'),
      spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v9' } }] }] },
    };
    const dr: DestinationRule = { metadata: meta('gone'), spec: { host: 'nothing-here' } };
    const snap = snapshot({ virtualServices: [vs], destinationRules: [reviewsDr, dr] });
    expect(runChecks(snap).get('VirtualService/bookinfo/r')?.[0]?.message).toContain('reviews+v9');
    expect(codes(snap, 'DestinationRule/bookinfo/gone')).toEqual(['IST0101 ERROR']);
  });

  it('a host is found in another namespace by FQDN, and through a ServiceEntry (wildcards too)', () => {
    const vs: VirtualService = {
      metadata: meta('x', 'shop'),
      spec: {
        hosts: ['x'],
        http: [
          {
            route: [
              { destination: { host: 'reviews.bookinfo.svc.cluster.local' }, weight: 50 },
              { destination: { host: 'api.stripe.com' }, weight: 50 },
            ],
          },
        ],
      },
    };
    const se = { metadata: meta('stripe', 'payments'), spec: { hosts: ['*.stripe.com'] } };
    expect(codes(snapshot({ virtualServices: [vs], serviceEntries: [se] }), 'VirtualService/shop/x')).toEqual([]);
    expect(codes(snapshot({ virtualServices: [vs] }), 'VirtualService/shop/x')).toEqual(['IST0101 ERROR']);
  });

  it('IST0132: a host none of the gateway servers accept (wildcards accepted)', () => {
    const vs = (hosts: string[]): VirtualService => ({
      metadata: meta('front'),
      spec: { hosts, gateways: ['bookinfo-gateway'], http: [{ route: [{ destination: { host: 'productpage' } }] }] },
    });
    expect(codes(snapshot({ virtualServices: [vs(['shop.example.com'])] }), 'VirtualService/bookinfo/front')).toEqual([
      'IST0132 WARNING',
    ]);
    expect(
      codes(snapshot({ virtualServices: [vs(['bookinfo.example.com'])] }), 'VirtualService/bookinfo/front'),
    ).toEqual([]);
    const wild = { ...gateway, spec: { servers: [{ hosts: ['bookinfo/*.example.com'] }] } };
    expect(
      codes(
        snapshot({ virtualServices: [vs(['shop.example.com'])], gateways: [wild] }),
        'VirtualService/bookinfo/front',
      ),
    ).toEqual([]);
  });

  it('IST0109: two mesh VirtualServices for one host (a gateway-only one does not count)', () => {
    const twin: VirtualService = { ...reviewsVs, metadata: meta('reviews-canary'), status: undefined };
    const snap = snapshot({ virtualServices: [reviewsVs, twin] });
    expect(codes(snap, 'VirtualService/bookinfo/reviews')).toEqual(['IST0109 ERROR']);
    expect(codes(snap, 'VirtualService/bookinfo/reviews-canary')).toEqual(['IST0109 ERROR']);
    const viaGateway = {
      ...twin,
      spec: { ...twin.spec, hosts: ['bookinfo.example.com'], gateways: ['bookinfo-gateway'] },
    };
    expect(codes(snapshot({ virtualServices: [reviewsVs, viaGateway] }), 'VirtualService/bookinfo/reviews')).toEqual(
      [],
    );
  });

  it('IST0112: a Service with several ports and no destination port', () => {
    const vs: VirtualService = {
      metadata: meta('p'),
      spec: { hosts: ['productpage'], http: [{ route: [{ destination: { host: 'productpage' } }] }] },
    };
    const two = snapshot({ virtualServices: [vs], services: [service('productpage', [9080, 9443])] });
    expect(codes(two, 'VirtualService/bookinfo/p')).toEqual(['IST0112 ERROR']);
    const withPort = {
      ...vs,
      spec: { ...vs.spec, http: [{ route: [{ destination: { host: 'productpage', port: { number: 9080 } } }] }] },
    };
    expect(
      codes(
        snapshot({ virtualServices: [withPort], services: [service('productpage', [9080, 9443])] }),
        'VirtualService/bookinfo/p',
      ),
    ).toEqual([]);
  });

  it('route weights that do not sum to 100', () => {
    const vs: VirtualService = {
      ...reviewsVs,
      status: undefined,
      spec: {
        hosts: ['reviews'],
        http: [
          {
            route: [
              { destination: { host: 'reviews', subset: 'v1' }, weight: 80 },
              { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
            ],
          },
        ],
      },
    };
    const msgs = runChecks(snapshot({ virtualServices: [vs] })).get('VirtualService/bookinfo/reviews');
    expect(msgs?.map((m) => [m.code, m.message])).toEqual([[WEIGHTS_CODE, 'The weights of route sum to 90, not 100']]);
  });
});
