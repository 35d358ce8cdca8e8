import type { ScenarioBuilder } from '../builder.js';
import { AGE_COLUMN, addCrd, type PrinterColumn } from './crd.js';

const G = 'monitoring.coreos.com';

export function addPrometheusCrds(b: ScenarioBuilder): void {
  const cat = {
    group: G,
    categories: ['prometheus-operator'],
    annotations: { 'operator.prometheus.io/version': '0.85.0' },
  };
  const reconciled: PrinterColumn = {
    name: 'Reconciled',
    type: 'string',
    jsonPath: ".status.conditions[?(@.type == 'Reconciled')].status",
  };
  const available: PrinterColumn = {
    name: 'Available',
    type: 'string',
    jsonPath: ".status.conditions[?(@.type == 'Available')].status",
  };
  const paused: PrinterColumn = {
    name: 'Paused',
    type: 'boolean',
    jsonPath: '.status.paused',
    description: 'Whether the resource reconciliation is paused or not',
    priority: 1,
  };
  const status = {
    availableReplicas: 'integer',
    replicas: 'integer',
    updatedReplicas: 'integer',
    unavailableReplicas: 'integer',
    paused: 'boolean',
    shards: 'integer',
    selector: 'string',
    conditions: 'array',
    shardStatuses: 'array',
    bindings: 'array',
  } as const;
  addCrd(b, {
    ...cat,
    kind: 'Prometheus',
    plural: 'prometheuses',
    singular: 'prometheus',
    shortNames: ['prom'],
    versions: [
      {
        name: 'v1',
        scale: {
          specReplicasPath: '.spec.shards',
          statusReplicasPath: '.status.shards',
          labelSelectorPath: '.status.selector',
        },
        columns: [
          { name: 'Version', type: 'string', jsonPath: '.spec.version', description: 'The version of Prometheus' },
          {
            name: 'Desired',
            type: 'integer',
            jsonPath: '.spec.replicas',
            description: 'The number of desired replicas',
          },
          {
            name: 'Ready',
            type: 'integer',
            jsonPath: '.status.availableReplicas',
            description: 'The number of ready replicas',
          },
          reconciled,
          available,
          AGE_COLUMN,
          paused,
        ],
      },
    ],
    spec: {
      version: 'string',
      replicas: 'integer',
      shards: 'integer',
      serviceAccountName: 'string',
      serviceMonitorSelector: 'object',
      serviceMonitorNamespaceSelector: 'object',
      podMonitorSelector: 'object',
      ruleSelector: 'object',
      retention: 'string',
      resources: 'object',
      storage: 'object',
      alerting: 'object',
      externalUrl: 'string',
      paused: 'boolean',
    },
    status,
  });
  addCrd(b, {
    ...cat,
    kind: 'Alertmanager',
    plural: 'alertmanagers',
    shortNames: ['am'],
    versions: [
      {
        name: 'v1',
        scale: {
          specReplicasPath: '.spec.replicas',
          statusReplicasPath: '.status.replicas',
          labelSelectorPath: '.status.selector',
        },
        columns: [
          { name: 'Version', type: 'string', jsonPath: '.spec.version', description: 'The version of Alertmanager' },
          {
            name: 'Replicas',
            type: 'integer',
            jsonPath: '.spec.replicas',
            description: 'The number of desired replicas',
          },
          {
            name: 'Ready',
            type: 'integer',
            jsonPath: '.status.availableReplicas',
            description: 'The number of ready replicas',
          },
          reconciled,
          available,
          AGE_COLUMN,
          paused,
        ],
      },
    ],
    spec: {
      version: 'string',
      replicas: 'integer',
      alertmanagerConfigSelector: 'object',
      externalUrl: 'string',
      retention: 'string',
    },
    status,
  });
  addCrd(b, {
    ...cat,
    kind: 'ServiceMonitor',
    plural: 'servicemonitors',
    shortNames: ['smon'],
    versions: [{ name: 'v1', columns: [AGE_COLUMN] }],
    spec: {
      selector: 'object',
      namespaceSelector: 'object',
      endpoints: 'array',
      jobLabel: 'string',
      targetLabels: 'string[]',
    },
    status: { bindings: 'array' },
  });
  addCrd(b, {
    ...cat,
    kind: 'PodMonitor',
    plural: 'podmonitors',
    shortNames: ['pmon'],
    versions: [{ name: 'v1', columns: [AGE_COLUMN] }],
    spec: { selector: 'object', namespaceSelector: 'object', podMetricsEndpoints: 'array', jobLabel: 'string' },
    status: { bindings: 'array' },
  });
  addCrd(b, {
    ...cat,
    kind: 'PrometheusRule',
    plural: 'prometheusrules',
    shortNames: ['promrule'],
    versions: [{ name: 'v1', statusSubresource: false, columns: [AGE_COLUMN] }],
    spec: { groups: 'array' },
  });
  addCrd(b, {
    ...cat,
    kind: 'ScrapeConfig',
    plural: 'scrapeconfigs',
    shortNames: ['scfg'],
    versions: [{ name: 'v1alpha1', columns: [AGE_COLUMN] }],
    spec: { staticConfigs: 'array', kubernetesSDConfigs: 'array', metricsPath: 'string', scrapeInterval: 'string' },
  });
  addCrd(b, {
    ...cat,
    kind: 'AlertmanagerConfig',
    plural: 'alertmanagerconfigs',
    shortNames: ['amcfg'],
    versions: [{ name: 'v1alpha1', statusSubresource: false, columns: [AGE_COLUMN] }],
    spec: { route: 'object', receivers: 'array', inhibitRules: 'array' },
  });
}
