/**
 * The notification path as the web UI sees it (DESIGN.md "Contract for the second wave"): in-app
 * notifications, firing alerts, channels, Alertmanager sources and the caller's preferences. Shapes follow
 * the contract; the readers below accept the small variations a list route may answer with (a bare array
 * or `{items}`), so the pages keep working while the routes settle.
 */
import { objectHref } from '@argus/plugin-sdk/frontend';
import { api, qs } from './api';

export type Severity = 'info' | 'warning' | 'critical';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];
const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
export const severityRank = (s: string): number => RANK[s as Severity] ?? 0;

/** The object a notification or alert is about. */
export interface ResourceRef {
  cluster_id: string;
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespace?: string | null;
  name: string;
}

export interface AppNotification {
  id: string;
  type: string;
  severity: Severity;
  title: string;
  body: string;
  cluster_id: string | null;
  resource_ref: ResourceRef | null;
  read_at: string | null;
  created_at: string;
  /** A UI path, when the server sets one. */
  link?: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  unread: number;
  next_cursor?: string | null;
}

export interface NotificationFilter {
  unread?: boolean;
  severity?: string;
  type?: string;
  cluster_id?: string;
}

/** The UI page of the object (or the server's own link); null when there is nothing to open. */
export function notificationHref(n: { link?: string | null; resource_ref: ResourceRef | null }): string | null {
  // Only paths inside the app: a link is never followed off-site.
  if (n.link?.startsWith('/') && !n.link.startsWith('//')) return n.link;
  const r = n.resource_ref;
  if (!r?.cluster_id || !r.resource || !r.name) return null;
  return objectHref(
    r.cluster_id,
    { group: r.group ?? '', version: r.version, resource: r.resource },
    r.name,
    r.namespace,
  );
}

/** `Deployment shop/web` */
export function describeRef(r: ResourceRef | null | undefined): string {
  if (!r) return '';
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

/** Whether a notification passes the centre's filters (also applied here: the server may not know them all). */
export function matchesFilter(n: AppNotification, f: NotificationFilter): boolean {
  if (f.unread && n.read_at) return false;
  if (f.severity && n.severity !== f.severity) return false;
  if (f.type && n.type !== f.type) return false;
  if (f.cluster_id && n.cluster_id !== f.cluster_id && n.resource_ref?.cluster_id !== f.cluster_id) return false;
  return true;
}

export async function listNotifications(
  f: NotificationFilter & { limit?: number; cursor?: string | null },
): Promise<NotificationPage> {
  const body = await api<Partial<NotificationPage>>(
    `/api/notifications${qs({
      unread: f.unread ? 'true' : undefined,
      severity: f.severity,
      type: f.type,
      cluster_id: f.cluster_id,
      limit: f.limit,
      cursor: f.cursor,
    })}`,
  );
  return { items: body.items ?? [], unread: body.unread ?? 0, next_cursor: body.next_cursor ?? null };
}

export const markRead = (id: string) => api(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
export const markAllRead = () => api('/api/notifications/read-all', { method: 'POST' });

/** A list route's items, whether it answers `{items}` or a bare array. */
export function itemsOf<T>(body: T[] | { items?: T[] } | null | undefined): T[] {
  if (Array.isArray(body)) return body;
  return body?.items ?? [];
}

// ---- alerts --------------------------------------------------------------------------------------------

export interface Alert {
  fingerprint: string;
  type: string;
  severity: Severity;
  /** pending: seen, waiting out its grace period. */
  state: 'pending' | 'firing' | 'resolved';
  source?: 'cluster' | 'alertmanager';
  cluster_id: string | null;
  resource_ref: ResourceRef | null;
  summary: string;
  /** Muted by another alert (a pod's while its node is NotReady). */
  inhibited?: boolean;
  started_at: string;
  fired_at?: string | null;
  resolved_at?: string | null;
}

export async function listAlerts(f: { cluster_id?: string; state?: string }): Promise<Alert[]> {
  return itemsOf(await api<Alert[] | { items?: Alert[] }>(`/api/alerts${qs(f)}`));
}

export interface AlertSource {
  id: string;
  name: string;
  /** The token's first characters, to tell tokens apart. */
  token_prefix?: string;
  created_at?: string;
  last_used_at?: string | null;
}

export type CreatedAlertSource = AlertSource & { token: string };

// ---- channels ------------------------------------------------------------------------------------------

export type ChannelType = 'smtp' | 'slack' | 'teams' | 'telegram' | 'webhook';
export const CHANNEL_TYPES: readonly ChannelType[] = ['webhook', 'smtp', 'slack', 'teams', 'telegram'];

export interface Channel {
  id: string;
  name: string;
  type: ChannelType;
  config: Record<string, unknown>;
  enabled: boolean;
  disabled_reason?: string | null;
}

// ---- preferences ---------------------------------------------------------------------------------------

export interface QuietHours {
  start: string;
  end: string;
  time_zone: string;
}

export interface Preferences {
  min_severity: Severity;
  channels: string[];
  mode: 'immediate' | 'digest';
  clusters?: string[] | null;
  namespaces?: string[] | null;
  types?: string[] | null;
  quiet_hours?: QuietHours | null;
}

/**
 * Alert types the cluster signals raise (apps/server/src/notifications/signals/analyzers.ts), offered as choices;
 * others (`alertmanager.<alertname>`, `audit.<action>`) can be typed.
 */
export const KNOWN_TYPES = [
  'CrashLoopBackOff',
  'OOMKilled',
  'ImagePullBackOff',
  'Unschedulable',
  'Evicted',
  'NodeNotReady',
  'NodeMemoryPressure',
  'NodeDiskPressure',
  'NodePIDPressure',
  'JobFailed',
  'RolloutStuck',
  'PersistentVolumeClaimPending',
  'CertificateExpiring',
  'CertificateNotReady',
  'OperatorResourceUnhealthy',
] as const;

/** "a, b ,c" → ["a","b","c"] (empty → undefined: no restriction). */
export function listOf(text: string): string[] | undefined {
  const out = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return out.length ? out : undefined;
}
