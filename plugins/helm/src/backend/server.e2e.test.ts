/**
 * End to end through the real server: a chart installed and upgraded by the real helm into kube-sim
 * registered in Argus; Argus lists it with history, values and a diff, rolls it back (helm history and
 * kubectl agree), refuses a viewer, and installs through its API with helm going through the gateway
 * as the caller (audited).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type PluginTestKit, startPluginTestKit, type TestUser } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HelmCli, helmCli } from '../test-support/helm-cli.js';
import { packageChart, writeTinyChart } from '../test-support/tiny-chart.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = any;

let kit: PluginTestKit;
let helm: HelmCli;
let clusterId: string;
let v1: string;
let v2: string;

const api = async (path: string, init: { token?: TestUser; method?: string; body?: string } = {}) => {
  const body = init.body === undefined ? undefined : JSON.parse(init.body);
  const res = await kit.call(init.token ?? kit.admin, init.method ?? 'GET', path, body);
  return { status: res.status, body: (res.body ?? {}) as Json };
};
/** A user with a built-in role, global or in one namespace of the cluster. */
const addUser = (name: string, role: 'viewer' | 'operator', scope: { namespace?: string } = {}) =>
  kit.user(name, [{ role, ...scope }]);
const helmApi = (path: string) => `/api/plugins/helm/clusters/${clusterId}${path}`;

/** A chart repository on loopback serving the tiny chart's `tgz`, recording every request. */
async function loopbackRepository(tgz: Buffer): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  let url = '';
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/index.yaml')
      res.end(`apiVersion: v1\nentries:\n  tiny:\n  - {name: tiny, version: 0.2.0, urls: [${url}/tiny-0.2.0.tgz]}\n`);
    else if (req.url === '/tiny-0.2.0.tgz') res.end(tgz);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

beforeAll(async () => {
  // The built-in plugins, as `npm start` runs them.
  kit = await startPluginTestKit({ plugin: 'helm' });
  helm = helmCli(kit.sim);
  clusterId = kit.clusterId;
  v1 = writeTinyChart(kit.sim.dir, '0.1.0');
  v2 = writeTinyChart(kit.sim.dir, '0.2.0', true);
  expect((await helm(['install', 'web', v1, '-n', 'default'])).code).toBe(0);
  expect((await helm(['upgrade', 'web', v2, '-n', 'default', '--set', 'greeting=hi'])).code).toBe(0);
});
afterAll(async () => {
  await kit?.close();
});

describe('Helm plugin through the server', () => {
  it('lists the helm-installed release with history, values and a diff', async () => {
    const list = await api(helmApi('/releases?namespace=default'));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ name: 'web', revision: 2, status: 'deployed' })]);
    const history = await api(helmApi('/releases/default/web/history'));
    expect(history.body.items.map((h: Json) => h.status)).toEqual(['superseded', 'deployed']);
    expect((await api(helmApi('/releases/default/web/values'))).body.values).toEqual({ greeting: 'hi' });
    const diff = await api(helmApi('/releases/default/web/diff?from=1&to=2'));
    expect(diff.body.manifest).toContain('+  name: web-extra');
    const global = await api('/api/plugins/helm/releases');
    expect(global.body.items).toEqual([expect.objectContaining({ cluster_id: clusterId, name: 'web' })]);
  });

  it('refuses a viewer the rollback and scopes a namespace viewer', async () => {
    const viewer = await addUser('helm-viewer', 'viewer');
    const res = await api(helmApi('/releases/default/web/rollback'), {
      token: viewer,
      method: 'POST',
      body: JSON.stringify({ revision: 1 }),
    });
    expect(res.status).toBe(403);
    expect((await api(helmApi('/releases'), { token: viewer })).body.items).toHaveLength(1);
    const other = await addUser('helm-other-ns', 'viewer', { namespace: 'team-a' });
    expect((await api(helmApi('/releases'), { token: other })).body.items).toEqual([]);
    expect((await api(helmApi('/releases/default/web'), { token: other })).status).toBe(403);
  });

  it('shows a viewer the release list, status and history but not values, manifests, diffs or notes (secrets:read)', async () => {
    const viewer = await addUser('helm-content-viewer', 'viewer');
    const operator = await addUser('helm-content-operator', 'operator');
    const as = (token: TestUser, path: string) => api(helmApi(path), { token });
    expect((await as(viewer, '/releases')).body.items).toEqual([expect.objectContaining({ name: 'web' })]);
    expect((await api('/api/plugins/helm/releases', { token: viewer })).body.items).toHaveLength(1);
    expect((await as(viewer, '/releases/default/web/history')).body.items).toHaveLength(2);
    const detail = await as(viewer, '/releases/default/web');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ name: 'web', revision: 2, status: 'deployed', notes: null });
    for (const path of ['/values', '/values?all=true', '/manifest', '/manifest?revision=1', '/diff?from=1&to=2']) {
      const denied = await as(viewer, `/releases/default/web${path}`);
      expect(denied.status, path).toBe(403);
      expect(denied.body.error.code, path).toBe('FORBIDDEN');
      expect(JSON.stringify(denied.body), path).not.toContain('greeting');
    }

    expect((await as(operator, '/releases/default/web')).body.notes).toContain('greeting hi');
    expect((await as(operator, '/releases/default/web/values')).body.values).toEqual({ greeting: 'hi' });
    const manifest = await as(operator, '/releases/default/web/manifest');
    expect(manifest.status).toBe(200);
    expect(manifest.body.manifest).toContain('web-extra');
    expect((await as(operator, '/releases/default/web/diff?from=1&to=2')).body.manifest).toContain(
      '+  name: web-extra',
    );
  });

  it('rolls back; helm history and kubectl agree', async () => {
    const res = await api(helmApi('/releases/default/web/rollback'), {
      method: 'POST',
      body: JSON.stringify({ revision: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.body.release).toMatchObject({ revision: 3, status: 'deployed', description: 'Rollback to 1' });
    const history = JSON.parse((await helm(['history', 'web', '-n', 'default', '-o', 'json'])).stdout);
    expect(history.map((h: Json) => [h.revision, h.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
    const cm = await kit.sim.kubectl.run([
      'get',
      'configmap',
      'web-config',
      '-n',
      'default',
      '-o',
      'jsonpath={.data.greeting}',
    ]);
    expect(cm.stdout).toBe('hello');
    const extra = await kit.sim.kubectl.run(['get', 'configmap', 'web-extra', '-n', 'default']);
    expect(extra.code).not.toBe(0);
  });

  it('installs through the API with helm running through the gateway as the caller, audited', async () => {
    const operator = await addUser('helm-operator', 'operator');
    const archive = readFileSync(await packageChart(v1, kit.sim.dir)).toString('base64');
    const res = await api(helmApi('/releases'), {
      token: operator,
      method: 'POST',
      body: JSON.stringify({
        name: 'viaargus',
        namespace: 'default',
        chart_archive: archive,
        values: 'greeting: gateway\n',
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'viaargus', revision: 1, status: 'deployed' });
    const cm = await kit.sim.kubectl.run([
      'get',
      'configmap',
      'viaargus-config',
      '-n',
      'default',
      '-o',
      'jsonpath={.data.greeting}',
    ]);
    expect(cm.stdout).toBe('gateway');
    const audit = await api(`/api/audit-log?cluster_id=${clusterId}&limit=200`);
    const entries: Json[] = audit.body.items ?? audit.body.entries ?? [];
    const gateway = entries.filter(
      (e) => JSON.stringify(e).includes('viaargus') && JSON.stringify(e).includes('/k8s/'),
    );
    expect(gateway.length).toBeGreaterThan(0);
    expect(JSON.stringify(gateway)).toContain('helm-operator@example.com');
    // a viewer cannot install: the plugin refuses before helm runs
    const viewer = await addUser('helm-viewer2', 'viewer');
    const denied = await api(helmApi('/releases'), {
      token: viewer,
      method: 'POST',
      body: JSON.stringify({ name: 'nope', namespace: 'default', chart_archive: archive }),
    });
    expect(denied.status).toBe(403);
  });

  it('refuses, by default, to fetch a chart repository on loopback or the metadata address: nothing is requested', async () => {
    const operator = await addUser('helm-ssrf', 'operator');
    const repo = await loopbackRepository(readFileSync(await packageChart(v2, kit.sim.dir)));
    try {
      const port = new URL(repo.url).port;
      for (const repo_url of [
        `http://127.0.0.1:${port}/`,
        `http://2130706433:${port}/`,
        `http://127.1:${port}/`,
        `http://[::ffff:127.0.0.1]:${port}/`,
        `http://localhost:${port}/`,
        'http://169.254.169.254/latest/meta-data/',
      ]) {
        const res = await api(helmApi('/releases'), {
          token: operator,
          method: 'POST',
          body: JSON.stringify({ name: 'ssrf', namespace: 'default', repo_url, chart: 'tiny' }),
        });
        expect(res.status, repo_url).toBe(400);
        expect(res.body.error.code, repo_url).toBe('OUTBOUND_URL_FORBIDDEN');
      }
      const upgrade = await api(helmApi('/releases/default/web/upgrade'), {
        token: operator,
        method: 'POST',
        body: JSON.stringify({ repo_url: repo.url, chart: 'tiny', version: '0.2.0' }),
      });
      expect(upgrade.body.error).toMatchObject({
        code: 'OUTBOUND_URL_FORBIDDEN',
        message: 'Refusing to fetch from 127.0.0.1: it is a loopback address',
      });
      expect(repo.hits).toEqual([]);
      expect((await api(helmApi('/releases/default/ssrf'))).status).toBe(404);
    } finally {
      await repo.close();
    }
  });

  it('rolls back as the caller: a namespace operator cannot make Argus write outside the namespace', async () => {
    // A release in team-b whose manifest also writes a ConfigMap in another namespace.
    const chart = join(kit.sim.dir, 'wide');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: wide\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'level: one\n');
    writeFileSync(
      join(chart, 'templates', 'cm.yaml'),
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: local}',
        'data: {level: {{ .Values.level | quote }}}',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: elsewhere, namespace: other}',
        'data: {level: {{ .Values.level | quote }}}',
        '',
      ].join('\n'),
    );
    expect((await kit.sim.kubectl.run(['create', 'namespace', 'other'])).code).toBe(0);
    expect((await helm(['install', 'wide', chart, '-n', 'team-b', '--create-namespace'])).code).toBe(0);
    expect((await helm(['upgrade', 'wide', chart, '-n', 'team-b', '--set', 'level=two'])).code).toBe(0);
    const level = async () =>
      (await kit.sim.kubectl.run(['get', 'configmap', 'elsewhere', '-n', 'other', '-o', 'jsonpath={.data.level}']))
        .stdout;
    expect(await level()).toBe('two');

    const teamOperator = await addUser('helm-team-b', 'operator', { namespace: 'team-b' });
    const refused = await api(helmApi('/releases/team-b/wide/rollback'), {
      token: teamOperator,
      method: 'POST',
      body: JSON.stringify({ revision: 1 }),
    });
    expect(refused.status).not.toBe(200);
    expect(JSON.stringify(refused.body).toLowerCase()).toContain('forbidden');
    expect(await level()).toBe('two');

    // The admin may: the same rollback through the gateway as the admin writes both objects.
    const done = await api(helmApi('/releases/team-b/wide/rollback'), {
      method: 'POST',
      body: JSON.stringify({ revision: 1 }),
    });
    expect(done.status).toBe(200);
    expect(await level()).toBe('one');
  });
});
