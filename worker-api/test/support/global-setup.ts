import { createDb, migrate } from '@mos/db/node';

/** Applies migrations to the shared test PostgreSQL once, before any test file runs. */
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
