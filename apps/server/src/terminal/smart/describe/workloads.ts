/** kubectl's describers of workloads: Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob. */
import { isDeepStrictEqual } from 'node:util';
import { humanDuration } from '../events.js';
import { goSort } from '../go-sort.js';
import {
  describeEvents,
  formatLabelSelector,
  formatLabels,
  listAll,
  type Obj,
  podStatusFor,
  printAnnotationsMultiline,
  printBoolPtr,
  printController,
  printLabelsMultiline,
  type Read,
  rfc1123z,
  searchEvents,
  selectorString,
} from './common.js';
import { describePodTemplate } from './pod.js';
import { type DescribeWriter, LEVEL_0, LEVEL_1 } from './tabwriter.js';

const enc = encodeURIComponent;
const ref = (o: Obj) => ({ name: o.metadata.name, namespace: o.metadata.namespace, kind: o.kind, uid: o.metadata.uid });

function conditionsTable(conditions: Obj[] | undefined, w: DescribeWriter): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/**
 * Go's zero values: nil, empty maps, empty slices and empty strings are what absent fields decode to, and
 * apimachinery's semantic equality treats an empty map or slice like a nil one.
 */
function semantic(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(semantic);
    return items.length === 0 ? undefined : items;
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const s = semantic(x);
      if (s !== undefined) out[k] = s;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v === null || v === '' ? undefined : v;
}

/** equalIgnoreHash: the pod templates equal once `pod-template-hash` is removed. */
function equalIgnoreHash(a: Obj, b: Obj): boolean {
  const strip = (t: Obj) => {
    const copy = structuredClone(t ?? {});
    if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
    return semantic(copy);
  };
  return isDeepStrictEqual(strip(a), strip(b));
}

const rsText = (list: Obj[]) =>
  list
    .map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`)
    .join(', ') || '<none>';

export async function describeDeployment(read: Read, d: Obj, w: DescribeWriter): Promise<void> {
  const ns = d.metadata.namespace;
  const events = await searchEvents(read, ref(d));
  const selector = selectorString(d.spec?.selector);
  const all = await listAll(read, `/apis/apps/v1/namespaces/${enc(ns)}/replicasets?labelSelector=${enc(selector)}`);
  const owned = all.filter((rs) =>
    (rs.metadata?.ownerReferences ?? []).some((r: Obj) => r.controller && r.uid === d.metadata.uid),
  );
  goSort(owned, (a, b) => {
    const ta = Date.parse(a.metadata.creationTimestamp);
    const tb = Date.parse(b.metadata.creationTimestamp);
    return ta === tb ? a.metadata.name < b.metadata.name : ta < tb;
  });
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  const oldRSs = owned.filter((rs) => rs !== newRS);
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru)
    w.write(
      LEVEL_0,
      `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? 0)} max unavailable, ${String(ru.maxSurge ?? 0)} max surge\n`,
    );
  describePodTemplate(spec.template, w);
  conditionsTable(st.conditions, w);
  if (oldRSs.length > 0 || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${rsText(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsText(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(events, w);
}

export async function describeReplicaSet(read: Read, rs: Obj, w: DescribeWriter): Promise<void> {
  const ns = rs.metadata.namespace;
  const pods = await podStatusFor(read, ns, selectorString(rs.spec?.selector), rs.metadata.uid);
  const events = await searchEvents(read, ref(rs));
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const controlledBy = printController(rs);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  w.write(LEVEL_0, `${pods}\n`);
  describePodTemplate(rs.spec?.template, w);
  conditionsTable(rs.status?.conditions, w);
  describeEvents(events, w);
}

export async function describeStatefulSet(read: Read, ps: Obj, w: DescribeWriter): Promise<void> {
  const ns = ps.metadata.namespace;
  const selector = selectorString(ps.spec?.selector);
  const pods = await podStatusFor(read, ns, selector, ps.metadata.uid);
  const events = await searchEvents(read, ref(ps));
  w.write(LEVEL_0, `Name:\t${ps.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(ps.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  printLabelsMultiline(w, 'Labels', ps.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ps.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${ps.spec?.replicas ?? 0} desired | ${ps.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${ps.spec?.updateStrategy?.type ?? ''}\n`);
  const ru = ps.spec?.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null)
      w.write(LEVEL_1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
  describePodTemplate(ps.spec?.template, w);
  const templates: Obj[] = ps.spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const pvc of templates) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      const cls =
        pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
      w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      w.write(LEVEL_1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(events, w);
}

export async function describeDaemonSet(read: Read, ds: Obj, w: DescribeWriter): Promise<void> {
  const ns = ds.metadata.namespace;
  const selector = selectorString(ds.spec?.selector);
  const pods = await podStatusFor(read, ns, selector, ds.metadata.uid);
  const events = await searchEvents(read, ref(ds));
  const st = ds.status ?? {};
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
  describePodTemplate(ds.spec?.template, w);
  describeEvents(events, w);
}

const has = (v: unknown) => v !== undefined && v !== null;

export async function describeJob(read: Read, job: Obj, w: DescribeWriter): Promise<void> {
  const events = await searchEvents(read, ref(job));
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const controlledBy = printController(job);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (has(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, has(spec.completions) ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
  if (has(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (has(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (has(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (has(spec.ttlSecondsAfterFinished))
    w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime)
    w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  if (has(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  w.write(
    LEVEL_0,
    has(st.ready)
      ? `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`
      : `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`,
  );
  if (spec.completionMode === 'Indexed') {
    const ix: string = st.completedIndexes ?? '';
    const cut = ix.indexOf(',', 50);
    w.write(LEVEL_0, `Completed Indexes:\t${!ix ? '<none>' : cut < 0 ? ix : `${ix.slice(0, cut + 1)}...`}\n`);
  }
  describePodTemplate(spec.template, w);
  describeEvents(events, w);
}

export async function describeCronJob(read: Read, cj: Obj, w: DescribeWriter): Promise<void> {
  const events = await searchEvents(read, ref(cj));
  const spec = cj.spec ?? {};
  const unset = (title: string, v: unknown, suffix = '') =>
    w.write(LEVEL_0, has(v) ? `${title}:\t${v}${suffix}\n` : `${title}:\t<unset>\n`);
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
  unset('Successful Job History Limit', spec.successfulJobsHistoryLimit);
  unset('Failed Job History Limit', spec.failedJobsHistoryLimit);
  unset('Starting Deadline Seconds', spec.startingDeadlineSeconds, 's');
  const jt = spec.jobTemplate?.spec ?? {};
  w.write(LEVEL_0, jt.selector ? `Selector:\t${selectorString(jt.selector)}\n` : 'Selector:\t<unset>\n');
  unset('Parallelism', jt.parallelism);
  unset('Completions', jt.completions);
  if (has(jt.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(jt.template, w);
  const last = cj.status?.lastScheduleTime;
  w.write(LEVEL_0, last ? `Last Schedule Time:\t${rfc1123z(last)}\n` : 'Last Schedule Time:\t<unset>\n');
  w.write(LEVEL_0, 'Active Jobs:\t');
  const active: Obj[] = cj.status?.active ?? [];
  if (active.length === 0) w.line('<none>');
  else {
    w.write(LEVEL_0, active.map((j) => j.name).join(', '));
    w.line('');
  }
  describeEvents(events, w);
}
