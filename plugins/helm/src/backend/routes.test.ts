/** The plugin's routes over kube-sim, with releases installed and upgraded by the real helm. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type PluginTestKit, startPluginTestKit, type TestUser } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HelmCli, helmCli } from '../test-support/helm-cli.js';
import { packageChart, writeTinyChart } from '../test-support/tiny-chart.js';
import plugin from './index.js';

let kit: PluginTestKit;
let helm: HelmCli;
/** May read, write and delete releases in team-a only. */
let teamA: TestUser;
let v1: string;
let v2: string;
const R = '/releases/default/web';

beforeAll(async () => {
  // The chart repository below listens on loopback, which the SSRF guard refuses unless allowed.
  kit = await startPluginTestKit({ plugins: [plugin], env: { OUTBOUND_ALLOWED_CIDRS: '127.0.0.0/8' } });
  helm = helmCli(kit.sim);
  const all = ['read', 'write', 'delete'].map((action) => ({ resource: 'helm.releases', action }));
  teamA = await kit.user('team-a', [{ permissions: all, namespace: 'team-a' }]);
  v1 = writeTinyChart(kit.sim.dir, '0.1.0');
  v2 = writeTinyChart(kit.sim.dir, '0.2.0', true);
  expect((await helm(['install', 'web', v1, '-n', 'default'])).code).toBe(0);
  expect((await helm(['upgrade', 'web', v2, '-n', 'default', '--set', 'greeting=hi,replicas=2'])).code).toBe(0);
});
afterAll(async () => kit?.close());

const kubectlJson = async (args: string[]) => {
  const r = await kit.sim.kubectl.run([...args, '-o', 'json']);
  return r.code === 0 ? JSON.parse(r.stdout) : undefined;
};

/** A plugin route as the admin (or `as`); `global`: the plugin's global route. */
const call = (
  method: string,
  path: string,
  opts: { query?: Record<string, string>; body?: unknown; as?: TestUser; global?: boolean } = {},
) => {
  const q = opts.query ? `?${new URLSearchParams(opts.query)}` : '';
  return kit.call(opts.as ?? kit.admin, method, `${opts.global ? '/api/plugins/helm' : ''}${path}${q}`, opts.body);
};

describe('reading releases', () => {
  it('lists releases, only in namespaces the caller may read', async () => {
    const all = await call('GET', '/releases');
    expect(all.body.items).toEqual([
      expect.objectContaining({
        name: 'web',
        namespace: 'default',
        revision: 2,
        status: 'deployed',
        chart: 'tiny-0.2.0',
      }),
    ]);
    const scoped = await call('GET', '/releases', { as: teamA });
    expect(scoped.body.items).toEqual([]);
    const denied = await call('GET', '/releases', { query: { namespace: 'default' }, as: teamA });
    expect(denied.status).toBe(403);
    const global = await call('GET', '/releases', { global: true });
    expect(global.body.items).toEqual([
      expect.objectContaining({ cluster_id: kit.clusterId, cluster_name: 'sim', name: 'web' }),
    ]);
  });

  it('shows status, notes, history, values, manifest and a diff', async () => {
    const detail = await call('GET', R);
    expect(detail.body).toMatchObject({ status: 'deployed', revision: 2, description: 'Upgrade complete' });
    expect(detail.body.notes).toContain('greeting hi');
    const history = await call('GET', `${R}/history`);
    expect(history.body.items.map((h: { revision: number; status: string }) => [h.revision, h.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    expect((await call('GET', `${R}/values`)).body.values).toEqual({ greeting: 'hi', replicas: 2 });
    const all = await call('GET', `${R}/values`, { query: { all: 'true' } });
    expect(all.body.values).toEqual({ greeting: 'hi', replicas: 2, image: 'nginx:1.25', nested: { a: 1, b: 2 } });
    const helmAll = await helm(['get', 'values', 'web', '-n', 'default', '--all', '-o', 'json']);
    expect(JSON.parse(helmAll.stdout)).toEqual(all.body.values);
    const m1 = await call('GET', `${R}/manifest`, { query: { revision: '1' } });
    expect(m1.body.manifest).not.toContain('web-extra');
    const diff = await call('GET', `${R}/diff`, { query: { from: '1', to: '2' } });
    expect(diff.body.manifest).toContain('+  name: web-extra');
    expect(diff.body.manifest).toContain('+  greeting: "hi"');
    expect(diff.body.values).toContain('+greeting: hi');
    expect((await call('GET', `${R}/diff`, { query: { from: '1', to: '9' } })).body.error.code).toBe(
      'HELM_REVISION_NOT_FOUND',
    );
    expect((await call('GET', '/releases/default/nope')).body.error.code).toBe('HELM_RELEASE_NOT_FOUND');
    expect((await call('GET', '/releases/default/Bad_Name')).status).toBe(400);
  });
});

describe('rollback', () => {
  it('is refused without write permission in the namespace', async () => {
    const res = await call('POST', `${R}/rollback`, { body: { revision: 1 }, as: teamA });
    expect(res.status).toBe(403);
  });

  it('writes revision 3 as helm does, reverts the objects, and helm agrees', async () => {
    const res = await call('POST', `${R}/rollback`, { body: { revision: 1 } });
    expect(res.status).toBe(200);
    expect(res.body.release).toMatchObject({
      revision: 3,
      status: 'deployed',
      description: 'Rollback to 1',
      chart: 'tiny-0.1.0',
    });
    expect(res.body.objects.deleted).toEqual(['ConfigMap/web-extra']);
    const history = JSON.parse((await helm(['history', 'web', '-n', 'default', '-o', 'json'])).stdout);
    expect(
      history.map((h: { revision: number; status: string; description: string }) => [
        h.revision,
        h.status,
        h.description,
      ]),
    ).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'superseded', 'Upgrade complete'],
      [3, 'deployed', 'Rollback to 1'],
    ]);
    expect((await kubectlJson(['get', 'configmap', 'web-config', '-n', 'default'])).data).toEqual({
      greeting: 'hello',
    });
    expect((await kubectlJson(['get', 'deployment', 'web-web', '-n', 'default'])).spec.replicas).toBe(1);
    expect(await kubectlJson(['get', 'configmap', 'web-extra', '-n', 'default'])).toBeUndefined();
    const values = await helm(['get', 'values', 'web', '-n', 'default', '-o', 'json']);
    expect(values.stdout.trim()).toBe('null');
    // helm carries on from Argus's record
    const up = await helm(['upgrade', 'web', v2, '-n', 'default', '--set', 'greeting=again']);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('REVISION: 4');
  });
});

describe('install, upgrade and uninstall', () => {
  let repo: Server;
  let repoUrl: string;
  const hits: string[] = [];
  beforeAll(async () => {
    const dir = join(kit.sim.dir, 'repo');
    const tgz1 = readFileSync(await packageChart(v1, dir));
    const tgz2 = readFileSync(await packageChart(v2, dir));
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    repo = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/index.yaml') {
        res.setHeader('content-type', 'application/x-yaml');
        res.end(
          [
            'apiVersion: v1',
            'entries:',
            '  tiny:',
            '  - {apiVersion: v2, name: tiny, version: 0.1.0, urls: [charts/tiny-0.1.0.tgz]}',
            `  - {apiVersion: v2, name: tiny, version: 0.2.0, urls: ["${repoUrl}/tiny-0.2.0.tgz"], digest: ${sha(tgz2)}}`,
            '  - {apiVersion: v2, name: tiny, version: 0.3.0-rc.1, urls: [missing.tgz]}',
            '  tampered:',
            `  - {apiVersion: v2, name: tampered, version: 0.2.0, urls: [tiny-0.2.0.tgz], digest: ${'0'.repeat(64)}}`,
            'generated: "2024-01-01T00:00:00Z"',
            '',
          ].join('\n'),
        );
      } else if (req.url === '/charts/tiny-0.1.0.tgz') res.end(tgz1);
      else if (req.url === '/tiny-0.2.0.tgz') res.end(tgz2);
      else if (req.url === '/broken/index.yaml') res.end('SECRET-INDEX-LINE: [unclosed\n  - {');
      else res.writeHead(404).end('SECRET-404-BODY');
    });
    await new Promise<void>((r) => repo.listen(0, '127.0.0.1', r));
    repoUrl = `http://127.0.0.1:${(repo.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => repo.close(() => r())));

  it('installs an uploaded chart archive and upgrades it from a chart repository', async () => {
    const archive = readFileSync(await packageChart(v1, kit.sim.dir)).toString('base64');
    const installed = await call('POST', '/releases', {
      body: { name: 'up', namespace: 'default', chart_archive: archive, values: 'greeting: uploaded\n' },
    });
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({ name: 'up', revision: 1, status: 'deployed', chart: 'tiny-0.1.0' });
    expect((await kubectlJson(['get', 'configmap', 'up-config', '-n', 'default'])).data).toEqual({
      greeting: 'uploaded',
    });
    const again = await call('POST', '/releases', {
      body: { name: 'up', namespace: 'default', chart_archive: archive },
    });
    expect(again.body.error.code).toBe('HELM_RELEASE_EXISTS');
    const upgraded = await call('POST', '/releases/default/up/upgrade', {
      body: { repo_url: repoUrl, chart: 'tiny', version: '0.2.0', reuse_values: true },
    });
    expect(upgraded.body).toMatchObject({ revision: 2, status: 'deployed', chart: 'tiny-0.2.0' });
    expect((await kubectlJson(['get', 'configmap', 'up-extra', '-n', 'default'])).data).toEqual({ added: 'in 0.2' });
  });

  it('installs from a chart repository index: Argus fetches the index and archive, helm gets a local file', async () => {
    hits.length = 0;
    const res = await call('POST', '/releases', {
      body: { name: 'fromrepo', namespace: 'default', repo_url: repoUrl, chart: 'tiny' },
    });
    // no version: the latest release (0.2.0), not the 0.3.0 release candidate
    expect(res.body).toMatchObject({ name: 'fromrepo', chart: 'tiny-0.2.0' });
    expect(hits).toEqual(['/index.yaml', '/tiny-0.2.0.tgz']);
    // a range, and an archive URL relative to the repository URL (given with a trailing slash)
    const ranged = await call('POST', '/releases', {
      body: { name: 'ranged', namespace: 'default', repo_url: `${repoUrl}/`, chart: 'tiny', version: '~0.1' },
    });
    expect(ranged.body).toMatchObject({ name: 'ranged', chart: 'tiny-0.1.0' });
    expect(hits.slice(2)).toEqual(['/index.yaml', '/charts/tiny-0.1.0.tgz']);
    expect((await call('DELETE', '/releases/default/ranged')).status).toBe(200);
  });

  it('answers stable errors for charts, versions and repositories, without echoing what the repository sent', async () => {
    const install = (extra: Record<string, unknown>) =>
      call('POST', '/releases', { body: { name: 'x', namespace: 'default', repo_url: repoUrl, ...extra } });
    const missing = await install({ chart: 'tiny', version: '9.9.9' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CHART_NOT_FOUND');
    expect(missing.body.error.message).toContain('9.9.9');
    expect((await install({ chart: 'nope' })).body.error.code).toBe('CHART_NOT_FOUND');
    expect((await install({ chart: 'constructor' })).body.error.code).toBe('CHART_NOT_FOUND');
    const tampered = await install({ chart: 'tampered' });
    expect(tampered.status).toBe(502);
    expect(tampered.body.error).toMatchObject({ code: 'CHART_REPOSITORY_INVALID' });
    expect(tampered.body.error.message).toContain('digest');
    const broken = await install({ repo_url: `${repoUrl}/broken`, chart: 'tiny' });
    expect(broken.body.error).toEqual({
      code: 'CHART_REPOSITORY_INVALID',
      message: `The chart repository at ${new URL(repoUrl).host} sent an index.yaml that is not valid YAML`,
    });
    const notRepo = await install({ repo_url: `${repoUrl}/elsewhere`, chart: 'tiny' });
    expect(notRepo.body.error.code).toBe('CHART_REPOSITORY_INVALID');
    expect(notRepo.body.error.message).toContain('HTTP 404');
    for (const r of [missing, tampered, broken, notRepo]) expect(JSON.stringify(r.body)).not.toContain('SECRET');
    expect((await install({ chart: 'tiny', version: 'latest' })).body.error.code).toBe('BAD_REQUEST');
  });

  it('refuses bad input before fetching anything', async () => {
    hits.length = 0;
    const both = await call('POST', '/releases', {
      body: { name: 'x', namespace: 'default', chart_archive: 'AAAA', repo_url: repoUrl, chart: 'tiny' },
    });
    expect(both.status).toBe(400);
    const notGzip = await call('POST', '/releases', {
      body: { name: 'x', namespace: 'default', chart_archive: 'AAAA' },
    });
    expect(notGzip.body.error.code).toBe('BAD_REQUEST');
    const badValues = await call('POST', '/releases', {
      body: { name: 'x', namespace: 'default', repo_url: repoUrl, chart: 'tiny', values: '- a list' },
    });
    expect(badValues.body.error.code).toBe('INVALID_YAML');
    const credentials = await call('POST', '/releases', {
      body: { name: 'x', namespace: 'default', repo_url: repoUrl.replace('//', '//user:pw@'), chart: 'tiny' },
    });
    expect(credentials.body.error.code).toBe('OUTBOUND_URL_FORBIDDEN');
    expect(hits).toEqual([]);
  });

  it('uninstalls, keeping history as helm --keep-history does, or not', async () => {
    const kept = await call('DELETE', '/releases/default/up', { query: { keep_history: 'true' } });
    expect(kept.body.deleted).toEqual(
      expect.arrayContaining(['ConfigMap/up-config', 'Deployment/up-web', 'ConfigMap/up-extra']),
    );
    const history = JSON.parse((await helm(['history', 'up', '-n', 'default', '-o', 'json'])).stdout);
    expect(history.at(-1)).toMatchObject({
      revision: 2,
      status: 'uninstalled',
      description: 'Uninstallation complete',
    });
    expect(await kubectlJson(['get', 'configmap', 'up-config', '-n', 'default'])).toBeUndefined();
    expect((await call('DELETE', '/releases/default/fromrepo', { as: teamA })).status).toBe(403);
    await call('DELETE', '/releases/default/fromrepo');
    expect((await helm(['history', 'fromrepo', '-n', 'default'])).code).not.toBe(0);
    expect(await kubectlJson(['get', 'deployment', 'fromrepo-web', '-n', 'default'])).toBeUndefined();
  });
});
