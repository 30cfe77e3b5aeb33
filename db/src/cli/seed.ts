import { resolve } from 'node:path';
import { createDb, localFolderMediaStore, migrate } from '../node';
import { formatSeedSummary, seed } from '../seed';
import { loadDbEnv } from './env';

const env = loadDbEnv();
const database = await createDb(env.DATABASE_URL);
try {
  // Seeding an unmigrated database would fail on missing tables; migrations are idempotent.
  await migrate(database);
  // MEDIA_DIR: the same folder the API and the worker serve media from; otherwise the bytes go in the database.
  const mediaDir = process.env.MEDIA_DIR
    ? resolve(import.meta.dirname, '../../..', process.env.MEDIA_DIR)
    : null;
  console.log(
    formatSeedSummary(
      await seed(database.db, mediaDir ? { mediaStore: localFolderMediaStore(mediaDir) } : {}),
    ),
  );
} finally {
  await database.close();
}
