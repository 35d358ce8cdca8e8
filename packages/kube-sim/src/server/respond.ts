/** Writing JSON, Status objects and reading request bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { type StatusObject, StoreError } from '../store/errors.js';
import { decodeProtobufObject } from './protobuf-objects.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function writeJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    'X-Kubernetes-Pf-Flowschema-Uid': 'kube-sim',
    'X-Kubernetes-Pf-Prioritylevel-Uid': 'kube-sim',
  });
  res.end(text);
}

export function toStoreError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  return new StoreError(
    500,
    'InternalError',
    `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`,
  );
}

export function writeError(res: ServerResponse, err: unknown): void {
  const e = toStoreError(err);
  if (res.headersSent) {
    res.end();
    return;
  }
  writeJson(res, e.code, e.toStatus());
}

export function successStatus(details: Record<string, unknown>): StatusObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 } as StatusObject;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new StoreError(413, 'BadRequest', 'Request entity too large: limit is 3145728'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON (or, for apply patches and YAML content types, YAML) body into an object. */
export function parseBody(buf: Buffer, contentType: string | undefined): unknown {
  if ((contentType ?? '').toLowerCase().startsWith('application/vnd.kubernetes.protobuf'))
    return decodeProtobufObject(buf);
  const text = buf.toString('utf8');
  if (text.trim() === '')
    throw new StoreError(
      400,
      'BadRequest',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  const ct = (contentType ?? '').toLowerCase();
  try {
    if (ct.includes('yaml')) return parseYaml(text);
    return JSON.parse(text);
  } catch (err) {
    if (ct.includes('json') || ct === '') {
      // the API server accepts YAML too when the body is not JSON
      try {
        const y = parseYaml(text) as unknown;
        if (y && typeof y === 'object') return y;
      } catch {
        // fall through
      }
    }
    throw new StoreError(
      400,
      'BadRequest',
      `error decoding request body: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Writes `{...head, items: [...]}` in chunks, so huge lists never become one string. */
export function writeJsonList(
  res: ServerResponse,
  head: Record<string, unknown>,
  items: unknown[],
  contentType = 'application/json',
): void {
  if (items.length < 2000) {
    writeJson(res, 200, { ...head, items }, contentType);
    return;
  }
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
  const prefix = JSON.stringify({ ...head, items: [] });
  res.write(prefix.slice(0, -2));
  let i = 0;
  const pump = (): void => {
    while (i < items.length) {
      const end = Math.min(items.length, i + 500);
      let chunk = '';
      for (; i < end; i++) chunk += (i > 0 ? ',' : '') + JSON.stringify(items[i]);
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(']}');
  };
  pump();
}
