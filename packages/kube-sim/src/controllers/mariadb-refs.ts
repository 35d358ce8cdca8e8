/** The mariadb-operator's custom resources the simulated operator reconciles (`k8s.mariadb.com/v1alpha1`). */
import type { ResourceRef } from '../store/types.js';

export const MARIADB_GROUP = 'k8s.mariadb.com';
export const MARIADB_API_VERSION = `${MARIADB_GROUP}/v1alpha1`;

const mariadb = (resource: string, kind: string): ResourceRef => ({
  group: MARIADB_GROUP,
  version: 'v1alpha1',
  resource,
  kind,
});

export const MARIADB_MARIADBS = mariadb('mariadbs', 'MariaDB');
export const MARIADB_BACKUPS = mariadb('backups', 'Backup');
export const MARIADB_RESTORES = mariadb('restores', 'Restore');
export const MARIADB_MAXSCALES = mariadb('maxscales', 'MaxScale');

/** Every MariaDB kind the simulated operator watches (added to the controllers' CONTROLLED list). */
export const MARIADB_CONTROLLED: ResourceRef[] = [MARIADB_MARIADBS, MARIADB_BACKUPS, MARIADB_RESTORES];
