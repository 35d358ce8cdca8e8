import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { ChannelSender, DeliveryOutcome, OutgoingMessage } from '../types.js';
import type { SmtpChannelConfig } from './channel-config.js';
import { alertLines, escapeHtml, factsOf, plainText, safeLink, subjectOf } from './render.js';

/**
 * Mail through the channel's SMTP server with nodemailer: one pooled transport per distinct server config
 * (kept across deliveries, closed when evicted or at shutdown), implicit TLS (`secure`) or STARTTLS
 * (opportunistic, or required with `require_tls`), optional auth and extra CA. The Message-ID derives from the
 * idempotency key, so a redelivery of the same notification is the same mail to the recipient's client.
 */

const MAX_POOLS = 50;

export interface SmtpSender extends ChannelSender<SmtpChannelConfig> {
  /** Closes every pooled connection. */
  close(): Promise<void>;
}

function poolKey(c: SmtpChannelConfig): string {
  const parts = [c.host, c.port, c.secure, c.require_tls ?? false, c.username ?? '', c.password ?? '', c.tls_ca ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function addressOf(mailbox: string): string {
  return /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox.trim();
}

/** `<hash@domain-of-from>`: stable per idempotency key. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = addressOf(from).split('@')[1] ?? 'argus.local';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}.argus@${domain}>`;
}

export function mailHtml(message: OutgoingMessage): string {
  const { event } = message;
  const color =
    event.state === 'resolved'
      ? '#15803d'
      : event.severity === 'critical'
        ? '#b91c1c'
        : event.severity === 'warning'
          ? '#b45309'
          : '#1d4ed8';
  const link = safeLink(message.url);
  const alerts = alertLines(event);
  const rows = factsOf(message)
    .map(
      (f) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(f.name)}</th><td>${escapeHtml(f.value)}</td></tr>`,
    )
    .join('');
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2 style="color:${color}">${escapeHtml(subjectOf(event))}</h2>`,
    `<p style="white-space:pre-wrap">${escapeHtml(event.body)}</p>`,
    alerts.length ? `<ul>${alerts.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '',
    `<table>${rows}</table>`,
    link ? `<p><a href="${escapeHtml(link)}">Open in Argus</a></p>` : '',
    '</body></html>',
  ].join('');
}

const CERT_ERROR = /certificate|self[- ]signed|UNABLE_TO_VERIFY|CERT_|altname/i;

/** nodemailer's error → outcome, from its codes only (the server's reply text is never repeated). */
export function smtpOutcome(err: unknown): DeliveryOutcome {
  const e = err as { code?: string; responseCode?: number; message?: string; cause?: { code?: string } };
  const code = e.code ?? '';
  const reply = e.responseCode;
  if (code === 'EAUTH') return { status: 'permanent', reason: 'the SMTP server refused the credentials' };
  if (CERT_ERROR.test(`${e.cause?.code ?? ''} ${code === 'ETLS' || code === 'ESOCKET' ? (e.message ?? '') : ''}`))
    return { status: 'permanent', reason: "the SMTP server's TLS certificate is not trusted" };
  if (code === 'ETLS')
    return { status: 'permanent', reason: 'the SMTP server does not offer the TLS that the channel requires' };
  if (typeof reply === 'number' && reply >= 500)
    return { status: 'permanent', reason: `the SMTP server refused the message (reply ${reply})` };
  if (typeof reply === 'number' && reply >= 400)
    return { status: 'retry', reason: `the SMTP server deferred the message (reply ${reply})` };
  if (code === 'EENVELOPE') return { status: 'permanent', reason: 'the SMTP server refused the recipients' };
  if (code === 'ETIMEDOUT') return { status: 'retry', reason: 'the SMTP server did not answer in time' };
  return { status: 'retry', reason: `the SMTP server could not be reached${code ? ` (${code})` : ''}` };
}

export function createSmtpSender(options: { timeoutMs?: number } = {}): SmtpSender {
  const timeout = options.timeoutMs ?? 10_000;
  const pools = new Map<string, Transporter<SMTPPool.SentMessageInfo>>();

  function transportFor(c: SmtpChannelConfig): Transporter<SMTPPool.SentMessageInfo> {
    const key = poolKey(c);
    const existing = pools.get(key);
    if (existing) {
      pools.delete(key);
      pools.set(key, existing);
      return existing;
    }
    const transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 2,
      host: c.host,
      port: c.port,
      secure: c.secure,
      requireTLS: !c.secure && (c.require_tls ?? false),
      ...(c.username ? { auth: { user: c.username, pass: c.password ?? '' } } : {}),
      tls: { ...(c.tls_ca ? { ca: c.tls_ca } : {}), minVersion: 'TLSv1.2' },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 3,
      logger: false,
      debug: false,
    } satisfies SMTPPool.Options);
    // Failures reach each message's sendMail; a transport-level 'error' without a listener would crash the process.
    transport.on('error', () => undefined);
    pools.set(key, transport);
    if (pools.size > MAX_POOLS) {
      const [oldest] = pools.keys();
      if (oldest) {
        pools.get(oldest)?.close();
        pools.delete(oldest);
      }
    }
    return transport;
  }

  return {
    type: 'smtp',
    async send(config, message) {
      const to = config.to ?? message.recipient?.email;
      if (!to) return { status: 'permanent', reason: 'the channel has no "to" and the user has no email address' };
      try {
        const info = await transportFor(config).sendMail({
          from: config.from,
          to,
          subject: subjectOf(message.event),
          text: plainText(message),
          html: mailHtml(message),
          messageId: messageIdFor(message.idempotencyKey, config.from),
          headers: {
            'X-Argus-Event-Id': message.event.id,
            'X-Argus-Severity': message.event.severity,
            'Auto-Submitted': 'auto-generated',
          },
        });
        return { status: 'sent', detail: `accepted for ${info.accepted.length} recipient(s)` };
      } catch (err) {
        return smtpOutcome(err);
      }
    },
    async close() {
      for (const transport of pools.values()) transport.close();
      pools.clear();
    },
  };
}
