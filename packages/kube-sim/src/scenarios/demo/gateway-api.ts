/**
 * Gateway API (gateway.networking.k8s.io, standard channel v1.2): the CRDs, a GatewayClass served by Istio, a
 * Gateway in `shop` with HTTP and HTTPS listeners, HTTPRoutes to the shop's Services (one split by weight, one
 * whose backend does not exist, so its ResolvedRefs condition is False) and a GRPCRoute to the fraud
 * detector in `payments` (allowed by a ReferenceGrant), with the status a controller writes.
 */
import type { ScenarioBuilder } from '../builder.js';
import { AGE_COLUMN, addCrd, addCustom, condition, type PrinterColumn } from './crd.js';

const G = 'gateway.networking.k8s.io';
const V1 = `${G}/v1`;
const CONTROLLER = 'istio.io/gateway-controller';
const labels = {
  'gateway.networking.k8s.io/bundle-version': 'v1.2.1',
  'gateway.networking.k8s.io/channel': 'standard',
};

export function addGatewayApiCrds(b: ScenarioBuilder): void {
  const hostnames: PrinterColumn = { name: 'Hostnames', type: 'string', jsonPath: '.spec.hostnames' };
  const kinds: Array<{
    kind: string;
    plural: string;
    short: string[];
    scope?: 'Cluster';
    columns: PrinterColumn[];
    versions: string[];
  }> = [
    {
      kind: 'GatewayClass',
      plural: 'gatewayclasses',
      short: ['gc'],
      scope: 'Cluster',
      versions: ['v1', 'v1beta1'],
      columns: [
        { name: 'Controller', type: 'string', jsonPath: '.spec.controllerName' },
        { name: 'Accepted', type: 'string', jsonPath: '.status.conditions[?(@.type=="Accepted")].status' },
        AGE_COLUMN,
        { name: 'Description', type: 'string', jsonPath: '.spec.description', priority: 1 },
      ],
    },
    {
      kind: 'Gateway',
      plural: 'gateways',
      short: ['gtw'],
      versions: ['v1', 'v1beta1'],
      columns: [
        { name: 'Class', type: 'string', jsonPath: '.spec.gatewayClassName' },
        { name: 'Address', type: 'string', jsonPath: '.status.addresses[*].value' },
        { name: 'Programmed', type: 'string', jsonPath: '.status.conditions[?(@.type=="Programmed")].status' },
        AGE_COLUMN,
      ],
    },
    {
      kind: 'HTTPRoute',
      plural: 'httproutes',
      short: [],
      versions: ['v1', 'v1beta1'],
      columns: [hostnames, AGE_COLUMN],
    },
    { kind: 'GRPCRoute', plural: 'grpcroutes', short: [], versions: ['v1'], columns: [hostnames, AGE_COLUMN] },
    {
      kind: 'ReferenceGrant',
      plural: 'referencegrants',
      short: ['refgrant'],
      versions: ['v1beta1'],
      columns: [AGE_COLUMN],
    },
  ];
  for (const k of kinds)
    addCrd(b, {
      group: G,
      kind: k.kind,
      plural: k.plural,
      shortNames: k.short,
      categories: ['gateway-api'],
      ...(k.scope ? { scope: k.scope } : {}),
      labels,
      annotations: { 'gateway.networking.k8s.io/bundle-version': 'v1.2.1' },
      versions: k.versions.map((name, i) => ({ name, storage: i === 0, columns: k.columns })),
      spec: { parentRefs: 'array', hostnames: 'string[]', rules: 'array', listeners: 'array', addresses: 'array' },
      status: { conditions: 'array', parents: 'array', listeners: 'array', addresses: 'array' },
    });
}

/** A route's status as the controller reports it for one parent Gateway. */
function parentStatus(b: ScenarioBuilder, gateway: { name: string; namespace: string }, resolved: true | string) {
  return {
    parents: [
      {
        parentRef: { group: G, kind: 'Gateway', name: gateway.name, namespace: gateway.namespace },
        controllerName: CONTROLLER,
        conditions: [
          condition(b, 'Accepted', 'True', 'Accepted', 'Route was valid'),
          resolved === true
            ? condition(b, 'ResolvedRefs', 'True', 'ResolvedRefs', 'All references resolved')
            : condition(b, 'ResolvedRefs', 'False', 'BackendNotFound', resolved),
        ],
      },
    ],
  };
}

export function addGatewayApiObjects(b: ScenarioBuilder): void {
  addCustom(b, {
    apiVersion: V1,
    kind: 'GatewayClass',
    name: 'istio',
    spec: { controllerName: CONTROLLER, description: 'The default Istio GatewayClass' },
    status: {
      conditions: [condition(b, 'Accepted', 'True', 'Accepted', 'Handled by Istio controller', 40 * 86400)],
    },
    ageSeconds: 40 * 86400,
  });
  const gw = { name: 'shop-gateway', namespace: 'shop' };
  addCustom(b, {
    apiVersion: V1,
    kind: 'Gateway',
    name: gw.name,
    namespace: gw.namespace,
    spec: {
      gatewayClassName: 'istio',
      listeners: [
        {
          name: 'http',
          hostname: '*.shop.example.com',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
        {
          name: 'https',
          hostname: 'shop.example.com',
          port: 443,
          protocol: 'HTTPS',
          tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'shop-tls' }] },
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    },
    status: {
      addresses: [{ type: 'IPAddress', value: '203.0.113.40' }],
      conditions: [
        condition(b, 'Accepted', 'True', 'Accepted', 'Resource accepted'),
        condition(
          b,
          'Programmed',
          'True',
          'Programmed',
          'Resource programmed, assigned to service(s) shop-gateway-istio.shop.svc.cluster.local:80',
        ),
      ],
      listeners: [
        {
          name: 'http',
          attachedRoutes: 2,
          supportedKinds: [
            { group: G, kind: 'HTTPRoute' },
            { group: G, kind: 'GRPCRoute' },
          ],
          conditions: [condition(b, 'Programmed', 'True', 'Programmed', 'No errors found')],
        },
        {
          name: 'https',
          attachedRoutes: 1,
          supportedKinds: [{ group: G, kind: 'HTTPRoute' }],
          conditions: [condition(b, 'Programmed', 'True', 'Programmed', 'No errors found')],
        },
      ],
    },
    generation: 2,
    ageSeconds: 30 * 86400,
  });
  const parentRefs = [{ name: gw.name }];
  addCustom(b, {
    apiVersion: V1,
    kind: 'HTTPRoute',
    name: 'storefront',
    namespace: 'shop',
    spec: {
      parentRefs,
      hostnames: ['shop.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          backendRefs: [
            { name: 'api', port: 8080, weight: 90 },
            { name: 'api-canary', port: 8080, weight: 10 },
          ],
          timeouts: { request: '10s' },
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'frontend', port: 80 }],
        },
      ],
    },
    status: parentStatus(b, gw, 'backend api-canary.shop:8080 not found: service "api-canary" not found'),
    generation: 4,
    ageSeconds: 20 * 86400,
  });
  addCustom(b, {
    apiVersion: V1,
    kind: 'HTTPRoute',
    name: 'storefront-redirect',
    namespace: 'shop',
    spec: {
      parentRefs: [{ name: gw.name, sectionName: 'http' }],
      hostnames: ['www.shop.example.com'],
      rules: [
        {
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: { scheme: 'https', hostname: 'shop.example.com', statusCode: 301 },
            },
          ],
        },
      ],
    },
    status: parentStatus(b, gw, true),
    ageSeconds: 20 * 86400,
  });
  addCustom(b, {
    apiVersion: V1,
    kind: 'GRPCRoute',
    name: 'fraud-check',
    namespace: 'shop',
    spec: {
      parentRefs: [{ name: gw.name, sectionName: 'http' }],
      hostnames: ['grpc.shop.example.com'],
      rules: [
        {
          matches: [{ method: { service: 'fraud.v1.FraudDetector', method: 'Score' } }],
          backendRefs: [{ name: 'fraud-detector', namespace: 'payments', port: 9000 }],
        },
      ],
    },
    status: parentStatus(b, gw, true),
    ageSeconds: 12 * 86400,
  });
  addCustom(b, {
    apiVersion: `${G}/v1beta1`,
    kind: 'ReferenceGrant',
    name: 'shop-routes-to-fraud-detector',
    namespace: 'payments',
    spec: {
      from: [{ group: G, kind: 'GRPCRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service', name: 'fraud-detector' }],
    },
    ageSeconds: 12 * 86400,
  });
}
