import { createDb, migrate } from '../node';
import { loadDbEnv } from './env';

const env = loadDbEnv();
const database = await createDb(env.DATABASE_URL);
try {
  await migrate(database);
  console.log(`migrations applied (${database.driver})`);
} finally {
  await database.close();
}
