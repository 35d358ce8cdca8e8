/**
 * End to end through the real server (plugin test kit) over kube-sim's demo scenario: KEDA's objects with
 * the reference's health, the HPAs KEDA made, the trigger authentications' Secrets (names only); pause and
 * resume as an operator, through the kubectl gateway (real kubectl reads the result back; the audit log
 * names the operator); a viewer refused; a namespace-scoped user sees only its namespace.
 */
import { type PluginTestKit, startPluginTestKit, type TestUser, waitFor } from '@argus/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
type Json = any;

let kit: PluginTestKit;
let operator: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  kit = await startPluginTestKit({ plugins: [plugin], sim: { scenario: 'demo' } });
  [operator, viewer] = await Promise.all([
    kit.user('keda-operator', [{ role: 'operator' }]),
    kit.user('keda-viewer', [{ role: 'viewer' }]),
  ]);
});

afterAll(() => kit?.close());

const annotations = async (ns: string, name: string): Promise<Record<string, string>> => {
  const r = await kit.sim.kubectl.run([
    'get',
    'scaledobject',
    name,
    '-n',
    ns,
    '-o',
    'jsonpath={.metadata.annotations}',
  ]);
  return r.stdout ? JSON.parse(r.stdout) : {};
};

describe('reading', () => {
  it('lists ScaledObjects with the health the reference gives them', async () => {
    const r = await kit.call(viewer, 'GET', '/resources/scaledobjects');
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.items.map((i: Json) => [`${i.metadata.namespace}/${i.metadata.name}`, i]));
    expect(by['shop/orders-consumer'].health).toEqual({
      status: 'Healthy',
      reason: 'Ready, scaling: triggers are active',
    });
    expect(by['analytics/report-worker'].health).toEqual({
      status: 'Paused',
      reason: 'Autoscaling paused at 0 replicas',
    });
    expect(by['shop/api'].health.status).toBe('Degraded');
    expect(by['shop/api'].health.reason).toMatch(/^Fallback active: FallbackExists/);
    expect(by['shop/orders-consumer'].summary).toMatchObject({
      target: { kind: 'Deployment', name: 'orders-consumer' },
      min: 1,
      max: 20,
      hpaName: 'keda-hpa-orders-consumer',
      triggers: [{ type: 'rabbitmq', authentication: { kind: 'TriggerAuthentication', name: 'rabbitmq-auth' } }],
    });
  });

  it('shows the HPA KEDA made with its current and desired replicas', async () => {
    const r = await kit.call(viewer, 'GET', '/hpas?namespace=shop&scaledobject=api');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      expect.objectContaining({ scaledObject: 'api', name: 'keda-hpa-api', currentReplicas: 6, desiredReplicas: 6 }),
    ]);
  });

  it('checks the Secrets a trigger authentication names, by name and key only', async () => {
    const r = await kit.call(viewer, 'GET', '/authentications');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      {
        kind: 'TriggerAuthentication',
        namespace: 'shop',
        name: 'rabbitmq-auth',
        health: { status: 'Healthy', reason: 'Credentials from secrets' },
        secrets: [{ namespace: 'shop', name: 'rabbitmq-conn', keys: ['amqp-url'], found: true, missingKeys: [] }],
      },
    ]);
    expect(r.text).not.toContain('amqp://');
  });

  it('shows a namespace-scoped user only its namespace', async () => {
    const scoped = await kit.user('keda-analytics', [{ role: 'viewer', namespace: 'analytics' }]);
    const list = await kit.call(scoped, 'GET', '/resources/scaledobjects');
    expect(list.body.items.map((i: Json) => i.metadata.name)).toEqual(['report-worker']);
    expect((await kit.call(scoped, 'GET', '/resources/scaledobjects/api?namespace=shop')).status).toBe(403);
    // KEDA removed report-worker's HPA while it is paused: the shop HPAs stay hidden.
    expect((await kit.call(scoped, 'GET', '/hpas')).body.items).toEqual([]);
    expect((await kit.call(scoped, 'GET', '/authentications')).body.items).toEqual([]);
    expect((await kit.call(scoped, 'GET', '/resources/clustertriggerauthentications')).body.items).toEqual([]);
  });
});

describe('pause and resume', () => {
  it('offers a viewer no action and refuses one', async () => {
    const detail = await kit.call(viewer, 'GET', '/resources/scaledobjects/api?namespace=shop');
    expect(detail.body.actions.map((a: Json) => [a.id, a.allowed])).toEqual([
      ['pause', false],
      ['resume', false],
    ]);
    const denied = await kit.call(viewer, 'POST', '/resources/scaledobjects/api/actions/pause?namespace=shop', {});
    expect(denied.status).toBe(403);
    expect(await annotations('shop', 'api')).not.toHaveProperty(['autoscaling.keda.sh/paused']);
  });

  it('pauses at N replicas by KEDA annotation as the operator, audited under that user', async () => {
    const detail = await kit.call(operator, 'GET', '/resources/scaledobjects/api?namespace=shop');
    const pause = detail.body.actions.find((a: Json) => a.id === 'pause');
    expect(pause).toMatchObject({ allowed: true, available: true });
    expect(pause.confirm).toMatch(/^Pause autoscaling of shop\/api\?/);

    const r = await kit.call(operator, 'POST', '/resources/scaledobjects/api/actions/pause?namespace=shop', {
      params: { replicas: 2 },
    });
    expect(r.status).toBe(200);
    expect(await annotations('shop', 'api')).toMatchObject({ 'autoscaling.keda.sh/paused-replicas': '2' });

    // The action, and the patch it made through the kubectl gateway as the operator.
    const audit = await kit.audit({ user: operator });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user_email: 'keda-operator@example.com',
          path: expect.stringMatching(/\/resources\/scaledobjects\/api\/actions\/pause$/),
          namespace: 'shop',
          outcome: 'success',
        }),
        expect.objectContaining({
          user_email: 'keda-operator@example.com',
          method: 'PATCH',
          path: expect.stringMatching(/\/k8s\/apis\/keda\.sh\/v1alpha1\/namespaces\/shop\/scaledobjects\/api$/),
          outcome: 'success',
        }),
      ]),
    );

    // kube-sim's KEDA scales the Deployment to 2, sets Paused and removes its HPA.
    await waitFor(async () => {
      const d = await kit.call(operator, 'GET', '/resources/scaledobjects/api?namespace=shop');
      return d.body.health.status === 'Paused';
    });
    const paused = await kit.call(viewer, 'GET', '/resources/scaledobjects/api?namespace=shop');
    expect(paused.body.health.reason).toMatch(/^Autoscaling paused at 2 replicas/);
    const replicas = await kit.sim.kubectl.run([
      'get',
      'deployment',
      'api',
      '-n',
      'shop',
      '-o',
      'jsonpath={.spec.replicas}',
    ]);
    expect(replicas.stdout).toBe('2');
    expect((await kit.call(viewer, 'GET', '/hpas?namespace=shop&scaledobject=api')).body.items).toEqual([]);

    // Paused already: the state forbids a second pause.
    const twice = await kit.call(operator, 'POST', '/resources/scaledobjects/api/actions/pause?namespace=shop', {});
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
  });

  it('resumes by removing both annotations', async () => {
    const r = await kit.call(operator, 'POST', '/resources/scaledobjects/api/actions/resume?namespace=shop', {});
    expect(r.status).toBe(200);
    const a = await annotations('shop', 'api');
    expect(a).not.toHaveProperty(['autoscaling.keda.sh/paused-replicas']);
    expect(a).not.toHaveProperty(['autoscaling.keda.sh/paused']);
    // KEDA brings its HPA back and the fallback it reports holds again.
    await waitFor(async () => {
      const d = await kit.call(operator, 'GET', '/resources/scaledobjects/api?namespace=shop');
      return d.body.health.status === 'Degraded';
    });
    await waitFor(
      async () => (await kit.call(viewer, 'GET', '/hpas?namespace=shop&scaledobject=api')).body.items.length === 1,
    );
    const twice = await kit.call(operator, 'POST', '/resources/scaledobjects/api/actions/resume?namespace=shop', {});
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'ACTION_NOT_AVAILABLE' } } });
  });

  it('refuses a negative replica count', async () => {
    const r = await kit.call(operator, 'POST', '/resources/scaledobjects/api/actions/pause?namespace=shop', {
      params: { replicas: -1 },
    });
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });
});

describe('ScaledJobs and cluster trigger authentications', () => {
  beforeAll(async () => {
    const applied = await kit.sim.kubectl.run(['apply', '-f', '-'], {
      input: `apiVersion: keda.sh/v1alpha1
kind: ScaledJob
metadata: {name: thumbnailer, namespace: shop}
spec:
  jobTargetRef: {template: {spec: {containers: [{name: t, image: busybox}]}}}
  maxReplicaCount: 5
  scalingStrategy: {strategy: accurate}
  triggers: [{type: rabbitmq, metadata: {queueName: thumbs, value: "5"}, authenticationRef: {name: broker, kind: ClusterTriggerAuthentication}}]
---
apiVersion: keda.sh/v1alpha1
kind: ClusterTriggerAuthentication
metadata: {name: broker}
spec: {secretTargetRef: [{parameter: host, name: broker-conn, key: url}]}
`,
    });
    expect(applied.code, applied.stderr).toBe(0);
  });

  it('warns when a cluster trigger authentication names a Secret KEDA cannot find', async () => {
    await waitFor(async () => (await kit.call(kit.admin, 'GET', '/authentications')).body.items.length === 2);
    const r = await kit.call(kit.admin, 'GET', '/authentications');
    expect(r.body.items.find((i: Json) => i.name === 'broker')).toEqual({
      kind: 'ClusterTriggerAuthentication',
      namespace: null,
      name: 'broker',
      health: { status: 'Degraded', reason: 'Secret broker-conn not found' },
      secrets: [{ namespace: 'keda', name: 'broker-conn', keys: ['url'], found: false, missingKeys: ['url'] }],
    });
  });

  it('pauses a ScaledJob with the paused annotation, and resumes it', async () => {
    await waitFor(async () => (await kit.call(viewer, 'GET', '/resources/scaledjobs')).body.items.length === 1);
    const list = await kit.call(viewer, 'GET', '/resources/scaledjobs');
    expect(list.body.items[0].summary).toMatchObject({ max: 5, strategy: 'accurate', pause: { requested: false } });
    const path = '/resources/scaledjobs/thumbnailer/actions';
    expect((await kit.call(operator, 'POST', `${path}/pause?namespace=shop`, {})).status).toBe(200);
    const get = (p: string) =>
      kit.sim.kubectl.run(['get', 'scaledjob', 'thumbnailer', '-n', 'shop', '-o', `jsonpath=${p}`]);
    expect((await get("{.metadata.annotations['autoscaling\\.keda\\.sh/paused']}")).stdout).toBe('true');
    await waitFor(async () => {
      const d = await kit.call(operator, 'GET', '/resources/scaledjobs/thumbnailer?namespace=shop');
      return d.body.summary.pause.requested === true;
    });
    expect((await kit.call(operator, 'POST', `${path}/resume?namespace=shop`, {})).status).toBe(200);
    expect((await get('{.metadata.annotations}')).stdout).not.toContain('autoscaling.keda.sh/paused');
  });
});

describe('clusters without KEDA', () => {
  it('offers the plugin only where its CRDs exist', async () => {
    const bare = await kit.addCluster('no-keda', { scenario: 'empty' });
    const r = await kit.call(kit.admin, 'GET', '/api/plugins');
    const keda = r.body.plugins.find((p: Json) => p.id === 'keda');
    const on = (id: string) => keda.clusters.find((c: Json) => c.id === id)?.available;
    expect(on(kit.clusterId)).toBe(true);
    await waitFor(async () => {
      const again = await kit.call(kit.admin, 'GET', '/api/plugins');
      const k = again.body.plugins.find((p: Json) => p.id === 'keda');
      return k.clusters.find((c: Json) => c.id === bare.id)?.available === false;
    });
    const refused = await kit.call(kit.admin, 'GET', '/resources/scaledobjects', undefined, { cluster: bare.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'PLUGIN_NOT_AVAILABLE' } } });
  });
});
