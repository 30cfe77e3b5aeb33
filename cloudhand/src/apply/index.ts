// The apply engine (Node only): terraform, then each server over SSH. See types.ts for the contract.
export * from './errors';
export * from './layout';
export * from './log';
export * from './mask';
export * from './shell';
export * from './ssh';
export type * from './types';
