/**
 * Instant and range queries in Prometheus's wire format (`data: {resultType, result}`), over a snapshot
 * of series. Errors keep Prometheus's errorTypes: bad_data for syntax, type errors and unsupported
 * PromQL (its message starts "kube-sim: unsupported PromQL:"), execution for runtime errors.
 */
import { evaluate, type Labels, labelKey, PromqlExecutionError, type Series, type Value } from './promql-eval.js';
import { formatValue } from './promql-functions.js';
import { type Expr, PromqlParseError, parsePromql, UnsupportedPromql } from './promql-parse.js';

export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    readonly errorType: 'bad_data' | 'execution',
    message: string,
  ) {
    super(message);
  }
}

/** What the simulator does not evaluate, for error messages and documentation. */
export const UNSUPPORTED_SUMMARY =
  'supported: selectors (=, !=, =~, !~), rate/irate/increase/*_over_time over a range, sum/avg/max/min/count/topk/bottomk by/without, histogram_quantile, abs, time, vector, arithmetic and comparisons (bool, on, ignoring); not: offset/@, subqueries, and/or/unless, group_left/right, other functions and aggregations';

function parse(src: string): Expr {
  try {
    return parsePromql(src);
  } catch (err) {
    throw toQueryError(err);
  }
}

export function toQueryError(err: unknown): QueryError | unknown {
  if (err instanceof UnsupportedPromql)
    return new QueryError('bad_data', `kube-sim: unsupported PromQL: ${err.message} (${UNSUPPORTED_SUMMARY})`);
  if (err instanceof PromqlParseError) return new QueryError('bad_data', err.message);
  if (err instanceof PromqlExecutionError) return new QueryError('execution', err.message);
  return err;
}

function run<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toQueryError(err);
  }
}

const seconds = (ms: number) => ms / 1000;
const byLabels = <T extends { metric: Labels }>(a: T, b: T) => labelKey(a.metric).localeCompare(labelKey(b.metric));

export type InstantData =
  | { resultType: 'scalar' | 'string'; result: [number, string] }
  | { resultType: 'vector'; result: { metric: Labels; value: [number, string] }[] }
  | { resultType: 'matrix'; result: { metric: Labels; values: [number, string][] }[] };

export function instantQuery(src: string, tMs: number, series: Series[]): InstantData {
  const expr = parse(src);
  const v: Value = run(() => evaluate(expr, tMs, { series }));
  const t = seconds(tMs);
  switch (v.kind) {
    case 'scalar':
      return { resultType: 'scalar', result: [t, formatValue(v.v)] };
    case 'string':
      return { resultType: 'string', result: [t, v.s] };
    case 'vector':
      return {
        resultType: 'vector',
        result: v.items.map((i) => ({ metric: i.labels, value: [t, formatValue(i.v)] as [number, string] })),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: v.items
          .map((i) => ({
            metric: i.labels,
            values: i.samples.map(([ts, x]) => [seconds(ts), formatValue(x)] as [number, string]),
          }))
          .sort(byLabels),
      };
  }
}

export interface RangeData {
  resultType: 'matrix';
  result: { metric: Labels; values: [number, string][] }[];
}

export function rangeQuery(src: string, startMs: number, endMs: number, stepMs: number, series: Series[]): RangeData {
  const expr = parse(src);
  const ctx = { series };
  const out = new Map<string, { metric: Labels; values: [number, string][] }>();
  for (let t = startMs; t <= endMs; t += stepMs) {
    const v = run(() => evaluate(expr, t, ctx));
    if (v.kind === 'matrix' || v.kind === 'string')
      throw new QueryError(
        'bad_data',
        `invalid expression type "${v.kind === 'matrix' ? 'range vector' : 'string'}" for range query, must be Scalar or instant Vector`,
      );
    const items = v.kind === 'scalar' ? [{ labels: {}, v: v.v }] : v.items;
    for (const i of items) {
      const key = labelKey(i.labels);
      let s = out.get(key);
      if (!s) {
        s = { metric: i.labels, values: [] };
        out.set(key, s);
      }
      s.values.push([seconds(t), formatValue(i.v)]);
    }
  }
  return { resultType: 'matrix', result: [...out.values()].sort(byLabels) };
}
