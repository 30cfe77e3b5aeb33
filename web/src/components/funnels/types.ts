/**
 * The shapes the funnel screens read, written structurally so the API's answers (RouterOutputs) fit them: each
 * component takes only the fields it shows, so a route passes tRPC data straight through.
 */
import type { DomainStatus, FunnelStatus, LeadDeliveryStatus, PageVersionSource } from '@mos/db/contracts';

/** A page row of the funnel detail: its wiring and where its versions stand. */
export interface FunnelPageRow {
  id: string;
  name: string;
  slug: string;
  nextPageId: string | null;
  ordering: number;
  latestDraftVersionId: string | null;
  latestApprovedVersionId: string | null;
  /** The newest version is a draft: there are changes to approve. */
  hasUnapprovedChanges: boolean;
  latestSource: PageVersionSource | null;
}

export interface PublishProblemView {
  reason: string;
  pageId: string | null;
  message: string;
}

export interface PublicationView {
  id: string;
  number: number;
  entrySlug: string;
  createdAt: string;
  active: boolean;
}

export interface VariantView {
  id: string;
  pageId: string;
  name: string;
  experimentId: string | null;
  experimentVariantId: string | null;
  weight: number;
}

export interface VariantResult {
  pageId: string;
  variantId: string | null;
  label: string;
  views: number;
  clicks: number;
  leads: number;
  /** leads / views, 0–1 (0 without views). */
  conversion: number;
}

export interface LeadView {
  id: string;
  createdAt: string;
  email: string | null;
  /** The form's fields as submitted (name → value). */
  fields?: unknown;
  pageId: string;
  variantId: string | null;
  deliveryStatus: LeadDeliveryStatus;
}

export interface LeadDeliveryView {
  id: string;
  attempt: number;
  url: string;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
}

export interface DomainView {
  id: string;
  hostname: string;
  status: DomainStatus;
  /** The DNS TXT record the owner creates to prove control. */
  verification: { recordType: 'TXT'; recordName: string; value: string };
  lastCheckedAt: string | null;
  lastError: string | null;
}

export type { FunnelStatus };
