/**
 * Evaluates parsed PromQL over series that are functions of time (the simulator's synthetic series),
 * with Prometheus's semantics: a 5-minute lookback for instant selectors, left-open range windows,
 * extrapolated rate/increase, label handling of aggregations and binary operators, one-to-one vector
 * matching. Unsupported constructs raise UnsupportedPromql; type errors raise PromqlParseError.
 */
import {
  type Bucket,
  bucketQuantile,
  extrapolatedRate,
  instantRate,
  overTime,
  type Sample,
} from './promql-functions.js';
import { type Expr, type Matcher, PromqlParseError, UnsupportedPromql } from './promql-parse.js';

export type Labels = Record<string, string>;

export interface Series {
  labels: Labels;
  /** The samples with a timestamp in (fromMs, toMs], oldest first. */
  samples(fromMs: number, toMs: number): Sample[];
}

export type Value =
  | { kind: 'scalar'; v: number }
  | { kind: 'string'; s: string }
  | { kind: 'vector'; items: { labels: Labels; v: number }[] }
  | { kind: 'matrix'; items: { labels: Labels; samples: Sample[] }[] };

export const LOOKBACK_MS = 300_000;

/** Prometheus's runtime errors (errorType "execution"). */
export class PromqlExecutionError extends Error {
  override readonly name = 'PromqlExecutionError';
}

const TYPE_NAMES: Record<Value['kind'], string> = {
  scalar: 'scalar',
  string: 'string',
  vector: 'instant vector',
  matrix: 'range vector',
};

export function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}`)
    .join('\u0001');
}

function compileMatcher(m: Matcher): (v: string) => boolean {
  if (m.op === '=') return (v) => v === m.value;
  if (m.op === '!=') return (v) => v !== m.value;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${m.value})$`, 's');
  } catch (err) {
    throw new PromqlParseError(`parse error: invalid regular expression "${m.value}": ${(err as Error).message}`);
  }
  return m.op === '=~' ? (v) => re.test(v) : (v) => !re.test(v);
}

/** The series a selector picks (a missing label is the empty string, as in Prometheus). */
export function selectSeries(all: Series[], matchers: Matcher[]): Series[] {
  if (!matchers.some((m) => !compileMatcher(m)(''))) {
    throw new PromqlParseError('parse error: vector selector must contain at least one non-empty matcher');
  }
  const tests = matchers.map((m) => ({ name: m.name, test: compileMatcher(m) }));
  return all.filter((s) => tests.every((t) => t.test(s.labels[t.name] ?? '')));
}

const dropName = (l: Labels): Labels => {
  const { __name__: _n, ...rest } = l;
  return rest;
};

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return a ** b;
    default:
      throw new UnsupportedPromql(`the "${op}" operator`);
  }
}

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    default:
      throw new UnsupportedPromql(`the "${op}" operator`);
  }
}

const isComparison = (op: string) => ['==', '!=', '>', '<', '>=', '<='].includes(op);

export interface EvalContext {
  series: Series[];
  /** selector results, per selector node, for one query */
  selected?: WeakMap<object, Series[]>;
}

function want<K extends Value['kind']>(v: Value, kind: K, where: string): Extract<Value, { kind: K }> {
  if (v.kind !== kind)
    throw new PromqlParseError(`parse error: expected type ${TYPE_NAMES[kind]} in ${where}, got ${TYPE_NAMES[v.kind]}`);
  return v as Extract<Value, { kind: K }>;
}

function groupKey(labels: Labels, grouping: string[], without: boolean): Labels {
  if (!without) {
    const out: Labels = {};
    for (const g of grouping) if (labels[g] !== undefined && labels[g] !== '') out[g] = labels[g];
    return out;
  }
  const out = dropName(labels);
  for (const g of grouping) delete out[g];
  return out;
}

function aggregate(e: Extract<Expr, { type: 'aggregate' }>, t: number, ctx: EvalContext): Value {
  const input = want(evaluate(e.expr, t, ctx), 'vector', `aggregation expression`);
  const groups = new Map<string, { labels: Labels; items: { labels: Labels; v: number }[] }>();
  for (const item of input.items) {
    const labels = groupKey(item.labels, e.grouping, e.without);
    const key = labelKey(labels);
    let g = groups.get(key);
    if (!g) {
      g = { labels, items: [] };
      groups.set(key, g);
    }
    g.items.push(item);
  }
  if (e.op === 'topk' || e.op === 'bottomk') {
    const k = want(evaluate(e.param as Expr, t, ctx), 'scalar', `aggregation parameter`).v;
    const out: { labels: Labels; v: number }[] = [];
    for (const g of groups.values()) {
      const sorted = [...g.items].sort((a, b) => (e.op === 'topk' ? b.v - a.v : a.v - b.v));
      out.push(...sorted.slice(0, Math.max(0, Math.floor(k))));
    }
    return { kind: 'vector', items: out };
  }
  const items = [...groups.values()].map((g) => {
    const vs = g.items.map((i) => i.v);
    let v: number;
    if (e.op === 'sum') v = vs.reduce((a, b) => a + b, 0);
    else if (e.op === 'avg') v = vs.reduce((a, b) => a + b, 0) / vs.length;
    else if (e.op === 'count') v = vs.length;
    else if (e.op === 'max') v = vs.reduce((a, b) => (b > a || Number.isNaN(a) ? b : a));
    else v = vs.reduce((a, b) => (b < a || Number.isNaN(a) ? b : a));
    return { labels: g.labels, v };
  });
  return { kind: 'vector', items };
}

function call(e: Extract<Expr, { type: 'call' }>, t: number, ctx: EvalContext): Value {
  const arity: Record<string, number> = { time: 0, vector: 1, histogram_quantile: 2 };
  const n = arity[e.fn] ?? 1;
  if (e.args.length !== n)
    throw new PromqlParseError(`parse error: expected ${n} argument(s) in call to "${e.fn}", got ${e.args.length}`);
  const where = `call to function "${e.fn}"`;
  if (e.fn === 'time') return { kind: 'scalar', v: t / 1000 };
  if (e.fn === 'vector')
    return { kind: 'vector', items: [{ labels: {}, v: want(evaluate(e.args[0] as Expr, t, ctx), 'scalar', where).v }] };
  if (e.fn === 'abs') {
    const v = want(evaluate(e.args[0] as Expr, t, ctx), 'vector', where);
    return { kind: 'vector', items: v.items.map((i) => ({ labels: dropName(i.labels), v: Math.abs(i.v) })) };
  }
  if (e.fn === 'histogram_quantile') {
    const q = want(evaluate(e.args[0] as Expr, t, ctx), 'scalar', where).v;
    const v = want(evaluate(e.args[1] as Expr, t, ctx), 'vector', where);
    const groups = new Map<string, { labels: Labels; buckets: Bucket[] }>();
    for (const item of v.items) {
      const le = item.labels.le;
      const upperBound = le === undefined ? Number.NaN : le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      if (Number.isNaN(upperBound)) continue;
      const { le: _le, ...rest } = dropName(item.labels);
      const key = labelKey(rest);
      let g = groups.get(key);
      if (!g) {
        g = { labels: rest, buckets: [] };
        groups.set(key, g);
      }
      g.buckets.push({ upperBound, count: item.v });
    }
    return {
      kind: 'vector',
      items: [...groups.values()].map((g) => ({ labels: g.labels, v: bucketQuantile(q, g.buckets) })),
    };
  }
  const m = want(evaluate(e.args[0] as Expr, t, ctx), 'matrix', where);
  const range = (e.args[0] as Extract<Expr, { type: 'selector' }>).range as number;
  const items: { labels: Labels; v: number }[] = [];
  for (const s of m.items) {
    let v: number | undefined;
    if (e.fn === 'rate' || e.fn === 'increase') v = extrapolatedRate(s.samples, t - range * 1000, t, e.fn === 'rate');
    else if (e.fn === 'irate') v = instantRate(s.samples);
    else v = overTime(e.fn, s.samples);
    if (v !== undefined) items.push({ labels: dropName(s.labels), v });
  }
  return { kind: 'vector', items };
}

function matchKey(labels: Labels, matching: { on: boolean; labels: string[] } | undefined): string {
  if (matching?.on) return labelKey(groupKey(labels, matching.labels, false));
  return labelKey(groupKey(labels, matching?.labels ?? [], true));
}

function binary(e: Extract<Expr, { type: 'binary' }>, t: number, ctx: EvalContext): Value {
  const lhs = evaluate(e.lhs, t, ctx);
  const rhs = evaluate(e.rhs, t, ctx);
  const cmp = isComparison(e.op);
  const combine = (a: number, b: number): { v: number; keep: boolean } => {
    if (!cmp) return { v: arith(e.op, a, b), keep: true };
    const ok = compare(e.op, a, b);
    return e.bool ? { v: ok ? 1 : 0, keep: true } : { v: a, keep: ok };
  };
  for (const side of [lhs, rhs])
    if (side.kind === 'matrix' || side.kind === 'string')
      throw new PromqlParseError(`parse error: binary expression must contain only scalar and instant vector types`);
  if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
    if (cmp && !e.bool) throw new PromqlParseError('parse error: comparisons between scalars must use BOOL modifier');
    return { kind: 'scalar', v: combine(lhs.v, rhs.v).v };
  }
  const dropsName = !cmp || e.bool;
  if (lhs.kind === 'vector' && rhs.kind === 'scalar') {
    const items = lhs.items.flatMap((i) => {
      const r = combine(i.v, rhs.v);
      return r.keep ? [{ labels: dropsName ? dropName(i.labels) : i.labels, v: r.v }] : [];
    });
    return { kind: 'vector', items };
  }
  if (lhs.kind === 'scalar' && rhs.kind === 'vector') {
    const items = rhs.items.flatMap((i) => {
      const r = combine(lhs.v, i.v);
      const v = cmp && !e.bool ? i.v : r.v;
      return r.keep ? [{ labels: dropsName ? dropName(i.labels) : i.labels, v }] : [];
    });
    return { kind: 'vector', items };
  }
  const l = want(lhs, 'vector', 'binary expression');
  const r = want(rhs, 'vector', 'binary expression');
  const right = new Map<string, { labels: Labels; v: number }>();
  for (const i of r.items) {
    const key = matchKey(i.labels, e.matching);
    if (right.has(key))
      throw new PromqlExecutionError(
        'found duplicate series for the match group on the right hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side',
      );
    right.set(key, i);
  }
  const seen = new Set<string>();
  const items: { labels: Labels; v: number }[] = [];
  for (const i of l.items) {
    const key = matchKey(i.labels, e.matching);
    const other = right.get(key);
    if (!other) continue;
    if (seen.has(key))
      throw new PromqlExecutionError(
        'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
      );
    seen.add(key);
    const res = combine(i.v, other.v);
    if (!res.keep) continue;
    let labels = dropsName ? dropName(i.labels) : { ...i.labels };
    if (e.matching?.on) labels = groupKey(labels, e.matching.labels, false);
    else if (e.matching) for (const n of e.matching.labels) delete labels[n];
    items.push({ labels, v: res.v });
  }
  return { kind: 'vector', items };
}

function selected(e: Extract<Expr, { type: 'selector' }>, ctx: EvalContext): Series[] {
  ctx.selected ??= new WeakMap();
  let hit = ctx.selected.get(e);
  if (!hit) {
    hit = selectSeries(ctx.series, e.matchers);
    ctx.selected.set(e, hit);
  }
  return hit;
}

/** The value of `e` at `t` (ms). */
export function evaluate(e: Expr, t: number, ctx: EvalContext): Value {
  switch (e.type) {
    case 'number':
      return { kind: 'scalar', v: e.value };
    case 'string':
      return { kind: 'string', s: e.value };
    case 'selector': {
      const series = selected(e, ctx);
      if (e.range !== undefined) {
        const from = t - e.range * 1000;
        return {
          kind: 'matrix',
          items: series.map((s) => ({ labels: s.labels, samples: s.samples(from, t) })).filter((s) => s.samples.length),
        };
      }
      const items: { labels: Labels; v: number }[] = [];
      for (const s of series) {
        const got = s.samples(t - LOOKBACK_MS, t);
        const last = got[got.length - 1];
        if (last) items.push({ labels: s.labels, v: last[1] });
      }
      return { kind: 'vector', items };
    }
    case 'unary': {
      const v = evaluate(e.expr, t, ctx);
      if (v.kind === 'scalar') return { kind: 'scalar', v: -v.v };
      const vec = want(v, 'vector', 'unary expression');
      return { kind: 'vector', items: vec.items.map((i) => ({ labels: dropName(i.labels), v: -i.v })) };
    }
    case 'aggregate':
      return aggregate(e, t, ctx);
    case 'call':
      return call(e, t, ctx);
    case 'binary':
      return binary(e, t, ctx);
  }
}
