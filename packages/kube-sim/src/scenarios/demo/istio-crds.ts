import type { ScenarioBuilder } from '../builder.js';
import { AGE_COLUMN, addCrd, type FieldType, type PrinterColumn } from './crd.js';

const NET = 'networking.istio.io';
const SEC = 'security.istio.io';

export function addIstioCrds(b: ScenarioBuilder): void {
  const status: Record<string, FieldType> = {
    conditions: 'array',
    validationMessages: 'array',
    observedGeneration: 'int-or-string',
  };
  const labels = { 'app.kubernetes.io/part-of': 'istio', release: 'istio' };
  const kinds: [string, string, string, string[], PrinterColumn[], Record<string, FieldType>][] = [
    [
      NET,
      'VirtualService',
      'virtualservices',
      ['vs'],
      [
        {
          name: 'Gateways',
          type: 'string',
          jsonPath: '.spec.gateways',
          description: 'The names of gateways and sidecars that should apply these routes',
        },
        {
          name: 'Hosts',
          type: 'string',
          jsonPath: '.spec.hosts',
          description: 'The destination hosts to which traffic is being sent',
        },
        AGE_COLUMN,
      ],
      { hosts: 'string[]', gateways: 'string[]', http: 'array', tls: 'array', tcp: 'array', exportTo: 'string[]' },
    ],
    [
      NET,
      'DestinationRule',
      'destinationrules',
      ['dr'],
      [
        {
          name: 'Host',
          type: 'string',
          jsonPath: '.spec.host',
          description: 'The name of a service from the service registry',
        },
        AGE_COLUMN,
      ],
      { host: 'string', trafficPolicy: 'object', subsets: 'array', exportTo: 'string[]', workloadSelector: 'object' },
    ],
    [NET, 'Gateway', 'gateways', ['gw'], [AGE_COLUMN], { selector: 'object', servers: 'array' }],
    [
      NET,
      'ServiceEntry',
      'serviceentries',
      ['se'],
      [
        {
          name: 'Hosts',
          type: 'string',
          jsonPath: '.spec.hosts',
          description: 'The hosts associated with the ServiceEntry',
        },
        {
          name: 'Location',
          type: 'string',
          jsonPath: '.spec.location',
          description:
            'Whether the service is external to the mesh or part of the mesh (MESH_EXTERNAL or MESH_INTERNAL)',
        },
        {
          name: 'Resolution',
          type: 'string',
          jsonPath: '.spec.resolution',
          description: 'Service resolution mode for the hosts (NONE, STATIC, or DNS)',
        },
        AGE_COLUMN,
      ],
      {
        hosts: 'string[]',
        addresses: 'string[]',
        ports: 'array',
        location: 'string',
        resolution: 'string',
        endpoints: 'array',
        exportTo: 'string[]',
      },
    ],
    [
      NET,
      'Sidecar',
      'sidecars',
      [],
      [AGE_COLUMN],
      { workloadSelector: 'object', ingress: 'array', egress: 'array', outboundTrafficPolicy: 'object' },
    ],
    [
      SEC,
      'PeerAuthentication',
      'peerauthentications',
      ['pa'],
      [
        {
          name: 'Mode',
          type: 'string',
          jsonPath: '.spec.mtls.mode',
          description: 'Defines the mTLS mode used for peer authentication.',
        },
        AGE_COLUMN,
      ],
      { selector: 'object', mtls: 'object', portLevelMtls: 'object' },
    ],
    [
      SEC,
      'AuthorizationPolicy',
      'authorizationpolicies',
      ['ap'],
      [{ name: 'Action', type: 'string', jsonPath: '.spec.action', description: 'The operation to take.' }, AGE_COLUMN],
      { selector: 'object', action: 'string', rules: 'array', provider: 'object', targetRefs: 'array' },
    ],
    [
      SEC,
      'RequestAuthentication',
      'requestauthentications',
      ['ra'],
      [AGE_COLUMN],
      { selector: 'object', jwtRules: 'array' },
    ],
  ];
  for (const [group, kind, plural, shortNames, columns, spec] of kinds) {
    const cat = group === NET ? 'networking-istio-io' : 'security-istio-io';
    addCrd(b, {
      group,
      kind,
      plural,
      shortNames,
      categories: ['istio-io', cat],
      labels,
      versions: [
        { name: 'v1', columns, storage: false },
        { name: 'v1beta1', columns, storage: group === NET },
        ...(group === NET ? [{ name: 'v1alpha3', columns, storage: false }] : []),
      ].map((v, i) => (group === SEC && i === 0 ? { ...v, storage: true } : v)),
      spec,
      status,
    });
  }
  addCrd(b, {
    group: NET,
    kind: 'EnvoyFilter',
    plural: 'envoyfilters',
    categories: ['istio-io', 'networking-istio-io'],
    labels,
    versions: [{ name: 'v1alpha3', columns: [AGE_COLUMN] }],
    spec: { workloadSelector: 'object', configPatches: 'array', priority: 'integer' },
    status,
  });
}
