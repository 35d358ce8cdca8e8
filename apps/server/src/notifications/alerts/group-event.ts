/** The NotificationEvent of one alert group's flush: Alertmanager-style title, one line per alert, each alert's object. */
import { linkOf } from '../signals/rollup.js';
import type { NotificationEvent, ResourceRef, Severity } from '../types.js';

export interface FlushedAlert {
  fingerprint: string;
  state: 'firing' | 'resolved';
  severity: Severity;
  summary: string;
  resource_ref: ResourceRef | null;
  labels: Record<string, string>;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function groupEvent(
  groupKey: string,
  seq: number,
  g: { cluster_id: string | null; type: string; cluster_name: string | null },
  alerts: FlushedAlert[],
): NotificationEvent {
  const firing = alerts.filter((a) => a.state === 'firing');
  const shown = firing.length > 0 ? firing : alerts;
  const severity = shown.reduce<Severity>((s, a) => (RANK[a.severity] > RANK[s] ? a.severity : s), 'info');
  const where = g.cluster_name ?? alerts[0]?.labels.cluster ?? 'Alertmanager';
  const counts = `${firing.length > 0 ? `FIRING:${firing.length}` : 'RESOLVED'}${firing.length > 0 && alerts.length > firing.length ? `, RESOLVED:${alerts.length - firing.length}` : ''}`;
  const first = alerts[0]?.resource_ref ?? undefined;
  const link =
    alerts.length === 1 && first ? linkOf(first) : g.cluster_id ? `/clusters/${g.cluster_id}/alerts` : '/alerts';
  return {
    id: `group:${groupKey}:${seq}`,
    type: g.type,
    severity,
    state: firing.length > 0 ? 'firing' : 'resolved',
    title: `[${counts}] ${g.type} on ${where}`,
    body: alerts.map((a) => `${a.state === 'firing' ? '🔥' : '✅'} ${a.summary.slice(0, 300)}`).join('\n'),
    ...(g.cluster_id ? { cluster_id: g.cluster_id } : {}),
    ...(first ? { resource_ref: first } : {}),
    alerts: alerts.map((a) => ({
      fingerprint: a.fingerprint,
      state: a.state,
      summary: a.summary.slice(0, 500),
      ...(a.resource_ref ? { resource_ref: a.resource_ref } : {}),
    })),
    audience: 'readers',
    link,
    occurred_at: new Date().toISOString(),
  };
}
