import {
  Baseline,
  CAMPAIGN_STATUSES,
  CURRENCY_CODE_PATTERN,
  MARKET_CODE_PATTERN,
  SPECIAL_AD_CATEGORIES,
} from '@mos/db/contracts';
import * as z from 'zod';
import { Cursor, Id, Limit, Name, nullableText } from './common';

export { CAMPAIGN_STATUSES };
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** Money and metric amounts: finite, non-negative, within what a NUMERIC column and a UI can show sensibly. */
const Amount = z.number().min(0, 'must be at least 0').max(1e12, 'is too large');

const campaignFields = {
  name: Name,
  goalDescription: nullableText(5000),
  /** e.g. "purchases", "leads", "roas"; free text as in the original. */
  objectiveType: nullableText(100),
  numericTarget: Amount.nullish(),
  /** The current value of one decision metric (a rate for CTR/CVR), e.g. `{ metric: 'cvr', value: 0.035 }`. */
  baseline: Baseline.nullish(),
  timeframeDays: z
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(3650, 'at most 3650 days')
    .nullish(),
  budgetMin: Amount.nullish(),
  budgetMax: Amount.nullish(),
  /** ISO 3166-1 alpha-2 countries the campaign runs in; each must be a primary market of the client (service). */
  markets: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(MARKET_CODE_PATTERN, 'must be ISO 3166-1 alpha-2 country codes such as "US"'),
    )
    .min(1, 'must name at least one market')
    .max(20, 'at most 20 markets')
    .refine((m) => new Set(m).size === m.length, 'must not repeat a market')
    .optional(),
  /** ISO 4217 currency of the budget; null: the first market's currency. */
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(CURRENCY_CODE_PATTERN, 'must be an ISO 4217 currency code such as "USD"')
    .nullish(),
  /** The special ad category declared for the campaign's ads; compliance QA checks the copy against it. */
  specialAdCategory: z.enum(SPECIAL_AD_CATEGORIES).nullish(),
};

/** Names budgetMax when both budgets are given and the range is inverted. */
function budgetRange(
  v: { budgetMin?: number | null | undefined; budgetMax?: number | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.budgetMin != null && v.budgetMax != null && v.budgetMin > v.budgetMax) {
    ctx.addIssue({ code: 'custom', path: ['budgetMax'], message: 'must be at least budgetMin' });
  }
}

export const CampaignCreate = z.strictObject({ clientId: Id, ...campaignFields }).superRefine(budgetRange);
export type CampaignCreate = z.infer<typeof CampaignCreate>;

/** Omitted fields stay as they are; null clears an optional field. */
export const CampaignUpdate = z
  .strictObject({
    id: Id,
    ...campaignFields,
    name: Name.optional(),
    status: CampaignStatus.optional(),
  })
  .superRefine(budgetRange);
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

export const CampaignList = z.strictObject({
  clientId: Id.optional(),
  status: CampaignStatus.optional(),
  cursor: Cursor,
  limit: Limit,
});
export type CampaignList = z.infer<typeof CampaignList>;

export const CampaignById = z.strictObject({ id: Id });
export type CampaignById = z.infer<typeof CampaignById>;
