import type { Db, MediaStore, SecretsKey } from '@mos/db';
import type { LlmClient } from '../llm/types';
import type { DeployEngine, ServerLayout, SshTarget } from './deploy/engine';
import type { RenderPublishedPage } from './funnels/render';
import type { InsightsClientOptions } from './signals/meta-insights';

/** Where funnel activities send conversions; tests point these at local stand-ins. */
export interface ForwardingEndpoints {
  /** Meta Graph API origin (default https://graph.facebook.com). */
  metaGraphBaseUrl: string;
  /** GA4 Measurement Protocol origin (default https://www.google-analytics.com). */
  ga4BaseUrl: string;
}

/** What the deploy activities need beyond the database (see activities/deploy/). */
export interface DeployDeps {
  /** cloudhand's apply engine (default: loaded at the first deploy); the mechanics tests inject a recording one. */
  engine?: DeployEngine;
  /** TERRAFORM_BIN; unset: the terraform step fails naming it. */
  terraformBin?: string | undefined;
  /** DEPLOY_ROOT_DIR: terraform folders live at `<root>/<orgId>/<projectId>/terraform`. */
  rootDir: string;
  /**
   * Where to reach an instance's sshd instead of `<ip>:22` as root (DEPLOY_SSH_OVERRIDE; tests: the local
   * server's loopback port). Null or absent: the production address.
   */
  sshTarget?: (target: { instance: string; ip: string }) => SshTarget | null;
  /**
   * Server paths and commands, for every instance or per instance (tests: each local server's folders and its
   * systemctl stand-in).
   */
  layout?:
    | Partial<ServerLayout>
    | ((target: { instance: string; ip: string }) => Partial<ServerLayout> | undefined);
  /** Where funnel workloads proxy to when a Publish + Deploy names no upstream (DEPLOY_PUBLIC_BASE_URL…). */
  publicBaseUrl?: string | undefined;
  publicApiBaseUrl?: string | undefined;
}

/** The Temporal client activities start or signal workflows with (Publish + Deploy enqueues its run). */
export interface WorkflowStarter {
  signalWithStart(opts: {
    workflowType: string;
    workflowId: string;
    args: unknown[];
    signal: string;
    signalArgs: unknown[];
  }): Promise<void>;
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
  /** Deploys (cloudhand); absent: deploy activities refuse with a clear error. */
  deploy?: DeployDeps;
  /** Absent: activities that start or signal workflows refuse with a clear error. */
  workflows?: WorkflowStarter;
  /** The Meta insights client's waits and limits (tests: a sleep that records instead of waiting). */
  metaInsights?: InsightsClientOptions;
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
