import type { ScenarioBuilder } from '../builder.js';
import { addServiceAccount } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addDaemonSet, addDeployment } from '../core/workloads.js';
import { addCustom } from './crd.js';

const G = 'monitoring.coreos.com';
const V = `${G}/v1`;
const NS = 'monitoring';

/** node-exporter, kube-state-metrics, ServiceMonitors, a PodMonitor and PrometheusRules. */
export function addPrometheusExporters(b: ScenarioBuilder): void {
  const kp = { 'app.kubernetes.io/part-of': 'kube-prometheus' };
  addServiceAccount(b, NS, 'node-exporter');
  addDaemonSet(b, {
    name: 'node-exporter',
    namespace: NS,
    selector: { 'app.kubernetes.io/name': 'node-exporter' },
    labels: kp,
    containers: [
      ctr('node-exporter', 'quay.io/prometheus/node-exporter:v1.9.1', {
        port: 9100,
        portName: 'https',
        cpu: '102m',
        memory: '180Mi',
      }),
    ],
    serviceAccount: 'node-exporter',
    podSpec: { hostNetwork: true, hostPID: true },
    ageSeconds: 90 * 86400,
  });
  addService(b, {
    name: 'node-exporter',
    namespace: NS,
    headless: true,
    selector: { 'app.kubernetes.io/name': 'node-exporter' },
    labels: { 'app.kubernetes.io/name': 'node-exporter' },
    ports: [{ name: 'https', port: 9100, targetPort: 'https' }],
  });
  addServiceAccount(b, NS, 'kube-state-metrics');
  addDeployment(b, {
    name: 'kube-state-metrics',
    namespace: NS,
    replicas: 1,
    selector: { 'app.kubernetes.io/name': 'kube-state-metrics' },
    labels: kp,
    containers: [
      ctr('kube-state-metrics', 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0', {
        port: 8443,
        portName: 'https-main',
        cpu: '10m',
        memory: '190Mi',
      }),
    ],
    serviceAccount: 'kube-state-metrics',
    ageSeconds: 90 * 86400,
  });
  addService(b, {
    name: 'kube-state-metrics',
    namespace: NS,
    headless: true,
    selector: { 'app.kubernetes.io/name': 'kube-state-metrics' },
    labels: { 'app.kubernetes.io/name': 'kube-state-metrics' },
    ports: [{ name: 'https-main', port: 8443, targetPort: 'https-main' }],
  });

  const smon = (name: string, ns: string, selector: Record<string, string>, port: string, nsSel?: string[]) =>
    addCustom(b, {
      apiVersion: V,
      kind: 'ServiceMonitor',
      name,
      namespace: ns,
      labels: { ...kp, 'app.kubernetes.io/name': name },
      spec: {
        selector: { matchLabels: selector },
        endpoints: [
          {
            port,
            interval: '30s',
            ...(port.startsWith('https') ? { scheme: 'https', tlsConfig: { insecureSkipVerify: true } } : {}),
          },
        ],
        ...(nsSel ? { namespaceSelector: { matchNames: nsSel } } : {}),
        jobLabel: 'app.kubernetes.io/name',
      },
    });
  smon('node-exporter', NS, { 'app.kubernetes.io/name': 'node-exporter' }, 'https');
  smon('kube-state-metrics', NS, { 'app.kubernetes.io/name': 'kube-state-metrics' }, 'https-main');
  smon('coredns', NS, { 'k8s-app': 'kube-dns' }, 'metrics', ['kube-system']);
  smon('payment-gateway', 'payments', { app: 'payment-gateway' }, 'http');
  smon('cnpg-pg-main', 'payments', { 'cnpg.io/cluster': 'pg-main' }, 'metrics');
  addCustom(b, {
    apiVersion: V,
    kind: 'PodMonitor',
    name: 'envoy-stats-monitor',
    namespace: 'istio-system',
    labels: { monitoring: 'istio-proxies' },
    spec: {
      selector: { matchExpressions: [{ key: 'istio-prometheus-ignore', operator: 'DoesNotExist' }] },
      namespaceSelector: { any: true },
      jobLabel: 'envoy-stats',
      podMetricsEndpoints: [
        {
          path: '/stats/prometheus',
          interval: '15s',
          relabelings: [
            { action: 'keep', sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: 'istio-proxy' },
          ],
        },
      ],
    },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'PrometheusRule',
    name: 'kubernetes-apps',
    namespace: NS,
    labels: { ...kp, prometheus: 'k8s', role: 'alert-rules' },
    spec: {
      groups: [
        {
          name: 'kubernetes-apps',
          rules: [
            {
              alert: 'KubePodCrashLooping',
              expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", job="kube-state-metrics"}[5m]) >= 1',
              for: '15m',
              labels: { severity: 'warning' },
              annotations: {
                summary: 'Pod is crash looping.',
                description:
                  'Pod {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is in waiting state (reason: "CrashLoopBackOff").',
              },
            },
            {
              alert: 'KubePodNotReady',
              expr: 'sum by (namespace, pod) (max by(namespace, pod) (kube_pod_status_phase{job="kube-state-metrics", phase=~"Pending|Unknown|Failed"})) > 0',
              for: '15m',
              labels: { severity: 'warning' },
              annotations: { summary: 'Pod has been in a non-ready state for more than 15 minutes.' },
            },
            {
              alert: 'KubeDeploymentReplicasMismatch',
              expr: 'kube_deployment_spec_replicas{job="kube-state-metrics"} > kube_deployment_status_replicas_available{job="kube-state-metrics"}',
              for: '15m',
              labels: { severity: 'warning' },
            },
          ],
        },
      ],
    },
  });
  addCustom(b, {
    apiVersion: V,
    kind: 'PrometheusRule',
    name: 'node-exporter-rules',
    namespace: NS,
    labels: { ...kp, prometheus: 'k8s', role: 'alert-rules' },
    spec: {
      groups: [
        {
          name: 'node-exporter.rules',
          rules: [
            {
              record: 'instance:node_cpu_utilisation:rate5m',
              expr: '1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{job="node-exporter", mode=~"idle|iowait|steal"}[5m])))',
            },
            {
              alert: 'NodeFilesystemAlmostOutOfSpace',
              expr: 'node_filesystem_avail_bytes{job="node-exporter",fstype!=""} / node_filesystem_size_bytes{job="node-exporter",fstype!=""} * 100 < 5',
              for: '30m',
              labels: { severity: 'warning' },
            },
          ],
        },
      ],
    },
  });
}
