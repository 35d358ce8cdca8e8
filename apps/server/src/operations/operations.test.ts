/**
 * The operations routes against the real server and kube-sim, with the real kubectl agreeing: describe,
 * revisions and rollback (kubectl rollout history and the objects' images), scale, restart, trigger; writes
 * audited under the calling user; a viewer is refused, and an operator of one namespace outside it.
 */
import type { RevisionsResponse } from '@argus/contracts';
import type { Kubectl } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterTestServer } from '../test-support/cluster-test-kit.js';
import { type OperationsFixture, startOperationsFixture, until } from '../test-support/operations-fixture.js';

describe('operations: describe, rollback, scale, restart, trigger', () => {
  let f: OperationsFixture;
  let s: ClusterTestServer;
  let kubectl: Kubectl;
  let id = '';
  let viewer = '';
  let shopOperator = '';
  const api = <T = unknown>(method: string, path: string, token: string, body?: unknown) =>
    f.api<T>(method, path, token, body);
  const res = (resource: string) => f.res(resource);
  const kget = (args: string[]) => f.kget(args);

  beforeAll(async () => {
    f = await startOperationsFixture();
    ({ s, kubectl, id, viewer, shopOperator } = f);
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('describes an object with its fields and events', async () => {
    const d = await api<{ text: string }>('GET', `${res('deployments')}/web/describe?namespace=shop`, viewer);
    expect(d.status).toBe(200);
    expect(d.body.text).toMatch(/^Name:\s+web$/m);
    expect(d.body.text).toMatch(/^Namespace:\s+shop$/m);
    expect(d.body.text).toMatch(/^\s+Image:\s+nginx:1\.27$/m);
    expect(d.body.text).toMatch(/^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
    expect(d.body.text).toMatch(/^Selector:\s+app=web$/m);
    expect(d.body.text).toMatch(/^Events:/m);
    const node = await api<{ text: string }>('GET', `${res('nodes')}/worker-1/describe`, s.adminToken);
    expect(node.body.text).toMatch(/memory:\s+31\.2 GiB/);
    // a Secret: its keys and sizes only, never a value (not even in kubectl apply's last-applied annotation)
    const secret = await api<{ text: string }>(
      'GET',
      `/api/clusters/${id}/resources/core/v1/secrets/creds/describe?namespace=shop`,
      viewer,
    );
    expect(secret.status).toBe(200);
    expect(secret.body.text).toMatch(/^password:\s+20 bytes$/m);
    expect(secret.body.text).not.toContain('hunter2');
    expect(secret.body.text).not.toContain('aHVudGVy');
    const missing = await api('GET', `${res('deployments')}/nope/describe?namespace=shop`, viewer);
    expect(missing.status).toBe(404);
  });

  it('lists revisions and rolls back to the previous one, as kubectl rollout undo', async () => {
    const revs = await api<RevisionsResponse>('GET', `${res('deployments')}/web/revisions?namespace=shop`, viewer);
    expect(revs.status).toBe(200);
    expect(revs.body.items.map((r) => [r.revision, r.images, r.current])).toEqual([
      [2, ['nginx:1.27'], true],
      [1, ['nginx:1.26'], false],
    ]);
    expect((await api('POST', `${res('deployments')}/web/rollback?namespace=shop`, viewer, {})).status).toBe(403);
    const none = await api<{ error: { code: string } }>(
      'POST',
      `${res('deployments')}/web/rollback?namespace=shop`,
      shopOperator,
      { revision: 9 },
    );
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('REVISION_NOT_FOUND');

    const undo = await api<{ revision: number }>(
      'POST',
      `${res('deployments')}/web/rollback?namespace=shop`,
      shopOperator,
      {},
    );
    expect(undo.status).toBe(200);
    expect(undo.body.revision).toBe(1);
    expect(
      await kget(['deployment', '-n', 'shop', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']),
    ).toBe('nginx:1.26');
    await until(
      'rollout',
      async () => (await kubectl.run(['rollout', 'status', '-n', 'shop', 'deployment/web', '--timeout=5s'])).code === 0,
    );
    const history = (await kubectl.run(['rollout', 'history', '-n', 'shop', 'deployment/web'])).stdout;
    // kubectl: the rolled-back template becomes revision 3 (1 is reused)
    expect(history).toMatch(/^2\s/m);
    expect(history).toMatch(/^3\s/m);
    const after = await api<RevisionsResponse>('GET', `${res('deployments')}/web/revisions?namespace=shop`, viewer);
    expect(after.body.items[0]).toMatchObject({ revision: 3, images: ['nginx:1.26'], current: true });

    const unsupported = await api<{ error: { code: string } }>(
      'GET',
      `/api/clusters/${id}/resources/core/v1/configmaps/x/revisions?namespace=shop`,
      viewer,
    );
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error.code).toBe('OPERATION_NOT_SUPPORTED');
  });

  it('rolls a StatefulSet back through its ControllerRevisions, as kubectl rollout history sees them', async () => {
    await kubectl.run(['set', 'image', '-n', 'shop', 'statefulset/cache', 'redis=redis:7.2']);
    await until('two revisions', async () => {
      const r = await api<RevisionsResponse>('GET', `${res('statefulsets')}/cache/revisions?namespace=shop`, viewer);
      return r.body.items.length === 2;
    });
    const revs = await api<RevisionsResponse>('GET', `${res('statefulsets')}/cache/revisions?namespace=shop`, viewer);
    expect(revs.body.items.map((r) => [r.revision, r.images, r.current])).toEqual([
      [2, ['redis:7.2'], true],
      [1, ['redis:7.0'], false],
    ]);
    const undo = await api<{ revision: number }>(
      'POST',
      `${res('statefulsets')}/cache/rollback?namespace=shop`,
      shopOperator,
      { revision: 1 },
    );
    expect(undo).toEqual({ status: 200, body: { revision: 1 } });
    expect(
      await kget(['statefulset', '-n', 'shop', 'cache', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']),
    ).toBe('redis:7.0');
    // a DaemonSet's history too
    await kubectl.run(['set', 'image', '-n', 'shop', 'daemonset/agent', 'agent=fluent-bit:3.1']);
    await until('daemonset revisions', async () => {
      const r = await api<RevisionsResponse>('GET', `${res('daemonsets')}/agent/revisions?namespace=shop`, viewer);
      return r.body.items.length === 2 && r.body.items[0]?.images[0] === 'fluent-bit:3.1';
    });
    await until('revision 3', async () =>
      /^3\s/m.test((await kubectl.run(['rollout', 'history', '-n', 'shop', 'statefulset/cache'])).stdout),
    );
  });

  it('audits the writes under the calling user', async () => {
    await until('audit rows', async () => {
      const log = await api<{ items: { user_email: string | null; method: string; path: string; outcome: string }[] }>(
        'GET',
        `/api/audit-log?cluster_id=${id}&limit=200`,
        s.adminToken,
      );
      return log.body.items.some(
        (e) =>
          e.user_email === 'shop-operator@example.com' &&
          e.method === 'PATCH' &&
          e.path.includes('/k8s/apis/apps/v1/namespaces/shop/deployments/web') &&
          e.outcome === 'success',
      );
    });
  });

  it('scales, restarts and triggers as the caller, only in its namespace', async () => {
    const scaled = await api<{ replicas: number }>(
      'POST',
      `${res('deployments')}/web/scale?namespace=shop`,
      shopOperator,
      {
        replicas: 3,
      },
    );
    expect(scaled).toEqual({ status: 200, body: { replicas: 3 } });
    expect(await kget(['deployment', '-n', 'shop', 'web', '-o', 'jsonpath={.spec.replicas}'])).toBe('3');
    // The short-lived key the write went through the gateway with is gone, not left in the user's list.
    const keys = await api<{ items: unknown[] }>('GET', '/api/auth/api-keys', shopOperator);
    expect(keys.body.items).toEqual([]);
    const bad = await api<{ error: { code: string } }>(
      'POST',
      `${res('deployments')}/web/scale?namespace=shop`,
      shopOperator,
      {
        replicas: -1,
      },
    );
    expect(bad.status).toBe(400);

    const outside = await api('POST', `${res('deployments')}/ledger/scale?namespace=payments`, shopOperator, {
      replicas: 0,
    });
    expect(outside.status).toBe(403);
    expect(await kget(['deployment', '-n', 'payments', 'ledger', '-o', 'jsonpath={.spec.replicas}'])).toBe('1');

    const restarted = await api<{ restarted_at: string }>(
      'POST',
      `${res('deployments')}/web/restart?namespace=shop`,
      shopOperator,
    );
    expect(restarted.status).toBe(200);
    expect(
      await kget([
        'deployment',
        '-n',
        'shop',
        'web',
        '-o',
        'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
      ]),
    ).toBe(restarted.body.restarted_at);

    const triggered = await api<{ job: { namespace: string; name: string } }>(
      'POST',
      `${res('cronjobs')}/report/trigger?namespace=shop`,
      shopOperator,
    );
    expect(triggered.status).toBe(200);
    expect(triggered.body.job.name).toMatch(/^report-manual-[0-9a-f]{4}$/);
    expect(
      await kget(['job', '-n', 'shop', triggered.body.job.name, '-o', 'jsonpath={.metadata.ownerReferences[0].name}']),
    ).toBe('report');
    await api('POST', `${res('deployments')}/web/scale?namespace=shop`, s.adminToken, { replicas: 2 });
    await until(
      'two web pods',
      async () => (await kubectl.run(['rollout', 'status', '-n', 'shop', 'deployment/web', '--timeout=5s'])).code === 0,
    );
  });
});
