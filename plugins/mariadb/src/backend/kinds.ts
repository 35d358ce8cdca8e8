/** The mariadb-operator's kinds as the operator toolkit serves them: health, table summary and actions. */
import { defineOperatorKind, type OperatorAction, type OperatorKind } from '@argus/plugin-sdk';
import { jobHealth, mariadbHealth, maxscaleHealth, sqlHealth } from '../shared/health.js';
import {
  type JobLike,
  MARIADB_GROUP,
  MARIADB_VERSION,
  type MariaDB,
  type MaxScale,
  type SqlObject,
} from '../shared/types.js';
import { MARIADB_ACTIONS, MAXSCALE_ACTIONS, restoreBackup, SCHEDULE_ACTIONS } from './actions.js';
import { jobSummary, mariadbSummary, maxscaleSummary, sqlSummary } from './summaries.js';

const common = { group: MARIADB_GROUP, version: MARIADB_VERSION, namespaced: true } as const;

export const mariadbs = defineOperatorKind<MariaDB>({
  ...common,
  plural: 'mariadbs',
  kind: 'MariaDB',
  health: mariadbHealth,
  summary: mariadbSummary,
  actions: MARIADB_ACTIONS,
});

export const maxscales = defineOperatorKind<MaxScale>({
  ...common,
  plural: 'maxscales',
  kind: 'MaxScale',
  health: maxscaleHealth,
  summary: maxscaleSummary,
  actions: MAXSCALE_ACTIONS,
});

// biome-ignore lint/suspicious/noExplicitAny: actions of one kind have different params
const job = (plural: string, kind: string, actions?: Record<string, OperatorAction<JobLike, any>>) =>
  defineOperatorKind<JobLike>({
    ...common,
    plural,
    kind,
    health: jobHealth,
    summary: jobSummary,
    ...(actions ? { actions } : {}),
  });

const sql = (plural: string, kind: string) =>
  defineOperatorKind<SqlObject>({ ...common, plural, kind, health: sqlHealth, summary: sqlSummary });

// biome-ignore lint/suspicious/noExplicitAny: kinds of different object types live in one list
export const MARIADB_KINDS: OperatorKind<any>[] = [
  mariadbs,
  maxscales,
  job('backups', 'Backup', { ...SCHEDULE_ACTIONS, restore: restoreBackup }),
  job('physicalbackups', 'PhysicalBackup', SCHEDULE_ACTIONS),
  job('restores', 'Restore'),
  job('sqljobs', 'SqlJob', SCHEDULE_ACTIONS),
  sql('databases', 'Database'),
  sql('users', 'User'),
  sql('grants', 'Grant'),
  sql('connections', 'Connection'),
];
