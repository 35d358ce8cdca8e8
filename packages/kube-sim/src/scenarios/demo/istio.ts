import type { ScenarioBuilder } from '../builder.js';
import { addConfigMap, addSecret, addServiceAccount } from '../core/basics.js';
import { ctr, ISTIO_PROXY } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addDeployment } from '../core/workloads.js';
import { addCustom, condition } from './crd.js';

const NET = 'networking.istio.io';
const SEC = 'security.istio.io';

export function addIstioObjects(b: ScenarioBuilder): void {
  const sys = 'istio-system';
  addServiceAccount(b, sys, 'istiod', { app: 'istiod' });
  addConfigMap(b, {
    name: 'istio',
    namespace: sys,
    labels: { 'istio.io/rev': 'default', release: 'istio' },
    data: {
      mesh: 'defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\nenablePrometheusMerge: true\nrootNamespace: istio-system\ntrustDomain: cluster.local\n',
      meshNetworks: 'networks: {}',
    },
  });
  addDeployment(b, {
    name: 'istiod',
    namespace: sys,
    replicas: 1,
    selector: { app: 'istiod', 'istio.io/rev': 'default' },
    labels: { istio: 'pilot', 'app.kubernetes.io/part-of': 'istio' },
    containers: [
      {
        ...ctr('discovery', 'docker.io/istio/pilot:1.27.1', { cpu: '500m', memory: '2Gi' }),
        ports: [
          { name: 'http-debug', containerPort: 8080 },
          { name: 'grpc-xds', containerPort: 15010 },
          { name: 'tls-xds', containerPort: 15012 },
          { name: 'https-webhooks', containerPort: 15017 },
        ],
      },
    ],
    serviceAccount: 'istiod',
    ageSeconds: 60 * 86400,
  });
  addService(b, {
    name: 'istiod',
    namespace: sys,
    selector: { app: 'istiod', istio: 'pilot' },
    labels: { app: 'istiod', istio: 'pilot' },
    ports: [
      { name: 'grpc-xds', port: 15010 },
      { name: 'https-dns', port: 15012 },
      { name: 'https-webhook', port: 443, targetPort: 15017 },
      { name: 'http-monitoring', port: 15014 },
    ],
  });
  addServiceAccount(b, sys, 'istio-ingressgateway-service-account');
  addDeployment(b, {
    name: 'istio-ingressgateway',
    namespace: sys,
    replicas: 2,
    selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    containers: [
      {
        ...ISTIO_PROXY(),
        args: ['proxy', 'router'],
        ports: [
          { name: 'http2', containerPort: 8080 },
          { name: 'https', containerPort: 8443 },
        ],
      },
    ],
    serviceAccount: 'istio-ingressgateway-service-account',
    ageSeconds: 60 * 86400,
  });
  addService(b, {
    name: 'istio-ingressgateway',
    namespace: sys,
    type: 'LoadBalancer',
    loadBalancerIp: '203.0.113.20',
    selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    ports: [
      { name: 'status-port', port: 15021 },
      { name: 'http2', port: 80, targetPort: 8080 },
      { name: 'https', port: 443, targetPort: 8443 },
    ],
  });
  addSecret(b, {
    name: 'bookinfo-tls',
    namespace: sys,
    type: 'kubernetes.io/tls',
    data: {
      'tls.crt': '-----BEGIN CERTIFICATE-----\nYm9va2luZm8=\n-----END CERTIFICATE-----\n',
      'tls.key': '-----BEGIN PRIVATE KEY-----\nYm9va2luZm8=\n-----END PRIVATE KEY-----\n',
    },
  });

  // bookinfo: reviews v1/v2 only (no v3, so the DestinationRule subset v3 selects no pods: IST0173).
  const ns = 'bookinfo';
  const sidecarAnn = {
    'sidecar.istio.io/status':
      '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"revision":"default"}',
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/port': '15020',
    'prometheus.io/scrape': 'true',
  };
  const apps: [string, string, number][] = [
    ['productpage', 'v1', 9080],
    ['details', 'v1', 9080],
    ['reviews', 'v1', 9080],
    ['reviews', 'v2', 9080],
    ['ratings', 'v1', 9080],
  ];
  for (const app of ['productpage', 'details', 'reviews', 'ratings'])
    addServiceAccount(b, ns, `bookinfo-${app}`, { account: app });
  for (const [app, version, port] of apps) {
    addDeployment(b, {
      name: `${app}-${version}`,
      namespace: ns,
      replicas: 1,
      selector: { app, version },
      podAnnotations: sidecarAnn,
      containers: [
        ctr(app, `docker.io/istio/examples-bookinfo-${app}-${version}:1.20.3`, { port, cpu: '50m', memory: '64Mi' }),
        ISTIO_PROXY(),
      ],
      serviceAccount: `bookinfo-${app}`,
      ageSeconds: 30 * 86400,
      podSpec: {
        initContainers: [
          {
            name: 'istio-init',
            image: 'docker.io/istio/proxyv2:1.27.1',
            args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337'],
          },
        ],
      },
    });
  }
  for (const app of ['productpage', 'details', 'reviews', 'ratings']) {
    addService(b, {
      name: app,
      namespace: ns,
      selector: { app },
      labels: { app, service: app },
      ports: [{ name: 'http', port: 9080 }],
    });
  }
  const gen = (n: number) => ({ generation: n });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'Gateway',
    name: 'bookinfo-gateway',
    namespace: ns,
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
  });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'VirtualService',
    name: 'bookinfo',
    namespace: ns,
    spec: {
      hosts: ['bookinfo.example.com'],
      gateways: ['bookinfo-gateway'],
      http: [
        {
          match: [{ uri: { prefix: '/productpage' } }, { uri: { prefix: '/static' } }, { uri: { exact: '/login' } }],
          route: [{ destination: { host: 'productpage', port: { number: 9080 } } }],
        },
      ],
    },
  });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'VirtualService',
    name: 'reviews',
    namespace: ns,
    ...gen(3),
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
    status: { observedGeneration: 3, conditions: [condition(b, 'Reconciled', 'True')] },
  });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'DestinationRule',
    name: 'reviews',
    namespace: ns,
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
      validationMessages: [
        {
          type: { name: 'DestinationRuleSubsetNotSelectPods', code: 'IST0173' },
          level: 'WARNING',
          documentationUrl: 'https://istio.io/latest/docs/reference/config/analysis/ist0173/',
        },
      ],
    },
  });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'VirtualService',
    name: 'ratings',
    namespace: ns,
    spec: {
      hosts: ['ratings'],
      gateways: ['bookinfo-gw-old'],
      http: [{ route: [{ destination: { host: 'ratings-v3' } }] }],
    },
    status: { validationMessages: [{ type: { name: 'ReferencedResourceNotFound', code: 'IST0101' }, level: 'ERROR' }] },
  });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'DestinationRule',
    name: 'productpage',
    namespace: ns,
    spec: {
      host: 'productpage',
      trafficPolicy: {
        tls: { mode: 'ISTIO_MUTUAL' },
        outlierDetection: { consecutive5xxErrors: 5, interval: '30s', baseEjectionTime: '60s' },
      },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    },
  });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'ServiceEntry',
    name: 'stripe-api',
    namespace: 'payments',
    spec: {
      hosts: ['api.stripe.com'],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
    },
  });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'VirtualService',
    name: 'payment-gateway',
    namespace: 'payments',
    spec: {
      hosts: ['payment-gateway'],
      http: [
        {
          timeout: '5s',
          retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,connect-failure' },
          route: [{ destination: { host: 'payment-gateway', port: { number: 80 } } }],
        },
      ],
    },
  });
  addCustom(b, {
    apiVersion: `${SEC}/v1`,
    kind: 'PeerAuthentication',
    name: 'default',
    namespace: sys,
    spec: { mtls: { mode: 'PERMISSIVE' } },
  });
  addCustom(b, {
    apiVersion: `${SEC}/v1`,
    kind: 'PeerAuthentication',
    name: 'strict',
    namespace: 'payments',
    spec: { mtls: { mode: 'STRICT' } },
  });
  addCustom(b, {
    apiVersion: `${SEC}/v1`,
    kind: 'AuthorizationPolicy',
    name: 'ratings-viewer',
    namespace: ns,
    spec: {
      selector: { matchLabels: { app: 'ratings' } },
      action: 'ALLOW',
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-reviews'] } }],
          to: [{ operation: { methods: ['GET'] } }],
        },
      ],
    },
  });
  addCustom(b, {
    apiVersion: `${NET}/v1`,
    kind: 'Sidecar',
    name: 'default',
    namespace: ns,
    spec: { egress: [{ hosts: ['./*', 'istio-system/*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
  });
  addCustom(b, {
    apiVersion: `${SEC}/v1`,
    kind: 'RequestAuthentication',
    name: 'productpage-jwt',
    namespace: ns,
    spec: {
      selector: { matchLabels: { app: 'productpage' } },
      jwtRules: [{ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/.well-known/jwks.json' }],
    },
  });
  addCustom(b, {
    apiVersion: `${NET}/v1alpha3`,
    kind: 'EnvoyFilter',
    name: 'ingress-request-id',
    namespace: sys,
    spec: {
      workloadSelector: { labels: { istio: 'ingressgateway' } },
      configPatches: [
        {
          applyTo: 'NETWORK_FILTER',
          match: {
            context: 'GATEWAY',
            listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager' } } },
          },
          patch: {
            operation: 'MERGE',
            value: {
              typed_config: {
                '@type':
                  'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
                always_set_request_id_in_response: true,
              },
            },
          },
        },
      ],
    },
  });
  addCustom(b, {
    apiVersion: `${SEC}/v1`,
    kind: 'AuthorizationPolicy',
    name: 'deny-debug',
    namespace: sys,
    spec: { action: 'DENY', rules: [{ to: [{ operation: { paths: ['/debug/*'] } }] }] },
  });
}
