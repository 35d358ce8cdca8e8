import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';

/**
 * A kubeconfig names its credentials inline; nothing in it may run a command or read a file on the Argus server.
 * The "cluster" is a loopback HTTP server that answers like a Kubernetes API and records what it was sent.
 */
describe('kubeconfig credentials: commands and files on the server are refused', () => {
  let server: ClusterTestServer;
  let api: Server;
  let apiUrl: string;
  const seen: Array<{ path: string; authorization: string | undefined }> = [];
  let dir: string;
  let marker: string;
  let script: string;
  let secretFile: string;
  const SECRET = 'host-secret-from-a-file';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argus-kubeconfig-'));
    marker = join(dir, 'ran');
    script = join(dir, 'credential-helper.sh');
    writeFileSync(
      script,
      `#!/bin/sh\ntouch '${marker}'\necho '{"access_token":"x","token_expiry":"2999-01-01T00:00:00Z"}'\n`,
    );
    chmodSync(script, 0o755);
    secretFile = join(dir, 'secret');
    writeFileSync(secretFile, SECRET);
    api = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/version') res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0' }));
      else res.end(JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [] }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    server = await startClusterTestServer();
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const kubeconfig = (user: Record<string, unknown>) =>
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: apiUrl } }],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'ctx',
    });
  const register = async (text: string) => {
    const res = await server.fetch('/api/clusters', {
      method: 'POST',
      token: server.adminToken,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `c-${seen.length}-${Math.random().toString(36).slice(2, 8)}`, kubeconfig: text }),
    });
    const body = (await res.json()) as { error?: { code: string; message: string } };
    return { status: res.status, code: body.error?.code, message: body.error?.message ?? '' };
  };

  it('refuses an auth-provider that would run a command (gcp cmd-path), and runs nothing', async () => {
    const cases = [
      { name: 'gcp', config: { 'cmd-path': script, 'cmd-args': 'config config-helper --format=json' } },
      { name: 'oidc', config: { 'id-token': 'x', 'cmd-path': script } },
      { name: 'oidc', config: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: script } } },
      { name: 'exec', config: { command: script } },
      { name: 'azure', config: { 'access-token': 'x' } },
    ];
    for (const provider of cases) {
      const r = await register(kubeconfig({ 'auth-provider': provider }));
      expect({ status: r.status, code: r.code }, r.message).toEqual({ status: 400, code: 'EXEC_CREDENTIALS_DISABLED' });
    }
    expect(existsSync(marker)).toBe(false);
    expect(seen).toEqual([]);
  });

  it('refuses credentials read from a file on the server, and sends nothing to the cluster', async () => {
    const cases: Array<Record<string, unknown>> = [
      { 'auth-provider': { name: 'oidc', config: { tokenFile: secretFile } } },
      { 'auth-provider': { name: 'oidc', config: { 'id-token': 'x', 'idp-certificate-authority': secretFile } } },
      { 'token-file': secretFile },
      { tokenFile: secretFile },
      { 'client-certificate': secretFile, 'client-key-data': 'eA==' },
    ];
    for (const user of cases) {
      const r = await register(kubeconfig(user));
      expect({ status: r.status, code: r.code }, r.message).toEqual({ status: 400, code: 'KUBECONFIG_FILE_REFERENCE' });
    }
    // Any auth-provider other than oidc is refused whatever it carries (client-node reads config.tokenFile for any).
    const other = await register(kubeconfig({ 'auth-provider': { name: 'file', config: { tokenFile: secretFile } } }));
    expect(other.code).toBe('EXEC_CREDENTIALS_DISABLED');
    expect(seen).toEqual([]);
  });

  it('does not let a YAML merge key smuggle an auth-provider past the check', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: c, cluster: {server: "${apiUrl}"}}]`,
      'users:',
      '- name: u',
      '  user:',
      `    <<: {auth-provider: {name: gcp, config: {cmd-path: "${script}"}}}`,
      '    token: inline',
      'contexts: [{name: ctx, context: {cluster: c, user: u}}]',
      'current-context: ctx',
    ].join('\n');
    const r = await register(text);
    expect(r.status, r.message).toBe(201);
    expect(existsSync(marker)).toBe(false);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.authorization === 'Bearer inline')).toBe(true);
  });

  it('accepts inline credentials and an oidc auth-provider with an inline id-token', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const idToken = `${b64({ alg: 'none' })}.${b64({ sub: 'me', exp: 4_102_444_800 })}.sig`;
    const oidc = await register(
      kubeconfig({
        'auth-provider': {
          name: 'oidc',
          config: { 'client-id': 'argus', 'id-token': idToken, 'idp-issuer-url': 'https://idp.invalid' },
        },
      }),
    );
    expect(oidc.status, oidc.message).toBe(201);
    expect(seen.map((s) => s.authorization)).toContain(`Bearer ${idToken}`);
    const token = await register(kubeconfig({ token: 'inline-token' }));
    expect(token.status, token.message).toBe(201);
    const basic = await register(kubeconfig({ username: 'admin', password: 'pw' }));
    expect(basic.status, basic.message).toBe(201);
    expect(seen.some((s) => s.authorization === `Basic ${Buffer.from('admin:pw').toString('base64')}`)).toBe(true);
    expect(seen.some((s) => s.authorization?.includes(SECRET))).toBe(false);
  });
});
