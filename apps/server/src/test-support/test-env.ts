/** The test suite's own settings (the server's are read by loadConfig alone). */
export function readTestEnv(): { postgresUrl: string; skipPostgres: boolean } {
  return {
    postgresUrl: process.env.ARGUS_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    skipPostgres: process.env.ARGUS_TEST_SKIP_POSTGRES === '1',
  };
}
