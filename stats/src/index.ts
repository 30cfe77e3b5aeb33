/**
 * @mos/stats — the experiment engine's statistics: pure functions, no I/O, no clock, no randomness unless a seeded
 * generator is passed. A leaf package: it imports no other @mos package.
 */
export * from './bandit';
export * from './dist';
export * from './pooling';
export * from './power';
export type * from './types';
