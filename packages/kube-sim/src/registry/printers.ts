/** Server-side table printers: the columns `kubectl get` shows per kind. */
import type { KubeObject } from '../store/types.js';
import { age } from './age.js';
import { AGE, a, CREATED_AT, col, make, NAME, n, type Obj, o, s, selector } from './printer-helpers.js';
import { WORKLOAD_PRINTERS } from './printers-workloads.js';
import type { Printer } from './types.js';

function podRow(p: KubeObject, now: Date): unknown[] {
  const spec = o(p.spec);
  const st = o(p.status);
  const statuses = a(st.containerStatuses).map(o);
  const total = a(spec.containers).length;
  const ready = statuses.filter((c) => c.ready === true).length;
  const restarts = statuses.reduce((sum, c) => sum + n(c.restartCount), 0);
  let reason = s(st.reason, '') || s(st.phase, 'Unknown');
  for (const c of statuses) {
    const state = o(c.state);
    const w = o(state.waiting).reason;
    const t = o(state.terminated);
    if (typeof w === 'string' && w) reason = w;
    else if (Object.keys(t).length && reason === 'Running') reason = s(t.reason, '') || `ExitCode:${n(t.exitCode)}`;
  }
  if (p.metadata.deletionTimestamp) reason = 'Terminating';
  let restartText = String(restarts);
  const last = statuses
    .map((c) => o(o(c.lastState).terminated).finishedAt)
    .filter((x): x is string => typeof x === 'string')
    .sort()
    .at(-1);
  if (restarts > 0 && last) restartText = `${restarts} (${age(last, now)} ago)`;
  const gates = a(spec.readinessGates).length;
  return [
    p.metadata.name,
    `${ready}/${total}`,
    reason,
    restartText,
    age(p.metadata.creationTimestamp, now),
    s(st.podIP),
    s(spec.nodeName),
    s(st.nominatedNodeName),
    gates ? `0/${gates}` : '<none>',
  ];
}

function ports(list: unknown[]): string {
  const ps = list
    .map(o)
    .map((p) => `${s(p.port, '')}${p.nodePort ? `:${String(p.nodePort)}` : ''}/${s(p.protocol, 'TCP')}`);
  return ps.length ? ps.join(',') : '<none>';
}

function externalIp(spec: Obj, st: Obj): string {
  const type = s(spec.type, 'ClusterIP');
  const ext = a(spec.externalIPs).map(String);
  if (type === 'ExternalName') return s(spec.externalName);
  if (type === 'LoadBalancer') {
    const ing = a(o(st.loadBalancer).ingress)
      .map(o)
      .map((i) => s(i.ip, '') || s(i.hostname, ''))
      .filter(Boolean);
    const all = [...ing, ...ext];
    return all.length ? all.join(',') : '<pending>';
  }
  return ext.length ? ext.join(',') : '<none>';
}

function nodeRow(nd: KubeObject, now: Date): unknown[] {
  const st = o(nd.status);
  const ready = a(st.conditions)
    .map(o)
    .find((c) => c.type === 'Ready');
  let status = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  if (o(nd.spec).unschedulable === true) status += ',SchedulingDisabled';
  const roles = Object.keys(nd.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .join(',');
  const info = o(st.nodeInfo);
  const addr = (t: string) =>
    s(
      a(st.addresses)
        .map(o)
        .find((x) => x.type === t)?.address,
    );
  return [
    nd.metadata.name,
    status,
    roles || '<none>',
    age(nd.metadata.creationTimestamp, now),
    s(info.kubeletVersion, ''),
    addr('InternalIP'),
    addr('ExternalIP'),
    s(info.osImage, '<unknown>'),
    s(info.kernelVersion, '<unknown>'),
    s(info.containerRuntimeVersion, '<unknown>'),
  ];
}

export const BUILTIN_PRINTERS: Record<string, Printer> = {
  ...WORKLOAD_PRINTERS,
  pods: make(
    [
      NAME,
      col('Ready'),
      col('Status'),
      col('Restarts', 'string'),
      AGE,
      col('IP', 'string', 1),
      col('Node', 'string', 1),
      col('Nominated Node', 'string', 1),
      col('Readiness Gates', 'string', 1),
    ],
    podRow,
  ),
  namespaces: make([NAME, col('Status'), AGE], (x, now) => [
    x.metadata.name,
    s(o(x.status).phase, 'Active'),
    age(x.metadata.creationTimestamp, now),
  ]),
  nodes: make(
    [
      NAME,
      col('Status'),
      col('Roles'),
      AGE,
      col('Version'),
      col('Internal-IP', 'string', 1),
      col('External-IP', 'string', 1),
      col('OS-Image', 'string', 1),
      col('Kernel-Version', 'string', 1),
      col('Container-Runtime', 'string', 1),
    ],
    nodeRow,
  ),
  services: make(
    [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, col('Selector', 'string', 1)],
    (x, now) => {
      const spec = o(x.spec);
      const sel = Object.entries(o(spec.selector))
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',');
      return [
        x.metadata.name,
        s(spec.type, 'ClusterIP'),
        s(spec.clusterIP),
        externalIp(spec, o(x.status)),
        ports(a(spec.ports)),
        age(x.metadata.creationTimestamp, now),
        sel || '<none>',
      ];
    },
  ),
  endpoints: make([NAME, col('Endpoints'), AGE], (x, now) => {
    const eps: string[] = [];
    for (const sub of a(x.subsets).map(o))
      for (const ad of a(sub.addresses).map(o))
        for (const p of a(sub.ports).map(o).length ? a(sub.ports).map(o) : [{}])
          eps.push(`${s(ad.ip, '')}${p.port ? `:${String(p.port)}` : ''}`);
    return [
      x.metadata.name,
      eps.length
        ? eps.length > 3
          ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...`
          : eps.join(',')
        : '<none>',
      age(x.metadata.creationTimestamp, now),
    ];
  }),
  configmaps: make([NAME, col('Data', 'integer'), AGE], (x, now) => [
    x.metadata.name,
    Object.keys(o(x.data)).length + Object.keys(o(x.binaryData)).length,
    age(x.metadata.creationTimestamp, now),
  ]),
  secrets: make([NAME, col('Type'), col('Data', 'integer'), AGE], (x, now) => [
    x.metadata.name,
    s(x.type, 'Opaque'),
    Object.keys(o(x.data)).length,
    age(x.metadata.creationTimestamp, now),
  ]),
  serviceaccounts: make([NAME, col('Secrets', 'integer'), AGE], (x, now) => [
    x.metadata.name,
    a(x.secrets).length,
    age(x.metadata.creationTimestamp, now),
  ]),
  events: make(
    [
      col('Last Seen'),
      col('Type'),
      col('Reason'),
      col('Object'),
      col('Message'),
      col('Subobject', 'string', 1),
      col('Source', 'string', 1),
      col('First Seen', 'string', 1),
      col('Count', 'string', 1),
      col('Name', 'string', 1, 'name'),
    ],
    (x, now) => {
      const io = o(x.involvedObject);
      const last = x.lastTimestamp ?? x.eventTime ?? x.metadata.creationTimestamp;
      const src = o(x.source);
      return [
        age(last, now),
        s(x.type, 'Normal'),
        s(x.reason, ''),
        `${String(io.kind ?? '').toLowerCase()}/${s(io.name, '')}`,
        s(x.message, ''),
        s(io.fieldPath, ''),
        [src.component, src.host].filter(Boolean).join(', '),
        age(x.firstTimestamp ?? last, now),
        s(x.count, '1'),
        x.metadata.name,
      ];
    },
  ),
  persistentvolumes: make(
    [
      NAME,
      col('Capacity'),
      col('Access Modes'),
      col('Reclaim Policy'),
      col('Status'),
      col('Claim'),
      col('StorageClass'),
      col('VolumeAttributesClass'),
      col('Reason'),
      AGE,
      col('VolumeMode', 'string', 1),
    ],
    (x, now) => {
      const spec = o(x.spec);
      const claim = o(spec.claimRef);
      return [
        x.metadata.name,
        s(o(spec.capacity).storage, ''),
        accessModes(spec.accessModes),
        s(spec.persistentVolumeReclaimPolicy, 'Retain'),
        s(o(x.status).phase, 'Pending'),
        claim.name ? `${s(claim.namespace, '')}/${s(claim.name, '')}` : '',
        s(spec.storageClassName, ''),
        s(spec.volumeAttributesClassName),
        s(o(x.status).reason, ''),
        age(x.metadata.creationTimestamp, now),
        s(spec.volumeMode, 'Filesystem'),
      ];
    },
  ),
  persistentvolumeclaims: make(
    [
      NAME,
      col('Status'),
      col('Volume'),
      col('Capacity'),
      col('Access Modes'),
      col('StorageClass'),
      col('VolumeAttributesClass'),
      AGE,
      col('VolumeMode', 'string', 1),
    ],
    (x, now) => {
      const spec = o(x.spec);
      const st = o(x.status);
      return [
        x.metadata.name,
        s(st.phase, 'Pending'),
        s(spec.volumeName, ''),
        s(o(st.capacity).storage, ''),
        accessModes(st.accessModes),
        s(spec.storageClassName, ''),
        s(spec.volumeAttributesClassName),
        age(x.metadata.creationTimestamp, now),
        s(spec.volumeMode, 'Filesystem'),
      ];
    },
  ),
  storageclasses: make(
    [
      NAME,
      col('Provisioner'),
      col('ReclaimPolicy'),
      col('VolumeBindingMode'),
      col('AllowVolumeExpansion', 'string'),
      AGE,
    ],
    (x, now) => {
      const def = x.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
      return [
        `${String(x.metadata.name)}${def ? ' (default)' : ''}`,
        s(x.provisioner, ''),
        s(x.reclaimPolicy, 'Delete'),
        s(x.volumeBindingMode, 'Immediate'),
        String(x.allowVolumeExpansion === true),
        age(x.metadata.creationTimestamp, now),
      ];
    },
  ),
  ingresses: make([NAME, col('Class'), col('Hosts'), col('Address'), col('Ports'), AGE], (x, now) => {
    const spec = o(x.spec);
    const hosts = a(spec.rules)
      .map(o)
      .map((r) => s(r.host, '*'));
    const addr = a(o(o(x.status).loadBalancer).ingress)
      .map(o)
      .map((i) => s(i.ip, '') || s(i.hostname, ''));
    return [
      x.metadata.name,
      s(spec.ingressClassName),
      hosts.length ? hosts.join(',') : '*',
      addr.join(','),
      a(spec.tls).length ? '80, 443' : '80',
      age(x.metadata.creationTimestamp, now),
    ];
  }),
  networkpolicies: make([NAME, col('Pod-Selector'), AGE], (x, now) => {
    const sel = selector(o(x.spec).podSelector);
    return [x.metadata.name, sel === '<none>' ? '<none>' : sel, age(x.metadata.creationTimestamp, now)];
  }),
  roles: make([NAME, CREATED_AT], (x) => [x.metadata.name, x.metadata.creationTimestamp]),
  clusterroles: make([NAME, CREATED_AT], (x) => [x.metadata.name, x.metadata.creationTimestamp]),
  rolebindings: make(
    [
      NAME,
      col('Role'),
      AGE,
      col('Users', 'string', 1),
      col('Groups', 'string', 1),
      col('ServiceAccounts', 'string', 1),
    ],
    bindingRow,
  ),
  clusterrolebindings: make(
    [
      NAME,
      col('Role'),
      AGE,
      col('Users', 'string', 1),
      col('Groups', 'string', 1),
      col('ServiceAccounts', 'string', 1),
    ],
    bindingRow,
  ),
  customresourcedefinitions: make([NAME, CREATED_AT], (x) => [x.metadata.name, x.metadata.creationTimestamp]),
};

function accessModes(v: unknown): string {
  const map: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  return a(v)
    .map((m) => map[String(m)] ?? String(m))
    .join(',');
}

function bindingRow(x: KubeObject, now: Date): unknown[] {
  const ref = o(x.roleRef);
  const subs = a(x.subjects).map(o);
  const pick = (k: string) =>
    subs
      .filter((sb) => sb.kind === k)
      .map((sb) => (k === 'ServiceAccount' ? `${s(sb.namespace, '')}/${s(sb.name, '')}` : s(sb.name, '')))
      .join(', ');
  return [
    x.metadata.name,
    `${s(ref.kind, '')}/${s(ref.name, '')}`,
    age(x.metadata.creationTimestamp, now),
    pick('User'),
    pick('Group'),
    pick('ServiceAccount'),
  ];
}

export const DEFAULT_PRINTER: Printer = make([NAME, AGE], (x, now) => [
  x.metadata.name,
  age(x.metadata.creationTimestamp, now),
]);
