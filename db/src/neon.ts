import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle as drizzleWs } from 'drizzle-orm/neon-serverless';
import type { Database, Db, DbOptions } from './db-type';
import * as schema from './schema/index';

export { neonConfig };

/**
 * Neon's serverless driver as SPEC §2 asks: single statements and batches over HTTP (no connection
 * to hold open in a Worker), interactive transactions over a WebSocket Pool opened for the
 * transaction only and closed right after it.
 */
export function createNeonDb(url: string, opts: DbOptions = {}): Database {
  const logger = opts.onQuery ? { logQuery: (q: string) => opts.onQuery?.(q) } : undefined;
  const http = drizzleHttp(neon(url), { schema, logger });
  const db = http as unknown as Db;
  const transaction: Db['transaction'] = async (fn, config) => {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      const ws = drizzleWs(pool, { schema, logger });
      return (await ws.transaction(fn as Parameters<typeof ws.transaction>[0], config)) as never;
    } finally {
      await pool.end();
    }
  };
  Object.defineProperty(db, 'transaction', { value: transaction });
  return { db, driver: 'neon', close: async () => {} };
}
