import type { ScenarioBuilder } from '../builder.js';
import { addSecret, addServiceAccount } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addDeployment, addStatefulSet } from '../core/workloads.js';
import { addCustom, condition } from './crd.js';

const G = 'monitoring.coreos.com';
const V = `${G}/v1`;
const NS = 'monitoring';

export function addPrometheusObjects(b: ScenarioBuilder): void {
  const kp = { 'app.kubernetes.io/part-of': 'kube-prometheus' };
  addServiceAccount(b, NS, 'prometheus-operator');
  addDeployment(b, {
    name: 'prometheus-operator',
    namespace: NS,
    replicas: 1,
    selector: { 'app.kubernetes.io/name': 'prometheus-operator', 'app.kubernetes.io/component': 'controller' },
    labels: { ...kp, 'app.kubernetes.io/version': '0.85.0' },
    containers: [
      ctr('prometheus-operator', 'quay.io/prometheus-operator/prometheus-operator:v0.85.0', {
        port: 8080,
        cpu: '100m',
        memory: '100Mi',
      }),
    ],
    serviceAccount: 'prometheus-operator',
    ageSeconds: 90 * 86400,
  });
  addService(b, {
    name: 'prometheus-operator',
    namespace: NS,
    selector: { 'app.kubernetes.io/name': 'prometheus-operator' },
    labels: { 'app.kubernetes.io/name': 'prometheus-operator' },
    ports: [{ name: 'https', port: 8443, targetPort: 8080 }],
  });

  addServiceAccount(b, NS, 'prometheus-k8s');
  const prom = addCustom(b, {
    apiVersion: V,
    kind: 'Prometheus',
    name: 'k8s',
    namespace: NS,
    labels: { ...kp, 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'k8s' },
    generation: 2,
    ageSeconds: 90 * 86400,
    spec: {
      version: '3.5.0',
      replicas: 2,
      shards: 1,
      serviceAccountName: 'prometheus-k8s',
      retention: '15d',
      serviceMonitorSelector: {},
      serviceMonitorNamespaceSelector: {},
      podMonitorSelector: {},
      podMonitorNamespaceSelector: {},
      ruleSelector: {},
      alerting: { alertmanagers: [{ namespace: NS, name: 'alertmanager-main', port: 'web', apiVersion: 'v2' }] },
      externalUrl: 'http://prometheus.example.com',
      resources: { requests: { memory: '400Mi' } },
      storage: {
        volumeClaimTemplate: {
          spec: { storageClassName: 'rook-ceph-block', resources: { requests: { storage: '50Gi' } } },
        },
      },
    },
    status: {
      availableReplicas: 2,
      replicas: 2,
      updatedReplicas: 2,
      unavailableReplicas: 0,
      paused: false,
      shards: 1,
      selector:
        'app.kubernetes.io/instance=k8s,app.kubernetes.io/managed-by=prometheus-operator,app.kubernetes.io/name=prometheus,operator.prometheus.io/name=k8s,prometheus=k8s',
      shardStatuses: [{ shardID: '0', replicas: 2, updatedReplicas: 2, availableReplicas: 2, unavailableReplicas: 0 }],
      conditions: [
        { ...condition(b, 'Available', 'True'), observedGeneration: 2 },
        { ...condition(b, 'Reconciled', 'True'), observedGeneration: 2 },
      ],
    },
  });
  const promSel = {
    'app.kubernetes.io/instance': 'k8s',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'prometheus',
    'operator.prometheus.io/name': 'k8s',
    prometheus: 'k8s',
  };
  addStatefulSet(b, {
    name: 'prometheus-k8s',
    namespace: NS,
    replicas: 2,
    owner: prom,
    selector: promSel,
    labels: { 'operator.prometheus.io/shard': '0', 'app.kubernetes.io/version': '3.5.0' },
    annotations: { 'prometheus-operator-input-hash': String(b.rng.int(1e15, 9e15)) },
    serviceName: 'prometheus-operated',
    containers: [
      ctr('prometheus', 'quay.io/prometheus/prometheus:v3.5.0', {
        port: 9090,
        portName: 'web',
        cpu: '200m',
        memory: '400Mi',
        limitMemory: '2Gi',
      }),
      ctr('config-reloader', 'quay.io/prometheus-operator/prometheus-config-reloader:v0.85.0', {
        port: 8080,
        portName: 'reloader-web',
        cpu: '10m',
        memory: '50Mi',
      }),
    ],
    volumeClaims: [{ name: 'prometheus-k8s-db', size: '50Gi', storageClass: 'rook-ceph-block' }],
    serviceAccount: 'prometheus-k8s',
    ageSeconds: 90 * 86400,
  });
  // The governing Service the operator creates: how plugins discover Prometheus.
  addService(b, {
    name: 'prometheus-operated',
    namespace: NS,
    headless: true,
    selector: { 'app.kubernetes.io/name': 'prometheus' },
    labels: { 'managed-by': 'prometheus-operator', 'operated-prometheus': 'true' },
    owner: prom,
    ports: [{ name: 'web', port: 9090, targetPort: 'web' }],
  });
  addService(b, {
    name: 'prometheus-k8s',
    namespace: NS,
    selector: promSel,
    labels: { ...kp, 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'k8s' },
    ports: [
      { name: 'web', port: 9090, targetPort: 'web' },
      { name: 'reloader-web', port: 8080, targetPort: 'reloader-web' },
    ],
  });
  addService(b, {
    name: 'prometheus',
    namespace: NS,
    selector: promSel,
    labels: { 'app.kubernetes.io/name': 'prometheus' },
    ports: [{ name: 'web', port: 9090, targetPort: 'web' }],
  });

  addServiceAccount(b, NS, 'alertmanager-main');
  addSecret(b, {
    name: 'alertmanager-main',
    namespace: NS,
    labels: { 'app.kubernetes.io/name': 'alertmanager' },
    data: {
      'alertmanager.yaml': 'route:\n  receiver: default\n  group_by: [namespace]\nreceivers:\n- name: default\n',
    },
  });
  const am = addCustom(b, {
    apiVersion: V,
    kind: 'Alertmanager',
    name: 'main',
    namespace: NS,
    labels: { ...kp, 'app.kubernetes.io/name': 'alertmanager' },
    ageSeconds: 90 * 86400,
    spec: {
      version: '0.28.1',
      replicas: 2,
      serviceAccountName: 'alertmanager-main',
      alertmanagerConfigSelector: {},
      externalUrl: 'http://alertmanager.example.com',
    },
    status: {
      availableReplicas: 2,
      replicas: 2,
      updatedReplicas: 2,
      unavailableReplicas: 0,
      paused: false,
      selector:
        'alertmanager=main,app.kubernetes.io/instance=main,app.kubernetes.io/managed-by=prometheus-operator,app.kubernetes.io/name=alertmanager',
      conditions: [
        { ...condition(b, 'Available', 'True'), observedGeneration: 1 },
        { ...condition(b, 'Reconciled', 'True'), observedGeneration: 1 },
      ],
    },
  });
  const amSel = {
    alertmanager: 'main',
    'app.kubernetes.io/instance': 'main',
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'app.kubernetes.io/name': 'alertmanager',
  };
  addStatefulSet(b, {
    name: 'alertmanager-main',
    namespace: NS,
    replicas: 2,
    owner: am,
    selector: amSel,
    serviceName: 'alertmanager-operated',
    containers: [
      {
        ...ctr('alertmanager', 'quay.io/prometheus/alertmanager:v0.28.1', {
          port: 9093,
          portName: 'web',
          cpu: '4m',
          memory: '100Mi',
        }),
        ports: [
          { name: 'web', containerPort: 9093 },
          { name: 'mesh-tcp', containerPort: 9094 },
        ],
      },
    ],
    serviceAccount: 'alertmanager-main',
    nodeOffset: 1,
    ageSeconds: 90 * 86400,
  });
  addService(b, {
    name: 'alertmanager-operated',
    namespace: NS,
    headless: true,
    selector: { 'app.kubernetes.io/name': 'alertmanager' },
    labels: { 'managed-by': 'prometheus-operator', 'operated-alertmanager': 'true' },
    owner: am,
    ports: [
      { name: 'web', port: 9093, targetPort: 'web' },
      { name: 'tcp-mesh', port: 9094, targetPort: 9094 },
      { name: 'udp-mesh', port: 9094, protocol: 'UDP', targetPort: 9094 },
    ],
  });
  addService(b, {
    name: 'alertmanager-main',
    namespace: NS,
    selector: amSel,
    labels: { 'app.kubernetes.io/name': 'alertmanager' },
    ports: [{ name: 'web', port: 9093, targetPort: 'web' }],
  });
}
