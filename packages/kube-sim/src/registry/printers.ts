/** Server-side table printers: the columns `kubectl get` shows per kind. */
import type { KubeObject } from '../store/types.js';
import { age } from './age.js';
import type { Printer, TableColumn } from './types.js';

type Obj = Record<string, unknown>;
type Row = (o: KubeObject, now: Date) => unknown[];

const o = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const s = (v: unknown, dflt = '<none>'): string => (v === undefined || v === null || v === '' ? dflt : String(v));
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

function col(name: string, type: TableColumn['type'] = 'string', priority = 0, format?: string): TableColumn {
  const c: TableColumn = {
    name,
    type,
    format: format ?? (name === 'Name' ? 'name' : ''),
    description: `${name} column`,
    priority,
  };
  return c;
}
const NAME = col('Name');
const AGE = col('Age');
const CREATED_AT = col('Created At', 'date');

function make(columns: TableColumn[], row: Row): Printer {
  return { columns, row };
}

function images(tpl: Obj): [string, string] {
  const cs = a(o(o(tpl).spec).containers).map(o);
  return [cs.map((c) => s(c.name, '')).join(','), cs.map((c) => s(c.image, '')).join(',')];
}

function selector(sel: unknown): string {
  const m = o(o(sel).matchLabels);
  const parts = Object.entries(m).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of a(o(sel).matchExpressions).map(o)) {
    const op = String(e.operator ?? '').toLowerCase();
    parts.push(
      op === 'exists'
        ? String(e.key)
        : op === 'doesnotexist'
          ? `!${String(e.key)}`
          : `${String(e.key)} ${op} (${a(e.values).join(',')})`,
    );
  }
  return parts.length ? parts.join(',') : '<none>';
}

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

function jobStatus(st: Obj): string {
  const conds = a(st.conditions)
    .map(o)
    .filter((c) => c.status === 'True');
  if (conds.some((c) => c.type === 'Complete')) return 'Complete';
  if (conds.some((c) => c.type === 'Failed')) return 'Failed';
  if (conds.some((c) => c.type === 'Suspended')) return 'Suspended';
  return 'Running';
}

function duration(start: unknown, end: unknown, now: Date): string {
  if (typeof start !== 'string') return '';
  const e = typeof end === 'string' ? Date.parse(end) : now.getTime();
  return age(start, new Date(e));
}

const wl = (extra: TableColumn[]): TableColumn[] => [
  ...extra,
  col('Containers', 'string', 1),
  col('Images', 'string', 1),
  col('Selector', 'string', 1),
];
const cells = (obj: KubeObject): string[] => {
  const [c, i] = images(o(o(obj.spec).template));
  return [c, i, selector(o(obj.spec).selector)];
};

export const BUILTIN_PRINTERS: Record<string, Printer> = {
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
  deployments: make(
    wl([NAME, col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), AGE]),
    (x, now) => {
      const st = o(x.status);
      return [
        x.metadata.name,
        `${n(st.readyReplicas)}/${n(o(x.spec).replicas ?? 1)}`,
        n(st.updatedReplicas),
        n(st.availableReplicas),
        age(x.metadata.creationTimestamp, now),
        ...cells(x),
      ];
    },
  ),
  replicasets: make(
    wl([NAME, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), AGE]),
    (x, now) => {
      const st = o(x.status);
      return [
        x.metadata.name,
        n(o(x.spec).replicas ?? 1),
        n(st.replicas),
        n(st.readyReplicas),
        age(x.metadata.creationTimestamp, now),
        ...cells(x),
      ];
    },
  ),
  statefulsets: make(
    [NAME, col('Ready'), AGE, col('Containers', 'string', 1), col('Images', 'string', 1)],
    (x, now) => {
      const [c, i] = images(o(o(x.spec).template));
      return [
        x.metadata.name,
        `${n(o(x.status).readyReplicas)}/${n(o(x.spec).replicas ?? 1)}`,
        age(x.metadata.creationTimestamp, now),
        c,
        i,
      ];
    },
  ),
  daemonsets: make(
    wl([
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      col('Node Selector'),
      AGE,
    ]),
    (x, now) => {
      const st = o(x.status);
      const ns = Object.entries(o(o(o(o(x.spec).template).spec).nodeSelector))
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',');
      return [
        x.metadata.name,
        n(st.desiredNumberScheduled),
        n(st.currentNumberScheduled),
        n(st.numberReady),
        n(st.updatedNumberScheduled),
        n(st.numberAvailable),
        ns || '<none>',
        age(x.metadata.creationTimestamp, now),
        ...cells(x),
      ];
    },
  ),
  jobs: make(
    [
      NAME,
      col('Status'),
      col('Completions'),
      col('Duration'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    (x, now) => {
      const st = o(x.status);
      const [c, i] = images(o(o(x.spec).template));
      return [
        x.metadata.name,
        jobStatus(st),
        `${n(st.succeeded)}/${n(o(x.spec).completions ?? 1)}`,
        duration(st.startTime, st.completionTime, now),
        age(x.metadata.creationTimestamp, now),
        c,
        i,
        selector(o(x.spec).selector),
      ];
    },
  ),
  cronjobs: make(
    [
      NAME,
      col('Schedule'),
      col('Timezone'),
      col('Suspend', 'boolean'),
      col('Active', 'integer'),
      col('Last Schedule'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    (x, now) => {
      const spec = o(x.spec);
      const st = o(x.status);
      const [c, i] = images(o(o(o(spec.jobTemplate).spec).template));
      return [
        x.metadata.name,
        s(spec.schedule, ''),
        s(spec.timeZone),
        spec.suspend === true,
        a(st.active).length,
        st.lastScheduleTime ? age(st.lastScheduleTime, now) : '<none>',
        age(x.metadata.creationTimestamp, now),
        c,
        i,
        '<none>',
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
  horizontalpodautoscalers: make(
    [
      NAME,
      col('Reference'),
      col('Targets'),
      col('MinPods', 'string'),
      col('MaxPods', 'integer'),
      col('Replicas', 'integer'),
      AGE,
    ],
    (x, now) => {
      const spec = o(x.spec);
      const ref = o(spec.scaleTargetRef);
      const metrics = a(spec.metrics).map(o);
      const current = a(o(x.status).currentMetrics).map(o);
      const targets = metrics.map((m, idx) => {
        const r = o(m.resource);
        const want = o(r.target).averageUtilization;
        const cur = o(o(current[idx]).resource).current;
        const have = o(cur).averageUtilization;
        return `${String(r.name ?? m.type ?? 'metric')}: ${have === undefined ? '<unknown>' : `${String(have)}%`}/${want === undefined ? s(o(r.target).averageValue, '') : `${String(want)}%`}`;
      });
      return [
        x.metadata.name,
        `${s(ref.kind, '')}/${s(ref.name, '')}`,
        targets.length ? targets.join(', ') : '<none>',
        s(spec.minReplicas, '1'),
        n(spec.maxReplicas),
        n(o(x.status).currentReplicas),
        age(x.metadata.creationTimestamp, now),
      ];
    },
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
