/** Every closed list of values MOS stores or sends, defined once (Postgres enums are built from these). */
export const USER_ROLES = ['admin', 'operator', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const CLIENT_STATUSES = ['active', 'paused', 'archived'] as const;
export const CAMPAIGN_STATUSES = ['draft', 'planning', 'running', 'completed', 'cancelled'] as const;
export const WORKFLOW_KINDS = [
  'client_onboarding',
  'client_research',
  'campaign_planning',
  'experiment_design',
  'creative_production',
  'experiment_cycle',
  'playbook_update',
  'test_campaign',
  'funnel_publish',
  'funnel_page_draft',
  'lead_delivery',
  'event_forwarding',
  'swipe_media_import',
  'experiment_plan_change',
] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];
export const WORKFLOW_STATUSES = [
  'running',
  'waiting_for_approval',
  'completed',
  'failed',
  'cancelled',
] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];
export const ASSET_STATUSES = ['draft', 'qa_passed', 'qa_failed', 'approved', 'rejected'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const ASSET_SOURCE_TYPES = ['generated', 'historical', 'competitor_example'] as const;
export const EXPERIMENT_STATUSES = ['planned', 'running', 'completed', 'cancelled'] as const;
/** A person's decision at a gate; `retry` re-runs a step that waits at the `step_failed` gate. */
export const APPROVAL_DECISIONS = ['approve', 'reject', 'edit', 'retry'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export const LLM_CALL_STATUSES = ['ok', 'error'] as const;
