/**
 * @mos/stats — the experiment engine's statistics: pure functions, no I/O, no clock, no randomness unless a seeded
 * generator is passed. A leaf package: it imports no other @mos package. Simulations live at `@mos/stats/simulate`.
 */
export * from './bandit';
export * from './bayesian';
export * from './corrections';
export * from './decide';
export * from './dist';
export * from './frequentist';
export * from './metrics';
export * from './pooling';
export * from './power';
export * from './random';
export * from './sequential';
export * from './srm';
export type * from './types';
