import { pgEnum } from 'drizzle-orm/pg-core';
import { ARTIFACT_SOURCES, ARTIFACT_STATUSES, ARTIFACT_TYPES } from '../artifacts/index';

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
export const APPROVAL_DECISIONS = ['approve', 'reject', 'edit'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export const LLM_CALL_STATUSES = ['ok', 'error'] as const;

export const userRole = pgEnum('user_role', USER_ROLES);
export const clientStatus = pgEnum('client_status', CLIENT_STATUSES);
export const campaignStatus = pgEnum('campaign_status', CAMPAIGN_STATUSES);
export const artifactType = pgEnum('artifact_type', ARTIFACT_TYPES);
export const artifactStatus = pgEnum('artifact_status', ARTIFACT_STATUSES);
export const artifactSource = pgEnum('artifact_source', ARTIFACT_SOURCES);
export const workflowKind = pgEnum('workflow_kind', WORKFLOW_KINDS);
export const workflowStatus = pgEnum('workflow_status', WORKFLOW_STATUSES);
export const assetStatus = pgEnum('asset_status', ASSET_STATUSES);
export const assetSourceType = pgEnum('asset_source_type', ASSET_SOURCE_TYPES);
export const experimentStatus = pgEnum('experiment_status', EXPERIMENT_STATUSES);
export const approvalDecision = pgEnum('approval_decision', APPROVAL_DECISIONS);
export const llmCallStatus = pgEnum('llm_call_status', LLM_CALL_STATUSES);
