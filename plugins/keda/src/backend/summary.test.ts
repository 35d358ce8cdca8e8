import { describe, expect, it } from 'vitest';
import type { ScaledObject, TriggerAuthentication } from './keda-types.js';
import { hpaView, safeMetadata, scaledObjectSummary, triggerAuthenticationSummary } from './summary.js';

describe('trigger metadata', () => {
  it('shows what a trigger watches but never an inline credential', () => {
    expect(
      safeMetadata({
        queueName: 'orders',
        value: '50',
        host: 'amqp://orders:hunter2@rabbitmq.shop.svc:5672/',
        password: 'hunter2',
        passwordFromEnv: 'RABBIT_PASSWORD',
        sasl: 'plaintext',
        'api-key': 'k-123',
        connectionString: 'Endpoint=sb://x/;SharedAccessKey=abc',
      }),
    ).toEqual({
      queueName: 'orders',
      value: '50',
      host: 'amqp://***@rabbitmq.shop.svc:5672/',
      password: '***',
      passwordFromEnv: 'RABBIT_PASSWORD',
      sasl: 'plaintext',
      'api-key': '***',
      connectionString: '***',
    });
  });
});

describe('ScaledObject summary', () => {
  const orders: ScaledObject = {
    metadata: { name: 'orders-consumer', namespace: 'shop' },
    spec: {
      scaleTargetRef: { name: 'orders-consumer' },
      minReplicaCount: 1,
      maxReplicaCount: 20,
      triggers: [
        {
          type: 'rabbitmq',
          metadata: { queueName: 'orders', mode: 'QueueLength', value: '50' },
          authenticationRef: { name: 'rabbitmq-auth' },
        },
      ],
    },
    status: {
      scaleTargetKind: 'apps/v1.Deployment',
      hpaName: 'keda-hpa-orders-consumer',
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'Active', status: 'True' },
      ],
    },
  };

  it('names the target, the bounds, the triggers and their authentication', () => {
    const s = scaledObjectSummary(orders);
    expect(s.target).toEqual({ kind: 'Deployment', name: 'orders-consumer' });
    expect([s.min, s.max, s.hpaName, s.activity]).toEqual([1, 20, 'keda-hpa-orders-consumer', 'scaling']);
    expect(s.triggers).toEqual([
      {
        type: 'rabbitmq',
        name: null,
        metadata: { queueName: 'orders', mode: 'QueueLength', value: '50' },
        authentication: { kind: 'TriggerAuthentication', name: 'rabbitmq-auth' },
      },
    ]);
    expect(s.pause).toEqual({ requested: false, replicas: null });
  });

  it("uses KEDA's defaults when the spec leaves them out", () => {
    const s = scaledObjectSummary({
      metadata: { name: 'w', namespace: 'ns' },
      spec: { scaleTargetRef: { name: 'w' } },
    });
    expect([s.target.kind, s.min, s.max, s.hpaName]).toEqual(['Deployment', 0, 100, 'keda-hpa-w']);
  });

  it('reports a requested pause at N replicas', () => {
    const s = scaledObjectSummary({
      ...orders,
      metadata: { ...orders.metadata, annotations: { 'autoscaling.keda.sh/paused-replicas': '2' } },
    });
    expect(s.pause).toEqual({ requested: true, replicas: 2 });
  });
});

describe('TriggerAuthentication summary', () => {
  it('lists the Secrets it references by name and key only', () => {
    const ta: TriggerAuthentication = {
      metadata: { name: 'rabbitmq-auth', namespace: 'shop' },
      spec: {
        secretTargetRef: [
          { parameter: 'host', name: 'rabbitmq-conn', key: 'amqp-url' },
          { parameter: 'password', name: 'rabbitmq-conn', key: 'password' },
        ],
      },
      status: { scaledobjects: 'orders-consumer, api' },
    };
    const s = triggerAuthenticationSummary(ta);
    expect(s.secrets).toEqual([{ name: 'rabbitmq-conn', keys: ['amqp-url', 'password'] }]);
    expect(s.scaledObjects).toEqual(['orders-consumer', 'api']);
    expect(s.sources).toEqual(['secrets']);
  });
});

describe('HPA view', () => {
  it('shows current and desired replicas', () => {
    expect(
      hpaView({
        metadata: { name: 'keda-hpa-api' },
        spec: { minReplicas: 1, maxReplicas: 100 },
        status: { currentReplicas: 6, desiredReplicas: 6 },
      }),
    ).toMatchObject({ name: 'keda-hpa-api', currentReplicas: 6, desiredReplicas: 6, minReplicas: 1, maxReplicas: 100 });
  });
});
