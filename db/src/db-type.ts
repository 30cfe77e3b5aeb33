import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index';

export type Schema = typeof schema;
/** Any drizzle Postgres database over our schema: PGlite, node-postgres or Neon. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What data-access functions take: a database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'pg' | 'neon';
  close(): Promise<void>;
}

export interface DbOptions {
  /** Called once per statement sent to the database (benchmarks count round trips with it). */
  onQuery?: (sql: string) => void;
}
