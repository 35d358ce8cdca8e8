/** kubectl's describers of Service, Node, ConfigMap, Secret, Namespace, PersistentVolumeClaim and Ingress. */
import { goSort } from '../go-sort.js';
import {
  describeEvents,
  formatLabels,
  listAll,
  type Obj,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  type Read,
  type ReadRaw,
  rfc1123z,
  searchEvents,
  since,
  sortedKeys,
} from './common.js';
import { addQuantity, formatQuantity, parseQuantity, type Quantity } from './quantity.js';
import { type DescribeWriter, LEVEL_0, LEVEL_1 } from './tabwriter.js';

const enc = encodeURIComponent;
const ref = (o: Obj) => ({ name: o.metadata.name, namespace: o.metadata.namespace, kind: o.kind, uid: o.metadata.uid });
const joinHostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** formatEndpointSlices: up to three ready addresses (`ip:port`), then `+ N more...`. */
function formatEndpointSlices(slices: Obj[], ports: Set<string> | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const ready = (e: Obj) => e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready;
  for (const s of slices) {
    if ((s.ports ?? []).length === 0) {
      for (const e of s.endpoints ?? []) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(e.addresses[0]);
        count++;
      }
      continue;
    }
    for (const port of s.ports) {
      if (ports && !ports.has(port.name ?? '')) continue;
      for (const e of s.endpoints ?? []) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(joinHostPort(e.addresses[0], port.port));
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

const sliceList = async (read: Read, ns: string, service: string): Promise<Obj[]> =>
  (
    await read(
      `/apis/discovery.k8s.io/v1/namespaces/${enc(ns)}/endpointslices?labelSelector=${enc(`kubernetes.io/service-name=${service}`)}`,
    )
  )?.items ?? [];

export async function describeService(read: Read, svc: Obj, w: DescribeWriter): Promise<void> {
  const ns = svc.metadata.namespace;
  const slices = await sliceList(read, ns, svc.metadata.name);
  const events = await searchEvents(read, ref(svc));
  const spec = svc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress: Obj[] = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) {
    const list = ingress
      .map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? '')))
      .join(', ');
    w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
  }
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    const proto = sp.protocol ?? '';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${proto}\n`);
    w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? 0}/${proto}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([sp.name ?? '']))}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0)
    w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  describeEvents(events, w);
}

/** resourcehelper.PodRequestsAndLimits: containers summed, at least each init container, plus overhead. */
function podRequestsAndLimits(pod: Obj) {
  const sum = (which: 'requests' | 'limits') => {
    const total: Record<string, Quantity> = {};
    for (const c of pod.spec?.containers ?? [])
      for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
        const q = parseQuantity(v);
        if (q) total[k] = addQuantity(total[k], q);
      }
    for (const c of pod.spec?.initContainers ?? [])
      for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
        const q = parseQuantity(v);
        if (q && (!total[k] || q.milli > total[k].milli)) total[k] = q;
      }
    for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) {
      const q = parseQuantity(v);
      if (q && total[k]) total[k] = addQuantity(total[k], q);
    }
    return total;
  };
  return { req: sum('requests'), limit: sum('limits') };
}

const pct = (a: Quantity | undefined, b: Quantity | undefined, unit: 'milli' | 'value') => {
  const den = b ? (unit === 'milli' ? b.milli : Math.trunc(b.milli / 1000)) : 0;
  const num = a ? (unit === 'milli' ? a.milli : Math.trunc(a.milli / 1000)) : 0;
  if (den === 0) return num === 0 ? 'NaN' : num > 0 ? '+Inf' : '-Inf';
  return String(Math.trunc((num / den) * 100));
};

function describeNodeResource(pods: Obj[], node: Obj, w: DescribeWriter): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocRaw =
    Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status.allocatable : (node.status?.capacity ?? {});
  const cpuAlloc = parseQuantity(allocRaw.cpu);
  const memAlloc = parseQuantity(allocRaw.memory);
  const cell = (q: Quantity | undefined, alloc: Quantity | undefined, unit: 'milli' | 'value') =>
    `${formatQuantity(q)} (${pct(q, alloc, unit)}%)`;
  for (const pod of pods) {
    const { req, limit } = podRequestsAndLimits(pod);
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(req.cpu, cpuAlloc, 'milli')}\t${cell(limit.cpu, cpuAlloc, 'milli')}\t${cell(req.memory, memAlloc, 'value')}\t${cell(limit.memory, memAlloc, 'value')}\t${since(pod.metadata.creationTimestamp)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: Record<string, Quantity> = {};
  const limits: Record<string, Quantity> = {};
  for (const pod of pods) {
    const { req, limit } = podRequestsAndLimits(pod);
    for (const [k, q] of Object.entries(req)) reqs[k] = addQuantity(reqs[k], q);
    for (const [k, q] of Object.entries(limit)) limits[k] = addQuantity(limits[k], q);
  }
  const total = (q: Quantity | undefined, alloc: Quantity | undefined, unit: 'milli' | 'value') => {
    const den = alloc ? (unit === 'milli' ? alloc.milli : Math.trunc(alloc.milli / 1000)) : 0;
    return `${formatQuantity(q)} (${den === 0 ? '0' : pct(q, alloc, unit)}%)`;
  };
  const eph = parseQuantity(allocRaw['ephemeral-storage']);
  w.write(LEVEL_1, `cpu\t${total(reqs.cpu, cpuAlloc, 'milli')}\t${total(limits.cpu, cpuAlloc, 'milli')}\n`);
  w.write(LEVEL_1, `memory\t${total(reqs.memory, memAlloc, 'value')}\t${total(limits.memory, memAlloc, 'value')}\n`);
  w.write(
    LEVEL_1,
    `ephemeral-storage\t${total(reqs['ephemeral-storage'], eph, 'value')}\t${total(limits['ephemeral-storage'], eph, 'value')}\n`,
  );
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  const keys = sortedKeys(allocRaw);
  for (const k of keys.filter((k) => k.startsWith('hugepages-'))) {
    const a = parseQuantity(allocRaw[k]);
    w.write(LEVEL_1, `${k}\t${total(reqs[k], a, 'value')}\t${total(limits[k], a, 'value')}\n`);
  }
  for (const k of keys.filter((k) => !k.startsWith('hugepages-') && !standard.has(k) && !k.startsWith('requests.')))
    w.write(LEVEL_1, `${k}\t${formatQuantity(reqs[k])}\t${formatQuantity(limits[k])}\n`);
}

export async function describeNode(read: Read, readRaw: ReadRaw, node: Obj, w: DescribeWriter): Promise<void> {
  const name = node.metadata.name;
  const selector = `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`;
  const podsAnswer = await readRaw(`/api/v1/pods?fieldSelector=${enc(selector)}&limit=500`);
  const canViewPods = podsAnswer.status !== 403;
  const pods = podsAnswer.status >= 200 && podsAnswer.status < 300 ? (podsAnswer.body?.items ?? []) : [];
  const events = [
    ...(await searchEvents(read, { name, kind: 'Node', uid: node.metadata.uid })),
    ...(await searchEvents(read, { name, kind: 'Node', uid: name })),
  ];
  const labels: Record<string, string> = node.metadata.labels ?? {};
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  w.write(LEVEL_0, `Name:\t${name}\n`);
  w.write(LEVEL_0, `Roles:\t${[...roles].sort().join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  const lease = await readRaw(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${enc(name)}`);
  if (lease.status >= 200 && lease.status < 300) {
    const spec = lease.body?.spec ?? {};
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`);
  } else w.write(LEVEL_0, `Lease:\tFailed to get lease: ${lease.body?.message ?? `status ${lease.status}`}\n`);
  const conditions: Obj[] = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions)
      w.write(
        LEVEL_1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const resources = (list: Record<string, string>) => {
    for (const k of sortedKeys(list)) w.write(LEVEL_0, `  ${k}:\t${list[k]}\n`);
  };
  if (sortedKeys(node.status?.capacity).length > 0) {
    w.write(LEVEL_0, 'Capacity:\n');
    resources(node.status.capacity);
  }
  if (sortedKeys(node.status?.allocatable).length > 0) {
    w.write(LEVEL_0, 'Allocatable:\n');
    resources(node.status.allocatable);
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  for (const [title, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ])
    w.write(LEVEL_0, `  ${title}:\t${info[key!] ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  if (canViewPods) describeNodeResource(pods, node, w);
  else w.write(LEVEL_0, 'Pods:\tnot authorized\n');
  describeEvents(events, w);
}

export async function describeConfigMap(read: Read, cm: Obj, w: DescribeWriter): Promise<void> {
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  // Go ranges over the map in random order; sorted here (identical for one key)
  for (const k of sortedKeys(cm.data)) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${cm.data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const k of sortedKeys(cm.binaryData))
    w.write(LEVEL_0, `${k}: ${Buffer.from(String(cm.binaryData[k]), 'base64').length} bytes\n`);
  w.write(LEVEL_0, '\n');
  describeEvents(await searchEvents(read, ref(cm)), w);
}

/** A Secret: only the size of each value (a service-account token is shown, as kubectl shows it). */
export function describeSecret(secret: Obj, w: DescribeWriter): void {
  w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', secret.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of sortedKeys(secret.data)) {
    const bytes = Buffer.from(String(secret.data[k]), 'base64');
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token')
      w.write(LEVEL_0, `${k}:\t${bytes.toString('utf8')}\n`);
    else w.write(LEVEL_0, `${k}:\t${bytes.length} bytes\n`);
  }
}

export async function describeNamespace(readRaw: ReadRaw, ns: Obj, w: DescribeWriter): Promise<void> {
  const name = ns.metadata.name;
  const quotas = await readRaw(`/api/v1/namespaces/${enc(name)}/resourcequotas?limit=500`);
  const limits = await readRaw(`/api/v1/namespaces/${enc(name)}/limitranges?limit=500`);
  w.write(LEVEL_0, `Name:\t${name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions: Obj[] = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions)
      w.write(
        LEVEL_1,
        `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
      );
  }
  if (quotas.status !== 404) {
    w.write(LEVEL_0, '\n');
    const items: Obj[] = quotas.body?.items ?? [];
    if (items.length === 0) w.write(LEVEL_0, 'No resource quota.\n');
    else {
      w.write(LEVEL_0, 'Resource Quotas\n');
      for (const q of goSort(items, (a, b) => a.metadata.name < b.metadata.name)) {
        w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
        if ((q.spec?.scopes ?? []).length > 0) w.write(LEVEL_1, `Scopes:\t${[...q.spec.scopes].sort().join(', ')}\n`);
        w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
        w.write(LEVEL_1, '--------\t---\t---\n');
        for (const r of sortedKeys(q.status?.hard))
          w.write(LEVEL_1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${q.status.hard[r]}\n`);
      }
    }
  }
  if (limits.status !== 404) {
    w.write(LEVEL_0, '\n');
    const items: Obj[] = limits.body?.items ?? [];
    if (items.length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
    else {
      w.write(
        LEVEL_0,
        'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
      );
      w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of items)
        for (const item of lr.spec?.limits ?? []) {
          const keys = new Set([
            ...Object.keys(item.max ?? {}),
            ...Object.keys(item.min ?? {}),
            ...Object.keys(item.default ?? {}),
            ...Object.keys(item.defaultRequest ?? {}),
            ...Object.keys(item.maxLimitRequestRatio ?? {}),
          ]);
          for (const r of keys) {
            const v = (m: Obj) => m?.[r] ?? '-';
            w.write(
              LEVEL_0,
              ` ${item.type}\t${r}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`,
            );
          }
        }
    }
  }
}

const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

export async function describePVC(read: Read, pvc: Obj, w: DescribeWriter): Promise<void> {
  const ns = pvc.metadata.namespace;
  const all = await listAll(read, `/api/v1/namespaces/${enc(ns)}/pods`);
  const users: Obj[] = [];
  for (const pod of all)
    for (const v of pod.spec?.volumes ?? [])
      if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) users.push(pod);
  for (const owner of pvc.metadata.ownerReferences ?? []) {
    if (owner.kind !== 'Pod') continue;
    const pod = all.find((p) => p.metadata.uid === owner.uid);
    if (pod && !users.some((u) => u.metadata.uid === pod.metadata.uid)) users.push(pod);
  }
  const events = await searchEvents(read, ref(pvc));
  const spec = pvc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  const cls = spec.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
  w.write(LEVEL_0, `StorageClass:\t${cls}\n`);
  w.write(
    LEVEL_0,
    pvc.metadata.deletionTimestamp
      ? `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp)})\n`
      : `Status:\t${pvc.status?.phase ?? ''}\n`,
  );
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(' ')}]\n`);
  let capacity = '';
  let modes = '';
  if (spec.volumeName) {
    const have: string[] = pvc.status?.accessModes ?? [];
    modes = ACCESS_MODES.filter(([m]) => have.includes(m))
      .map(([, s]) => s)
      .join(',');
    capacity = pvc.status?.capacity?.storage ? String(pvc.status.capacity.storage) : '0';
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${modes}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
  }
  w.write(LEVEL_0, 'Used By:\t');
  if (users.length === 0) w.line('<none>');
  else
    goSort(users, (a, b) => a.metadata.name < b.metadata.name).forEach((p, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${p.metadata.name}\n`);
    });
  const conditions: Obj[] = pvc.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions)
      w.write(
        LEVEL_1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  describeEvents(events, w);
}

async function ingressBackend(readRaw: ReadRaw, read: Read, ns: string, backend: Obj): Promise<string> {
  if (backend?.service) {
    const s = backend.service;
    const sb = `${s.name}:${s.port?.number ? s.port.number : (s.port?.name ?? '')}`;
    const slices = await readRaw(
      `/apis/discovery.k8s.io/v1/namespaces/${enc(ns)}/endpointslices?labelSelector=${enc(`kubernetes.io/service-name=${s.name}`)}`,
    );
    if (slices.status >= 300) return `${sb} (<error: ${slices.body?.message ?? ''}>)`;
    const svc = await readRaw(`/api/v1/namespaces/${enc(ns)}/services/${enc(s.name)}`);
    if (svc.status >= 300) return `${sb} (<error: ${svc.body?.message ?? ''}>)`;
    let spName = '';
    for (const sp of svc.body?.spec?.ports ?? []) {
      if (s.port?.number && s.port.number === sp.port) spName = sp.name ?? '';
      else if (s.port?.name && s.port.name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(slices.body?.items ?? [], new Set([spName]))})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  void read;
  return '';
}

export async function describeIngress(read: Read, readRaw: ReadRaw, ing: Obj, w: DescribeWriter): Promise<void> {
  const ns = ing.metadata.namespace;
  const events = await searchEvents(read, ref(ing));
  const spec = ing.spec ?? {};
  w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  const addresses = new Set<string>();
  for (const i of ing.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) addresses.add(i.ip);
    else if (i.hostname) addresses.add(i.hostname);
  }
  w.write(LEVEL_0, `Address:\t${[...addresses].sort().join(',')}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const def = spec.defaultBackend ? await ingressBackend(readRaw, read, ns, spec.defaultBackend) : '<default>';
  w.write(LEVEL_0, `Default backend:\t${def}\n`);
  if ((spec.tls ?? []).length > 0) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of spec.tls)
      w.write(
        LEVEL_1,
        t.secretName
          ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`
          : `SNI routes ${(t.hosts ?? []).join(',')}\n`,
      );
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths ?? [])
      w.write(2, `\t${p.path ?? ''} \t${await ingressBackend(readRaw, read, ns, p.backend)}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
  printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  describeEvents(events, w);
}
