import { meta, ownerRef, type ScenarioBuilder } from '../builder.js';
import { addServiceAccount } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addDeployment } from '../core/workloads.js';
import type { KubeObject } from '../types.js';
import { addCustom, condition } from './crd.js';

const G = 'keda.sh';
const V = `${G}/v1alpha1`;

function kedaHpa(
  b: ScenarioBuilder,
  so: KubeObject,
  target: string,
  min: number,
  max: number,
  current: number,
  metric: string,
): void {
  const ns = so.metadata.namespace ?? 'default';
  const name = `keda-hpa-${so.metadata.name}`;
  const m = meta(name, ns, {
    'app.kubernetes.io/managed-by': 'keda-operator',
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': so.metadata.name,
    'app.kubernetes.io/version': '2.20.0',
    'scaledobject.keda.sh/name': so.metadata.name,
  });
  m.ownerReferences = [ownerRef(so)];
  const t = b.ago(3600);
  b.add({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: m,
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
      minReplicas: Math.max(1, min),
      maxReplicas: max,
      metrics: [
        {
          type: 'External',
          external: {
            metric: { name: metric, selector: { matchLabels: { 'scaledobject.keda.sh/name': so.metadata.name } } },
            target: { type: 'AverageValue', averageValue: '50' },
          },
        },
      ],
    },
    status: {
      currentReplicas: current,
      desiredReplicas: current,
      currentMetrics: [
        {
          type: 'External',
          external: {
            metric: { name: metric, selector: { matchLabels: { 'scaledobject.keda.sh/name': so.metadata.name } } },
            current: { averageValue: '37' },
          },
        },
      ],
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          lastTransitionTime: t,
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          lastTransitionTime: t,
          reason: 'ValidMetricFound',
          message: 'the HPA was able to successfully calculate a replica count from external metric',
        },
        {
          type: 'ScalingLimited',
          status: 'False',
          lastTransitionTime: t,
          reason: 'DesiredWithinRange',
          message: 'the desired count is within the acceptable range',
        },
      ],
    },
  });
}

export function addKedaObjects(b: ScenarioBuilder): void {
  const ns = 'keda';
  addServiceAccount(b, ns, 'keda-operator', { 'app.kubernetes.io/name': 'keda-operator' });
  for (const [name, image, port] of [
    ['keda-operator', 'ghcr.io/kedacore/keda:2.20.0', 9666],
    ['keda-operator-metrics-apiserver', 'ghcr.io/kedacore/keda-metrics-apiserver:2.20.0', 6443],
    ['keda-admission-webhooks', 'ghcr.io/kedacore/keda-admission-webhooks:2.20.0', 9443],
  ] as const) {
    const sel = { app: name, 'app.kubernetes.io/name': name };
    addDeployment(b, {
      name,
      namespace: ns,
      replicas: 1,
      selector: sel,
      labels: { 'app.kubernetes.io/part-of': 'keda-operator', 'app.kubernetes.io/version': '2.20.0' },
      containers: [ctr(name, image, { port, portName: 'https', cpu: '100m', memory: '100Mi' })],
      serviceAccount: 'keda-operator',
      ageSeconds: 50 * 86400,
    });
    addService(b, {
      name,
      namespace: ns,
      selector: sel,
      labels: { 'app.kubernetes.io/name': name },
      ports: [{ name: 'https', port: 443, targetPort: port }],
    });
  }

  addCustom(b, {
    apiVersion: V,
    kind: 'TriggerAuthentication',
    name: 'rabbitmq-auth',
    namespace: 'shop',
    spec: { secretTargetRef: [{ parameter: 'host', name: 'rabbitmq-conn', key: 'amqp-url' }] },
    status: { scaledobjects: 'orders-consumer' },
  });
  const orders = addCustom(b, {
    apiVersion: V,
    kind: 'ScaledObject',
    name: 'orders-consumer',
    namespace: 'shop',
    labels: { 'scaledobject.keda.sh/name': 'orders-consumer' },

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
      scaleTargetGVKR: { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments' },
      hpaName: 'keda-hpa-orders-consumer',
      originalReplicaCount: 2,
      lastActiveTime: b.ago(60),
      externalMetricNames: ['s0-rabbitmq-orders'],
      triggersTypes: 'rabbitmq',
      authenticationsTypes: 'rabbitmq-auth',
      health: { 's0-rabbitmq-orders': { status: 'Happy', numberOfFailures: 0 } },
      conditions: [
        condition(
          b,
          'Ready',
          'True',
          'ScaledObjectReady',
          'ScaledObject is defined correctly and is ready for scaling',
        ),
        condition(b, 'Active', 'True', 'ScalerActive', 'Scaling is performed because triggers are active'),
        condition(b, 'Fallback', 'False', 'NoFallbackFound', 'No fallbacks are active on this scaled object'),
        condition(b, 'Paused', 'False', 'ScaledObjectUnpaused', 'pause annotation removed for ScaledObject'),
      ],
    },
  });
  kedaHpa(b, orders, 'orders-consumer', 1, 20, 2, 's0-rabbitmq-orders');

  addCustom(b, {
    apiVersion: V,
    kind: 'ScaledObject',
    name: 'report-worker',
    namespace: 'analytics',
    labels: { 'scaledobject.keda.sh/name': 'report-worker' },
    annotations: { 'autoscaling.keda.sh/paused-replicas': '0' },

    spec: {
      scaleTargetRef: { name: 'report-worker' },
      triggers: [
        { type: 'cron', metadata: { timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: '4' } },
      ],
    },
    status: {
      scaleTargetKind: 'apps/v1.Deployment',
      pausedReplicaCount: 0,
      hpaName: 'keda-hpa-report-worker',
      triggersTypes: 'cron',
      conditions: [
        condition(
          b,
          'Ready',
          'True',
          'ScaledObjectReady',
          'ScaledObject is defined correctly and is ready for scaling',
        ),
        condition(b, 'Paused', 'True', 'ScaledObjectPaused', 'ScaledObject is paused'),
      ],
    },
  });
  // paused: KEDA has deleted its HPA (status.hpaName stays)

  const api = addCustom(b, {
    apiVersion: V,
    kind: 'ScaledObject',
    name: 'api',
    namespace: 'shop',
    labels: { 'scaledobject.keda.sh/name': 'api' },

    spec: {
      scaleTargetRef: { name: 'api' },
      fallback: { failureThreshold: 3, replicas: 6 },
      triggers: [
        {
          type: 'prometheus',
          metadata: {
            serverAddress: 'http://prometheus.monitoring:9090',
            query: "sum(rate(http_requests_total{app='api'}[2m]))",
            threshold: '100',
          },
        },
      ],
    },
    status: {
      scaleTargetKind: 'apps/v1.Deployment',
      hpaName: 'keda-hpa-api',
      triggersTypes: 'prometheus',
      health: { 's0-prometheus': { status: 'Failing', numberOfFailures: 7 } },
      conditions: [
        condition(
          b,
          'Ready',
          'True',
          'ScaledObjectReady',
          'ScaledObject is defined correctly and is ready for scaling',
        ),
        condition(
          b,
          'Active',
          'False',
          'ScalerNotActive',
          'Scaling is not performed because triggers are not active',
          600,
        ),
        condition(
          b,
          'Fallback',
          'True',
          'FallbackExists',
          'At least one trigger is falling back on this scaled object',
          600,
        ),
      ],
    },
  });
  kedaHpa(b, api, 'api', 1, 100, 6, 's0-prometheus');
}
