import { z } from 'zod';

/**
 * The contract between worker-api and temporal-worker: workflow type names, inputs, the `review` and
 * `stop` signals and the `status` query. Client-safe (zod only) so the API, the worker and the web
 * app share one definition.
 */
export const WORKFLOW_TYPE_NAMES = {
  client_onboarding: 'ClientOnboarding',
  client_research: 'ClientResearch',
  campaign_planning: 'CampaignPlanning',
  experiment_design: 'ExperimentDesign',
  creative_production: 'CreativeProduction',
  experiment_cycle: 'ExperimentCycle',
  playbook_update: 'PlaybookUpdate',
  test_campaign: 'TestCampaign',
} as const;

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
} as const;
export type Gate = keyof typeof GATE_ARTIFACT_TYPES;
export const GATES = Object.keys(GATE_ARTIFACT_TYPES) as Gate[];

/** Reject-with-feedback regenerates at most this many drafts; then the gate waits for an edit or a stop. */
export const MAX_DRAFT_ATTEMPTS = 3;

export const ReviewSignal = z.object({
  gate: z.string().min(1).max(60),
  decision: z.enum(['approve', 'reject', 'edit']),
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

/** What the `status` query answers: enough for the UI to show live state without reading history. */
export interface WorkflowStatusSnapshot {
  workflow: string;
  /** The step running now, e.g. `research:06`, `build_canon`, `wait:canon`, `done`. */
  step: string;
  /** The gate the run waits on, or null when it is not waiting for a person. */
  waitingFor: Gate | null;
  /** Draft artifact ids a reviewer is deciding on (or the latest outputs). */
  draftArtifactIds: string[];
  /** Draft attempt at the current gate, 1-based. */
  attempt: number;
  maxAttempts: number;
  /** A refused edit or failed step, in words, for the review panel. */
  lastError: string | null;
  completedSteps: string[];
  stopRequested: boolean;
}
