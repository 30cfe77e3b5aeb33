import type { Db, MediaStore, SecretsKey } from '@mos/db';
import type { LlmClient } from '../llm/types';
import type { RenderPublishedPage } from './funnels/render';

/** Where funnel activities send conversions; tests point these at local stand-ins. */
export interface ForwardingEndpoints {
  /** Meta Graph API origin (default https://graph.facebook.com). */
  metaGraphBaseUrl: string;
  /** GA4 Measurement Protocol origin (default https://www.google-analytics.com). */
  ga4BaseUrl: string;
}

/** What activities are built from; tests pass PGlite, the stand-in LLM and a fixed clock. */
export interface ActivityDeps {
  db: Db;
  llm: LlmClient;
  clock: () => Date;
  /** The block library's renderer (default: `@mos/funnel-blocks/render`, loaded at the first publish). */
  renderPublishedPage?: RenderPublishedPage;
  /** MOS_SECRETS_KEY: org secrets (webhook signing keys, conversion API tokens). Absent: none can be read. */
  secretsKey?: SecretsKey | null;
  /** The media store (default: bytes in the database). */
  mediaStore?: MediaStore;
  forwarding?: Partial<ForwardingEndpoints>;
  /** Log lines of the funnel activities (default console); tests collect them. Never given a secret. */
  log?: (line: string) => void;
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
