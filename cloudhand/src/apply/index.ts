// The apply engine (Node only): terraform, then each server over SSH. See types.ts for the contract.

export * from '../mask';
export * from './apply-plan';
export * from './commands';
export * from './errors';
export * from './layout';
export * from './log';
export { DEFAULT_KEEP_RELEASES, gitAuthHeader, gitEnv, rollbackStep, serverStep, unitsOf } from './server';
export * from './shell';
export * from './ssh';
export * from './terraform';
export type * from './types';
