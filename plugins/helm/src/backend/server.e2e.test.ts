/**
 * End to end through the real server: a chart installed and upgraded by the real helm into kube-sim
 * registered in Argus; Argus lists it with history, values and a diff, rolls it back (helm history and
 * kubectl agree), refuses a viewer, and installs through its API with helm going through the gateway
 * as the caller (audited).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClusterTestServer,
  startClusterTestServer,
} from '../../../../apps/server/src/test-support/cluster-test-kit.js';
import { type SimPluginHost, startSimPluginHost } from '../test-support/sim-plugin-host.js';
import { packageChart, writeTinyChart } from '../test-support/tiny-chart.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = any;

let s: ClusterTestServer;
let host: SimPluginHost;
let clusterId: string;
let v1: string;
let v2: string;

const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const res = await s.fetch(path, { token: s.adminToken, ...init });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
};
const helmApi = (path: string) => `/api/plugins/helm/clusters/${clusterId}${path}`;

beforeAll(async () => {
  [s, host] = await Promise.all([startClusterTestServer(), startSimPluginHost()]);
  const reg = await api('/api/clusters', {
    method: 'POST',
    body: JSON.stringify({ name: 'sim', kubeconfig: host.fixture.sim.kubeconfig() }),
  });
  expect(reg.status).toBe(201);
  clusterId = reg.body.id;
  v1 = writeTinyChart(host.fixture.dir, '0.1.0');
  v2 = writeTinyChart(host.fixture.dir, '0.2.0', true);
  expect((await host.helm(['install', 'web', v1, '-n', 'default'])).code).toBe(0);
  expect((await host.helm(['upgrade', 'web', v2, '-n', 'default', '--set', 'greeting=hi'])).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([s?.stop(), host?.close()]);
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
    const viewer = await s.addUser('helm-viewer', 'viewer');
    const res = await api(helmApi('/releases/default/web/rollback'), {
      token: viewer,
      method: 'POST',
      body: JSON.stringify({ revision: 1 }),
    });
    expect(res.status).toBe(403);
    expect((await api(helmApi('/releases'), { token: viewer })).body.items).toHaveLength(1);
    const other = await s.addUser('helm-other-ns', 'viewer', { cluster_id: clusterId, namespace: 'team-a' });
    expect((await api(helmApi('/releases'), { token: other })).body.items).toEqual([]);
    expect((await api(helmApi('/releases/default/web'), { token: other })).status).toBe(403);
  });

  it('rolls back; helm history and kubectl agree', async () => {
    const res = await api(helmApi('/releases/default/web/rollback'), {
      method: 'POST',
      body: JSON.stringify({ revision: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.body.release).toMatchObject({ revision: 3, status: 'deployed', description: 'Rollback to 1' });
    const history = JSON.parse((await host.helm(['history', 'web', '-n', 'default', '-o', 'json'])).stdout);
    expect(history.map((h: Json) => [h.revision, h.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
    const cm = await host.fixture.kubectl.run([
      'get',
      'configmap',
      'web-config',
      '-n',
      'default',
      '-o',
      'jsonpath={.data.greeting}',
    ]);
    expect(cm.stdout).toBe('hello');
    const extra = await host.fixture.kubectl.run(['get', 'configmap', 'web-extra', '-n', 'default']);
    expect(extra.code).not.toBe(0);
  });

  it('installs through the API with helm running through the gateway as the caller, audited', async () => {
    const operator = await s.addUser('helm-operator', 'operator');
    const archive = readFileSync(await packageChart(v1, host.fixture.dir)).toString('base64');
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
    const cm = await host.fixture.kubectl.run([
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
    const viewer = await s.addUser('helm-viewer2', 'viewer');
    const denied = await api(helmApi('/releases'), {
      token: viewer,
      method: 'POST',
      body: JSON.stringify({ name: 'nope', namespace: 'default', chart_archive: archive }),
    });
    expect(denied.status).toBe(403);
  });

  it('rolls back as the caller: a namespace operator cannot make Argus write outside the namespace', async () => {
    // A release in team-b whose manifest also writes a ConfigMap in another namespace.
    const chart = join(host.fixture.dir, 'wide');
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
    expect((await host.fixture.kubectl.run(['create', 'namespace', 'other'])).code).toBe(0);
    expect((await host.helm(['install', 'wide', chart, '-n', 'team-b', '--create-namespace'])).code).toBe(0);
    expect((await host.helm(['upgrade', 'wide', chart, '-n', 'team-b', '--set', 'level=two'])).code).toBe(0);
    const level = async () =>
      (await host.fixture.kubectl.run(['get', 'configmap', 'elsewhere', '-n', 'other', '-o', 'jsonpath={.data.level}']))
        .stdout;
    expect(await level()).toBe('two');

    const teamOperator = await s.addUser('helm-team-b', 'operator', { cluster_id: clusterId, namespace: 'team-b' });
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
