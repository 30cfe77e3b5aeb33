import { pgEnum } from 'drizzle-orm/pg-core';
import {
  AD_VERTICALS,
  ARTIFACT_SOURCES,
  ARTIFACT_STATUSES,
  ARTIFACT_TYPES,
  SPECIAL_AD_CATEGORIES,
} from '../artifacts/index';
import {
  APPROVAL_DECISIONS,
  ASSET_SOURCE_TYPES,
  ASSET_STATUSES,
  CAMPAIGN_STATUSES,
  CLIENT_STATUSES,
  EXPERIMENT_STATUSES,
  LLM_CALL_STATUSES,
  USER_ROLES,
  WORKFLOW_KINDS,
  WORKFLOW_STATUSES,
} from '../contracts/enums';
import {
  CONSENT_STATES,
  DOMAIN_STATUSES,
  FUNNEL_EVENT_TYPES,
  FUNNEL_STATUSES,
  LEAD_DELIVERY_STATUSES,
  MEDIA_KINDS,
  MEDIA_SOURCES,
  MEDIA_STATUSES,
  MEDIA_STORAGES,
  PAGE_VERSION_SOURCES,
  PAGE_VERSION_STATUSES,
  PUBLICATION_LINK_KINDS,
} from '../contracts/funnels';

export * from '../contracts/enums';

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
export const adVertical = pgEnum('ad_vertical', AD_VERTICALS);
export const specialAdCategory = pgEnum('special_ad_category', SPECIAL_AD_CATEGORIES);
export const funnelStatus = pgEnum('funnel_status', FUNNEL_STATUSES);
export const pageVersionStatus = pgEnum('funnel_page_version_status', PAGE_VERSION_STATUSES);
export const pageVersionSource = pgEnum('funnel_page_version_source', PAGE_VERSION_SOURCES);
export const publicationLinkKind = pgEnum('funnel_publication_link_kind', PUBLICATION_LINK_KINDS);
export const domainStatus = pgEnum('funnel_domain_status', DOMAIN_STATUSES);
export const mediaKind = pgEnum('media_kind', MEDIA_KINDS);
export const mediaSource = pgEnum('media_source', MEDIA_SOURCES);
export const mediaStatus = pgEnum('media_status', MEDIA_STATUSES);
export const mediaStorage = pgEnum('media_storage', MEDIA_STORAGES);
export const funnelEventType = pgEnum('funnel_event_type', FUNNEL_EVENT_TYPES);
export const leadDeliveryStatus = pgEnum('lead_delivery_status', LEAD_DELIVERY_STATUSES);
export const consentState = pgEnum('consent_state', CONSENT_STATES);
