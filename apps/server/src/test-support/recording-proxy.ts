/**
 * A loopback HTTP proxy in front of kube-sim that records every request reaching the "cluster": method,
 * path as sent on the wire (before anything decodes it) and Accept header. Tests point a cluster's
 * kubeconfig at it to assert exactly what Argus sent upstream.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamRequest {
  method: string;
  url: string;
  accept: string | undefined;
}

export interface RecordingProxy {
  url: string;
  requests: UpstreamRequest[];
  /** Points a kubeconfig (as kube-sim writes it) at the proxy. */
  rewrite(kubeconfig: string): string;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  if (upstream.protocol !== 'http:') throw new Error('the recording proxy speaks plain HTTP to its target');
  const requests: UpstreamRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', accept: req.headers.accept });
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
    res.on('close', () => out.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    rewrite: (kubeconfig) => kubeconfig.split(target).join(url),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
