/**
 * The outbound-URL guard: the one way to fetch a URL that a user below admin chose (Helm chart
 * repositories today; notification webhooks next), so such a user cannot make the server reach its own
 * network (SSRF) — the loopback admin ports, a database, the cloud metadata service.
 *
 * - Only `http:` and `https:` URLs; a URL with credentials (`user:pass@`) is refused (they would end up in
 *   logs and audit entries, and `https://good@evil/` is a classic confusion).
 * - The host is parsed by the WHATWG URL parser, which normalises numeric spellings (`2130706433`,
 *   `0x7f.1`, `127.1`, `0177.0.0.1`) to dotted IPv4; names are resolved (every address) and the request
 *   is refused if ANY address is blocked (address-policy.ts: loopback, unspecified, private, CGNAT,
 *   link-local, metadata 169.254.169.254 / fd00:ec2::254 / 100.100.100.200, multicast, reserved, and
 *   IPv6 forms embedding those IPv4 addresses such as ::ffff:127.0.0.1) — unless OUTBOUND_ALLOWED_CIDRS
 *   allows the address.
 * - The connection goes to the address that was checked (a pinned `lookup`), so DNS rebinding between
 *   the check and the connect cannot swap in another address; no connection reuse (`agent: false`), no
 *   proxy from the environment. TLS still verifies the certificate against the host name.
 * - Redirects are followed by hand, at most 5, each hop checked again the same way; `authorization`,
 *   `cookie` and `proxy-authorization` are dropped when a redirect changes origin.
 * - The answer is capped (`maxBytes`, default 10 MiB) and the whole exchange bounded (`timeoutMs`,
 *   default 30 s; `signal` cancels it).
 * - Errors: 400 OUTBOUND_URL_FORBIDDEN (the URL or an address it leads to is not allowed — a property of
 *   the input, the same for every caller, hence not 403) and 502 OUTBOUND_FETCH_FAILED (DNS, connection,
 *   TLS, timeout, too large, too many redirects). Messages name the host and the reason, never a resolved
 *   address of a name and never a byte of what the upstream sent. Callers decide what a non-2xx status
 *   means and must not echo the body either.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppError } from '@argus/contracts';
import type { OutboundRequest } from '@argus/plugin-sdk';
import type { Logger } from 'pino';
import { type AddressPolicy, createAddressPolicy } from './address-policy.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address (tests inject one). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundTarget {
  url: URL;
  /** Every address of the host, all checked: the only ones the request may connect to (IPv4 first). */
  addresses: ResolvedAddress[];
}

/** The options of a guarded fetch: the SDK's OutboundRequest (plugins get this guard as their `outbound`). */
export type OutboundFetchOptions = OutboundRequest;

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
}

export interface OutboundGuard {
  /** Refuses (OUTBOUND_URL_FORBIDDEN) a URL the server may not fetch; resolves its host and returns the address to use. */
  check(url: string | URL): Promise<OutboundTarget>;
  /** Fetches a checked URL, following (and checking) up to 5 redirects; any status is returned, not thrown. */
  fetch(url: string | URL, options?: OutboundFetchOptions): Promise<OutboundResponse>;
}

export interface OutboundGuardOptions {
  /** OUTBOUND_ALLOWED_CIDRS: addresses reachable although they are loopback, private, … */
  allowedCidrs: readonly string[];
  logger: Logger;
  resolver?: Resolver;
}

export const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

const defaultResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const forbidden = (message: string) => new AppError('OUTBOUND_URL_FORBIDDEN', message);
const failed = (message: string, cause?: unknown) =>
  new AppError('OUTBOUND_FETCH_FAILED', message, cause === undefined ? {} : { cause });

/** A system error code (ECONNREFUSED, CERT_HAS_EXPIRED …) — never the error's message. */
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,64}$/.test(code) ? code : 'connection failed';
}

/** Answers the socket's lookups with the checked addresses only (no second DNS query to rebind). */
function pinnedLookup(target: OutboundTarget): LookupFunction {
  return (_hostname, options, callback) => {
    const family = (options as { family?: unknown }).family;
    const fit = target.addresses.filter((a) => (family !== 4 && family !== 6) || a.family === family);
    const first = fit[0];
    if (!first) {
      const err: NodeJS.ErrnoException = new Error('no checked address of this family');
      err.code = 'ENOTFOUND';
      return callback(err, '', 0);
    }
    if ((options as { all?: boolean }).all)
      (callback as unknown as (err: null, addresses: ResolvedAddress[]) => void)(null, fit);
    else callback(null, first.address, first.family);
  };
}

/** Settles with `work`, or rejects as soon as `signal` aborts. */
function raced<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createOutboundGuard(options: OutboundGuardOptions): OutboundGuard {
  const policy: AddressPolicy = createAddressPolicy(options.allowedCidrs);
  const resolve = options.resolver ?? defaultResolver;
  const log = options.logger.child({ component: 'outbound' });

  /** `via`: the host whose redirect led here. */
  async function vet(input: string | URL, via?: string, signal?: AbortSignal): Promise<OutboundTarget> {
    const refuse = (host: string, reason: string, address?: string) => {
      log.warn({ host, address, reason, via }, 'outbound request refused');
      return forbidden(`Refusing to fetch from ${host}${via ? ` (redirected from ${via})` : ''}: ${reason}`);
    };
    let url: URL;
    try {
      url = new URL(String(input));
    } catch {
      throw forbidden('Refusing to fetch: not a valid URL');
    }
    const host = url.hostname;
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw refuse(host || url.protocol, 'only http and https URLs are allowed');
    if (url.username || url.password) throw refuse(host, 'credentials in the URL are not allowed');
    if (!host) throw refuse(url.protocol, 'the URL has no host');
    const literal = host.replace(/^\[|\]$/g, '');
    let addresses: ResolvedAddress[];
    if (isIP(literal)) addresses = [{ address: literal, family: isIP(literal) === 6 ? 6 : 4 }];
    else {
      try {
        addresses = await raced(resolve(host), signal);
      } catch (err) {
        if (signal?.aborted) throw failed(`Resolving ${host} timed out or was cancelled`, err);
        log.info({ host, code: errorCode(err) }, 'outbound host did not resolve');
        throw failed(`Could not resolve ${host} (${errorCode(err)})`, err);
      }
      if (addresses.length === 0) throw failed(`Could not resolve ${host} (no address)`);
    }
    for (const a of addresses) {
      const reason = policy.blocked(a.address);
      if (reason) {
        const what = reason === 'unspecified' || reason === 'reserved' ? `an ${reason}` : `a ${reason}`;
        const it = isIP(literal) ? 'it is' : 'it resolves to';
        throw refuse(host, `${it} ${what} address`, a.address);
      }
    }
    return { url, addresses: [...addresses].sort((a, b) => a.family - b.family) };
  }

  /** One request to a checked target; a redirect's body is discarded, any other is read up to maxBytes. */
  function send(
    target: OutboundTarget,
    call: { method: string; headers: Record<string, string>; body: Buffer | string | undefined },
    maxBytes: number,
    signal: AbortSignal,
    cancelled: () => boolean,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const { url } = target;
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolveReply, reject) => {
      const fail = (err: unknown) =>
        reject(
          signal.aborted
            ? failed(`Fetching from ${url.hostname} ${cancelled() ? 'was cancelled' : 'timed out'}`, err)
            : failed(`Could not fetch from ${url.hostname} (${errorCode(err)})`, err),
        );
      const req = request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: call.method,
        headers: { 'user-agent': 'Argus', accept: '*/*', ...call.headers, host: url.host },
        agent: false,
        lookup: pinnedLookup(target),
        signal,
      });
      req.on('error', fail);
      req.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
        if (REDIRECTS.has(status)) {
          req.destroy();
          return resolveReply({ status, headers, body: Buffer.alloc(0) });
        }
        const tooLarge = () => {
          req.destroy();
          reject(failed(`The answer from ${url.hostname} is larger than ${maxBytes} bytes`));
        };
        if (Number(headers['content-length'] ?? 0) > maxBytes) return tooLarge();
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return tooLarge();
          chunks.push(chunk);
        });
        res.on('end', () => resolveReply({ status, headers, body: Buffer.concat(chunks) }));
        res.on('error', fail);
      });
      req.end(call.body);
    });
  }

  return {
    check: (url) => vet(url),
    async fetch(input, opts = {}) {
      const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
      const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      const lower = Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v] as const);
      let call = { method: opts.method ?? 'GET', headers: Object.fromEntries(lower), body: opts.body };
      const cancelled = () => opts.signal?.aborted === true;
      let target = await vet(input, undefined, signal);
      for (let hop = 0; ; hop++) {
        const reply = await send(target, call, maxBytes, signal, cancelled);
        const location = reply.headers.location;
        if (!REDIRECTS.has(reply.status) || !location) return { ...reply, url: target.url.href };
        const from = target.url;
        if (hop >= MAX_REDIRECTS) throw failed(`Too many redirects from ${from.hostname} (more than ${MAX_REDIRECTS})`);
        let next: URL;
        try {
          next = new URL(location, from);
        } catch {
          throw failed(`${from.hostname} redirected to an invalid URL`);
        }
        log.debug({ from: from.host, to: next.host, status: reply.status }, 'outbound redirect');
        target = await vet(next, from.host, signal);
        if (reply.status === 303 || ((reply.status === 301 || reply.status === 302) && call.method !== 'GET')) {
          const { 'content-type': _type, 'content-length': _length, ...headers } = call.headers;
          call = { method: 'GET', headers, body: undefined };
        }
        if (next.origin !== from.origin) {
          const kept = Object.entries(call.headers).filter(([name]) => !ORIGIN_BOUND_HEADERS.includes(name));
          call = { ...call, headers: Object.fromEntries(kept) };
        }
      }
    },
  };
}
