/**
 * Just enough Kubernetes protobuf to read the bodies kubectl sends as
 * `application/vnd.kubernetes.protobuf` (SelfSubjectAccessReview from `kubectl auth can-i`).
 * Responses are always JSON: clients decode by the response's Content-Type.
 */
import { badRequest } from '../store/errors.js';

type Fields = Map<number, Array<Buffer | number>>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  let p = pos;
  for (;;) {
    if (p >= buf.length) throw badRequest('error decoding protobuf: truncated varint');
    const b = buf[p++] ?? 0;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, p];
    shift += 7;
  }
}

export function readFields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, p1);
      value = v;
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, p1);
      value = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else if (wire === 1) {
      value = buf.readDoubleLE(p1);
      pos = p1 + 8;
    } else if (wire === 5) {
      value = buf.readFloatLE(p1);
      pos = p1 + 4;
    } else throw badRequest(`error decoding protobuf: wire type ${wire}`);
    const list = out.get(field) ?? [];
    list.push(value);
    out.set(field, list);
  }
  return out;
}

function str(f: Fields, n: number): string | undefined {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
}

function sub(f: Fields, n: number): Fields | undefined {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? readFields(v) : undefined;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('application/vnd.kubernetes.protobuf');
}

/** Decodes the runtime.Unknown envelope: { apiVersion, kind, raw }. */
export function decodeEnvelope(buf: Buffer): { apiVersion: string; kind: string; raw: Buffer } {
  if (buf.length < 4 || !buf.subarray(0, 4).equals(MAGIC))
    throw badRequest('error decoding protobuf: missing k8s magic prefix');
  const unknown = readFields(buf.subarray(4));
  const typeMeta = sub(unknown, 1);
  const raw = unknown.get(2)?.[0];
  return {
    apiVersion: (typeMeta && str(typeMeta, 1)) ?? '',
    kind: (typeMeta && str(typeMeta, 2)) ?? '',
    raw: Buffer.isBuffer(raw) ? raw : Buffer.alloc(0),
  };
}

/** SelfSubjectAccessReview (authorization.k8s.io/v1) from its protobuf encoding. */
export function decodeSelfSubjectAccessReview(buf: Buffer): Record<string, unknown> {
  const env = decodeEnvelope(buf);
  const review = readFields(env.raw);
  const spec = sub(review, 2);
  const out: Record<string, unknown> = {};
  const ra = spec && sub(spec, 1);
  if (ra) {
    const names = ['', 'namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
    const attrs: Record<string, string> = {};
    for (let i = 1; i < names.length; i++) {
      const v = str(ra, i);
      if (v !== undefined) attrs[names[i] ?? ''] = v;
    }
    out.resourceAttributes = attrs;
  }
  const nra = spec && sub(spec, 2);
  if (nra) out.nonResourceAttributes = { path: str(nra, 1) ?? '', verb: str(nra, 2) ?? '' };
  return {
    apiVersion: env.apiVersion || 'authorization.k8s.io/v1',
    kind: env.kind || 'SelfSubjectAccessReview',
    spec: out,
  };
}
