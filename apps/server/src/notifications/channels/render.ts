import type { NotificationEvent, OutgoingMessage, ResourceRef } from '../types.js';

/** What every channel shows of a notification, before its own format (mail, Block Kit, card, HTML, JSON). */

export const severityLabel = (event: NotificationEvent) => event.severity.toUpperCase();

/** `[FIRING:CRITICAL] title`, `[RESOLVED:WARNING] title`, or `[INFO] title` for a plain event. */
export function subjectOf(event: NotificationEvent): string {
  const state = event.state === 'event' ? '' : `${event.state.toUpperCase()}:`;
  return oneLine(`[${state}${severityLabel(event)}] ${event.title}`, 250);
}

export function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/** Cuts at `max` characters (never inside a surrogate pair), marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export function describeRef(ref: ResourceRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export interface Fact {
  name: string;
  value: string;
}

export function factsOf(message: OutgoingMessage): Fact[] {
  const { event } = message;
  const facts: Fact[] = [{ name: 'Severity', value: event.severity }];
  if (event.state !== 'event') facts.push({ name: 'State', value: event.state });
  facts.push({ name: 'Type', value: event.type });
  if (event.resource_ref) facts.push({ name: 'Object', value: describeRef(event.resource_ref) });
  if (event.cluster_id) facts.push({ name: 'Cluster', value: event.cluster_id });
  facts.push({ name: 'Occurred', value: event.occurred_at });
  return facts;
}

/** The grouped alerts, one line each, at most `max` (then "…and N more"). */
export function alertLines(event: NotificationEvent, max = 20): string[] {
  const alerts = event.alerts ?? [];
  const lines = alerts
    .slice(0, max)
    .map(
      (a) =>
        `[${a.state.toUpperCase()}] ${oneLine(a.summary, 300)}${a.resource_ref ? ` (${describeRef(a.resource_ref)})` : ''}`,
    );
  if (alerts.length > max) lines.push(`…and ${alerts.length - max} more`);
  return lines;
}

/** The whole message as plain text (mail's text part, fallbacks). */
export function plainText(message: OutgoingMessage): string {
  const { event } = message;
  const parts = [subjectOf(event), '', event.body];
  const alerts = alertLines(event);
  if (alerts.length) parts.push('', 'Alerts:', ...alerts.map((l) => `- ${l}`));
  parts.push('', ...factsOf(message).map((f) => `${f.name}: ${f.value}`));
  if (message.url) parts.push('', `Open in Argus: ${message.url}`);
  return parts.join('\n');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML bodies and attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

/** Only http(s) links are rendered as links (a `javascript:` URL would be a stored XSS in a mail client). */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
