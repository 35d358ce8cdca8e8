/** A small buffered request to the API server with the target's credentials (version, credential Secret). */
import http from 'node:http';
import https from 'node:https';
import type { KubeTarget } from './kube-target.js';

export async function kubeRequest(
  target: KubeTarget,
  method: string,
  path: string,
  body?: { contentType: string; data: string },
  timeoutMs = 5_000,
): Promise<{ status: number; body: string }> {
  const cred = await target.credentials();
  const mod = target.secure ? https : http;
  const prefix = target.base.pathname.replace(/\/+$/, '');
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        protocol: target.base.protocol,
        hostname: target.base.hostname.replace(/^\[|\]$/g, ''),
        port: target.base.port || (target.secure ? 443 : 80),
        method,
        path: prefix + path,
        headers: {
          accept: 'application/json',
          ...(body ? { 'content-type': body.contentType, 'content-length': String(Buffer.byteLength(body.data)) } : {}),
          ...cred.headers,
        },
        agent: target.pooled,
        timeout: timeoutMs,
        ...(cred.auth ? { auth: cred.auth } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${target.server} did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body?.data);
  });
}

/** GET /version: the cluster's gitVersion, or '' when it cannot be read. */
export async function kubernetesVersion(target: KubeTarget): Promise<string> {
  const res = await kubeRequest(target, 'GET', '/version');
  try {
    return String((JSON.parse(res.body) as { gitVersion?: string }).gitVersion ?? '');
  } catch {
    return '';
  }
}
