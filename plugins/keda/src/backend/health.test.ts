/**
 * KEDA health by the reference's rules (../shared/reference/operators.md §3): its example objects, the
 * demo scenario's seeded objects (what a user sees on a fresh `npm start`), and one case per rule.
 */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledJobHealth, scaledObjectHealth, triggerAuthenticationHealth } from './health.js';
import type { KedaCondition, ScaledJob, ScaledObject, TriggerAuthentication } from './keda-types.js';

const cond = (type: string, status: string, reason?: string, message?: string): KedaCondition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

function so(
  conditions: KedaCondition[],
  extra: {
    health?: Record<string, { status: string; numberOfFailures: number }>;
    annotations?: Record<string, string>;
  } = {},
): ScaledObject {
  return {
    metadata: { name: 'x', namespace: 'ns', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { scaleTargetRef: { name: 'x' } },
    status: { conditions, ...(extra.health ? { health: extra.health } : {}) },
  };
}

// The reference's example objects, as written there.
const reference = {
  ordersConsumer: {
    metadata: { name: 'orders-consumer', namespace: 'shop' },
    spec: { scaleTargetRef: { name: 'orders-consumer' }, minReplicaCount: 1, maxReplicaCount: 20 },
    status: {
      hpaName: 'keda-hpa-orders-consumer',
      health: { 's0-rabbitmq-orders': { status: 'Happy', numberOfFailures: 0 } },
      conditions: [
        cond('Ready', 'True', 'ScaledObjectReady'),
        cond('Active', 'True', 'ScalerActive'),
        cond('Fallback', 'False'),
        cond('Paused', 'False'),
      ],
    },
  },
  reportWorker: {
    metadata: {
      name: 'report-worker',
      namespace: 'analytics',
      annotations: { 'autoscaling.keda.sh/paused-replicas': '0' },
    },
    spec: { scaleTargetRef: { name: 'report-worker' } },
    status: {
      pausedReplicaCount: 0,
      hpaName: 'keda-hpa-report-worker',
      conditions: [cond('Ready', 'True'), cond('Paused', 'True', 'ScaledObjectPaused')],
    },
  },
  api: {
    metadata: { name: 'api', namespace: 'shop' },
    spec: { scaleTargetRef: { name: 'api' }, fallback: { failureThreshold: 3, replicas: 6 } },
    status: {
      hpaName: 'keda-hpa-api',
      health: { 's0-prometheus': { status: 'Failing', numberOfFailures: 7 } },
      conditions: [
        cond('Ready', 'True'),
        cond('Active', 'False', 'ScalerNotActive'),
        cond('Fallback', 'True', 'FallbackExists'),
      ],
    },
  },
} satisfies Record<string, ScaledObject>;

describe('ScaledObject health', () => {
  it.each([
    ['orders-consumer (reference)', reference.ordersConsumer, 'Healthy', /scaling/],
    ['report-worker (reference)', reference.reportWorker, 'Paused', /paused at 0 replicas/],
    ['api (reference)', reference.api, 'Degraded', /Fallback active: FallbackExists.*s0-prometheus \(7 failures\)/],
  ] as const)('%s is %s', (_, object, status, reason) => {
    const h = scaledObjectHealth(object);
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });

  it.each([
    [
      'Ready=False (ScaledObjectCheckFailed)',
      so([cond('Ready', 'False', 'ScaledObjectCheckFailed', 'target not found')]),
      'Failed',
      /ScaledObjectCheckFailed: target not found/,
    ],
    ['Ready=False (TriggerError)', so([cond('Ready', 'False', 'TriggerError')]), 'Failed', /TriggerError/],
    [
      'Ready=False wins over Paused',
      so([cond('Ready', 'False', 'ErrorGettingCurrentReplicas'), cond('Paused', 'True')]),
      'Failed',
      /ErrorGettingCurrentReplicas/,
    ],
    [
      'Ready=Unknown (PartialTriggerError)',
      so([cond('Ready', 'Unknown', 'PartialTriggerError', 'one trigger failed')]),
      'Degraded',
      /PartialTriggerError/,
    ],
    [
      'Fallback=True',
      so([cond('Ready', 'True'), cond('Fallback', 'True', 'FallbackExists')]),
      'Degraded',
      /Fallback active/,
    ],
    [
      'a failing trigger',
      so([cond('Ready', 'True'), cond('Active', 'True')], {
        health: { 's0-kafka': { status: 'Failing', numberOfFailures: 2 } },
      }),
      'Degraded',
      /s0-kafka \(2 failures\)/,
    ],
    [
      'Paused=True without replicas',
      so([cond('Ready', 'True'), cond('Paused', 'True')], { annotations: { 'autoscaling.keda.sh/paused': 'true' } }),
      'Paused',
      /frozen/,
    ],
    [
      'Paused=True at 3 (annotation)',
      so([cond('Ready', 'True'), cond('Paused', 'True')], {
        annotations: { 'autoscaling.keda.sh/paused-replicas': '3' },
      }),
      'Paused',
      /at 3 replicas/,
    ],
    [
      'Paused=True wins over a fallback reported before the pause',
      so([cond('Ready', 'True'), cond('Fallback', 'True', 'FallbackExists'), cond('Paused', 'True')], {
        annotations: { 'autoscaling.keda.sh/paused-replicas': '2' },
      }),
      'Paused',
      /^Autoscaling paused at 2 replicas \(before: Fallback active: FallbackExists\)$/,
    ],
    [
      'paused "false" is no pause',
      so([cond('Ready', 'True'), cond('Active', 'True'), cond('Paused', 'False')], {
        annotations: { 'autoscaling.keda.sh/paused': 'false' },
      }),
      'Healthy',
      /scaling/,
    ],
    ['Ready=True, Active=False', so([cond('Ready', 'True'), cond('Active', 'False')]), 'Healthy', /idle/],
    [
      'freshly created (all Unknown, no reason)',
      so([cond('Ready', 'Unknown'), cond('Active', 'Unknown')]),
      'Progressing',
      /not checked/,
    ],
    ['no status yet', { metadata: { name: 'x' } }, 'Unknown', /no conditions/],
  ] as const)('%s → %s', (_, object, status, reason) => {
    const h = scaledObjectHealth(object as ScaledObject);
    expect(h.status).toBe(status);
    expect(h.reason).toMatch(reason);
  });
});

describe('ScaledJob health', () => {
  const sj = (conditions: KedaCondition[]): ScaledJob => ({
    metadata: { name: 'j', namespace: 'ns' },
    status: { conditions },
  });
  it.each([
    ['Ready=False', sj([cond('Ready', 'False', 'ScaledJobCheckFailed')]), 'Failed'],
    ['Ready=Unknown with a reason', sj([cond('Ready', 'Unknown', 'PartialTriggerError')]), 'Degraded'],
    ['Paused=True', sj([cond('Ready', 'True'), cond('Paused', 'True', 'ScaledJobPaused')]), 'Paused'],
    ['Ready=True, Active=True', sj([cond('Ready', 'True'), cond('Active', 'True')]), 'Healthy'],
  ] as const)('%s → %s', (_, object, status) => {
    expect(scaledJobHealth(object).status).toBe(status);
  });
});

describe('TriggerAuthentication health', () => {
  const ta: TriggerAuthentication = {
    metadata: { name: 'rabbitmq-auth', namespace: 'shop' },
    spec: { secretTargetRef: [{ parameter: 'host', name: 'rabbitmq-conn', key: 'amqp-url' }] },
  };
  it('is Healthy when its Secret and key exist', () => {
    expect(triggerAuthenticationHealth(ta, new Map([['rabbitmq-conn', ['amqp-url']]]))).toEqual({
      status: 'Healthy',
      reason: 'Credentials from secrets',
    });
  });
  it('warns on a missing Secret or key', () => {
    expect(triggerAuthenticationHealth(ta, new Map())).toEqual({
      status: 'Degraded',
      reason: 'Secret rabbitmq-conn not found',
    });
    expect(triggerAuthenticationHealth(ta, new Map([['rabbitmq-conn', ['other']]])).reason).toBe(
      'Secret rabbitmq-conn has no key amqp-url',
    );
  });
  it('is Degraded when it names no credentials at all', () => {
    expect(triggerAuthenticationHealth({ metadata: { name: 'empty' }, spec: {} }).status).toBe('Degraded');
  });
  it('accepts pod identity without Secrets', () => {
    const h = triggerAuthenticationHealth({
      metadata: { name: 'wi' },
      spec: { podIdentity: { provider: 'azure-workload' } },
    });
    expect(h).toEqual({ status: 'Healthy', reason: 'Credentials from pod identity (azure-workload)' });
  });
});

describe("the demo scenario's KEDA objects", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'demo', controllers: false });
  });
  afterAll(() => sim.close());
  const keda = (resource: string, kind: string) =>
    sim.store.list({ group: 'keda.sh', version: 'v1alpha1', resource, kind, namespaced: true }).items;

  it('show the health the reference gives them', () => {
    const health = Object.fromEntries(
      keda('scaledobjects', 'ScaledObject').map((o) => [
        `${o.metadata.namespace}/${o.metadata.name}`,
        scaledObjectHealth(o as unknown as ScaledObject),
      ]),
    );
    expect(health['shop/orders-consumer']?.status).toBe('Healthy');
    expect(health['analytics/report-worker']).toEqual({ status: 'Paused', reason: 'Autoscaling paused at 0 replicas' });
    expect(health['shop/api']?.status).toBe('Degraded');
    expect(health['shop/api']?.reason).toContain('Fallback active: FallbackExists');
    expect(health['shop/api']?.reason).toContain('holding 6 fallback replicas');
  });

  it("find rabbitmq-auth's Secret and key", () => {
    const [ta] = keda('triggerauthentications', 'TriggerAuthentication');
    const secrets = sim.store
      .list({ group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true }, { namespace: 'shop' })
      .items.map((s) => [s.metadata.name ?? '', Object.keys((s as { data?: object }).data ?? {})] as const);
    expect(triggerAuthenticationHealth(ta as unknown as TriggerAuthentication, new Map(secrets)).status).toBe(
      'Healthy',
    );
  });
});
