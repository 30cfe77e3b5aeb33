import { DeployProjectName, DeployProjectSettings } from '@mos/db/contracts';
import * as z from 'zod';
import { Id, nullableText } from './common';
import { SecretName } from './secrets';

/**
 * Inputs of `deploy.*` (admins only). A plan arrives as any JSON value and is validated by the plan model in the
 * service (`parsePlan` of `@mos/cloudhand/plan`), so its problems come back at their plan fields
 * (`new_spec.instances[0].workloads[1].repo_url`) instead of as one opaque input error.
 */
export const DeployProjectCreate = z.strictObject({
  name: DeployProjectName,
  description: nullableText(2000),
  settings: DeployProjectSettings.optional(),
});
export type DeployProjectCreate = z.infer<typeof DeployProjectCreate>;

/** Settings fields to change; the others keep their stored values. */
export const DeployProjectSettingsPatch = z.strictObject({
  hcloudTokenSecret: SecretName.optional(),
  sshKeySecret: SecretName.nullable().optional(),
  gitTokenSecret: SecretName.nullable().optional(),
  nginxMode: z.enum(['per-app', 'combined']).optional(),
  certbotEmail: z.email('must be an e-mail address').nullable().optional(),
});
export type DeployProjectSettingsPatch = z.infer<typeof DeployProjectSettingsPatch>;

export const DeployProjectUpdate = z.strictObject({
  projectId: Id,
  description: nullableText(2000),
  settings: DeployProjectSettingsPatch.optional(),
});
export type DeployProjectUpdate = z.infer<typeof DeployProjectUpdate>;

export const DeployProjectRef = z.strictObject({ projectId: Id });
export type DeployProjectRef = z.infer<typeof DeployProjectRef>;

const Version = z.number().int('must be a whole number').min(1, 'must be at least 1');

export const DeployPlanRef = z.strictObject({ projectId: Id, version: Version.nullish() });
export type DeployPlanRef = z.infer<typeof DeployPlanRef>;

/** A plan as JSON (the plan model checks it); bounded by the API's body limit. */
const PlanJson = z.unknown().refine((v) => v !== undefined, 'is required');

export const DeployPlanValidate = z.strictObject({ plan: PlanJson });
export type DeployPlanValidate = z.infer<typeof DeployPlanValidate>;

export const DeployPlanSave = z.strictObject({
  projectId: Id,
  plan: PlanJson,
  note: nullableText(500),
  /** `import`: a plan file brought in from the CLI; `editor`: written in the web app. */
  source: z.enum(['editor', 'import']).default('editor'),
});
export type DeployPlanSave = z.infer<typeof DeployPlanSave>;

/** A workload patch (reference §8: deep-merged by `name` into the current plan, or added). */
export const DeployWorkloadPatch = z.strictObject({
  projectId: Id,
  patch: z
    .record(z.string(), z.unknown())
    .refine((p) => typeof p.name === 'string' && p.name.trim() !== '', 'must have a workload name'),
  instanceName: z.string().trim().min(1).max(63).nullish(),
  createIfMissing: z.boolean().default(false),
  note: nullableText(500),
});
export type DeployWorkloadPatch = z.infer<typeof DeployWorkloadPatch>;

const LowerName = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/, 'must be 1-63 lower-case letters, digits, - or _');
const Location = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]+$/, 'must be a Hetzner location such as nbg1');
const ServerType = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]+$/, 'must be a Hetzner server type such as cx23');
const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be a host name such as worker.example.com',
  );

/** Where the first server goes (reference §12: the original's first-run bootstrap); every field optional. */
const BootstrapServer = {
  instanceName: LowerName.nullish(),
  region: Location.nullish(),
  size: ServerType.nullish(),
};

/**
 * The first plan of a project: `app` is the original's bootstrap (one network, one server, optionally one
 * workload), `mos_worker` the host that runs MOS's own temporal-worker (relay and funnel proxy behind nginx).
 */
export const DeployBootstrap = z.discriminatedUnion('kind', [
  z.strictObject({
    projectId: Id,
    kind: z.literal('app'),
    ...BootstrapServer,
    /** A first workload (checked by the plan model with the rest of the plan). */
    workload: z.record(z.string(), z.unknown()).nullish(),
  }),
  z.strictObject({
    projectId: Id,
    kind: z.literal('mos_worker'),
    ...BootstrapServer,
    repoUrl: z.string().trim().min(1, 'is required').max(2000),
    branch: z.string().trim().min(1).max(200).nullish(),
    relayServerName: HostName,
    funnelServerNames: z.array(HostName).max(200).default([]),
    https: z.boolean().default(true),
  }),
]);
export type DeployBootstrap = z.infer<typeof DeployBootstrap>;

export const DeployApply = z.strictObject({ projectId: Id, version: Version.nullish() });
export type DeployApply = z.infer<typeof DeployApply>;

export const DeployRuns = z.strictObject({
  projectId: Id,
  limit: z.number().int().min(1).max(200).default(50),
});
export type DeployRuns = z.infer<typeof DeployRuns>;

export const DeployRunRef = z.strictObject({
  runId: Id,
  /** Log lines after this sequence number (exclusive); none: from the start. */
  afterSeq: z.number().int().min(-1).nullish(),
});
export type DeployRunRef = z.infer<typeof DeployRunRef>;

export const DeployRollback = z.strictObject({ runId: Id });
export type DeployRollback = z.infer<typeof DeployRollback>;
