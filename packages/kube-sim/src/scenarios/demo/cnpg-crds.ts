import type { ScenarioBuilder } from '../builder.js';
import { AGE_COLUMN, addCrd } from './crd.js';

const G = 'postgresql.cnpg.io';
const _PG_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:17.5';

export function addCnpgCrds(b: ScenarioBuilder): void {
  const common = { group: G, categories: ['cnpg'] };
  addCrd(b, {
    ...common,
    kind: 'Cluster',
    plural: 'clusters',
    versions: [
      {
        name: 'v1',
        scale: { specReplicasPath: '.spec.instances', statusReplicasPath: '.status.instances' },
        columns: [
          AGE_COLUMN,
          { name: 'Instances', type: 'integer', jsonPath: '.status.instances', description: 'Number of instances' },
          {
            name: 'Ready',
            type: 'integer',
            jsonPath: '.status.readyInstances',
            description: 'Number of ready instances',
          },
          { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'Cluster current status' },
          { name: 'Primary', type: 'string', jsonPath: '.status.currentPrimary', description: 'Primary pod' },
        ],
      },
    ],
    spec: {
      instances: 'integer',
      imageName: 'string',
      storage: 'object',
      walStorage: 'object',
      plugins: 'array',
      backup: 'object',
      bootstrap: 'object',
      postgresql: 'object',
      monitoring: 'object',
      affinity: 'object',
      resources: 'object',
      primaryUpdateStrategy: 'string',
    },
    status: {
      phase: 'string',
      phaseReason: 'string',
      instances: 'integer',
      readyInstances: 'integer',
      currentPrimary: 'string',
      currentPrimaryTimestamp: 'string',
      targetPrimary: 'string',
      targetPrimaryTimestamp: 'string',
      timelineID: 'integer',
      instancesStatus: 'object',
      writeService: 'string',
      readService: 'string',
      conditions: 'array',
      latestGeneratedNode: 'integer',
      firstRecoverabilityPoint: 'string',
      lastSuccessfulBackup: 'string',
    },
  });
  addCrd(b, {
    ...common,
    kind: 'Backup',
    plural: 'backups',
    versions: [
      {
        name: 'v1',
        columns: [
          AGE_COLUMN,
          { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster.name' },
          { name: 'Method', type: 'string', jsonPath: '.spec.method' },
          { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          { name: 'Error', type: 'string', jsonPath: '.status.error' },
        ],
      },
    ],
    spec: { cluster: 'object', method: 'string', pluginConfiguration: 'object', target: 'string', online: 'boolean' },
    status: {
      phase: 'string',
      method: 'string',
      backupId: 'string',
      startedAt: 'date-time',
      stoppedAt: 'date-time',
      error: 'string',
      instanceID: 'object',
      beginWal: 'string',
      endWal: 'string',
    },
  });
  addCrd(b, {
    ...common,
    kind: 'ScheduledBackup',
    plural: 'scheduledbackups',
    versions: [
      {
        name: 'v1',
        columns: [
          AGE_COLUMN,
          { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster.name' },
          { name: 'Last Backup', type: 'date', jsonPath: '.status.lastScheduleTime' },
        ],
      },
    ],
    spec: {
      schedule: 'string',
      suspend: 'boolean',
      immediate: 'boolean',
      cluster: 'object',
      method: 'string',
      pluginConfiguration: 'object',
      backupOwnerReference: 'string',
    },
    status: {
      lastScheduleTime: 'date-time',
      nextScheduleTime: 'date-time',
      lastCheckTime: 'date-time',
      error: 'string',
    },
  });
  addCrd(b, {
    ...common,
    kind: 'Pooler',
    plural: 'poolers',
    versions: [
      {
        name: 'v1',
        scale: { specReplicasPath: '.spec.instances', statusReplicasPath: '.status.instances' },
        columns: [
          AGE_COLUMN,
          { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster.name' },
          { name: 'Type', type: 'string', jsonPath: '.spec.type' },
        ],
      },
    ],
    spec: { cluster: 'object', type: 'string', instances: 'integer', pgbouncer: 'object', template: 'object' },
    status: { instances: 'integer', phase: 'string', secrets: 'object' },
  });
  addCrd(b, {
    ...common,
    kind: 'Database',
    plural: 'databases',
    versions: [
      {
        name: 'v1',
        columns: [
          AGE_COLUMN,
          { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster.name' },
          { name: 'PG Name', type: 'string', jsonPath: '.spec.name' },
          { name: 'Applied', type: 'boolean', jsonPath: '.status.applied' },
          {
            name: 'Message',
            type: 'string',
            jsonPath: '.status.message',
            description: 'Latest reconciliation message',
          },
        ],
      },
    ],
    spec: { name: 'string', owner: 'string', cluster: 'object', ensure: 'string', databaseReclaimPolicy: 'string' },
    status: { applied: 'boolean', message: 'string', observedGeneration: 'integer' },
  });
}
