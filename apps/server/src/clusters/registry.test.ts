import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../test-support/cluster-test-kit.js';
import { testDrivers } from '../test-support/test-database.js';

describe.each(testDrivers())('cluster registry on %s', (driver) => {
  let server: ClusterTestServer;
  let sim: KubeSim;
  let tlsSim: KubeSim;
  let token: string;
  const post = (body: unknown) =>
    server.fetch('/api/clusters', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    [server, sim, tlsSim] = await Promise.all([
      startClusterTestServer({ driver }),
      startKubeSim({ scenario: 'empty' }),
      startKubeSim({ scenario: 'empty', tls: true }),
    ]);
    token = server.adminToken;
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), sim?.close(), tlsSim?.close()]);
  });

  it('registers a good kubeconfig (token over TLS), never returns or stores it in clear', async () => {
    const res = await post({ name: 'east', kubeconfig: tlsSim.kubeconfig() });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'east',
      status: 'connected',
      auth_method: 'token',
      connection_type: 'kubeconfig',
    });
    expect(String(body.kubernetes_version)).toMatch(/^v1\./);
    expect(JSON.stringify(body)).not.toContain(tlsSim.tokens.admin);
    const row = await server.module.db.query<{ kubeconfig_encrypted: string }>(
      'SELECT kubeconfig_encrypted FROM clusters WHERE id = $1',
      [body.id],
    );
    expect(row.rows[0]?.kubeconfig_encrypted).toMatch(/^v1:/);
    expect(row.rows[0]?.kubeconfig_encrypted).not.toContain(tlsSim.tokens.admin);
  });

  it('names each failure with a stable code', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ name: 'a', kubeconfig: 'this: [is not' }, 400, 'INVALID_KUBECONFIG'],
      [{ name: 'a', kubeconfig: 'kind: Pod\napiVersion: v1' }, 400, 'INVALID_KUBECONFIG'],
      [{ name: 'a', kubeconfig: sim.kubeconfig(), context: 'nope' }, 400, 'KUBECONFIG_CONTEXT_NOT_FOUND'],
      [{ name: 'a', kubeconfig: sim.kubeconfig().replace(`:${sim.port}`, ':1') }, 502, 'CLUSTER_UNREACHABLE'],
      [
        {
          name: 'a',
          kubeconfig: tlsSim.kubeconfig().replace(/certificate-authority-data: .*/, 'insecure-skip-tls-verify: false'),
        },
        502,
        'CLUSTER_TLS_ERROR',
      ],
      [
        { name: 'a', kubeconfig: tlsSim.kubeconfig().replace(tlsSim.tokens.admin, 'wrong-token') },
        502,
        'CLUSTER_UNAUTHORIZED',
      ],
      [
        {
          name: 'a',
          kubeconfig: sim
            .kubeconfig()
            .replace(/token: .*/, 'exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/echo}'),
        },
        400,
        'EXEC_CREDENTIALS_DISABLED',
      ],
      [
        {
          name: 'a',
          kubeconfig: sim
            .kubeconfig()
            .replace(/certificate-authority-data: .*|server: /, 'certificate-authority: /etc/passwd\n    server: '),
        },
        400,
        'KUBECONFIG_FILE_REFERENCE',
      ],
      [{ name: '', kubeconfig: sim.kubeconfig() }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect({ status: res.status, code: json.error.code }, json.error.message).toEqual({ status, code });
    }
    expect((await (await server.fetch('/api/clusters', { token })).json()) as { clusters: unknown[] }).toMatchObject({
      clusters: [{ name: 'east' }],
    });
  });

  it('lists, gets, renames, checks health and deletes; a down cluster answers fast', async () => {
    const created = (await (await post({ name: 'plain', kubeconfig: sim.kubeconfig() })).json()) as { id: string };
    const list = (await (await server.fetch('/api/clusters', { token })).json()) as {
      clusters: Array<{ name: string }>;
    };
    expect(list.clusters.map((c) => c.name)).toEqual(['east', 'plain']);
    const renamed = await server.fetch(`/api/clusters/${created.id}`, {
      method: 'PUT',
      token,
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"west"}',
    });
    expect(((await renamed.json()) as { name: string }).name).toBe('west');
    const dup = await server.fetch(`/api/clusters/${created.id}`, {
      method: 'PUT',
      token,
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"EAST"}',
    });
    expect(dup.status).toBe(409);
    const health = (await (await server.fetch(`/api/clusters/${created.id}/health`, { token })).json()) as Record<
      string,
      unknown
    >;
    expect(health).toMatchObject({ status: 'connected', error_code: null });
    expect(typeof health.latency_ms).toBe('number');

    const down = await startKubeSim({ scenario: 'empty' });
    const downId = ((await (await post({ name: 'down', kubeconfig: down.kubeconfig() })).json()) as { id: string }).id;
    await down.close();
    const t0 = Date.now();
    const r = await server.fetch(`/api/clusters/${downId}/resources/core/v1/configmaps?namespace=default`, { token });
    expect(r.status).toBe(502);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('CLUSTER_UNREACHABLE');
    expect(Date.now() - t0).toBeLessThan(2000);
    const h = (await (await server.fetch(`/api/clusters/${downId}/health`, { token })).json()) as Record<
      string,
      unknown
    >;
    expect(h).toMatchObject({ status: 'disconnected', error_code: 'CLUSTER_UNREACHABLE' });

    expect((await server.fetch(`/api/clusters/${created.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await server.fetch(`/api/clusters/${created.id}`, { token })).status).toBe(404);
  });
});
