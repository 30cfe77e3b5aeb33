/**
 * Connection string of the REAL PostgreSQL server used by integration tests (and by the
 * Neon stand-in in `./neon-stand-in.ts`, which fronts it).
 *
 * Set it before running the tests, e.g.
 *   MOS_TEST_DATABASE_URL=postgres://mos:mos@127.0.0.1:5432/mos_test pnpm -C db vitest run
 */
export function testPostgresUrl(): string {
  const url = process.env.MOS_TEST_DATABASE_URL;
  if (url === undefined || url.trim() === '') {
    throw new Error(
      'MOS_TEST_DATABASE_URL is not set. These tests need a real PostgreSQL server: set ' +
        'MOS_TEST_DATABASE_URL to its connection string, e.g. ' +
        'MOS_TEST_DATABASE_URL=postgres://mos:mos@127.0.0.1:5432/mos_test ' +
        '(the role needs to be able to create tables in that database).',
    );
  }
  return url;
}
