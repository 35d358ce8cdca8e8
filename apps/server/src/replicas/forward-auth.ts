/**
 * Authentication of requests one replica forwards to another: an HMAC-SHA256, with a key derived from the
 * JWT secret every replica shares, over what the request asks (mode, cluster, the Kubernetes request, the body's
 * digest), a timestamp and a nonce. A request older than the skew window or seen before is refused, so a
 * captured request cannot be replayed; nothing secret travels in a URL or a header.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const FORWARD_HEADERS = {
  mode: 'x-argus-forward-mode',
  cluster: 'x-argus-forward-cluster',
  kube: 'x-argus-forward-kube',
  time: 'x-argus-forward-time',
  nonce: 'x-argus-forward-nonce',
  bodySha256: 'x-argus-forward-body-sha256',
  signature: 'x-argus-forward-signature',
  /** On answers: the Kubernetes response's headers (base64url JSON). */
  kubeHeaders: 'x-argus-kube-headers',
  /** On answers: an error of this replica (JSON body {code, message, details}), not the cluster's answer. */
  error: 'x-argus-forward-error',
} as const;

export type ForwardMode = 'request' | 'stream' | 'upgrade' | 'disconnect';

export interface SignedFields {
  mode: ForwardMode;
  cluster: string;
  /** base64url JSON of the Kubernetes request (method, path, headers, timeout). */
  kube: string;
  time: string;
  nonce: string;
  bodySha256: string;
}

export interface ForwardSigner {
  sign(fields: Omit<SignedFields, 'time' | 'nonce'>): Record<string, string>;
  /** Undefined when valid, otherwise why not (for the log; the peer only learns "refused"). */
  verify(headers: Record<string, string | string[] | undefined>): { fields?: SignedFields; problem?: string };
}

export const sha256Hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');

const canonical = (f: SignedFields) =>
  ['argus-replica-forward v1', f.mode, f.cluster, f.kube, f.time, f.nonce, f.bodySha256].join('\n');

const MODES = new Set<ForwardMode>(['request', 'stream', 'upgrade', 'disconnect']);

export function createForwardSigner(jwtSecret: string, options: { skewMs?: number } = {}): ForwardSigner {
  const key = createHmac('sha256', jwtSecret).update('argus replica forwarding v1').digest();
  const skewMs = options.skewMs ?? 30_000;
  /** Nonces seen within the skew window (a replay inside it is refused too). */
  const seen = new Map<string, number>();
  const mac = (f: SignedFields) => createHmac('sha256', key).update(canonical(f)).digest();

  function forget(now: number): void {
    for (const [nonce, at] of seen) {
      if (now - at <= 2 * skewMs) break;
      seen.delete(nonce);
    }
  }

  return {
    sign(f) {
      const fields: SignedFields = { ...f, time: String(Date.now()), nonce: randomBytes(16).toString('hex') };
      return {
        [FORWARD_HEADERS.mode]: fields.mode,
        [FORWARD_HEADERS.cluster]: fields.cluster,
        [FORWARD_HEADERS.kube]: fields.kube,
        [FORWARD_HEADERS.time]: fields.time,
        [FORWARD_HEADERS.nonce]: fields.nonce,
        [FORWARD_HEADERS.bodySha256]: fields.bodySha256,
        [FORWARD_HEADERS.signature]: mac(fields).toString('hex'),
      };
    },
    verify(headers) {
      const get = (name: string) => {
        const v = headers[name];
        return typeof v === 'string' ? v : undefined;
      };
      const fields = {
        mode: get(FORWARD_HEADERS.mode) as ForwardMode,
        cluster: get(FORWARD_HEADERS.cluster),
        kube: get(FORWARD_HEADERS.kube),
        time: get(FORWARD_HEADERS.time),
        nonce: get(FORWARD_HEADERS.nonce),
        bodySha256: get(FORWARD_HEADERS.bodySha256),
      };
      const signature = get(FORWARD_HEADERS.signature);
      if (Object.values(fields).some((v) => v === undefined) || !signature) return { problem: 'missing headers' };
      const f = fields as SignedFields;
      if (!MODES.has(f.mode)) return { problem: 'unknown mode' };
      const given = Buffer.from(signature, 'hex');
      const expected = mac(f);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'bad signature' };
      const now = Date.now();
      if (!/^\d+$/.test(f.time) || Math.abs(now - Number(f.time)) > skewMs) return { problem: 'stale timestamp' };
      forget(now);
      if (seen.has(f.nonce)) return { problem: 'replayed nonce' };
      seen.set(f.nonce, now);
      return { fields: f };
    },
  };
}
