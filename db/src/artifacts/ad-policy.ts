/**
 * The vocabulary of ad-policy compliance shared by the QA report, the worker's policy packs and the web: policy
 * categories, ad platforms, client verticals and Meta's special ad categories. zod only (client-safe).
 */
import * as z from 'zod';

/** The policy areas compliance QA checks (the compliance corpus labels lines with these ids). */
export const POLICY_CATEGORIES = [
  'personal_attributes',
  'health_claims',
  'before_after',
  'income_claims',
  'weight_loss',
  'unsubstantiated_superlatives',
  'false_urgency',
  'auto_renewal_disclosure',
  'special_ad_category',
] as const;
export const PolicyCategory = z.enum(POLICY_CATEGORIES);
export type PolicyCategory = z.infer<typeof PolicyCategory>;

/** Ad platforms with a policy pack. */
export const AD_PLATFORMS = ['meta', 'google', 'tiktok'] as const;
export const AdPlatform = z.enum(AD_PLATFORMS);
export type AdPlatform = z.infer<typeof AdPlatform>;

/** Client verticals with a policy pack of their own (`other` gets the platform packs only). */
export const AD_VERTICALS = [
  'skincare',
  'supplements',
  'weight_loss',
  'finance',
  'b2b_saas',
  'ecommerce',
  'coaching',
  'real_estate',
  'recruiting',
  'fitness',
  'other',
] as const;
export const AdVertical = z.enum(AD_VERTICALS);
export type AdVertical = z.infer<typeof AdVertical>;

/** Categories an advertiser declares on a campaign (Meta's Special Ad Categories; Google and TikTok have kin). */
export const SPECIAL_AD_CATEGORIES = ['credit', 'employment', 'housing', 'social_issues'] as const;
export const SpecialAdCategory = z.enum(SPECIAL_AD_CATEGORIES);
export type SpecialAdCategory = z.infer<typeof SpecialAdCategory>;

/** Who found a policy finding: the deterministic rules or the LLM compliance judge. */
export const POLICY_FINDING_SOURCES = ['rule', 'judge'] as const;
export const PolicyFindingSource = z.enum(POLICY_FINDING_SOURCES);
export type PolicyFindingSource = z.infer<typeof PolicyFindingSource>;
