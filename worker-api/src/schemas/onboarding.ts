import * as z from 'zod';
import { Id, Language, Market, nullableText } from './common';

export const BUSINESS_TYPES = ['new', 'existing'] as const;

/** A bare host name such as "example.com" or "shop.example.co.uk": labels of letters, digits and inner hyphens. */
const DOMAIN =
  /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(DOMAIN, 'must be a domain like example.com (no https:// and no path)');

/**
 * What the onboarding wizard collects about a client (the original's OnboardingStartRequest, camelCase and
 * strict). Stored as submitted in onboarding_payloads and read by the onboarding workflow.
 */
export const OnboardingIntake = z.strictObject({
  businessType: z.enum(BUSINESS_TYPES).default('new'),
  brandStory: z
    .string()
    .trim()
    .min(10, 'must be at least 10 characters')
    .max(10_000, 'must be at most 10000 characters'),
  offers: z
    .array(z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'))
    .min(1, 'name at least one offer')
    .max(20, 'at most 20 offers'),
  constraints: nullableText(5000),
  competitorDomains: z.array(Domain).max(20, 'at most 20 competitor domains').default([]),
  funnelNotes: nullableText(5000),
  businessModel: nullableText(200),
  primaryMarkets: z.array(Market).min(1, 'name at least one market').max(50, 'at most 50 markets'),
  primaryLanguages: z.array(Language).min(1, 'name at least one language').max(50, 'at most 50 languages'),
  goals: nullableText(5000),
  notes: nullableText(5000),
});
export type OnboardingIntake = z.infer<typeof OnboardingIntake>;
/** What a form holds before defaults apply. */
export type OnboardingIntakeInput = z.input<typeof OnboardingIntake>;

export const OnboardingStart = z.strictObject({
  clientId: Id,
  intake: OnboardingIntake,
});
export type OnboardingStart = z.infer<typeof OnboardingStart>;

export const OnboardingByClient = z.strictObject({ clientId: Id });
export type OnboardingByClient = z.infer<typeof OnboardingByClient>;
