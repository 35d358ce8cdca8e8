/** The one database interface Argus uses; two drivers implement it (PostgreSQL server, embedded PGlite). */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

export interface Database extends Queryable {
  readonly driver: 'postgres' | 'pglite';
  /** Runs fn in one transaction on one connection; rolls back if fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs fn on one dedicated session (needed for session-level advisory locks). */
  session<T>(fn: (session: Database) => Promise<T>): Promise<T>;
  /** Whether the pgvector extension is installed in this database. */
  hasExtension(name: string): Promise<boolean>;
  close(): Promise<void>;
}
