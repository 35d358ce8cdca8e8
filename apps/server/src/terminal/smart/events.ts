/**
 * `kubectl events`: the namespace's (or, with `-A`, every namespace's) core/v1 events, oldest first, printed as
 * kubectl's event printer does — LAST SEEN (with `(xN over AGE)` for repeats), TYPE, REASON, OBJECT, MESSAGE —
 * with `--for KIND/NAME` and `--types` filters. Read as the user through the gateway.
 */
import { type CommandContext, KubectlError, kube, type RunResult, resolveResource } from './context.js';
import { parseFlags } from './flags.js';
import { goSort } from './go-sort.js';
import { alignTable } from './printer.js';

interface KubeEvent {
  metadata?: { namespace?: string };
  involvedObject?: { kind?: string; name?: string; apiVersion?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
}

/** kubectl's HumanDuration (duration.HumanDuration). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

const since = (ts: string | null | undefined, now: number) =>
  ts && !Number.isNaN(Date.parse(ts)) ? humanDuration(now - Date.parse(ts)) : '<unknown>';

function interval(e: KubeEvent, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** The time kubectl sorts by: the series' last observation, else lastTimestamp, else eventTime. */
function sortTime(e: KubeEvent): number {
  const ts = e.series?.lastObservedTime || e.lastTimestamp || e.eventTime;
  const t = ts ? Date.parse(ts) : Number.NaN;
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

export async function runEvents(ctx: CommandContext, words: string[]): Promise<RunResult> {
  const { args, flags } = parseFlags(
    words,
    [
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'for', type: 'string' },
      { name: 'types', type: 'string' },
      { name: 'no-headers', type: 'bool' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'watch', short: 'w', type: 'bool' },
    ],
    'events',
  );
  if (args.length > 0) throw new KubectlError(`error: unknown command "${args[0]}" for "kubectl events"`);
  if (flags.get('watch') === 'true')
    throw new KubectlError('error: watching (-w) streams: open a streaming session for it');
  if (flags.get('output')) throw new KubectlError('error: the smart terminal prints events as a table only');
  const allNs = flags.get('all-namespaces') === 'true';
  const types = (flags.get('types') ?? '').split(',').filter(Boolean);
  for (const t of types)
    if (!['normal', 'warning'].includes(t.toLowerCase()))
      throw new KubectlError(`error: valid --types are Normal or Warning`);
  let forKind: string | undefined;
  let forName: string | undefined;
  const forFlag = flags.get('for');
  if (forFlag) {
    const [type, name, ...extra] = forFlag.split('/');
    if (!type || !name || extra.length) throw new KubectlError(`error: --for must be in resource/name form`);
    forKind = (await resolveResource(ctx, type)).kind;
    forName = name;
  }
  // kubectl lists in chunks of 500: the same request, so the same order before sorting
  const q = new URLSearchParams({ limit: '500' });
  if (forKind && forName) q.set('fieldSelector', `involvedObject.kind=${forKind},involvedObject.name=${forName}`);
  const ns = allNs ? '' : `/namespaces/${encodeURIComponent(ctx.namespace)}`;
  const qs = q.toString();
  const list = (await kube(ctx, { path: `/api/v1${ns}/events${qs ? `?${qs}` : ''}` })).json<{ items?: KubeEvent[] }>();
  const items = (list.items ?? [])
    .filter((e) => !forKind || (e.involvedObject?.kind === forKind && e.involvedObject?.name === forName))
    .filter((e) => types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase()));
  goSort(items, (a, b) => sortTime(a) < sortTime(b));
  if (items.length === 0)
    return {
      output: allNs ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`,
      exit_code: 0,
    };
  const now = Date.now();
  const rows: string[][] = [];
  if (flags.get('no-headers') !== 'true')
    rows.push([...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  for (const e of items)
    rows.push([
      ...(allNs ? [e.metadata?.namespace ?? ''] : []),
      interval(e, now),
      e.type ?? '',
      e.reason ?? '',
      `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      (e.message ?? '').trim(),
    ]);
  return { output: alignTable(rows, false, 3, 6), exit_code: 0 };
}
