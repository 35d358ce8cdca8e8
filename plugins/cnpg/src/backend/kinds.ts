/** CloudNativePG's kinds as the operator toolkit serves them: health, table summary and actions. */
import { defineOperatorAction, defineOperatorKind } from '@argus/plugin-sdk';
import { clusterSummary } from '../shared/cluster-view.js';
import { backupHealth, clusterHealth, databaseHealth, poolerHealth, scheduledBackupHealth } from '../shared/health.js';
import { backupSummary, databaseSummary, poolerSummary, scheduledBackupSummary } from '../shared/summaries.js';
import {
  type Backup,
  type Cluster,
  CNPG_GROUP,
  CNPG_VERSION,
  type Database,
  type Pooler,
  type ScheduledBackup,
} from '../shared/types.js';
import { CLUSTER_ACTIONS } from './cluster-actions.js';
import { backupsFor } from './schedule-backups.js';

const common = { group: CNPG_GROUP, version: CNPG_VERSION, namespaced: true } as const;

export const clusters = defineOperatorKind<Cluster>({
  ...common,
  plural: 'clusters',
  kind: 'Cluster',
  health: clusterHealth,
  summary: clusterSummary,
  actions: CLUSTER_ACTIONS,
});

export const backups = defineOperatorKind<Backup>({
  ...common,
  plural: 'backups',
  kind: 'Backup',
  health: backupHealth,
  summary: backupSummary,
});

export const scheduledBackups = defineOperatorKind<ScheduledBackup>({
  ...common,
  plural: 'scheduledbackups',
  kind: 'ScheduledBackup',
  // The newest Backup decides: the routes read the schedule's Backups with it (schedule-backups.ts).
  health: (sb) => scheduledBackupHealth(sb, backupsFor(sb)),
  summary: (sb) => scheduledBackupSummary(sb),
  actions: {
    suspend: defineOperatorAction<ScheduledBackup>({
      label: 'Suspend',
      available: (sb) => (sb.spec?.suspend ? `${sb.metadata.name} is suspended already` : true),
      patch: () => ({ body: { spec: { suspend: true } } }),
    }),
    resume: defineOperatorAction<ScheduledBackup>({
      label: 'Resume',
      available: (sb) => (sb.spec?.suspend ? true : `${sb.metadata.name} is not suspended`),
      patch: () => ({ body: { spec: { suspend: false } } }),
    }),
  },
});

export const poolers = defineOperatorKind<Pooler>({
  ...common,
  plural: 'poolers',
  kind: 'Pooler',
  health: poolerHealth,
  summary: poolerSummary,
  actions: {
    pause: defineOperatorAction<Pooler>({
      label: 'Pause',
      confirm: (p) =>
        `Pause ${p.metadata.name}? PgBouncer holds every new client query until it is resumed: the database is unreachable through it.`,
      available: (p) => (p.spec?.pgbouncer?.paused ? `${p.metadata.name} is paused already` : true),
      patch: () => ({ body: { spec: { pgbouncer: { paused: true } } } }),
    }),
    resume: defineOperatorAction<Pooler>({
      label: 'Resume',
      available: (p) => (p.spec?.pgbouncer?.paused ? true : `${p.metadata.name} is not paused`),
      patch: () => ({ body: { spec: { pgbouncer: { paused: false } } } }),
    }),
  },
});

export const databases = defineOperatorKind<Database>({
  ...common,
  plural: 'databases',
  kind: 'Database',
  health: databaseHealth,
  summary: databaseSummary,
});

export const CNPG_KINDS = [clusters, backups, scheduledBackups, poolers, databases];
