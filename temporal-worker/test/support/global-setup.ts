import { createDb, migrate } from '@mos/db/node';

/**
 * Migrates the shared test PostgreSQL once, before any test file runs: the stacks of parallel test files (and the
 * worker-api process each starts) then find the schema in place instead of racing to create it.
 */
export default async function setup(): Promise<void> {
  const url = process.env.MOS_TEST_DATABASE_URL;
  if (!url) return;
  const database = await createDb(url);
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
}
