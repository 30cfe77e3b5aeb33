/**
 * The contracts worker-api, temporal-worker and web speak: artifact schemas, every enum list, workflow inputs,
 * signals, queries and the status snapshot, the WorkflowGateway types and relay request signing. zod and
 * WebCrypto only: safe in the browser, on Workers and in workflow code.
 */
export * from '../artifacts/index';
export * from './deploy';
export * from './enums';
export * from './experiments';
export * from './funnels';
export * from './gateway';
export * from './markets';
export * from './relay-signing';
export * from './workflows';
