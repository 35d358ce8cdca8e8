import type { ScenarioBuilder } from '../builder.js';
import { AGE_COLUMN, addCrd, type PrinterColumn, readyCol } from './crd.js';

const G = 'keda.sh';

export function addKedaCrds(b: ScenarioBuilder): void {
  const soCols: PrinterColumn[] = [
    { name: 'ScaleTargetKind', type: 'string', jsonPath: '.status.scaleTargetKind' },
    { name: 'ScaleTargetName', type: 'string', jsonPath: '.spec.scaleTargetRef.name' },
    { name: 'Min', type: 'integer', jsonPath: '.spec.minReplicaCount' },
    { name: 'Max', type: 'integer', jsonPath: '.spec.maxReplicaCount' },
    readyCol(),
    readyCol('Active'),
    readyCol('Fallback'),
    readyCol('Paused'),
    { name: 'Triggers', type: 'string', jsonPath: '.status.triggersTypes' },
    { name: 'Authentications', type: 'string', jsonPath: '.status.authenticationsTypes' },
    AGE_COLUMN,
  ];
  addCrd(b, {
    group: G,
    kind: 'ScaledObject',
    plural: 'scaledobjects',
    shortNames: ['so'],
    categories: ['keda'],
    versions: [{ name: 'v1alpha1', columns: soCols }],
    spec: {
      scaleTargetRef: 'object',
      minReplicaCount: 'integer',
      maxReplicaCount: 'integer',
      idleReplicaCount: 'integer',
      pollingInterval: 'integer',
      cooldownPeriod: 'integer',
      triggers: 'array',
      fallback: 'object',
      advanced: 'object',
      initialCooldownPeriod: 'integer',
    },
    status: {
      scaleTargetKind: 'string',
      scaleTargetGVKR: 'object',
      originalReplicaCount: 'integer',
      lastActiveTime: 'date-time',
      externalMetricNames: 'string[]',
      resourceMetricNames: 'string[]',
      hpaName: 'string',
      health: 'object',
      pausedReplicaCount: 'integer',
      triggersTypes: 'string',
      authenticationsTypes: 'string',
      conditions: 'array',
    },
  });
  addCrd(b, {
    group: G,
    kind: 'ScaledJob',
    plural: 'scaledjobs',
    shortNames: ['sj'],
    categories: ['keda'],
    versions: [
      {
        name: 'v1alpha1',
        columns: [
          { name: 'Min', type: 'integer', jsonPath: '.spec.minReplicaCount' },
          { name: 'Max', type: 'integer', jsonPath: '.spec.maxReplicaCount' },
          readyCol(),
          readyCol('Active'),
          readyCol('Paused'),
          { name: 'Triggers', type: 'string', jsonPath: '.status.triggersTypes' },
          { name: 'Authentications', type: 'string', jsonPath: '.status.authenticationsTypes' },
          AGE_COLUMN,
        ],
      },
    ],
    spec: {
      jobTargetRef: 'object',
      minReplicaCount: 'integer',
      maxReplicaCount: 'integer',
      pollingInterval: 'integer',
      scalingStrategy: 'object',
      triggers: 'array',
    },
    status: {
      lastActiveTime: 'date-time',
      conditions: 'array',
      triggersTypes: 'string',
      authenticationsTypes: 'string',
      Paused: 'string',
    },
  });
  const taCols: PrinterColumn[] = [
    { name: 'PodIdentity', type: 'string', jsonPath: '.spec.podIdentity.provider' },
    { name: 'Secret', type: 'string', jsonPath: '.spec.secretTargetRef[*].name' },
    { name: 'Env', type: 'string', jsonPath: '.spec.env[*].name' },
    { name: 'VaultAddress', type: 'string', jsonPath: '.spec.hashiCorpVault.address' },
    { name: 'ScaledObjects', type: 'string', jsonPath: '.status.scaledobjects', priority: 1 },
    { name: 'ScaledJobs', type: 'string', jsonPath: '.status.scaledjobs', priority: 1 },
    AGE_COLUMN,
  ];
  const taSpec = {
    podIdentity: 'object',
    secretTargetRef: 'array',
    env: 'array',
    hashiCorpVault: 'object',
    configMapTargetRef: 'array',
  } as const;
  addCrd(b, {
    group: G,
    kind: 'TriggerAuthentication',
    plural: 'triggerauthentications',
    shortNames: ['ta', 'triggerauth'],
    categories: ['keda'],
    versions: [{ name: 'v1alpha1', columns: taCols }],
    spec: taSpec,
    status: { scaledobjects: 'string', scaledjobs: 'string' },
  });
  addCrd(b, {
    group: G,
    kind: 'ClusterTriggerAuthentication',
    plural: 'clustertriggerauthentications',
    shortNames: ['cta', 'clustertriggerauth'],
    categories: ['keda'],
    scope: 'Cluster',
    versions: [{ name: 'v1alpha1', columns: taCols }],
    spec: taSpec,
    status: { scaledobjects: 'string', scaledjobs: 'string' },
  });
}
