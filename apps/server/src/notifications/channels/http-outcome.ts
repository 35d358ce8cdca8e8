import { STATUS_CODES } from 'node:http';
import type { DeliveryOutcome } from '../types.js';

/**
 * One HTTP POST to a channel's endpoint, turned into a DeliveryOutcome. The peer's body is read (bounded)
 * only so a sender can classify it; it never reaches a reason, a log line or the API. Reasons name the peer,
 * the status and its standard phrase. Redirects are not followed (an admin-set URL that moved is a config
 * error, and following it would send the message where nobody configured).
 */

/** Retry-After beyond this is clamped (a peer asking for days is treated as a day). */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP date names its day and month ("Sun, 06 Dec 2026 18:00:30 GMT"); Date.parse alone takes "-5".
  const at = /^[A-Za-z]{3},/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

export function clampRetryAfterMs(ms: number): number {
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

export interface PeerAnswer {
  status: number;
  headers: Headers;
  /** At most 64 KiB of the body, for classification only. */
  body: string;
}

export type PostResult = { ok: true; answer: PeerAnswer } | { ok: false; outcome: DeliveryOutcome };

const CERT_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the peer did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the peer did not answer in time',
};

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failure before any answer (DNS, connection, TLS, timeout): retry, except an untrusted certificate. */
export function networkOutcome(peer: string, err: unknown, timedOut: boolean): DeliveryOutcome {
  if (timedOut) return { status: 'retry', reason: `${peer} did not answer in time` };
  const code = errorCode(err);
  if (code && CERT_ERRORS.has(code))
    return { status: 'permanent', reason: `${peer}'s TLS certificate is not trusted (${code})` };
  const what = (code && NETWORK_REASONS[code]) ?? 'the request failed';
  return { status: 'retry', reason: `${peer} could not be reached: ${what}${code ? ` (${code})` : ''}` };
}

function phrase(status: number): string {
  return `${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
}

/**
 * The outcome for an HTTP status (the issue's rule): 2xx sent; 408/425/429/5xx retry (with Retry-After);
 * 401/403 (credentials), 404/410 (gone), 400/413/422 (the peer refuses this message shape) and other 4xx
 * permanent; 3xx permanent (not followed). `note` is a fixed phrase the sender chose, never the peer's text.
 */
export function outcomeForStatus(
  peer: string,
  answer: Pick<PeerAnswer, 'status' | 'headers'>,
  note?: string,
): DeliveryOutcome {
  const { status } = answer;
  const suffix = note ? `: ${note}` : '';
  if (status >= 200 && status < 300) return { status: 'sent', detail: `${peer} answered ${phrase(status)}` };
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
    return {
      status: 'retry',
      reason: `${peer} answered ${phrase(status)}${suffix}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 300 && status < 400)
    return {
      status: 'permanent',
      reason: `${peer} answered with a redirect (${phrase(status)}), which is not followed`,
    };
  const why =
    status === 401 || status === 403
      ? 'the credentials in the channel were refused'
      : status === 404 || status === 410
        ? 'the endpoint does not exist (any more)'
        : 'the message was refused';
  return { status: 'permanent', reason: `${peer} answered ${phrase(status)}: ${note ?? why}` };
}

async function readBounded(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

export interface PostOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

/** POSTs a JSON body; `peer` names the endpoint in reasons ("Slack", "the webhook"), never its URL. */
export async function postJson(
  peer: string,
  url: string,
  body: string,
  options: PostOptions = {},
): Promise<PostResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Argus', ...options.headers },
      body,
      redirect: 'manual',
      signal,
    });
    return { ok: true, answer: { status: res.status, headers: res.headers, body: await readBounded(res) } };
  } catch (err) {
    if (options.signal?.aborted)
      return { ok: false, outcome: { status: 'retry', reason: 'the delivery was cancelled' } };
    return { ok: false, outcome: networkOutcome(peer, err, timeout.aborted) };
  }
}
