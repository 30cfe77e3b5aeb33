import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db-type';
import { createDb, migrate } from '../../src/node';
import { testPostgresUrl } from '../../src/testing/postgres';

/**
 * A migrated PostgreSQL database on the test server for the whole file: opened before its tests, closed after.
 * Call at the top of a test file; `.db` is read inside the tests (it does not exist before beforeAll ran).
 */
export function useTestDatabase(): { readonly db: Database['db'] } {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await createDb(testPostgresUrl());
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    get db() {
      if (!database) throw new Error('useTestDatabase: read .db inside a test, after beforeAll');
      return database.db;
    },
  };
}
