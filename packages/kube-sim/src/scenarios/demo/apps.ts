import type { ScenarioBuilder } from '../builder.js';
import {
  addBinding,
  addConfigMap,
  addEvent,
  addHpa,
  addNetworkPolicy,
  addRole,
  addSecret,
  addServiceAccount,
} from '../core/basics.js';
import { addCronJob, addJob } from '../core/batch.js';
import { ctr, ISTIO_PROXY } from '../core/containers.js';
import { addIngress, addService } from '../core/network.js';
import { addDeployment, addStatefulSet } from '../core/workloads.js';
import type { KubeObject } from '../types.js';

export function events(b: ScenarioBuilder, pod: KubeObject | undefined, kind: 'crash' | 'pending' | 'unhealthy'): void {
  if (!pod) return;
  const host = typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : undefined;
  const container = ((pod.spec?.containers as { name: string; image: string }[]) ?? [])[0];
  if (kind === 'crash') {
    addEvent(b, {
      involved: pod,
      type: 'Normal',
      reason: 'Pulled',
      message: `Container image "${container?.image}" already present on machine`,
      component: 'kubelet',
      count: 27,
      agoSeconds: 240,
      firstAgoSeconds: 7200,
      ...(host ? { host } : {}),
    });
    addEvent(b, {
      involved: pod,
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container ${container?.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      component: 'kubelet',
      count: 412,
      agoSeconds: 15,
      firstAgoSeconds: 7150,
      ...(host ? { host } : {}),
    });
  } else if (kind === 'pending') {
    addEvent(b, {
      involved: pod,
      type: 'Warning',
      reason: 'FailedScheduling',
      message: `0/${b.nodes.length} nodes are available: ${b.nodes.length} Insufficient memory. preemption: 0/${b.nodes.length} nodes are available: ${b.nodes.length} No preemption victims found for incoming pod.`,
      component: 'default-scheduler',
      count: 38,
      agoSeconds: 45,
      firstAgoSeconds: 1800,
    });
  } else {
    addEvent(b, {
      involved: pod,
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      component: 'kubelet',
      count: 64,
      agoSeconds: 20,
      firstAgoSeconds: 960,
      ...(host ? { host } : {}),
    });
  }
}

function scalingEvent(b: ScenarioBuilder, d: KubeObject, rs: KubeObject, replicas: number): void {
  addEvent(b, {
    involved: d,
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`,
    component: 'deployment-controller',
    agoSeconds: 2400,
  });
}

export function addPayments(b: ScenarioBuilder): void {
  const ns = 'payments';
  addServiceAccount(b, ns, 'payment-gateway');
  addConfigMap(b, {
    name: 'payment-gateway-config',
    namespace: ns,
    labels: { app: 'payment-gateway' },
    data: {
      'application.yaml': 'server:\n  port: 8080\npayments:\n  provider: stripe\n  currency: EUR\n  timeoutMs: 2500\n',
    },
  });
  addSecret(b, {
    name: 'payment-gateway-stripe',
    namespace: ns,
    labels: { app: 'payment-gateway' },
    data: { 'api-key': 'sk_test_argus_demo_not_a_real_key', 'webhook-secret': 'whsec_demo' },
  });
  addSecret(b, {
    name: 'payments-tls',
    namespace: ns,
    type: 'kubernetes.io/tls',
    data: {
      'tls.crt': '-----BEGIN CERTIFICATE-----\nZGVtbw==\n-----END CERTIFICATE-----\n',
      'tls.key': '-----BEGIN PRIVATE KEY-----\nZGVtbw==\n-----END PRIVATE KEY-----\n',
    },
  });
  const gw = addDeployment(b, {
    name: 'payment-gateway',
    namespace: ns,
    replicas: 3,
    labels: { 'app.kubernetes.io/name': 'payment-gateway', version: 'v2' },
    containers: [
      ctr('payment-gateway', 'ghcr.io/acme/payment-gateway:2.8.1', { port: 8080, cpu: '250m', memory: '512Mi' }),
      ISTIO_PROXY(),
    ],
    podAnnotations: {
      'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"]}',
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '15020',
    },
    serviceAccount: 'payment-gateway',
    revision: 4,
    previousImages: { 'payment-gateway': 'ghcr.io/acme/payment-gateway:2.7.4' },
    ageSeconds: 60 * 86400,
  });
  scalingEvent(b, gw.deployment, gw.replicaSet, 3);
  addService(b, {
    name: 'payment-gateway',
    namespace: ns,
    selector: { app: 'payment-gateway' },
    labels: { app: 'payment-gateway' },
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  });
  addIngress(b, {
    name: 'payment-gateway',
    namespace: ns,
    host: 'pay.example.com',
    service: 'payment-gateway',
    port: 80,
    tlsSecret: 'payments-tls',
    annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
  });
  addHpa(b, {
    name: 'payment-gateway',
    namespace: ns,
    target: gw.deployment,
    min: 3,
    max: 10,
    current: 3,
    desired: 3,
    cpuPercent: 70,
    cpuCurrent: 42,
  });
  addEvent(b, {
    involved: b.get('HorizontalPodAutoscaler', ns, 'payment-gateway') ?? gw.deployment,
    type: 'Normal',
    reason: 'SuccessfulRescale',
    message: 'New size: 3; reason: All metrics below target',
    component: 'horizontal-pod-autoscaler',
    agoSeconds: 1800,
  });

  const fraud = addDeployment(b, {
    name: 'fraud-detector',
    namespace: ns,
    replicas: 2,
    labels: { 'app.kubernetes.io/name': 'fraud-detector' },
    containers: [
      ctr('fraud-detector', 'ghcr.io/acme/fraud-detector:1.14.0', { port: 9000, cpu: '500m', memory: '1Gi' }),
    ],
    states: ['running', 'crashloop'],
    restarts: [0, 27],
    revision: 2,
    ageSeconds: 12 * 86400,
  });
  events(b, fraud.pods[1], 'crash');
  addService(b, {
    name: 'fraud-detector',
    namespace: ns,
    selector: { app: 'fraud-detector' },
    ports: [{ name: 'grpc', port: 9000 }],
  });

  const migrate = addJob(b, {
    name: 'payment-gateway-migrate-2-8-1',
    namespace: ns,
    outcome: 'succeeded',
    ageSeconds: 20 * 86400,
    durationSeconds: 38,
    containers: [ctr('migrate', 'ghcr.io/acme/payment-gateway:2.8.1', { args: ['migrate', 'up'] })],
  });
  addEvent(b, {
    involved: migrate,
    type: 'Normal',
    reason: 'Completed',
    message: 'Job completed',
    component: 'job-controller',
    agoSeconds: 20 * 86400 - 40,
  });
  const cron = addCronJob(b, {
    name: 'settlement-report',
    namespace: ns,
    schedule: '0 * * * *',
    labels: { app: 'settlement-report' },
    containers: [ctr('report', 'ghcr.io/acme/settlement-report:0.9.3', { cpu: '200m', memory: '256Mi' })],
    runs: [
      { outcome: 'succeeded', agoSeconds: 3 * 3600 + 900 },
      { outcome: 'succeeded', agoSeconds: 2 * 3600 + 900 },
      { outcome: 'failed', agoSeconds: 3600 + 900 },
      { outcome: 'succeeded', agoSeconds: 900 },
    ],
  });
  addEvent(b, {
    involved: cron,
    type: 'Normal',
    reason: 'SuccessfulCreate',
    message: `Created job settlement-report-${Math.floor((b.now.getTime() / 1000 - 900) / 60)}`,
    component: 'cronjob-controller',
    agoSeconds: 900,
  });
  const failedJob = b.get('Job', ns, `settlement-report-${Math.floor((b.now.getTime() / 1000 - 4500) / 60)}`);
  if (failedJob)
    addEvent(b, {
      involved: failedJob,
      type: 'Warning',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
      component: 'job-controller',
      agoSeconds: 4300,
    });

  addRole(b, 'payments-deployer', ns, [
    {
      apiGroups: ['apps'],
      resources: ['deployments', 'replicasets'],
      verbs: ['get', 'list', 'watch', 'update', 'patch'],
    },
    { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] },
  ]);
  addBinding(b, {
    name: 'payments-deployer',
    namespace: ns,
    roleKind: 'Role',
    role: 'payments-deployer',
    subjects: [
      { kind: 'Group', name: 'team-payments' },
      { kind: 'ServiceAccount', name: 'payment-gateway', namespace: ns },
    ],
  });
  addBinding(b, {
    name: 'payments-view',
    namespace: ns,
    roleKind: 'ClusterRole',
    role: 'view',
    subjects: [{ kind: 'Group', name: 'auditors' }],
  });
  addNetworkPolicy(b, { name: 'default-deny-ingress', namespace: ns, podSelector: {} });
  addNetworkPolicy(b, {
    name: 'allow-ingress-to-gateway',
    namespace: ns,
    podSelector: { app: 'payment-gateway' },
    ingressFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
    ports: [8080],
  });
}

export function addAnalytics(b: ScenarioBuilder): void {
  const ns = 'analytics';
  const etl = addDeployment(b, {
    name: 'etl-batch',
    namespace: ns,
    replicas: 2,
    containers: [ctr('etl', 'ghcr.io/acme/etl-batch:3.2.0', { cpu: '2', memory: '48Gi' })],
    states: ['running', 'unschedulable'],
    ageSeconds: 2 * 86400,
  });
  events(b, etl.pods[1], 'pending');
  addDeployment(b, {
    name: 'report-worker',
    namespace: ns,
    replicas: 0,
    containers: [ctr('worker', 'ghcr.io/acme/report-worker:1.3.0', { cpu: '500m', memory: '1Gi' })],
    ageSeconds: 15 * 86400,
  });
  addConfigMap(b, {
    name: 'clickhouse-config',
    namespace: ns,
    labels: { app: 'clickhouse' },
    data: { 'config.xml': '<clickhouse><logger><level>information</level></logger></clickhouse>\n' },
  });
  addSecret(b, {
    name: 'clickhouse-credentials',
    namespace: ns,
    labels: { app: 'clickhouse' },
    data: { username: 'analytics', password: 'demo-password-1' },
  });
  addStatefulSet(b, {
    name: 'clickhouse',
    namespace: ns,
    replicas: 2,
    containers: [ctr('clickhouse', 'clickhouse/clickhouse-server:25.3', { port: 8123, cpu: '1', memory: '4Gi' })],
    volumeClaims: [{ name: 'data', size: '100Gi', storageClass: 'gp3' }],
    serviceName: 'clickhouse-headless',
    ageSeconds: 50 * 86400,
  });
  addService(b, {
    name: 'clickhouse-headless',
    namespace: ns,
    headless: true,
    selector: { app: 'clickhouse' },
    ports: [{ name: 'http', port: 8123 }],
    publishNotReadyAddresses: true,
  });
  addService(b, {
    name: 'clickhouse',
    namespace: ns,
    selector: { app: 'clickhouse' },
    ports: [{ name: 'http', port: 8123 }],
  });
}
