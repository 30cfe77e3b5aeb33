import { createDb, migrate } from '../node';
import { formatSeedSummary, seed } from '../seed';
import { loadDbEnv } from './env';

const env = loadDbEnv();
const database = await createDb(env.DATABASE_URL);
try {
  // Seeding an unmigrated database would fail on missing tables; migrations are idempotent.
  await migrate(database);
  console.log(formatSeedSummary(await seed(database.db)));
} finally {
  await database.close();
}
