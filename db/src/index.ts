export * from './data/audit';
export * from './data/clients';
export * from './data/orgs';
export * from './data/pagination';
export type { Database, Db, DbOptions, Queryable, Schema, Tx } from './db-type';
export * from './schema/index';
