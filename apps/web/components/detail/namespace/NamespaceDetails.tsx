'use client';
import { formatBytes, formatCpu, parseCpuMillicores, parseMemoryBytes, parseQuantity } from '@argus/contracts/quantity';
import { StatusBadge } from '@argus/ui';
import { ErrorAlert } from '@/components/ErrorAlert';
import type { KubeObject } from '@/lib/kube';
import type { KindDetailsProps } from '../KindDetails';
import { arr, DetailTable, Fields, KeyValues, MUTED, ObjectLink, rec, Section, str, useKubeList } from '../shared';
import { selectorQuery } from '../workload/WorkloadDetails';

const QUOTAS = { group: '', version: 'v1', resource: 'resourcequotas', namespaced: true };
const LIMITRANGES = { group: '', version: 'v1', resource: 'limitranges', namespaced: true };
const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespaced: true };

type Unit = 'cpu' | 'bytes' | 'count';

/** How a quota's resource is counted: CPU, bytes (memory, storage) or a number of objects. */
export function unitOf(resource: string): Unit {
  if (/(^|\.)cpu$/.test(resource)) return 'cpu';
  if (/(^|\.)(memory|storage|ephemeral-storage)$/.test(resource) || resource.endsWith('.storage')) return 'bytes';
  return 'count';
}

const parse = (u: Unit, v: string | undefined) =>
  u === 'cpu' ? parseCpuMillicores(v) : u === 'bytes' ? parseMemoryBytes(v) : parseQuantity(v);
const format = (u: Unit) =>
  u === 'cpu' ? formatCpu : u === 'bytes' ? formatBytes : (n: number) => String(Math.round(n));
const human = (resource: string, v: unknown) => {
  if (v === undefined) return '—';
  const u = unitOf(resource);
  const n = parse(u, str(v));
  return n === undefined ? String(v) : format(u)(n);
};

/** One quota line: used of hard, as a bar (amber from 80 %, red when full). */
function QuotaBar({
  label,
  used,
  hard,
  fmt,
}: {
  label: string;
  used?: number;
  hard: number;
  fmt: (n: number) => string;
}) {
  const pct = used !== undefined && hard > 0 ? Math.min(100, Math.round((used / hard) * 100)) : undefined;
  const tone = pct === undefined ? '' : pct >= 100 ? 'bg-destructive' : pct >= 80 ? 'bg-warning' : 'bg-primary';
  return (
    <div className="grid gap-1">
      <div className="flex justify-between gap-2 text-xs">
        <span className="font-mono text-muted-foreground">{label}</span>
        <span>
          {used === undefined ? `not counted yet · hard ${fmt(hard)}` : `${fmt(used)} of ${fmt(hard)} (${pct}%)`}
        </span>
      </div>
      <div
        className="h-1.5 overflow-hidden rounded bg-muted"
        role="meter"
        aria-label={`${label} use`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? 0}
        aria-valuetext={pct === undefined ? 'not counted yet' : `${pct}%`}
      >
        <div className={`h-full ${tone}`} style={{ width: `${pct ?? 0}%` }} />
      </div>
    </div>
  );
}

function Quota({ q }: { q: KubeObject }) {
  const hard = rec(rec(q.status).hard ?? q.spec?.hard);
  const used = rec(rec(q.status).used);
  return (
    <div className="grid gap-2 rounded-md border p-3" role="group" aria-label={`Quota ${q.metadata.name}`}>
      <div className="text-sm font-medium">{q.metadata.name}</div>
      <div className="grid gap-3 sm:grid-cols-2">
        {Object.keys(hard)
          .sort()
          .map((r) => {
            const u = unitOf(r);
            const total = parse(u, str(hard[r])) ?? 0;
            const now = used[r] === undefined ? undefined : parse(u, str(used[r]));
            return <QuotaBar key={r} label={r} used={now} hard={total} fmt={format(u)} />;
          })}
      </div>
    </div>
  );
}

/** A namespace: its state, ResourceQuota usage, LimitRanges and PodDisruptionBudgets. */
export function NamespaceDetails({ clusterId, object }: KindDetailsProps) {
  const ns = object.metadata.name;
  const quotas = useKubeList(clusterId, QUOTAS, { namespace: ns });
  const limits = useKubeList(clusterId, LIMITRANGES, { namespace: ns });
  const pdbs = useKubeList(clusterId, PDBS, { namespace: ns });
  const limitRows = (limits.data?.items ?? []).flatMap((lr) =>
    arr(rec(lr.spec).limits).flatMap((l) => {
      const keys = new Set(
        ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'].flatMap((k) => Object.keys(rec(l[k]))),
      );
      return [...keys].sort().map((resource) => ({ name: lr.metadata.name, type: str(l.type) ?? '', resource, l }));
    }),
  );
  return (
    <div className="grid gap-6">
      <Section title="Namespace">
        <Fields rows={{ Status: <StatusBadge status={str(rec(object.status).phase)} /> }} />
      </Section>
      <Section title="Resource quotas">
        <ErrorAlert error={quotas.error} title="Could not read the quotas" />
        {(quotas.data?.items ?? []).length === 0 ? (
          <p className={`text-sm ${MUTED}`}>
            {quotas.isLoading ? 'Loading…' : 'No quotas: the namespace may use what the cluster has.'}
          </p>
        ) : (
          <div className="grid gap-3">
            {(quotas.data?.items ?? []).map((q) => (
              <Quota key={q.metadata.name} q={q} />
            ))}
          </div>
        )}
      </Section>
      <Section title="Limit ranges">
        <ErrorAlert error={limits.error} title="Could not read the limit ranges" />
        <DetailTable
          label="Limit ranges"
          rows={limitRows}
          rowKey={(r, i) => `${r.name}/${r.type}/${r.resource}-${i}`}
          empty={limits.isLoading ? 'Loading…' : 'No limit ranges: containers get no default requests or limits.'}
          columns={[
            { header: 'Limit range', cell: (r) => r.name },
            { header: 'Type', cell: (r) => r.type },
            { header: 'Resource', cell: (r) => r.resource },
            { header: 'Min', cell: (r) => human(r.resource, rec(r.l.min)[r.resource]) },
            { header: 'Max', cell: (r) => human(r.resource, rec(r.l.max)[r.resource]) },
            { header: 'Default request', cell: (r) => human(r.resource, rec(r.l.defaultRequest)[r.resource]) },
            { header: 'Default limit', cell: (r) => human(r.resource, rec(r.l.default)[r.resource]) },
            { header: 'Max limit/request', cell: (r) => str(rec(r.l.maxLimitRequestRatio)[r.resource]) ?? '—' },
          ]}
        />
      </Section>
      <Section title="Pod disruption budgets">
        <ErrorAlert error={pdbs.error} title="Could not read the disruption budgets" />
        <DetailTable
          label="Pod disruption budgets"
          rows={pdbs.data?.items ?? []}
          rowKey={(p) => p.metadata.name}
          empty={pdbs.isLoading ? 'Loading…' : 'No disruption budgets: a drain may evict every pod at once.'}
          columns={[
            {
              header: 'Name',
              cell: (p) => <ObjectLink clusterId={clusterId} kind={PDBS} name={p.metadata.name} namespace={ns} />,
            },
            {
              header: 'Budget',
              cell: (p) =>
                p.spec?.minAvailable !== undefined
                  ? `min available ${str(p.spec.minAvailable)}`
                  : p.spec?.maxUnavailable !== undefined
                    ? `max unavailable ${str(p.spec.maxUnavailable)}`
                    : '—',
            },
            {
              header: 'Healthy',
              cell: (p) =>
                `${str(rec(p.status).currentHealthy) ?? 0} of ${str(rec(p.status).expectedPods) ?? 0} (needs ${str(rec(p.status).desiredHealthy) ?? 0})`,
            },
            {
              header: 'Disruptions allowed',
              cell: (p) => {
                const n = Number(rec(p.status).disruptionsAllowed ?? 0);
                return <span className={n === 0 ? 'text-destructive' : undefined}>{n}</span>;
              },
            },
            {
              header: 'Selector',
              cell: (p) =>
                rec(p.spec?.selector).matchLabels ? (
                  <KeyValues values={rec(p.spec?.selector).matchLabels as Record<string, string>} />
                ) : (
                  <span className="font-mono text-xs">{selectorQuery(rec(p.spec?.selector)) || 'all pods'}</span>
                ),
            },
          ]}
        />
      </Section>
    </div>
  );
}
