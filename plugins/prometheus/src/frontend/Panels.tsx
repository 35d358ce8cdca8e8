/** The read-only tabs of the Metrics page: targets, alerts, rules and the operator's objects. */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { type PluginData, usePluginData } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  AlertDescription,
  Skeleton,
  StatusBadge,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@argus/ui';
import type { ReactNode } from 'react';
import type { MonitorsAnswer, Alert as PromAlert, PromAnswer, RuleGroup, Target } from './types';

function Loading<T>({ state, children }: { state: PluginData<T>; children: (data: T) => ReactNode }) {
  if (state.error)
    return (
      <Alert variant="destructive">
        <AlertDescription>{state.error}</AlertDescription>
      </Alert>
    );
  if (!state.data) return <Skeleton className="h-24" />;
  return <>{children(state.data)}</>;
}

function Rows({ head, rows, empty }: { head: string[]; rows: ReactNode[][]; empty: string }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          {head.map((h) => (
            <TableHead key={h}>{h}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={head.length} className="text-muted-foreground">
              {empty}
            </TableCell>
          </TableRow>
        )}
        {rows.map((cells, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are redrawn as a whole
          <TableRow key={i}>
            {cells.map((c, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
              <TableCell key={j}>{c}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const health = (h: string) => <StatusBadge status={h} />;

export function TargetsPanel({ api }: { api: PluginApi }) {
  const state = usePluginData('targets', () =>
    api.get<PromAnswer<{ activeTargets: Target[] }>>('/targets', { state: 'active' }),
  );
  return (
    <Loading state={state}>
      {(a) => (
        <Rows
          head={['Job', 'Endpoint', 'Health', 'Last scrape', 'Error']}
          empty="No active targets"
          rows={a.data.activeTargets.map((t) => [
            t.labels.job,
            <span key="u" className="font-mono text-xs">
              {t.scrapeUrl}
            </span>,
            health(t.health),
            `${new Date(t.lastScrape).toLocaleTimeString()} (${(t.lastScrapeDuration * 1000).toFixed(0)} ms)`,
            <span key="e" className="text-destructive text-xs">
              {t.lastError}
            </span>,
          ])}
        />
      )}
    </Loading>
  );
}

export function AlertsPanel({ api }: { api: PluginApi }) {
  const state = usePluginData('alerts', () => api.get<PromAnswer<{ alerts: PromAlert[] }>>('/alerts'));
  return (
    <Loading state={state}>
      {(a) => (
        <Rows
          head={['Alert', 'State', 'Since', 'Labels', 'Summary']}
          empty="No alerts are pending or firing"
          rows={a.data.alerts.map((x) => [
            x.labels.alertname,
            <StatusBadge key="s" status={x.state} />,
            x.activeAt ? new Date(x.activeAt).toLocaleString() : '',
            <span key="l" className="font-mono text-xs">
              {Object.entries(x.labels)
                .filter(([k]) => k !== 'alertname')
                .map(([k, v]) => `${k}=${v}`)
                .join(' ')}
            </span>,
            x.annotations.summary ?? x.annotations.description ?? '',
          ])}
        />
      )}
    </Loading>
  );
}

export function RulesPanel({ api }: { api: PluginApi }) {
  const state = usePluginData('rules', () => api.get<PromAnswer<{ groups: RuleGroup[] }>>('/rules'));
  return (
    <Loading state={state}>
      {(a) => (
        <Rows
          head={['Group', 'Rule', 'Type', 'Health', 'Expression']}
          empty="No rules are loaded"
          rows={a.data.groups.flatMap((g) =>
            g.rules.map((r) => [
              g.name,
              r.name,
              r.type === 'alerting' ? `alert${r.state ? ` (${r.state})` : ''}` : 'record',
              health(r.health),
              <span key="q" className="font-mono text-xs">
                {r.query}
              </span>,
            ]),
          )}
        />
      )}
    </Loading>
  );
}

const KINDS: [keyof MonitorsAnswer['items'], string][] = [
  ['prometheuses', 'Prometheus'],
  ['alertmanagers', 'Alertmanager'],
  ['servicemonitors', 'ServiceMonitor'],
  ['podmonitors', 'PodMonitor'],
  ['prometheusrules', 'PrometheusRule'],
];

function summary(s: Record<string, unknown>): string {
  return Object.entries(s)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export function MonitorsPanel({ api }: { api: PluginApi }) {
  const state = usePluginData('monitors', () => api.get<MonitorsAnswer>('/monitors'));
  return (
    <Loading state={state}>
      {(a) => (
        <div className="flex flex-col gap-3">
          <Rows
            head={['Kind', 'Namespace', 'Name', 'Summary']}
            empty="No Prometheus operator objects"
            rows={KINDS.flatMap(([key, kind]) =>
              a.items[key].map((m) => [
                kind,
                m.namespace,
                m.name,
                <span key="s" className="text-xs text-muted-foreground">
                  {summary(m.summary)}
                </span>,
              ]),
            )}
          />
          {a.notes.map((n) => (
            <p key={n} className="text-xs text-muted-foreground">
              {n}
            </p>
          ))}
        </div>
      )}
    </Loading>
  );
}
