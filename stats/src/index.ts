/**
 * @mos/stats — the experiment engine's statistics: pure functions, no I/O, no clock, no randomness unless a seeded
 * generator is passed. A leaf package: it imports no other @mos package.
 */
export * from './dist';
export type * from './types';
