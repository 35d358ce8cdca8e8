/**
 * `kubectl describe`-like text for any object: its metadata, a few kind-specific lines (pods' containers,
 * nodes' capacity, workloads' replicas), spec and status as indented fields (as kubectl describes custom
 * resources), and its events. A Secret's values are never shown: only its keys and their sizes.
 */
import { formatCpuQuantity, formatMemoryQuantity } from '@argus/contracts';
import { arr, type Json, type KubeObject, obj, str } from './kube.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const pad = (label: string, width = 22) => `${label}:`.padEnd(width);

function mapLines(title: string, m: Json, indent = ''): string[] {
  const entries = Object.entries(m);
  if (entries.length === 0) return [`${indent}${pad(title)}<none>`];
  return entries.map(([k, v], i) => `${indent}${i === 0 ? pad(title) : ' '.repeat(22)}${k}=${String(v)}`);
}

/** Fields whose keys are data (label names, resource names), printed as they are rather than capitalised. */
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'matchLabels',
  'nodeSelector',
  'selector',
  'data',
  'binaryData',
  'requests',
  'limits',
  'capacity',
  'allocatable',
  'hard',
  'used',
  'parameters',
]);

/** Nested JSON as kubectl prints custom resources: `Key:  value`, maps indented, lists item by item. */
function fieldLines(value: unknown, indent: string, verbatim = false): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj(value))) {
    const key = verbatim ? k : k.charAt(0).toUpperCase() + k.slice(1);
    const childVerbatim = MAP_FIELDS.has(k);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      out.push(`${indent}${key}:`);
      out.push(...fieldLines(v, `${indent}  `, childVerbatim));
    } else if (Array.isArray(v)) {
      out.push(`${indent}${key}:`);
      for (const item of v) {
        if (item && typeof item === 'object') {
          const lines = fieldLines(item, `${indent}    `);
          if (lines[0]) lines[0] = `${indent}  - ${lines[0].trimStart()}`;
          out.push(...lines);
        } else out.push(`${indent}  ${String(item)}`);
      }
    } else out.push(`${indent}${key}:  ${v === null ? '<nil>' : String(v)}`);
  }
  return out;
}

const selectorText = (sel: unknown): string => {
  const labels = Object.entries(obj(obj(sel).matchLabels ?? sel)).map(([k, v]) => `${k}=${String(v)}`);
  const exprs = arr(obj(sel).matchExpressions).map((e) => {
    const x = obj(e);
    return `${str(x.key)} ${String(x.operator ?? '').toLowerCase()} (${arr(x.values).join(',')})`;
  });
  return [...labels, ...exprs].join(',') || '<none>';
};

/** Deployments, StatefulSets, DaemonSets, ReplicaSets: replicas, strategy, the pod template, conditions. */
function workloadLines(kind: string, o: KubeObject): string[] {
  const spec = obj(o.spec);
  const st = obj(o.status);
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const replicas =
    kind === 'DaemonSet'
      ? `${n(st.desiredNumberScheduled)} desired | ${n(st.currentNumberScheduled)} current | ${n(st.numberReady)} ready | ${n(st.updatedNumberScheduled)} updated | ${n(st.numberAvailable)} available`
      : `${n(spec.replicas)} desired | ${n(st.updatedReplicas)} updated | ${n(st.replicas)} total | ${n(st.availableReplicas ?? st.readyReplicas)} available | ${n(st.unavailableReplicas)} unavailable`;
  const strategy = obj(spec.strategy ?? spec.updateStrategy);
  const template = obj(spec.template);
  return [
    `${pad('Selector')}${selectorText(spec.selector)}`,
    `${pad('Replicas')}${replicas}`,
    ...(strategy.type ? [`${pad('StrategyType')}${String(strategy.type)}`] : []),
    'Pod Template:',
    ...mapLines('Labels', obj(obj(template.metadata).labels), '  '),
    ...containerLines({ metadata: { name: '' }, spec: template.spec } as KubeObject).map((l) => `  ${l}`),
    ...conditionLines(st),
  ];
}

const title = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;

/** A container's state, last termination, readiness and restarts. */
function containerStatusLines(s: Json): string[] {
  const out: string[] = [];
  const [stateName, detail] = Object.entries(obj(s.state))[0] ?? ['unknown', {}];
  out.push(`    ${pad('State', 18)}${title(stateName)}`);
  const reason = str(obj(detail).reason);
  if (reason) out.push(`      ${pad('Reason', 16)}${reason}`);
  const last = Object.entries(obj(s.lastState))[0];
  if (last) {
    const d = obj(last[1]);
    out.push(`    ${pad('Last State', 18)}${title(last[0])}`);
    if (str(d.reason)) out.push(`      ${pad('Reason', 16)}${str(d.reason)}`);
    if (d.exitCode !== undefined) out.push(`      ${pad('Exit Code', 16)}${String(d.exitCode)}`);
  }
  out.push(`    ${pad('Ready', 18)}${s.ready === true ? 'True' : 'False'}`);
  out.push(`    ${pad('Restart Count', 18)}${String(s.restartCount ?? 0)}`);
  return out;
}

/** A pod's (or pod template's) containers: image, status when there is one, requests and limits. */
function containerLines(pod: KubeObject): string[] {
  const statuses = new Map(
    arr(obj(pod.status).containerStatuses).map((s) => [str(obj(s).name), obj(s)] as [string | undefined, Json]),
  );
  const out = ['Containers:'];
  for (const raw of arr(obj(pod.spec).containers)) {
    const c = obj(raw);
    out.push(`  ${str(c.name)}:`);
    out.push(`    ${pad('Image', 18)}${str(c.image) ?? ''}`);
    const s = statuses.get(str(c.name));
    if (s) out.push(...containerStatusLines(s));
    const resources = obj(c.resources);
    for (const field of ['limits', 'requests'] as const) {
      const r = obj(resources[field]);
      if (Object.keys(r).length === 0) continue;
      out.push(`    ${title(field)}:`);
      if (r.cpu !== undefined) out.push(`      cpu:     ${formatCpuQuantity(r.cpu as string)}`);
      if (r.memory !== undefined) out.push(`      memory:  ${formatMemoryQuantity(r.memory as string)}`);
    }
  }
  return out;
}

function conditionLines(status: Json): string[] {
  const conditions = arr(status.conditions).map(obj);
  if (conditions.length === 0) return [];
  return [
    'Conditions:',
    `  ${'Type'.padEnd(28)}${'Status'.padEnd(8)}Reason`,
    ...conditions.map(
      (c) => `  ${String(c.type ?? '').padEnd(28)}${String(c.status ?? '').padEnd(8)}${str(c.reason) ?? ''}`,
    ),
  ];
}

function kindLines(kind: string, o: KubeObject): string[] {
  const spec = obj(o.spec);
  const status = obj(o.status);
  if (kind === 'Pod') {
    return [
      `${pad('Node')}${str(spec.nodeName) ?? '<none>'}`,
      `${pad('Status')}${str(status.phase) ?? 'Unknown'}`,
      `${pad('IP')}${str(status.podIP) ?? '<none>'}`,
      `${pad('QoS Class')}${str(status.qosClass) ?? '<none>'}`,
      ...containerLines(o),
      ...conditionLines(status),
    ];
  }
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(kind)) return workloadLines(kind, o);
  if (kind === 'Node') {
    const res = (title: string, v: unknown) => [
      `${title}:`,
      ...Object.entries(obj(v)).map(([k, q]) => {
        const text =
          k === 'cpu' ? formatCpuQuantity(q as string) : k === 'memory' ? formatMemoryQuantity(q as string) : String(q);
        return `  ${`${k}:`.padEnd(20)}${text}`;
      }),
    ];
    const taints = arr(spec.taints).map((t) => {
      const x = obj(t);
      return `${str(x.key)}${x.value ? `=${String(x.value)}` : ''}:${str(x.effect)}`;
    });
    return [
      `${pad('Unschedulable')}${spec.unschedulable === true ? 'true' : 'false'}`,
      `${pad('Taints')}${taints.length ? taints.join(', ') : '<none>'}`,
      ...conditionLines(status),
      ...res('Capacity', status.capacity),
      ...res('Allocatable', status.allocatable),
    ];
  }
  if (kind === 'Secret') {
    const data = obj(o.data);
    return [
      `${pad('Type')}${str(o.type) ?? 'Opaque'}`,
      '',
      'Data',
      '====',
      ...Object.entries(data).map(([k, v]) => `${k}:  ${Buffer.from(String(v ?? ''), 'base64').length} bytes`),
    ];
  }
  if (kind === 'ConfigMap') {
    return ['', 'Data', '====', ...Object.entries(obj(o.data)).flatMap(([k, v]) => [`${k}:`, '----', String(v), ''])];
  }
  return [];
}

export interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingComponent?: string;
}

/** The describe text of `o`; `events` undefined when the caller may not read events. */
export function describeObject(o: KubeObject, events: EventLike[] | undefined): string {
  const kind = str(o.kind) ?? '';
  const meta = o.metadata;
  const lines = [
    `${pad('Name')}${meta.name}`,
    ...(meta.namespace ? [`${pad('Namespace')}${meta.namespace}`] : []),
    ...mapLines('Labels', obj(meta.labels)),
    // as kubectl: never the last-applied configuration (for a Secret it holds the values)
    ...mapLines(
      'Annotations',
      Object.fromEntries(Object.entries(obj(meta.annotations)).filter(([k]) => k !== LAST_APPLIED)),
    ),
    `${pad('API Version')}${str(o.apiVersion) ?? ''}`,
    `${pad('Kind')}${kind}`,
    `${pad('CreationTimestamp')}${str(meta.creationTimestamp) ?? '<unknown>'}`,
  ];
  const owners = arr(meta.ownerReferences).map((r) => `${str(obj(r).kind)}/${str(obj(r).name)}`);
  if (owners.length) lines.push(`${pad('Controlled By')}${owners.join(', ')}`);
  const specific = kindLines(kind, o);
  lines.push(...specific);
  if (specific.length === 0) {
    if (o.spec !== undefined) lines.push('Spec:', ...fieldLines(o.spec, '  '));
    if (o.status !== undefined) lines.push('Status:', ...fieldLines(o.status, '  '));
  }
  if (events === undefined) lines.push('Events:               <not shown: you may not read events here>');
  else if (events.length === 0) lines.push('Events:               <none>');
  else {
    lines.push(
      'Events:',
      `  ${'Type'.padEnd(9)}${'Reason'.padEnd(22)}${'Last seen'.padEnd(26)}${'From'.padEnd(22)}Message`,
    );
    for (const e of events)
      lines.push(
        `  ${(e.type ?? '').padEnd(9)}${(e.reason ?? '').padEnd(22)}${(e.lastTimestamp ?? e.eventTime ?? '').padEnd(26)}` +
          `${(e.source?.component ?? e.reportingComponent ?? '').padEnd(22)}${e.message ?? ''}${e.count && e.count > 1 ? ` (x${e.count})` : ''}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
