export { createPgDatabase } from './create-pg-database.js';
export { createPgliteDatabase } from './create-pglite-database.js';
export { DataDirInUseError } from './data-dir-lock.js';
export { type Migration, MigrationError, type MigrationStatus, migrate, migrationStatus } from './migration.js';
export { migrations } from './migrations/index.js';
export { DatabaseConnectError, type OpenedDatabase, openDatabase } from './open-database.js';
export type { Database, Queryable, QueryResult } from './types.js';
