import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';
import type { KubeObject } from '../store/types.js';
import { parseProxyPath } from './service-proxy.js';

const SERVICES = { group: '', version: 'v1', resource: 'services', namespaced: true };
const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints', namespaced: true };
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true };

let sim: KubeSim;
let echo: Server;
let echoPort: number;
let closedPort: number;

function obj(kind: string, name: string, rest: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name, namespace: 'default' }, ...rest } as KubeObject;
}

function addService(name: string, port: number | undefined, ip = '127.0.0.1'): void {
  sim.store.create(SERVICES, obj('Service', name, { spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } }));
  sim.store.create(
    ENDPOINTS,
    obj('Endpoints', name, {
      subsets: port === undefined ? [] : [{ addresses: [{ ip }], ports: [{ name: 'http', port, protocol: 'TCP' }] }],
    }),
  );
}

function call(path: string, init: RequestInit = {}, token = sim.tokens.admin): Promise<Response> {
  return fetch(`${sim.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
}

beforeAll(async () => {
  sim = await startKubeSim({ scenario: 'empty', controllers: false });
  echo = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(req.url?.startsWith('/teapot') ? 418 : 200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  echoPort = (echo.address() as AddressInfo).port;
  const spare = createServer();
  await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
  closedPort = (spare.address() as AddressInfo).port;
  await new Promise((r) => spare.close(r));
  addService('echo', echoPort);
  addService('empty', undefined);
  addService('dead', closedPort);
  addService('simulated', 9090, '10.244.0.43');
  sim.store.create(
    PODS,
    obj('Pod', 'echo-pod', {
      spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'web', containerPort: echoPort }] }] },
      status: { phase: 'Running', podIP: '127.0.0.1' },
    }),
  );
});

afterAll(async () => {
  await sim.close();
  await new Promise((r) => echo.close(r));
});

describe('parseProxyPath', () => {
  it('reads [scheme:]name[:port] and the rest of the path', () => {
    expect(parseProxyPath('/api/v1/namespaces/monitoring/services/prometheus-operated:web/proxy/api/v1/query')).toEqual(
      {
        kind: 'services',
        namespace: 'monitoring',
        name: 'prometheus-operated',
        port: 'web',
        scheme: undefined,
        path: '/api/v1/query',
      },
    );
    expect(parseProxyPath('/api/v1/namespaces/a/services/https:b:8443/proxy')).toMatchObject({
      scheme: 'https',
      name: 'b',
      port: '8443',
      path: '/',
    });
    expect(parseProxyPath('/api/v1/namespaces/a/services/http:b/proxy/')).toMatchObject({ scheme: 'http', name: 'b' });
    expect(parseProxyPath('/api/v1/namespaces/a/services/b')).toBeUndefined();
  });
});

describe('service proxy', () => {
  it('forwards method, path, query and body by port name, without the caller’s Authorization', async () => {
    const res = await call('/api/v1/namespaces/default/services/echo:http/proxy/api/v1/query?query=up&x=%20', {
      method: 'POST',
      body: 'a=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const got = (await res.json()) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect(got).toMatchObject({ method: 'POST', url: '/api/v1/query?query=up&x=%20', body: 'a=1' });
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('finds the port by number and passes the backend’s status through', async () => {
    const res = await call('/api/v1/namespaces/default/services/echo:80/proxy/teapot');
    expect(res.status).toBe(418);
    expect(((await res.json()) as { url: string }).url).toBe('/teapot');
  });

  it('answers 503 when the service has no endpoints, 404 when there is no service', async () => {
    const res = await call('/api/v1/namespaces/default/services/empty:http/proxy/');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      message: 'no endpoints available for service "empty"',
    });
    const missing = await call('/api/v1/namespaces/default/services/nope:http/proxy/');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ reason: 'NotFound', message: 'services "nope" not found' });
  });

  it('answers 503 when the endpoint refuses the connection', async () => {
    const res = await call('/api/v1/namespaces/default/services/dead:http/proxy/');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toMatch(/^error trying to reach service: /);
  });

  it('never dials a simulated pod address: 503 as for an unreachable endpoint', async () => {
    const res = await call('/api/v1/namespaces/default/services/simulated:http/proxy/api/v1/query');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toBe(
      'error trying to reach service: dial tcp 10.244.0.43:9090: connect: no route to host (simulated address)',
    );
  });

  it('checks {verb} services/proxy: the readonly token may get but not post', async () => {
    expect((await call('/api/v1/namespaces/default/services/echo:http/proxy/x', {}, sim.tokens.readonly)).status).toBe(
      200,
    );
    const denied = await call(
      '/api/v1/namespaces/default/services/echo:http/proxy/x',
      { method: 'POST', body: '' },
      sim.tokens.readonly,
    );
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { message: string }).message).toContain('services/proxy');
  });
});

describe('pod proxy', () => {
  it('forwards to the pod IP on a named container port', async () => {
    const res = await call('/api/v1/namespaces/default/pods/echo-pod:web/proxy/metrics');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toBe('/metrics');
  });
});
