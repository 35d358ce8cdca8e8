/**
 * The operator toolkit end to end: a test-only plugin declares CloudNativePG's Cluster kind (with a
 * test-only health rule) and three actions; the real server serves it over kube-sim's demo scenario. Lists
 * come from the watch cache filtered by namespace grants, a viewer is refused an action, an operator's
 * action runs as that user through the kubectl gateway (audited under them), and the object's state can
 * refuse an action (409).
 */
import { defineOperatorKind, defineOperatorPlugin, health, type OperatorObject } from '@argus/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type PluginTestKit, startPluginTestKit, type TestUser, waitFor } from '../test-support/plugin-test-kit.js';

interface PgCluster extends OperatorObject {
  spec: { instances: number };
  status?: { phase?: string; instances?: number; readyInstances?: number; currentPrimary?: string };
}

const ACTIONS = ['switchover', 'backup-now', 'hibernate'] as const;
const manifest = {
  id: 'pgtest',
  name: 'PostgreSQL (test)',
  version: '1.0.0',
  sdk: '^1.0.0',
  requires: [{ group: 'postgresql.cnpg.io', resource: 'clusters' }],
  permissions: [
    {
      resource: 'pgtest.clusters',
      actions: ['read', 'operate'],
      description: 'PostgreSQL clusters (test)',
      default_roles: { viewer: ['read'], operator: ['read', 'operate'] },
    },
  ],
  resources: {
    permission: { resource: 'pgtest.clusters', action: 'read' },
    kinds: [
      {
        group: 'postgresql.cnpg.io',
        resource: 'clusters',
        actions: ACTIONS.map((id) => ({
          id,
          permission: { resource: 'pgtest.clusters', action: 'operate' },
          description: `${id} (test)`,
        })),
      },
    ],
  },
};

const clusters = defineOperatorKind<PgCluster>({
  group: 'postgresql.cnpg.io',
  version: 'v1',
  plural: 'clusters',
  kind: 'Cluster',
  namespaced: true,
  health(c) {
    if (c.metadata.annotations?.['cnpg.io/hibernation'] === 'on') return health('Paused', 'Hibernated');
    const s = c.status ?? {};
    if (s.phase !== 'Cluster in healthy state') return health('Progressing', s.phase ?? 'No status');
    return s.readyInstances === s.instances ? health('Healthy', s.phase) : health('Degraded', 'Not all ready');
  },
  summary: (c) => ({
    instances: `${c.status?.readyInstances ?? 0}/${c.spec.instances}`,
    primary: c.status?.currentPrimary,
  }),
  actions: {
    switchover: {
      label: 'Switch over',
      params: z.object({ target: z.string().min(1) }),
      confirm: (c) => `Clients of ${c.metadata.name}-rw reconnect.`,
      available: (c, p: { target: string } | undefined) =>
        p?.target === c.status?.currentPrimary ? `${p?.target} is the primary already` : true,
      patch: (_c, p: { target: string }, now) => ({
        subresource: 'status',
        body: {
          status: {
            targetPrimary: p.target,
            targetPrimaryTimestamp: now.toISOString(),
            phase: 'Switchover in progress',
            phaseReason: `Switching over to ${p.target}`,
          },
        },
      }),
    },
    'backup-now': {
      label: 'Back up now',
      create: (c) => ({
        resource: 'backups',
        body: {
          apiVersion: 'postgresql.cnpg.io/v1',
          kind: 'Backup',
          metadata: { name: `${c.metadata.name}-kit` },
          spec: { cluster: { name: c.metadata.name }, method: 'plugin' },
        },
      }),
    },
    hibernate: {
      label: 'Hibernate',
      confirm: 'Deletes the pods.',
      available: (c) => (c.metadata.annotations?.['cnpg.io/hibernation'] === 'on' ? 'Hibernated already' : true),
      patch: () => ({ body: { metadata: { annotations: { 'cnpg.io/hibernation': 'on' } } } }),
    },
  },
});

const plugin = defineOperatorPlugin({ manifest, kinds: [clusters] });

let kit: PluginTestKit;
let viewer: TestUser;
let paymentsOperator: TestUser;

beforeAll(async () => {
  kit = await startPluginTestKit({ plugins: [plugin], sim: { scenario: 'demo' } });
  [viewer, paymentsOperator] = await Promise.all([
    kit.user('vera', [{ role: 'viewer' }]),
    kit.user('otto', [{ role: 'operator', namespace: 'payments' }]),
  ]);
});
afterAll(() => kit?.close());

describe('reading through the toolkit', () => {
  it('lists the clusters with their health and summary, only in the namespaces the caller may read', async () => {
    const all = await kit.call(viewer, 'GET', '/resources/clusters');
    expect(all.status).toBe(200);
    const byName = Object.fromEntries(all.body.items.map((i: PgCluster) => [i.metadata.name, i]));
    expect(byName['pg-main']).toMatchObject({
      kind: 'Cluster',
      metadata: { namespace: 'payments' },
      health: { status: 'Healthy', reason: 'Cluster in healthy state' },
      summary: { instances: '3/3', primary: 'pg-main-1' },
    });
    expect(byName['pg-reporting']?.health).toEqual({ status: 'Progressing', reason: 'Creating a new replica' });

    const scoped = await kit.call(paymentsOperator, 'GET', '/resources/clusters');
    expect(scoped.status).toBe(200);
    expect(scoped.body.items.map((i: PgCluster) => i.metadata.namespace)).toEqual(['payments']);
    expect((await kit.call(paymentsOperator, 'GET', '/resources/clusters?namespace=analytics')).status).toBe(403);
    expect(
      (await kit.call(paymentsOperator, 'GET', '/resources/clusters/pg-reporting?namespace=analytics')).status,
    ).toBe(403);
  });

  it('shows one object with the actions the caller may run, and 404s', async () => {
    const one = await kit.call(viewer, 'GET', '/resources/clusters/pg-main?namespace=payments');
    expect(one.status).toBe(200);
    expect(one.body.health.status).toBe('Healthy');
    const switchover = one.body.actions.find((a: { id: string }) => a.id === 'switchover');
    expect(switchover).toMatchObject({
      label: 'Switch over',
      allowed: false,
      available: true,
      confirm: 'Clients of pg-main-rw reconnect.',
      params_schema: { type: 'object', required: ['target'] },
    });
    const mine = await kit.call(paymentsOperator, 'GET', '/resources/clusters/pg-main?namespace=payments');
    expect(mine.body.actions.map((a: { allowed: boolean }) => a.allowed)).toEqual([true, true, true]);
    expect((await kit.call(viewer, 'GET', '/resources/clusters/nope?namespace=payments')).body.error.code).toBe(
      'NOT_FOUND',
    );
    expect((await kit.call(viewer, 'GET', '/resources/poolers')).body.error.code).toBe('UNKNOWN_KIND');
    expect((await kit.call(viewer, 'GET', '/resources/clusters/pg-main')).status).toBe(400);
  });
});

describe('actions', () => {
  const action = (user: TestUser, name: string, id: string, body?: unknown, ns = 'payments') =>
    kit.call(user, 'POST', `/resources/clusters/${name}/actions/${id}?namespace=${ns}`, body ?? {});

  it('refuses a viewer (403) and unknown actions or objects (404)', async () => {
    const denied = await action(viewer, 'pg-main', 'switchover', { params: { target: 'pg-main-2' } });
    expect(denied.status).toBe(403);
    expect((await action(paymentsOperator, 'pg-main', 'explode')).body.error.code).toBe('ACTION_NOT_FOUND');
    expect((await action(paymentsOperator, 'pg-nope', 'hibernate')).body.error.code).toBe('NOT_FOUND');
    // another namespace: the operator's grant does not reach it
    expect((await action(paymentsOperator, 'pg-reporting', 'hibernate', {}, 'analytics')).status).toBe(403);
    expect(
      (await kit.call(viewer, 'GET', '/resources/clusters/pg-main?namespace=payments')).body.metadata.annotations?.[
        'cnpg.io/hibernation'
      ],
    ).toBeUndefined();
  });

  it('checks params and the object state (400, 409 with the reason)', async () => {
    const bad = await action(paymentsOperator, 'pg-main', 'switchover', { params: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('params.target');
    const refused = await action(paymentsOperator, 'pg-main', 'switchover', { params: { target: 'pg-main-1' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'ACTION_NOT_AVAILABLE', message: 'pg-main-1 is the primary already' });
  });

  it('patches the status subresource as the calling user, audited under them', async () => {
    const done = await action(paymentsOperator, 'pg-main', 'switchover', { params: { target: 'pg-main-2' } });
    expect(done.status).toBe(200);
    expect(done.body.result.status).toMatchObject({ targetPrimary: 'pg-main-2' });
    const kubectl = await kit.sim.kubectl.run([
      'get',
      'clusters.postgresql.cnpg.io',
      'pg-main',
      '-n',
      'payments',
      '-o',
      'json',
    ]);
    expect(JSON.parse(kubectl.stdout).status.targetPrimary).toBe('pg-main-2');
    const rows = await kit.audit({ user: paymentsOperator });
    expect(rows).toContainEqual(
      expect.objectContaining({
        user_id: paymentsOperator.id,
        method: 'PATCH',
        path: expect.stringContaining('/k8s/apis/postgresql.cnpg.io/v1/namespaces/payments/clusters/pg-main/status'),
        outcome: 'success',
      }),
    );
  });

  it('creates another object (a Backup) and patches annotations; the list shows the new state', async () => {
    const backup = await action(paymentsOperator, 'pg-main', 'backup-now');
    expect(backup.status).toBe(200);
    expect(backup.body.result).toMatchObject({
      kind: 'Backup',
      metadata: { name: 'pg-main-kit', namespace: 'payments' },
    });
    const got = await kit.sim.kubectl.run(['get', 'backups.postgresql.cnpg.io', 'pg-main-kit', '-n', 'payments']);
    expect(got.code).toBe(0);
    expect((await action(paymentsOperator, 'pg-main', 'backup-now')).body.error.code).toBe('ALREADY_EXISTS');

    expect((await action(paymentsOperator, 'pg-main', 'hibernate')).status).toBe(200);
    await waitFor(async () => {
      const one = await kit.call(viewer, 'GET', '/resources/clusters/pg-main?namespace=payments');
      return one.body.health?.status === 'Paused';
    });
    const again = await action(paymentsOperator, 'pg-main', 'hibernate');
    expect(again.body.error).toEqual({ code: 'ACTION_NOT_AVAILABLE', message: 'Hibernated already' });
  });
});
