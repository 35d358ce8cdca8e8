/**
 * "Open in browser": a pod's or Service's port through the API server's proxy subresource, served on the proxy
 * origin (its own port) to a tab that carries only the proxy cookie (no token in the URL). The backend is a real
 * HTTP server that kube-sim's proxy dials; the permission is pods:proxy / services:proxy in the namespace.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

const NS = 'default';
const SERVICES = { group: '', version: 'v1', resource: 'services', namespaced: true };
const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints', namespaced: true };
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true };

describe('open a port in the browser (pods/proxy, services/proxy)', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let app: Server;
  let clusterId: string;
  let operator: string;
  let viewer: string;

  const open = (token: string, body: unknown) =>
    s.fetch(`/api/clusters/${clusterId}/proxy-sessions`, { method: 'POST', token, body: JSON.stringify(body) });
  const cookieOf = (res: Response) => {
    const set = res.headers.get('set-cookie') ?? '';
    return { header: set, pair: set.split(';')[0] ?? '' };
  };
  const origin = () => `http://127.0.0.1:${s.server.proxyPort}`;
  const visit = (url: string, cookie?: string, init: RequestInit = {}) =>
    fetch(url.startsWith('http') ? url : `${origin()}${url}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) },
    });

  beforeAll(async () => {
    app = createServer((req, res) => {
      if (req.url?.startsWith('/login')) {
        res.writeHead(302, { location: '/dashboard' });
        return res.end();
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, {
          'content-type': 'text/html',
          'set-cookie': 'app-session=1',
          'content-security-policy': 'default-src *',
        });
        res.end(
          `<h1>hello from the app</h1><p>${req.method} ${req.url} ${Buffer.concat(chunks).toString()}</p><p>auth:${req.headers.authorization ?? 'none'} cookie:${req.headers.cookie ?? 'none'}</p>`,
        );
      });
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    const port = (app.address() as AddressInfo).port;
    [s, sim] = await Promise.all([startClusterTestServer(), startKubeSim({ scenario: 'empty', controllers: false })]);
    sim.store.create(SERVICES, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: NS },
      spec: { ports: [{ name: 'http', port: 80, targetPort: port }] },
    });
    sim.store.create(ENDPOINTS, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: NS },
      subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'http', port, protocol: 'TCP' }] }],
    });
    sim.store.create(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-0', namespace: NS },
      spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'ui', containerPort: port }] }] },
      status: { phase: 'Running', podIP: '127.0.0.1' },
    });
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await res.json()) as { id: string }).id;
    operator = await s.addUser('proxy-op', 'operator', { cluster_id: clusterId, namespace: NS });
    viewer = await s.addUser('proxy-view', 'viewer', { cluster_id: clusterId });
  });
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
    await new Promise((r) => app?.close(r));
  });

  it('opens a Service port on the proxy origin: the cookie is scoped to the URL, no app cookies, no Argus API there', async () => {
    const res = await open(operator, { kind: 'services', namespace: NS, name: 'web', port: 'http' });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const path = `/proxy/${clusterId}/services/${NS}/web/http/`;
    expect(url).toBe(`${origin()}${path}`);
    expect(new URL(url).port).not.toBe(new URL(s.url).port);
    const cookie = cookieOf(res);
    expect(cookie.header).toContain(`Path=${path}`);
    expect(cookie.header).toMatch(/HttpOnly/);
    expect(cookie.header).toMatch(/SameSite=Strict/);
    expect(url).not.toMatch(/token|argus_proxy/);

    const page = await visit(`${url}status?x=1`, cookie.pair);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('hello from the app');
    expect(html).toContain('GET /status?x=1');
    expect(html).toContain('auth:none cookie:none');
    expect(page.headers.get('set-cookie')).toBeNull();
    // The Argus API is not on the proxy origin, and the proxy path is not on the Argus origin.
    expect((await visit(`${origin()}/api/clusters`, cookie.pair)).status).toBe(404);
    expect((await fetch(`${s.url}${path}`, { headers: { cookie: cookie.pair } })).status).toBe(404);

    const posted = await visit(`${url}form`, cookie.pair, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await posted.text()).toContain('POST /form a=1');
    const redirect = await visit(`${url}login`, cookie.pair);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`${path}dashboard`);
    // Sent byte for byte (fetch would resolve the dot-segments itself): refused before anything is read.
    const tricks = await new Promise<number>((resolve, reject) =>
      request(
        {
          host: '127.0.0.1',
          port: s.server.proxyPort,
          path: `/proxy/${clusterId}/services/${NS}/web/http/../../../pods/${NS}/web-0/ui/`,
          headers: { cookie: cookie.pair },
        },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end(),
    );
    expect(tricks).toBe(400);
    const bare = await visit(url.slice(0, -1), cookie.pair);
    expect(bare.status).toBe(301);
  });

  it('opens a pod’s container port by name', async () => {
    const res = await open(operator, { kind: 'pods', namespace: NS, name: 'web-0', port: 'ui' });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const page = await visit(url, cookieOf(res).pair);
    expect(await page.text()).toContain('hello from the app');
  });

  it('refuses without the ticket, with another target’s ticket, and after the session ends', async () => {
    const res = await open(operator, { kind: 'services', namespace: NS, name: 'web', port: 'http' });
    const { url } = (await res.json()) as { url: string };
    const cookie = cookieOf(res).pair;
    const none = await visit(url);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('PROXY_TICKET_INVALID');
    const other = await visit(`/proxy/${clusterId}/pods/${NS}/web-0/ui/`, cookie);
    expect(other.status).toBe(401);
    const forged = await visit(url, `argus_proxy=${cookie.split('=')[1]?.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    expect((await s.fetch('/api/auth/logout', { method: 'POST', token: operator })).status).toBe(204);
    const after = await visit(url, cookie);
    expect(after.status).toBe(401);
  });

  it('needs pods:proxy / services:proxy in the namespace: a viewer may not, on the gateway either', async () => {
    const refused = await open(viewer, { kind: 'services', namespace: NS, name: 'web', port: 'http' });
    expect(refused.status, await refused.clone().text()).toBe(403);
    const gateway = await s.fetch(
      `/api/clusters/${clusterId}/k8s/api/v1/namespaces/${NS}/services/web:http/proxy/status`,
      {
        token: viewer,
      },
    );
    expect(gateway.status, await gateway.clone().text()).toBe(403);
    const admin = await s.fetch(
      `/api/clusters/${clusterId}/k8s/api/v1/namespaces/${NS}/services/web:http/proxy/status`,
      {
        token: s.adminToken,
      },
    );
    expect(admin.status).toBe(200);
    const op = await s.addUser('proxy-op2', 'operator', { cluster_id: clusterId, namespace: NS });
    const elsewhere = await open(op, { kind: 'services', namespace: 'kube-system', name: 'web', port: 'http' });
    expect(elsewhere.status).toBe(403);
    const bad = await open(op, { kind: 'nodes', namespace: NS, name: 'web', port: 'http' });
    expect(bad.status).toBe(400);
  });
});
