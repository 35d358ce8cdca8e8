/** Table printers of the workload kinds (apps, batch, autoscaling, policy) and quotas/limit ranges. */
import type { KubeObject } from '../store/types.js';
import { age } from './age.js';
import { AGE, a, CREATED_AT, col, images, make, NAME, n, type Obj, o, s, selector } from './printer-helpers.js';
import type { Printer, TableColumn } from './types.js';

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

function quantity(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/** One metric of the TARGETS column, as kubectl 1.32 formats it. */
function hpaTarget(m: Obj, status: Obj): string {
  const type = String(m.type ?? '');
  const key = type === 'ContainerResource' ? 'containerResource' : type.charAt(0).toLowerCase() + type.slice(1);
  const spec = o(m[key]);
  const target = o(spec.target);
  const cur = o(o(status[key]).current);
  if (type === 'Resource' || type === 'ContainerResource') {
    const name = String(spec.name ?? '');
    if (target.averageUtilization !== undefined) {
      const have = cur.averageUtilization === undefined ? '<unknown>' : `${String(cur.averageUtilization)}%`;
      return `${name}: ${have}/${String(target.averageUtilization)}%`;
    }
    return `${name}: ${quantity(cur.averageValue) ?? '<unknown>'}/${quantity(target.averageValue) ?? '<unknown>'}`;
  }
  if (target.averageValue !== undefined)
    return `${quantity(cur.averageValue) ?? '<unknown>'}/${String(target.averageValue)} (avg)`;
  return `${quantity(cur.value) ?? '<unknown>'}/${quantity(target.value) ?? '<unknown>'}`;
}

export const WORKLOAD_PRINTERS: Record<string, Printer> = {
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
      const targets = metrics.map((m, idx) => hpaTarget(m, o(current[idx])));
      return [
        x.metadata.name,
        `${s(ref.kind, '')}/${s(ref.name, '')}`,
        targets.length === 0
          ? '<none>'
          : targets.length > 2
            ? `${targets.slice(0, 2).join(', ')} + ${targets.length - 2} more...`
            : targets.join(', '),
        s(spec.minReplicas, '1'),
        n(spec.maxReplicas),
        n(o(x.status).currentReplicas),
        age(x.metadata.creationTimestamp, now),
      ];
    },
  ),
  poddisruptionbudgets: make(
    [NAME, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), AGE],
    (x, now) => {
      const spec = o(x.spec);
      return [
        x.metadata.name,
        s(spec.minAvailable, 'N/A'),
        s(spec.maxUnavailable, 'N/A'),
        n(o(x.status).disruptionsAllowed),
        age(x.metadata.creationTimestamp, now),
      ];
    },
  ),
  // kubectl: REQUEST lists every hard limit but limits.*, LIMIT those, each as `key: used/hard`
  resourcequotas: make([NAME, AGE, col('Request'), col('Limit')], (x, now) => {
    const hard = o(o(x.status).hard ?? o(x.spec).hard);
    const used = o(o(x.status).used);
    const pair = (k: string) => `${k}: ${s(used[k], '0')}/${s(hard[k], '')}`;
    const keys = Object.keys(hard).sort();
    return [
      x.metadata.name,
      age(x.metadata.creationTimestamp, now),
      keys
        .filter((k) => !k.startsWith('limits.'))
        .map(pair)
        .join(', '),
      keys
        .filter((k) => k.startsWith('limits.'))
        .map(pair)
        .join(', '),
    ];
  }),
  limitranges: make([NAME, CREATED_AT], (x) => [x.metadata.name, s(x.metadata.creationTimestamp)]),
};
