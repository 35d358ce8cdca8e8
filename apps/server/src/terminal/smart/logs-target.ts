/**
 * The pod `kubectl logs TYPE/NAME` reads: for a workload (deployment, replicaset, statefulset, daemonset, job),
 * the pod its selector matches that kubectl's ByLogging order puts first (assigned, running, ready for longest,
 * most restarts, oldest), with its `Found N pods, using pod/X` notice; and `--since` as seconds.
 */
import { type CommandContext, KubectlError, kube, resolveResource, statusError } from './context.js';
import { UsageError } from './flags.js';
import { goSort } from './go-sort.js';

interface Pod {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    conditions?: Array<{ type?: string; status?: string; lastTransitionTime?: string }>;
    containerStatuses?: Array<{ restartCount?: number }>;
  };
}

const WORKLOADS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'];

/** `pod/x` → x; `deploy/web` → the pod kubectl would pick, and its notice (empty for one pod). */
export async function logsPod(ctx: CommandContext, word: string): Promise<{ pod: string; notice: string }> {
  const [type, name] = word.split('/');
  if (!type || !name)
    throw new KubectlError('error: arguments in resource/name form must have a single resource and name');
  const info = await resolveResource(ctx, type);
  if (info.kind === 'Pod') return { pod: name, notice: '' };
  if (!WORKLOADS.includes(info.kind))
    throw new KubectlError(`error: cannot attach to *v1.${info.kind}: selector for *v1.${info.kind} not implemented`);
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = encodeURIComponent(ctx.namespace);
  const res = await ctx.client.request({
    path: `${base}/namespaces/${ns}/${info.resource}/${encodeURIComponent(name)}`,
  });
  if (res.status === 404)
    throw new KubectlError(
      `error: error from server (NotFound): ${info.resource}${info.group ? `.${info.group}` : ''} "${name}" not found in namespace "${ctx.namespace}"`,
    );
  if (res.status < 200 || res.status >= 300) throw statusError(res.status, res.body);
  const obj = JSON.parse(res.body.toString('utf8')) as {
    spec?: { selector?: { matchLabels?: Record<string, string> } | Record<string, string> };
  };
  const sel = obj.spec?.selector ?? {};
  const labels = ('matchLabels' in sel ? sel.matchLabels : sel) as Record<string, string> | undefined;
  const selector = Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods =
    (await kube(ctx, { path: `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}` })).json<{
      items?: Pod[];
    }>().items ?? [];
  if (pods.length === 0) throw new KubectlError(`error: timed out waiting for the condition`);
  goSort(pods, byLogging);
  const pod = pods[0]!.metadata?.name ?? '';
  return { pod, notice: pods.length > 1 ? `Found ${pods.length} pods, using pod/${pod}\n` : '' };
}

const PHASE: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready');
const isReady = (p: Pod) => ready(p)?.status === 'True';
const seconds = (ts: string | undefined) => (ts ? Math.floor(Date.parse(ts) / 1000) : undefined);
const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
/** afterOrZero(t1, t2): t1 is zero, or after t2. */
const afterOrZero = (t1: number | undefined, t2: number | undefined) =>
  t1 === undefined || t2 === undefined ? t1 === undefined : t1 > t2;

/** podutils.ByLogging's Less. */
function byLogging(a: Pod, b: Pod): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na !== '';
  const pa = PHASE[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return isReady(a);
  const ra = seconds(ready(a)?.lastTransitionTime);
  const rb = seconds(ready(b)?.lastTransitionTime);
  if (isReady(a) && isReady(b) && ra !== rb) return afterOrZero(rb, ra);
  if (restarts(a) !== restarts(b)) return restarts(a) > restarts(b);
  const ca = seconds(a.metadata?.creationTimestamp);
  const cb = seconds(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(cb, ca);
  return false;
}

/** Go's time.ParseDuration for `--since` (`1h`, `10m`, `90s`, `1h30m`), in whole seconds (at least 1). */
export function sinceSeconds(value: string): number {
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    total += Number(m[1]) * unit[m[2]!]!;
    at = re.lastIndex;
  }
  if (value === '' || at !== value.length)
    throw new UsageError(`invalid argument "${value}" for "--since" flag: time: invalid duration "${value}"`, 'logs');
  return Math.max(1, Math.ceil(total));
}
