export * from './data/audit';
export * from './data/clients';
export * from './data/orgs';
export * from './data/pagination';
export * from './data/workflow-runs';
export type { Database, Db, DbOptions, Queryable, Schema, Tx } from './db-type';
export * from './schema/index';
