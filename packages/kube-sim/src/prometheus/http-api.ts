/**
 * A Prometheus-compatible HTTP API over the simulated cluster (Prometheus's JSON wire format):
 * /api/v1/query, /api/v1/query_range, /api/v1/labels, /api/v1/label/{name}/values, /api/v1/series,
 * /api/v1/targets, /api/v1/rules, /api/v1/alerts, /api/v1/status/buildinfo, /-/ready, /-/healthy.
 * Served in-process behind the API server's service proxy for the demo's monitoring/prometheus-operated.
 * Rules come from the PrometheusRule objects and are evaluated with the same evaluator (an alert is
 * firing when its expression returns anything now; `for` is not tracked).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectStore, ResourceRef } from '../store/types.js';
import { istioSeries } from './istio-series.js';
import { type Labels, labelKey, type Series, selectSeries } from './promql-eval.js';
import { parsePromDuration, parsePromql } from './promql-parse.js';
import { instantQuery, QueryError, rangeQuery, toQueryError } from './query.js';
import { clusterSeries, scrapeTargets } from './series.js';

export const BUILD_VERSION = '3.5.0-kube-sim';
const MAX_POINTS = 11_000;
const PROMETHEUS_RULES: ResourceRef = { group: 'monitoring.coreos.com', version: 'v1', resource: 'prometheusrules' };

export interface SimPrometheusDeps {
  store: ObjectStore;
  now?: () => number;
}

export interface SimPrometheus {
  /** Every series at `nowMs`. */
  series(nowMs: number): Series[];
  /** Answers one HTTP request; `path` is the Prometheus path (after the proxy prefix). */
  handle(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void>;
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const fail = (errorType: string, error: string) => ({ status: 'error', errorType, error });

function parseTimeParam(name: string, text: string | null, fallbackMs: number): number {
  if (text === null || text === '') return fallbackMs;
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const ms = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(ms)) return ms;
  throw new QueryError('bad_data', `invalid parameter "${name}": cannot parse "${text}" to a valid timestamp`);
}

function parseStep(text: string | null): number {
  const seconds = text === null ? undefined : /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : parsePromDuration(text);
  if (seconds === undefined)
    throw new QueryError('bad_data', `invalid parameter "step": cannot parse "${text ?? ''}" to a valid duration`);
  if (seconds <= 0)
    throw new QueryError(
      'bad_data',
      'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  return Math.round(seconds * 1000);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (req.method !== 'POST') return new URLSearchParams();
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

interface RuleState {
  name: string;
  query: string;
  type: 'alerting' | 'recording';
  health: 'ok' | 'err';
  lastError?: string;
  results: { labels: Labels; value: string }[];
  rule: Record<string, unknown>;
}

export function createSimPrometheus(deps: SimPrometheusDeps): SimPrometheus {
  const now = deps.now ?? (() => Date.now());
  const series = (nowMs: number) => [...clusterSeries(deps.store, nowMs), ...istioSeries(deps.store, nowMs)];

  function evaluateRules(nowMs: number) {
    const all = series(nowMs);
    return deps.store.list(PROMETHEUS_RULES).items.flatMap((pr) =>
      (
        (pr.spec as { groups?: { name?: string; interval?: string; rules?: Record<string, unknown>[] }[] })?.groups ??
        []
      ).map((g) => ({
        name: g.name ?? '',
        file: `/etc/prometheus/rules/prometheus-k8s-rulefiles-0/${pr.metadata.namespace}-${pr.metadata.name}-${pr.metadata.uid}.yaml`,
        interval: parsePromDuration(g.interval ?? '30s') ?? 30,
        rules: (g.rules ?? []).map((r): RuleState => {
          const query = String(r.expr ?? '');
          const base = {
            name: String(r.alert ?? r.record ?? ''),
            query,
            type: r.alert ? 'alerting' : 'recording',
            rule: r,
          } as const;
          try {
            const data = instantQuery(query, nowMs, all);
            const results =
              data.resultType === 'vector' ? data.result.map((x) => ({ labels: x.metric, value: x.value[1] })) : [];
            return { ...base, health: 'ok', results };
          } catch (err) {
            const e = toQueryError(err);
            return { ...base, health: 'err', lastError: e instanceof Error ? e.message : String(e), results: [] };
          }
        }),
      })),
    );
  }

  function alertsOf(r: RuleState, nowMs: number) {
    const extra = (r.rule.labels as Labels | undefined) ?? {};
    return r.results.map((x) => ({
      labels: { ...x.labels, alertname: r.name, ...extra },
      annotations: (r.rule.annotations as Labels | undefined) ?? {},
      state: 'firing',
      activeAt: new Date(nowMs - 3_600_000).toISOString(),
      value: x.value,
    }));
  }

  async function answer(req: IncomingMessage, path: string, search: string): Promise<[number, unknown]> {
    const q = new URLSearchParams(search);
    for (const [k, v] of await readForm(req)) q.append(k, v);
    const nowMs = now();
    const ok = (data: unknown) => [200, { status: 'success', data }] as [number, unknown];
    if (path === '/-/ready' || path === '/-/healthy') return [200, 'Prometheus Server is Ready.\n'];
    if (path === '/api/v1/status/buildinfo')
      return ok({
        version: BUILD_VERSION,
        revision: 'kube-sim',
        branch: 'kube-sim',
        buildUser: 'kube-sim',
        buildDate: '',
        goVersion: 'none (simulated by kube-sim)',
      });
    if (path === '/api/v1/query') {
      const query = q.get('query');
      if (!query)
        throw new QueryError(
          'bad_data',
          'invalid parameter "query": unknown position: parse error: no expression found in input',
        );
      return ok(instantQuery(query, parseTimeParam('time', q.get('time'), nowMs), series(nowMs)));
    }
    if (path === '/api/v1/query_range') {
      const query = q.get('query') ?? '';
      const start = parseTimeParam('start', q.get('start'), Number.NaN);
      const end = parseTimeParam('end', q.get('end'), Number.NaN);
      if (Number.isNaN(start) || Number.isNaN(end))
        throw new QueryError('bad_data', 'invalid parameter "start": cannot parse "" to a valid timestamp');
      const step = parseStep(q.get('step'));
      if (end < start)
        throw new QueryError('bad_data', 'invalid parameter "end": end timestamp must not be before start time');
      if ((end - start) / step > MAX_POINTS)
        throw new QueryError(
          'bad_data',
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
        );
      return ok(rangeQuery(query, start, end, step, series(nowMs)));
    }
    const matched = (): Series[] => {
      const all = series(nowMs);
      const matches = q.getAll('match[]');
      if (matches.length === 0) return all;
      const out = new Map<string, Series>();
      for (const m of matches) {
        const e = (() => {
          try {
            return parsePromql(m);
          } catch (err) {
            throw toQueryError(err);
          }
        })();
        if (e.type !== 'selector')
          throw new QueryError('bad_data', `invalid parameter "match[]": 1:1: parse error: unexpected expression`);
        for (const s of selectSeries(all, e.matchers)) out.set(labelKey(s.labels), s);
      }
      const from = parseTimeParam('start', q.get('start'), nowMs - 3_600_000);
      const to = parseTimeParam('end', q.get('end'), nowMs);
      return [...out.values()].filter((s) => s.samples(from, to).length > 0);
    };
    if (path === '/api/v1/labels') return ok([...new Set(matched().flatMap((s) => Object.keys(s.labels)))].sort());
    const lv = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
    if (lv) {
      const name = decodeURIComponent(lv[1] ?? '');
      return ok(
        [
          ...new Set(
            matched()
              .map((s) => s.labels[name])
              .filter((v): v is string => !!v),
          ),
        ].sort(),
      );
    }
    if (path === '/api/v1/series') {
      if (q.getAll('match[]').length === 0) throw new QueryError('bad_data', 'no match[] parameter provided');
      return ok(matched().map((s) => s.labels));
    }
    if (path === '/api/v1/targets') {
      const state = q.get('state') ?? 'any';
      const activeTargets =
        state === 'dropped'
          ? []
          : scrapeTargets(deps.store).map((t) => ({
              discoveredLabels: { __address__: new URL(t.scrapeUrl).host, job: t.labels.job ?? '' },
              labels: t.labels,
              scrapePool: `serviceMonitor/monitoring/${t.labels.job}/0`,
              scrapeUrl: t.scrapeUrl,
              globalUrl: t.scrapeUrl,
              lastError: '',
              lastScrape: new Date(Math.floor(nowMs / 15_000) * 15_000).toISOString(),
              lastScrapeDuration: 0.012,
              health: 'up',
              scrapeInterval: '15s',
              scrapeTimeout: '10s',
            }));
      return ok({ activeTargets, droppedTargets: [] });
    }
    if (path === '/api/v1/rules') {
      const type = q.get('type');
      const groups = evaluateRules(nowMs).map((g) => ({
        name: g.name,
        file: g.file,
        interval: g.interval,
        limit: 0,
        evaluationTime: 0.001,
        lastEvaluation: new Date(nowMs).toISOString(),
        rules: g.rules
          .filter((r) => !type || (type === 'alert' ? r.type === 'alerting' : r.type === 'recording'))
          .map((r) => ({
            name: r.name,
            query: r.query,
            health: r.health,
            ...(r.lastError ? { lastError: r.lastError } : {}),
            type: r.type,
            labels: (r.rule.labels as Labels | undefined) ?? {},
            evaluationTime: 0.001,
            lastEvaluation: new Date(nowMs).toISOString(),
            ...(r.type === 'alerting'
              ? {
                  duration: parsePromDuration(String(r.rule.for ?? '0s')) ?? 0,
                  annotations: (r.rule.annotations as Labels | undefined) ?? {},
                  alerts: alertsOf(r, nowMs),
                  state: r.results.length > 0 ? 'firing' : 'inactive',
                }
              : {}),
          })),
      }));
      return ok({ groups });
    }
    if (path === '/api/v1/alerts') {
      const alerts = evaluateRules(nowMs).flatMap((g) =>
        g.rules.filter((r) => r.type === 'alerting').flatMap((r) => alertsOf(r, nowMs)),
      );
      return ok({ alerts });
    }
    return [404, '404 page not found\n'];
  }

  return {
    series,
    async handle(req, res, path, search) {
      if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD') {
        send(res, 405, fail('bad_data', `method ${req.method ?? ''} not allowed`));
        return;
      }
      try {
        const [code, body] = await answer(req, path, search);
        if (typeof body === 'string') {
          res.writeHead(code, {
            'Content-Type': 'text/plain; charset=utf-8',
            'Content-Length': Buffer.byteLength(body),
          });
          res.end(body);
        } else send(res, code, body);
      } catch (err) {
        const e = toQueryError(err);
        if (e instanceof QueryError) send(res, e.errorType === 'bad_data' ? 400 : 422, fail(e.errorType, e.message));
        else send(res, 500, fail('internal', (e as Error).message));
      }
    },
  };
}
