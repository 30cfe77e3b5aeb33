import type { Db } from '@mos/db';
import type { LlmClient } from '../llm/types';

/** What activities are built from; tests pass PGlite, the stand-in LLM and a fixed clock. */
export interface ActivityDeps {
  db: Db;
  llm: LlmClient;
  clock: () => Date;
}

/** Bad input or a missing row: retrying cannot help, so activities throw this (non-retryable by type). */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}
