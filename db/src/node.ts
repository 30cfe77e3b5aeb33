import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, Db, DbOptions } from './db-type';
import * as schema from './schema/index';

export { localFolderMediaStore } from './media/local-store';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Opens the database a URL names: `pglite:memory`, `pglite:<dir>` (embedded Postgres, persisted in
 * that directory), or a Postgres URL through node-postgres, or through Neon's driver with
 * `{ neon: true }` (how Workers reach Neon, exercised on Node in tests).
 */
export async function createDb(url: string, opts: DbOptions & { neon?: boolean } = {}): Promise<Database> {
  const logger = opts.onQuery ? { logQuery: (q: string) => opts.onQuery?.(q) } : undefined;
  if (url.startsWith('pglite:')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const dir = url.slice('pglite:'.length);
    if (dir !== 'memory' && dir !== '') mkdirSync(dir, { recursive: true });
    const client = dir === 'memory' || dir === '' ? new PGlite() : new PGlite(dir);
    const db = drizzle(client, { schema, logger }) as unknown as Db;
    return { db, driver: 'pglite', close: () => client.close() };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL must be pglite:memory, pglite:<dir> or a postgres:// URL');
  }
  if (opts.neon) {
    const { createNeonDb, neonConfig } = await import('./neon');
    const { WebSocket } = await import('ws');
    neonConfig.webSocketConstructor ??= WebSocket;
    return createNeonDb(url, opts);
  }
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.default.Pool({ connectionString: url, max: 10 });
  const db = drizzle(pool, { schema, logger }) as unknown as Db;
  return { db, driver: 'pg', close: () => pool.end() };
}

/** Applies the committed SQL migrations under db/migrations. */
export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.driver === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(database.db as never, config);
  } else if (database.driver === 'pg') {
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
    await run(database.db as never, config);
  } else {
    const { migrate: run } = await import('drizzle-orm/neon-http/migrator');
    await run(database.db as never, config);
  }
}
