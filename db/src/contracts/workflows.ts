import * as z from 'zod';
import { ARTIFACT_TYPES } from '../artifacts/index';
import { DEPLOY_RUN_STATUSES, type FunnelPublishDeploy } from './deploy';
import { APPROVAL_DECISIONS, type WorkflowKind } from './enums';
import type { DecisionMetricId, Guardrail } from './experiments';

/**
 * The contract between worker-api and temporal-worker: workflow type names, inputs, the `review` and
 * `stop` signals and the `status` query. Client-safe (zod only) so the API, the worker and the web
 * app share one definition.
 */
export const WORKFLOW_TYPE_NAMES: Record<WorkflowKind, string> = {
  client_onboarding: 'ClientOnboarding',
  client_research: 'ClientResearch',
  campaign_planning: 'CampaignPlanning',
  experiment_design: 'ExperimentDesign',
  creative_production: 'CreativeProduction',
  experiment_cycle: 'ExperimentCycle',
  playbook_update: 'PlaybookUpdate',
  test_campaign: 'TestCampaign',
  funnel_publish: 'FunnelPublish',
  funnel_page_draft: 'FunnelPageDraft',
  lead_delivery: 'LeadDelivery',
  event_forwarding: 'EventForwarding',
  swipe_media_import: 'SwipeMediaImport',
  experiment_plan_change: 'ExperimentPlanChange',
};

/**
 * Workflows that belong to no org and keep no run row (they start the org-scoped ones): the per-minute funnel
 * sweep (pending lead deliveries, events to forward), started by a Temporal Schedule.
 */
export const SYSTEM_WORKFLOW_TYPE_NAMES = { funnel_sweep: 'FunnelSweep' } as const;

export const SIGNAL_REVIEW = 'review';
export const SIGNAL_STOP = 'stop';
export const QUERY_STATUS = 'status';

/** Human gates, and the artifact type an edit at each gate must validate against (null: per-item only). */
export const GATE_ARTIFACT_TYPES = {
  canon: 'client_canon',
  metric_schema: 'metric_schema',
  strategy_sheet: 'strategy_sheet',
  experiments: 'experiment_spec',
  assets: null,
  /**
   * An LLM step that used up its attempts (or met a non-retryable provider error) waits here instead of failing
   * the run: `retry` (optional feedback) runs the step again, `edit` supplies the step's document by hand (validated
   * by the artifact type in `stepFailure.artifactType`), `workflows.stop` ends the run.
   */
  step_failed: null,
  /**
   * ExperimentCycle's proposal (ship or stop, numbers by code, rationale by the LLM): `approve` applies it,
   * `reject` with feedback keeps the cycle reading. Nothing to edit.
   */
  experiment_decision: null,
} as const;
export type Gate = keyof typeof GATE_ARTIFACT_TYPES;
export const GATES = Object.keys(GATE_ARTIFACT_TYPES) as Gate[];

/** Reject-with-feedback regenerates at most this many drafts; then the gate waits for an edit or a stop. */
export const MAX_DRAFT_ATTEMPTS = 3;

/** The decisions `workflows.review` accepts (the `approvals.decision` enum). */
export const REVIEW_DECISIONS = APPROVAL_DECISIONS;
export const ReviewDecision = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/**
 * Names the draft a review decides on (the status snapshot's `draftKey`, also stored on the run row while it
 * waits). The API accepts a review only for the gate and draft the run waits at; the workflow drops any review
 * whose key is not its current draft's, so a review can never land on a draft nobody has seen.
 */
export const DraftKey = z.string().min(1).max(600);

export const ReviewSignal = z.object({
  gate: z.string().min(1).max(60),
  decision: ReviewDecision,
  draftKey: DraftKey,
  edited: z.unknown().nullable(),
  feedback: z.string().max(5000).nullable(),
  approvedIds: z.array(z.string().max(200)).max(200),
  rejectedIds: z.array(z.string().max(200)).max(200),
  approvalId: z.string().min(1),
});
export type ReviewSignal = z.infer<typeof ReviewSignal>;

/** Every workflow input carries who and what it is for; the API adds these to each start. */
export interface RunInput {
  orgId: string;
  /** The workflow_runs row id the worker records progress on. */
  runId: string;
  clientId: string | null;
  campaignId: string | null;
  startedBy: string | null;
}

export interface ClientOnboardingInput extends RunInput {
  clientId: string;
  onboardingPayloadId: string;
}
export interface ClientResearchInput extends RunInput {
  clientId: string;
  onboardingPayloadId: string;
  /** The parent onboarding run: research steps are recorded against it. */
  parentRunId: string;
  /** A person's words when the research runs again after a step failed (steps already stored are reused). */
  feedback?: string | null;
}
export interface CampaignInput extends RunInput {
  clientId: string;
  campaignId: string;
}
export interface CreativeProductionInput extends CampaignInput {
  experimentIds?: string[];
}
export interface ExperimentCycleInput extends CampaignInput {
  experimentId: string;
  /** Seconds between result reads (default 60; tests use 1). */
  pollSeconds?: number;
  /** Stop reading after this many polls without a decision (default 7 days' worth). */
  maxPolls?: number;
}
export interface PlaybookUpdateInput extends RunInput {
  /** Scheduled runs wait for `run_now` only when false; on-demand runs start at once. */
  onDemand?: boolean;
}
export interface TestCampaignInput extends CampaignInput {
  onboardingPayloadId: string | null;
}

/** Renders every page and variant of a funnel once, stores the publication and makes it the active one. */
export interface FunnelPublishInput extends RunInput {
  clientId: string;
  funnelId: string;
  /** Publish + Deploy: the funnel's workload patched into the project's plan and applied; null: edge and proxy only. */
  deploy: FunnelPublishDeploy | null;
}
/** Drafts a page (or a variant of it) as a `source=ai` draft version from the canon, an offer and a test arm. */
export interface FunnelPageDraftInput extends RunInput {
  clientId: string;
  funnelId: string;
  pageId: string;
  variantId: string | null;
  offerId: string | null;
  /** The experiment spec's experiment and arm the page is drafted for (both or neither). */
  experimentId: string | null;
  experimentVariantId: string | null;
  instructions: string | null;
}
/** Delivers one lead to the funnel's webhook (signed), retried durably; workflow id `lead-delivery-<leadId>`. */
export interface LeadDeliveryInput extends RunInput {
  clientId: string;
  leadId: string;
  /** The webhook's retry schedule (default: 30 s doubling to 1 h, for up to 24 h); tests shorten it. */
  retry?: LeadDeliveryRetry;
}
export interface LeadDeliveryRetry {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  /** How long a delivery keeps retrying before the lead is marked failed. */
  totalMs: number;
}
/** Forwards an org's not-yet-forwarded funnel events to Meta CAPI / GA4 (consent respected). */
export interface EventForwardingInput extends RunInput {
  funnelId: string | null;
}
/** Copies swipes' media from their ad-CDN URLs into the media store with thumbnails. */
export interface SwipeMediaImportInput extends RunInput {
  swipeAssetIds: string[];
}
/**
 * A person's change of an experiment's locked plan (`experiments.changePlan`): the worker computes the new phase's
 * numbers (traffic, baseline, prior, sample size) and locks it; workflow id `experiment-plan-change-<experimentId>`.
 */
export interface ExperimentPlanChangeInput extends CampaignInput {
  experimentId: string;
  reason: string;
  /** The phase in force when the person asked (null: no plan locked yet); a different one by then refuses. */
  seenPhase: number | null;
  /** The phase the change creates (seenPhase + 1, or 1). */
  phase: number;
  changes: ExperimentPlanChanges;
}
/** What a person changes of a plan; absent: the current plan's choice stays. */
export interface ExperimentPlanChanges {
  mde?: number;
  guardrails?: Guardrail[];
  stopRule?: 'sequential' | 'fixed';
  primaryMetric?: DecisionMetricId;
}
/** Why ExperimentPlanChange refused: the ApplicationFailure type, its details[0] an ExperimentPlanRefusal. */
export const PLAN_CHANGE_REFUSED_FAILURE_TYPE = 'PlanChangeRefused';
export interface ExperimentPlanRefusal {
  /** The plan field a person can set so a plan can be computed, or `id` when the experiment's state refuses. */
  field: 'primaryMetric' | 'mde' | 'stopRule' | 'baseline' | 'controlVariantId' | 'id';
  reason: string;
  message: string;
}

/**
 * The Temporal ApplicationFailure type of an LLM step only a person can get past; its first detail is the
 * StepFailure. The workflow turns it into the `step_failed` gate.
 */
export const STEP_FAILED_FAILURE_TYPE = 'StepFailed';

/** Documents a failed step may produce besides artifacts (see StepFailure.documentType). */
export const STEP_DOCUMENT_TYPES = ['funnel_page'] as const;
export type StepDocumentType = (typeof STEP_DOCUMENT_TYPES)[number];

/** Why an LLM step waits at the `step_failed` gate: what a person needs to decide how to go on. */
export const StepFailure = z.object({
  /** The step key, e.g. `research:01`, `build_canon`. */
  step: z.string(),
  /** The artifact type the step produces: an `edit` at this gate is validated against it. */
  artifactType: z.enum(ARTIFACT_TYPES).nullable(),
  /**
   * A step whose document is not an artifact: `funnel_page` (an AI page draft) is a Puck page document, so an edit
   * at this gate is validated by the block library's `PageDocument`. Absent or null: the artifact type decides.
   */
  documentType: z.enum(STEP_DOCUMENT_TYPES).nullable().optional(),
  /** `invalid_output`: attempts used up on answers that broke the schema; `provider`: the LLM provider refused. */
  kind: z.enum(['invalid_output', 'provider', 'budget']),
  /** The last answer the model gave (parsed JSON when it parsed, else the raw text), null when none came. */
  lastAnswer: z.unknown().nullable(),
  /** Readable problems with the last answer (`path: message`), or the provider's / budget message. */
  problems: z.array(z.string()),
  attempts: z.number().int(),
  at: z.string(),
});
export type StepFailure = z.infer<typeof StepFailure>;

/** What the `status` query answers: enough for the UI to show live state without reading history. */
export const WorkflowStatusSnapshot = z.object({
  workflow: z.string(),
  /** The step running now, e.g. `research:06`, `build_canon`, `wait:canon`, `done`. */
  step: z.string(),
  /** The gate the run waits on, or null when it is not waiting for a person. */
  waitingFor: z.enum(Object.keys(GATE_ARTIFACT_TYPES) as [Gate, ...Gate[]]).nullable(),
  /** The draft a review must name while the run waits (null when not waiting). */
  draftKey: DraftKey.nullable(),
  /** Draft artifact ids a reviewer is deciding on (or the latest outputs). */
  draftArtifactIds: z.array(z.string()),
  /** Draft attempt at the current gate, 1-based. */
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  /** A refused edit or failed step, in words, for the review panel. */
  lastError: z.string().nullable(),
  /** Set while the run waits at `step_failed`. */
  stepFailure: StepFailure.nullable(),
  completedSteps: z.array(z.string()),
  stopRequested: z.boolean(),
  /** Publish + Deploy: the deploy run the publish waits for and its status (absent on other workflows). */
  deploy: z
    .object({ runId: z.string(), status: z.enum(DEPLOY_RUN_STATUSES), accessUrls: z.array(z.string()) })
    .nullable()
    .optional(),
});
export type WorkflowStatusSnapshot = z.infer<typeof WorkflowStatusSnapshot>;

/** A month's LLM spend an org may use when it has set no budget of its own (US dollars). */
export const DEFAULT_LLM_MONTHLY_BUDGET_USD = 100;
