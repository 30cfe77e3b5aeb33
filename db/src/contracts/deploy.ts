import { HostName, RESOURCE_NAME_RE, SecretName } from '@mos/cloudhand/plan';
import * as z from 'zod';

/**
 * Deploy contracts shared by the API, the worker and the web app (client-safe). The plan model itself is
 * `@mos/cloudhand/plan`; these are the project, run and Publish + Deploy shapes around it.
 */
export const DEPLOY_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type DeployRunStatus = (typeof DEPLOY_RUN_STATUSES)[number];
export const DEPLOY_RUN_KINDS = ['apply', 'rollback'] as const;
export type DeployRunKind = (typeof DEPLOY_RUN_KINDS)[number];
export const DEPLOY_PLAN_SOURCES = [
  'editor',
  'patch',
  'bootstrap',
  'funnel_publish',
  'import',
  'rollback',
] as const;
export type DeployPlanSource = (typeof DEPLOY_PLAN_SOURCES)[number];
export const DEPLOY_STEP_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped'] as const;
export type DeployStepStatus = (typeof DEPLOY_STEP_STATUSES)[number];
export const DEPLOY_LOG_LEVELS = ['info', 'warn', 'error'] as const;
export type DeployLogLevel = (typeof DEPLOY_LOG_LEVELS)[number];

export const DeployProjectName = z
  .string()
  .trim()
  .regex(RESOURCE_NAME_RE, 'must be 1-63 lower-case letters, digits, - or _');

/** How a project applies: which org secrets hold its credentials (by name) and how nginx is laid out. */
export const DeployProjectSettings = z.strictObject({
  /** The Hetzner Cloud API token (passed to terraform as TF_VAR_hcloud_token). */
  hcloudTokenSecret: SecretName.default('HCLOUD_TOKEN'),
  /** The project's SSH private key (OpenSSH PEM); generated and stored under this name on first apply. */
  sshKeySecret: SecretName.nullable().default(null),
  /** A token for private git repositories (masked in every log). */
  gitTokenSecret: SecretName.nullable().default(null),
  nginxMode: z.enum(['per-app', 'combined']).default('per-app'),
  /** Let's Encrypt account e-mail for certbot; none: registered without e-mail. */
  certbotEmail: z.email('must be an e-mail address').nullable().default(null),
});
export type DeployProjectSettings = z.infer<typeof DeployProjectSettings>;

/** One step of a run as the UI shows it. */
export const DeployStep = z.object({
  key: z.string(),
  label: z.string(),
  status: z.enum(DEPLOY_STEP_STATUSES),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  detail: z.string().nullable(),
});
export type DeployStep = z.infer<typeof DeployStep>;

/** Where a workload runs from after a run: `<destination>/<workload>/releases/<releaseId>`, linked as `current`. */
export const DeployRelease = z.object({
  instance: z.string(),
  workload: z.string(),
  releaseId: z.string(),
  path: z.string(),
});
export type DeployRelease = z.infer<typeof DeployRelease>;

/**
 * Publish + Deploy (reference §9.4): the funnel's workload patched into the project's plan (a new plan version)
 * and applied. Server names: these, else the funnel's verified domains, else none (HTTP on the server's IP and the
 * workload's deterministic port).
 */
export const FunnelDeployRequest = z.strictObject({
  project: DeployProjectName,
  /** Default `funnel-<publicId>`. */
  workloadName: z
    .string()
    .trim()
    .regex(RESOURCE_NAME_RE, 'must be 1-63 lower-case letters, digits, - or _')
    .nullable()
    .default(null),
  /** Needed when the plan has several instances and the workload is new. */
  instanceName: z.string().trim().nullable().default(null),
  createIfMissing: z.boolean().default(true),
  serverNames: z.array(HostName).max(50).default([]),
  https: z.boolean().default(true),
  destinationPath: z.string().default('/opt/apps'),
  /** Default: DEPLOY_PUBLIC_BASE_URL (the worker's funnel proxy or the edge). */
  upstreamBaseUrl: z.string().nullable().default(null),
  /** Default: DEPLOY_PUBLIC_API_BASE_URL. */
  upstreamApiBaseUrl: z.string().nullable().default(null),
});
export type FunnelDeployRequest = z.infer<typeof FunnelDeployRequest>;
export type FunnelDeployRequestInput = z.input<typeof FunnelDeployRequest>;

/**
 * Deploys run in one Temporal workflow per project (`deployWorkflowId`): a request is a `deploy_runs` row plus a
 * signal-with-start of `enqueue`, so a second request waits in the running workflow's queue instead of racing it.
 */
export const DEPLOY_WORKFLOW_TYPE = 'DeployProject';
export const SIGNAL_DEPLOY_ENQUEUE = 'enqueue';
export const QUERY_DEPLOY_QUEUE = 'queue';
export const deployWorkflowId = (orgId: string, projectId: string) => `deploy-${orgId}-${projectId}`;

export interface DeployProjectInput {
  orgId: string;
  projectId: string;
}
export interface DeployEnqueueSignal {
  runId: string;
}
/** What the `queue` query answers: the run applying now and the runs waiting, in order. */
export interface DeployQueueSnapshot {
  current: string | null;
  waiting: string[];
}

/** A Publish + Deploy as the FunnelPublish workflow receives it (resolved by the API). */
export interface FunnelPublishDeploy {
  projectId: string;
  request: FunnelDeployRequest;
}
