/** What kubectl's describers share: times, labels, annotations, selectors, tolerations, events. */

import { humanDuration } from '../events.js';
import { goSort } from '../go-sort.js';
import { type DescribeWriter, LEVEL_0, LEVEL_1 } from './tabwriter.js';

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects as they come from the API (kubectl's describers read them field by field)
export type Obj = any;

/** How a describer reads the cluster: GETs as the user; `undefined` for a non-2xx answer. */
export type Read = (path: string) => Promise<Obj | undefined>;
/** The answer whatever its status (describers print some refusals, e.g. a node's lease). */
export type ReadRaw = (path: string) => Promise<{ status: number; body: Obj }>;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Go's `time.RFC1123Z` in the local zone (as kubectl prints on this machine). */
export function rfc1123z(ts: string | undefined | null): string {
  const d = new Date(ts ?? 0);
  if (!ts || Number.isNaN(d.getTime())) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const zone = `${sign}${two(Math.floor(Math.abs(off) / 60))}${two(Math.abs(off) % 60)}`;
  return `${DAYS[d.getDay()]}, ${two(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${zone}`;
}

export const since = (ts: string | undefined | null, now = Date.now()): string =>
  ts && !Number.isNaN(Date.parse(ts)) ? humanDuration(now - Date.parse(ts)) : '<unknown>';

export const printBool = (v: unknown) => (v ? 'True' : 'False');
export const printBoolPtr = (v: unknown) => (v === undefined || v === null ? '<unset>' : printBool(v));
export const stringOrNone = (s: string | undefined) => (s ? s : '<none>');
const goCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const sortedKeys = (m: Record<string, unknown> | undefined) => Object.keys(m ?? {}).sort(goCompare);

/** labels.FormatLabels: `k=v,…` sorted, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined): string {
  const keys = sortedKeys(m);
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${m![k]}`).join(',');
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
export function selectorString(sel: Obj): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(goCompare).join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  // sort.Sort(ByKey): keys are unique enough here that stability does not matter for equal keys
  return goSort(reqs, (a, b) => a.key < b.key)
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: `<none>` for an empty selector. */
export const formatLabelSelector = (sel: Obj) => selectorString(sel) || '<none>';

export function printLabelsMultiline(
  w: DescribeWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;
const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}...` : s);

export function printAnnotationsMultiline(
  w: DescribeWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => !SKIP_ANNOTATIONS.has(k));
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(LEVEL_0, `${key}: ${value}\n`);
  });
}

export function printTolerationsMultiline(w: DescribeWriter, title: string, tolerations: Obj[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.line('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

export function printTaintsMultiline(w: DescribeWriter, title: string, taints: Obj[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.line('<none>');
    return;
  }
  const key = (t: Obj) => `${t.effect ?? ''},${t.key ?? ''}`;
  goSort([...taints], (a, b) => key(a) < key(b)).forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    // Taint.ToString: key=value:effect, key:effect without a value
    w.write(LEVEL_0, `${t.value ? `${t.key}=${t.value}` : t.key}:${t.effect}\n`);
  });
}

/** metav1.GetControllerOf → `Kind/name`. */
export function controllerOf(o: Obj): Obj | undefined {
  return (o?.metadata?.ownerReferences ?? []).find((r: Obj) => r.controller === true);
}
export const printController = (o: Obj) => {
  const ref = controllerOf(o);
  return ref ? `${ref.kind}/${ref.name}` : '';
};

const enc = encodeURIComponent;

/** searchEvents: the object's events by involvedObject fields (name, namespace, kind, uid). */
export async function searchEvents(
  read: Read,
  ref: { name: string; namespace?: string; kind?: string; uid?: string },
): Promise<Obj[]> {
  const parts = [`involvedObject.name=${ref.name}`, `involvedObject.namespace=${ref.namespace ?? ''}`];
  if (ref.kind) parts.push(`involvedObject.kind=${ref.kind}`);
  if (ref.uid) parts.push(`involvedObject.uid=${ref.uid}`);
  const base = ref.namespace ? `/api/v1/namespaces/${enc(ref.namespace)}/events` : '/api/v1/events';
  return listAll(read, `${base}?fieldSelector=${enc(parts.join(','))}`);
}

/** A list followed through `continue` (chunks of 500, as kubectl asks). */
export async function listAll(read: Read, path: string): Promise<Obj[]> {
  const items: Obj[] = [];
  let cont = '';
  for (let i = 0; i < 100; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const list = await read(`${path}${sep}limit=500${cont ? `&continue=${enc(cont)}` : ''}`);
    if (!list) return items;
    items.push(...(list.items ?? []));
    cont = list.metadata?.continue ?? '';
    if (!cont) break;
  }
  return items;
}

const ts = (s: string | undefined | null) => (s ? Date.parse(s) : Number.NEGATIVE_INFINITY);

export function describeEvents(events: Obj[] | undefined, w: DescribeWriter, now = Date.now()): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  goSort(events, (a, b) => ts(a.lastTimestamp) < ts(b.lastTimestamp));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    const interval = e.series
      ? `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`
      : (e.count ?? 0) > 1
        ? `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`
        : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}

/** getPodStatusForController: the phases of the pods the selector finds that this controller owns. */
export async function podStatusFor(read: Read, namespace: string, selector: string, uid: string) {
  const pods = await listAll(
    read,
    `/api/v1/namespaces/${enc(namespace)}/pods${selector ? `?labelSelector=${enc(selector)}` : ''}`,
  );
  const n = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    if (controllerOf(p)?.uid !== uid) continue;
    const phase = p.status?.phase;
    if (phase === 'Running') n.running++;
    else if (phase === 'Pending') n.waiting++;
    else if (phase === 'Succeeded') n.succeeded++;
    else if (phase === 'Failed') n.failed++;
  }
  return `${n.running} Running / ${n.waiting} Waiting / ${n.succeeded} Succeeded / ${n.failed} Failed`;
}
