'use client';
import { eventsPath } from '@argus/plugin-sdk/frontend';
import { eventTime, type KubeEvent } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';
import { age } from '@/lib/format';
import { pluralOfKind } from '@/lib/resources';
import type { KindDetailsProps } from '../KindDetails';
import { arr, DetailTable, Fields, MUTED, ObjectLink, type Rec, rec, Section, str } from '../shared';

interface MetricRow {
  name: string;
  current: string;
  target: string;
}

function value(v: Rec): string {
  if (v.averageUtilization !== undefined) return `${str(v.averageUtilization)}%`;
  if (v.averageValue !== undefined) return `${str(v.averageValue)} (average)`;
  if (v.value !== undefined) return str(v.value) ?? '—';
  return '—';
}

/** Each metric with its current value next to its target, as `kubectl describe hpa` lists them. */
export function hpaMetrics(spec: Rec, status: Rec): MetricRow[] {
  const current = arr(status.currentMetrics);
  return arr(spec.metrics).map((m, i) => {
    const type = str(m.type) ?? 'Resource';
    const key = type.charAt(0).toLowerCase() + type.slice(1);
    const s = rec(m[key]);
    const c = rec(current[i]?.[key]);
    const name =
      type === 'Resource' || type === 'ContainerResource'
        ? `${str(s.name)}${s.container ? ` (${str(s.container)})` : ''}`
        : `${str(rec(s.metric).name) ?? type}${s.describedObject ? ` on ${str(rec(s.describedObject).kind)}/${str(rec(s.describedObject).name)}` : ''}`;
    return { name: `${name} (${type})`, current: value(rec(c.current)), target: value(rec(s.target)) };
  });
}

/** "New size: 3; reason: …" events of the HPA as a replica history, newest first. */
export function replicaHistory(events: KubeEvent[]): Array<{ at?: string; replicas: number; reason: string }> {
  return events
    .filter((e) => e.reason === 'SuccessfulRescale')
    .map((e) => {
      const m = /New size: (\d+)(?:; reason: (.*))?/.exec(e.message ?? '');
      return { at: eventTime(e), replicas: Number(m?.[1] ?? Number.NaN), reason: m?.[2] ?? e.message ?? '' };
    })
    .filter((r) => Number.isFinite(r.replicas))
    .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
}

/** A HorizontalPodAutoscaler: its target, bounds, metrics current vs target, and replica history. */
export function HpaDetails({ clusterId, object, resources }: KindDetailsProps) {
  const spec = rec(object.spec);
  const status = rec(object.status);
  const ns = object.metadata.namespace;
  const ref = rec(spec.scaleTargetRef);
  const target = pluralOfKind(resources, str(ref.apiVersion) ?? 'apps/v1', str(ref.kind) ?? '');
  const path = eventsPath({ clusterId, namespace: ns, name: object.metadata.name, kind: 'HorizontalPodAutoscaler' });
  const events = useQuery({
    queryKey: ['hpa-events', path],
    queryFn: () => api<{ items: KubeEvent[] }>(path),
    refetchInterval: 15_000,
  });
  const history = replicaHistory(events.data?.items ?? []);
  return (
    <div className="grid gap-6">
      <Section title="HorizontalPodAutoscaler">
        <Fields
          rows={{
            Scales: (
              <span>
                {str(ref.kind)}{' '}
                {target ? (
                  <ObjectLink clusterId={clusterId} kind={target} name={str(ref.name) ?? ''} namespace={ns} />
                ) : (
                  str(ref.name)
                )}
              </span>
            ),
            Replicas: `${str(status.currentReplicas) ?? 0} current, ${str(status.desiredReplicas) ?? 0} desired`,
            Bounds: `${str(spec.minReplicas) ?? 1} to ${str(spec.maxReplicas)}`,
            'Last scaled': str(status.lastScaleTime) && `${age(str(status.lastScaleTime))} ago`,
          }}
        />
      </Section>
      <Section title="Metrics">
        <DetailTable
          label="Metrics"
          rows={hpaMetrics(spec, status)}
          rowKey={(m) => m.name}
          empty="No metrics."
          columns={[
            { header: 'Metric', cell: (m) => m.name },
            { header: 'Current', cell: (m) => m.current },
            { header: 'Target', cell: (m) => m.target },
          ]}
        />
      </Section>
      <Section title="Replica history">
        <DetailTable
          label="Replica history"
          rows={history}
          rowKey={(h, i) => `${h.at}-${i}`}
          empty={events.isLoading ? 'Loading…' : 'No rescale recorded in the events kept.'}
          columns={[
            { header: 'When', cell: (h) => (h.at ? `${age(h.at)} ago` : '—') },
            { header: 'Replicas', cell: (h) => h.replicas },
            { header: 'Reason', cell: (h) => <span className={MUTED}>{h.reason}</span> },
          ]}
        />
      </Section>
    </div>
  );
}
