import type { ScenarioBuilder } from '../builder.js';
import { addSecret, addServiceAccount } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addDaemonSet, addDeployment, addStatefulSet } from '../core/workloads.js';
import { AGE_COLUMN, addCrd, addCustom, condition, type PrinterColumn } from './crd.js';

const G = 'monitoring.coreos.com';
const V = `${G}/v1`;
const NS = 'monitoring';

export function addPrometheusCrds(b: ScenarioBuilder): void {
  const cat = { group: G, categories: ['prometheus-operator'], annotations: { 'operator.prometheus.io/version': '0.85.0' } };
  const reconciled: PrinterColumn = { name: 'Reconciled', type: 'string', jsonPath: ".status.conditions[?(@.type == 'Reconciled')].status" };
  const available: PrinterColumn = { name: 'Available', type: 'string', jsonPath: ".status.conditions[?(@.type == 'Available')].status" };
  const paused: PrinterColumn = { name: 'Paused', type: 'boolean', jsonPath: '.status.paused', description: 'Whether the resource reconciliation is paused or not', priority: 1 };
  const status = { availableReplicas: 'integer', replicas: 'integer', updatedReplicas: 'integer', unavailableReplicas: 'integer', paused: 'boolean', shards: 'integer', selector: 'string', conditions: 'array', shardStatuses: 'array', bindings: 'array' } as const;
  addCrd(b, {
    ...cat, kind: 'Prometheus', plural: 'prometheuses', singular: 'prometheus', shortNames: ['prom'],
    versions: [{ name: 'v1', scale: { specReplicasPath: '.spec.shards', statusReplicasPath: '.status.shards', labelSelectorPath: '.status.selector' }, columns: [
      { name: 'Version', type: 'string', jsonPath: '.spec.version', description: 'The version of Prometheus' },
      { name: 'Desired', type: 'integer', jsonPath: '.spec.replicas', description: 'The number of desired replicas' },
      { name: 'Ready', type: 'integer', jsonPath: '.status.availableReplicas', description: 'The number of ready replicas' },
      reconciled, available, AGE_COLUMN, paused,
    ] }],
    spec: { version: 'string', replicas: 'integer', shards: 'integer', serviceAccountName: 'string', serviceMonitorSelector: 'object', serviceMonitorNamespaceSelector: 'object', podMonitorSelector: 'object', ruleSelector: 'object', retention: 'string', resources: 'object', storage: 'object', alerting: 'object', externalUrl: 'string', paused: 'boolean' },
    status,
  });
  addCrd(b, {
    ...cat, kind: 'Alertmanager', plural: 'alertmanagers', shortNames: ['am'],
    versions: [{ name: 'v1', scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' }, columns: [
      { name: 'Version', type: 'string', jsonPath: '.spec.version', description: 'The version of Alertmanager' },
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', description: 'The number of desired replicas' },
      { name: 'Ready', type: 'integer', jsonPath: '.status.availableReplicas', description: 'The number of ready replicas' },
      reconciled, available, AGE_COLUMN, paused,
    ] }],
    spec: { version: 'string', replicas: 'integer', alertmanagerConfigSelector: 'object', externalUrl: 'string', retention: 'string' },
    status,
  });
  addCrd(b, { ...cat, kind: 'ServiceMonitor', plural: 'servicemonitors', shortNames: ['smon'], versions: [{ name: 'v1', columns: [AGE_COLUMN] }], spec: { selector: 'object', namespaceSelector: 'object', endpoints: 'array', jobLabel: 'string', targetLabels: 'string[]' }, status: { bindings: 'array' } });
  addCrd(b, { ...cat, kind: 'PodMonitor', plural: 'podmonitors', shortNames: ['pmon'], versions: [{ name: 'v1', columns: [AGE_COLUMN] }], spec: { selector: 'object', namespaceSelector: 'object', podMetricsEndpoints: 'array', jobLabel: 'string' }, status: { bindings: 'array' } });
  addCrd(b, { ...cat, kind: 'PrometheusRule', plural: 'prometheusrules', shortNames: ['promrule'], versions: [{ name: 'v1', statusSubresource: false, columns: [AGE_COLUMN] }], spec: { groups: 'array' } });
  addCrd(b, { ...cat, kind: 'ScrapeConfig', plural: 'scrapeconfigs', shortNames: ['scfg'], versions: [{ name: 'v1alpha1', columns: [AGE_COLUMN] }], spec: { staticConfigs: 'array', kubernetesSDConfigs: 'array', metricsPath: 'string', scrapeInterval: 'string' } });
  addCrd(b, { ...cat, kind: 'AlertmanagerConfig', plural: 'alertmanagerconfigs', shortNames: ['amcfg'], versions: [{ name: 'v1alpha1', statusSubresource: false, columns: [AGE_COLUMN] }], spec: { route: 'object', receivers: 'array', inhibitRules: 'array' } });
}

export function addPrometheusObjects(b: ScenarioBuilder): void {
  const kp = { 'app.kubernetes.io/part-of': 'kube-prometheus' };
  addServiceAccount(b, NS, 'prometheus-operator');
  addDeployment(b, { name: 'prometheus-operator', namespace: NS, replicas: 1, selector: { 'app.kubernetes.io/name': 'prometheus-operator', 'app.kubernetes.io/component': 'controller' }, labels: { ...kp, 'app.kubernetes.io/version': '0.85.0' }, containers: [ctr('prometheus-operator', 'quay.io/prometheus-operator/prometheus-operator:v0.85.0', { port: 8080, cpu: '100m', memory: '100Mi' })], serviceAccount: 'prometheus-operator', ageSeconds: 90 * 86400 });
  addService(b, { name: 'prometheus-operator', namespace: NS, selector: { 'app.kubernetes.io/name': 'prometheus-operator' }, labels: { 'app.kubernetes.io/name': 'prometheus-operator' }, ports: [{ name: 'https', port: 8443, targetPort: 8080 }] });

  addServiceAccount(b, NS, 'prometheus-k8s');
  const prom = addCustom(b, {
    apiVersion: V, kind: 'Prometheus', name: 'k8s', namespace: NS, labels: { ...kp, 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'k8s' }, generation: 2, ageSeconds: 90 * 86400,
    spec: { version: '3.5.0', replicas: 2, shards: 1, serviceAccountName: 'prometheus-k8s', retention: '15d', serviceMonitorSelector: {}, serviceMonitorNamespaceSelector: {}, podMonitorSelector: {}, podMonitorNamespaceSelector: {}, ruleSelector: {}, alerting: { alertmanagers: [{ namespace: NS, name: 'alertmanager-main', port: 'web', apiVersion: 'v2' }] }, externalUrl: 'http://prometheus.example.com', resources: { requests: { memory: '400Mi' } }, storage: { volumeClaimTemplate: { spec: { storageClassName: 'rook-ceph-block', resources: { requests: { storage: '50Gi' } } } } } },
    status: { availableReplicas: 2, replicas: 2, updatedReplicas: 2, unavailableReplicas: 0, paused: false, shards: 1, selector: 'app.kubernetes.io/instance=k8s,app.kubernetes.io/managed-by=prometheus-operator,app.kubernetes.io/name=prometheus,operator.prometheus.io/name=k8s,prometheus=k8s', shardStatuses: [{ shardID: '0', replicas: 2, updatedReplicas: 2, availableReplicas: 2, unavailableReplicas: 0 }], conditions: [{ ...condition(b, 'Available', 'True'), observedGeneration: 2 }, { ...condition(b, 'Reconciled', 'True'), observedGeneration: 2 }] },
  });
  const promSel = { 'app.kubernetes.io/instance': 'k8s', 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/name': 'prometheus', 'operator.prometheus.io/name': 'k8s', prometheus: 'k8s' };
  addStatefulSet(b, {
    name: 'prometheus-k8s', namespace: NS, replicas: 2, owner: prom, selector: promSel, labels: { 'operator.prometheus.io/shard': '0', 'app.kubernetes.io/version': '3.5.0' },
    annotations: { 'prometheus-operator-input-hash': String(b.rng.int(1e15, 9e15)) },
    serviceName: 'prometheus-operated',
    containers: [ctr('prometheus', 'quay.io/prometheus/prometheus:v3.5.0', { port: 9090, portName: 'web', cpu: '200m', memory: '400Mi', limitMemory: '2Gi' }), ctr('config-reloader', 'quay.io/prometheus-operator/prometheus-config-reloader:v0.85.0', { port: 8080, portName: 'reloader-web', cpu: '10m', memory: '50Mi' })],
    volumeClaims: [{ name: 'prometheus-k8s-db', size: '50Gi', storageClass: 'rook-ceph-block' }],
    serviceAccount: 'prometheus-k8s', ageSeconds: 90 * 86400,
  });
  // The governing Service the operator creates: how plugins discover Prometheus.
  addService(b, { name: 'prometheus-operated', namespace: NS, headless: true, selector: { 'app.kubernetes.io/name': 'prometheus' }, labels: { 'managed-by': 'prometheus-operator', 'operated-prometheus': 'true' }, owner: prom, ports: [{ name: 'web', port: 9090, targetPort: 'web' }] });
  addService(b, { name: 'prometheus-k8s', namespace: NS, selector: promSel, labels: { ...kp, 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'k8s' }, ports: [{ name: 'web', port: 9090, targetPort: 'web' }, { name: 'reloader-web', port: 8080, targetPort: 'reloader-web' }] });
  addService(b, { name: 'prometheus', namespace: NS, selector: promSel, labels: { 'app.kubernetes.io/name': 'prometheus' }, ports: [{ name: 'web', port: 9090, targetPort: 'web' }] });

  addServiceAccount(b, NS, 'alertmanager-main');
  addSecret(b, { name: 'alertmanager-main', namespace: NS, labels: { 'app.kubernetes.io/name': 'alertmanager' }, data: { 'alertmanager.yaml': 'route:\n  receiver: default\n  group_by: [namespace]\nreceivers:\n- name: default\n' } });
  const am = addCustom(b, {
    apiVersion: V, kind: 'Alertmanager', name: 'main', namespace: NS, labels: { ...kp, 'app.kubernetes.io/name': 'alertmanager' }, ageSeconds: 90 * 86400,
    spec: { version: '0.28.1', replicas: 2, serviceAccountName: 'alertmanager-main', alertmanagerConfigSelector: {}, externalUrl: 'http://alertmanager.example.com' },
    status: { availableReplicas: 2, replicas: 2, updatedReplicas: 2, unavailableReplicas: 0, paused: false, selector: 'alertmanager=main,app.kubernetes.io/instance=main,app.kubernetes.io/managed-by=prometheus-operator,app.kubernetes.io/name=alertmanager', conditions: [{ ...condition(b, 'Available', 'True'), observedGeneration: 1 }, { ...condition(b, 'Reconciled', 'True'), observedGeneration: 1 }] },
  });
  const amSel = { alertmanager: 'main', 'app.kubernetes.io/instance': 'main', 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/name': 'alertmanager' };
  addStatefulSet(b, { name: 'alertmanager-main', namespace: NS, replicas: 2, owner: am, selector: amSel, serviceName: 'alertmanager-operated', containers: [{ ...ctr('alertmanager', 'quay.io/prometheus/alertmanager:v0.28.1', { port: 9093, portName: 'web', cpu: '4m', memory: '100Mi' }), ports: [{ name: 'web', containerPort: 9093 }, { name: 'mesh-tcp', containerPort: 9094 }] }], serviceAccount: 'alertmanager-main', nodeOffset: 1, ageSeconds: 90 * 86400 });
  addService(b, { name: 'alertmanager-operated', namespace: NS, headless: true, selector: { 'app.kubernetes.io/name': 'alertmanager' }, labels: { 'managed-by': 'prometheus-operator', 'operated-alertmanager': 'true' }, owner: am, ports: [{ name: 'web', port: 9093, targetPort: 'web' }, { name: 'tcp-mesh', port: 9094, targetPort: 9094 }, { name: 'udp-mesh', port: 9094, protocol: 'UDP', targetPort: 9094 }] });
  addService(b, { name: 'alertmanager-main', namespace: NS, selector: amSel, labels: { 'app.kubernetes.io/name': 'alertmanager' }, ports: [{ name: 'web', port: 9093, targetPort: 'web' }] });

  addServiceAccount(b, NS, 'node-exporter');
  addDaemonSet(b, { name: 'node-exporter', namespace: NS, selector: { 'app.kubernetes.io/name': 'node-exporter' }, labels: kp, containers: [ctr('node-exporter', 'quay.io/prometheus/node-exporter:v1.9.1', { port: 9100, portName: 'https', cpu: '102m', memory: '180Mi' })], serviceAccount: 'node-exporter', podSpec: { hostNetwork: true, hostPID: true }, ageSeconds: 90 * 86400 });
  addService(b, { name: 'node-exporter', namespace: NS, headless: true, selector: { 'app.kubernetes.io/name': 'node-exporter' }, labels: { 'app.kubernetes.io/name': 'node-exporter' }, ports: [{ name: 'https', port: 9100, targetPort: 'https' }] });
  addServiceAccount(b, NS, 'kube-state-metrics');
  addDeployment(b, { name: 'kube-state-metrics', namespace: NS, replicas: 1, selector: { 'app.kubernetes.io/name': 'kube-state-metrics' }, labels: kp, containers: [ctr('kube-state-metrics', 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0', { port: 8443, portName: 'https-main', cpu: '10m', memory: '190Mi' })], serviceAccount: 'kube-state-metrics', ageSeconds: 90 * 86400 });
  addService(b, { name: 'kube-state-metrics', namespace: NS, headless: true, selector: { 'app.kubernetes.io/name': 'kube-state-metrics' }, labels: { 'app.kubernetes.io/name': 'kube-state-metrics' }, ports: [{ name: 'https-main', port: 8443, targetPort: 'https-main' }] });

  const smon = (name: string, ns: string, selector: Record<string, string>, port: string, nsSel?: string[]) =>
    addCustom(b, { apiVersion: V, kind: 'ServiceMonitor', name, namespace: ns, labels: { ...kp, 'app.kubernetes.io/name': name }, spec: { selector: { matchLabels: selector }, endpoints: [{ port, interval: '30s', ...(port.startsWith('https') ? { scheme: 'https', tlsConfig: { insecureSkipVerify: true } } : {}) }], ...(nsSel ? { namespaceSelector: { matchNames: nsSel } } : {}), jobLabel: 'app.kubernetes.io/name' } });
  smon('node-exporter', NS, { 'app.kubernetes.io/name': 'node-exporter' }, 'https');
  smon('kube-state-metrics', NS, { 'app.kubernetes.io/name': 'kube-state-metrics' }, 'https-main');
  smon('coredns', NS, { 'k8s-app': 'kube-dns' }, 'metrics', ['kube-system']);
  smon('payment-gateway', 'payments', { app: 'payment-gateway' }, 'http');
  smon('cnpg-pg-main', 'payments', { 'cnpg.io/cluster': 'pg-main' }, 'metrics');
  addCustom(b, { apiVersion: V, kind: 'PodMonitor', name: 'envoy-stats-monitor', namespace: 'istio-system', labels: { monitoring: 'istio-proxies' }, spec: { selector: { matchExpressions: [{ key: 'istio-prometheus-ignore', operator: 'DoesNotExist' }] }, namespaceSelector: { any: true }, jobLabel: 'envoy-stats', podMetricsEndpoints: [{ path: '/stats/prometheus', interval: '15s', relabelings: [{ action: 'keep', sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: 'istio-proxy' }] }] } });
  addCustom(b, {
    apiVersion: V, kind: 'PrometheusRule', name: 'kubernetes-apps', namespace: NS, labels: { ...kp, prometheus: 'k8s', role: 'alert-rules' },
    spec: { groups: [{ name: 'kubernetes-apps', rules: [
      { alert: 'KubePodCrashLooping', expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", job="kube-state-metrics"}[5m]) >= 1', for: '15m', labels: { severity: 'warning' }, annotations: { summary: 'Pod is crash looping.', description: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is in waiting state (reason: "CrashLoopBackOff").' } },
      { alert: 'KubePodNotReady', expr: 'sum by (namespace, pod) (max by(namespace, pod) (kube_pod_status_phase{job="kube-state-metrics", phase=~"Pending|Unknown|Failed"})) > 0', for: '15m', labels: { severity: 'warning' }, annotations: { summary: 'Pod has been in a non-ready state for more than 15 minutes.' } },
      { alert: 'KubeDeploymentReplicasMismatch', expr: 'kube_deployment_spec_replicas{job="kube-state-metrics"} > kube_deployment_status_replicas_available{job="kube-state-metrics"}', for: '15m', labels: { severity: 'warning' } },
    ] }] },
  });
  addCustom(b, {
    apiVersion: V, kind: 'PrometheusRule', name: 'node-exporter-rules', namespace: NS, labels: { ...kp, prometheus: 'k8s', role: 'alert-rules' },
    spec: { groups: [{ name: 'node-exporter.rules', rules: [{ record: 'instance:node_cpu_utilisation:rate5m', expr: '1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{job="node-exporter", mode=~"idle|iowait|steal"}[5m])))' }, { alert: 'NodeFilesystemAlmostOutOfSpace', expr: 'node_filesystem_avail_bytes{job="node-exporter",fstype!=""} / node_filesystem_size_bytes{job="node-exporter",fstype!=""} * 100 < 5', for: '30m', labels: { severity: 'warning' } }] }] },
  });
}
