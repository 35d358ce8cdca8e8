export type { Database, Queryable, QueryResult } from './types.js';
export { migrate, migrationStatus, MigrationError, type Migration, type MigrationStatus } from './migration.js';
export { migrations } from './migrations/index.js';
export { openDatabase, DatabaseConnectError, type OpenedDatabase } from './open-database.js';
export { DataDirInUseError } from './data-dir-lock.js';
export { createPgDatabase } from './create-pg-database.js';
export { createPgliteDatabase } from './create-pglite-database.js';
