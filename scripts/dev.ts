// `pnpm dev`: the local stack with zero configuration. Today: the API on Node over PGlite (persisted
// under .mos/), migrated and seeded with a demo agency. Temporal, the worker and the web app join
// this script as their issues land.
import { resolve } from 'node:path';
import { createDb, migrate } from '@mos/db/node';

const root = resolve(import.meta.dirname, '..');
process.env.DATABASE_URL ??= `pglite:${resolve(root, '.mos/pglite')}`;
process.env.MOS_ENV ??= 'development';

const database = await createDb(process.env.DATABASE_URL);
try {
  await migrate(database);
  const { seed } = await import('@mos/db/seed');
  const summary = await seed(database.db);
  console.log('[dev] database migrated and seeded:', JSON.stringify(summary));
} finally {
  await database.close();
}

const { startNodeServer } = await import('../worker-api/src/node');
const api = await startNodeServer(process.env);
console.log(
  '[dev] sign in locally: POST http://127.0.0.1:8787/auth/local/token {"email","orgId":"org_demo","role":"admin"}',
);

const stop = () => {
  void api.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
