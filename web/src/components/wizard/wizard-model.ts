import type { AdVertical } from '@mos/db/contracts';
import type { z } from 'zod';
import { type PriceDraft, toCents } from '@/components/offers/price-points-editor';
import { ClientCreate, OnboardingIntake, PricePoint } from './schemas';

export type { PriceDraft };

export interface OfferDraft {
  name: string;
  /** Needed only when price points are given (the offer is then saved with offers.create). */
  businessModel: string;
  pricePoints: PriceDraft[];
}

export interface WizardValues {
  name: string;
  industry: string;
  /** The ad-policy vertical; empty: derived from the industry. */
  adVertical: AdVertical | '';
  businessType: 'new' | 'existing';
  brandStory: string;
  primaryMarkets: string[];
  primaryLanguages: string[];
  offers: OfferDraft[];
  constraints: string;
  competitorDomains: string[];
  businessModel: string;
  funnelNotes: string;
  goals: string;
}

export const EMPTY_VALUES: WizardValues = {
  name: '',
  industry: '',
  adVertical: '',
  businessType: 'new',
  brandStory: '',
  primaryMarkets: [],
  primaryLanguages: [],
  offers: [{ name: '', businessModel: '', pricePoints: [] }],
  constraints: '',
  competitorDomains: [],
  businessModel: '',
  funnelNotes: '',
  goals: '',
};

export const STEPS = [
  { id: 'basics', title: 'Basics', fields: ['name', 'industry', 'adVertical', 'businessType', 'brandStory'] },
  { id: 'markets', title: 'Markets', fields: ['primaryMarkets', 'primaryLanguages'] },
  { id: 'offers', title: 'Offers', fields: ['offers'] },
  { id: 'constraints', title: 'Constraints', fields: ['constraints', 'competitorDomains'] },
  { id: 'funnel', title: 'Funnel', fields: ['businessModel', 'funnelNotes', 'goals', 'notes'] },
  { id: 'review', title: 'Review', fields: [] },
] as const;
export type StepId = (typeof STEPS)[number]['id'];

/** Field errors keyed by form path: "brandStory", "primaryMarkets", "offers.0", "offers.0.pricePoints.1". */
export type Errors = Record<string, string>;

const orNull = (s: string) => (s.trim() ? s : null);

export function toIntake(v: WizardValues): z.input<typeof OnboardingIntake> {
  return {
    businessType: v.businessType,
    brandStory: v.brandStory,
    offers: v.offers.map((o) => o.name),
    constraints: orNull(v.constraints),
    competitorDomains: v.competitorDomains,
    funnelNotes: orNull(v.funnelNotes),
    businessModel: orNull(v.businessModel),
    primaryMarkets: v.primaryMarkets,
    primaryLanguages: v.primaryLanguages,
    goals: orNull(v.goals),
  };
}

export function toClientCreate(v: WizardValues): z.input<typeof ClientCreate> {
  return {
    name: v.name,
    industry: orNull(v.industry),
    adVertical: v.adVertical || null,
    primaryMarkets: v.primaryMarkets,
    primaryLanguages: v.primaryLanguages,
  };
}

export { toCents };

/** Where a path of an intake / client issue is shown: list items on their list, offers on their row. */
export function errorKey(path: readonly PropertyKey[]): string {
  const [head, index] = path;
  if (head === 'offers' && typeof index === 'number') return `offers.${index}`;
  return String(head ?? '');
}

export function stepOfKey(key: string): StepId | undefined {
  const head = key.split('.')[0] ?? '';
  return STEPS.find((s) => (s.fields as readonly string[]).includes(head))?.id;
}

function describe(path: readonly PropertyKey[], message: string, values: WizardValues): string {
  // "name at least one market" is clear alone; an item's problem needs to say which item.
  const [head, index] = path;
  if (
    typeof index === 'number' &&
    (head === 'primaryMarkets' || head === 'primaryLanguages' || head === 'competitorDomains')
  ) {
    const item = values[head][index];
    return item !== undefined ? `“${item}” ${message}` : message;
  }
  return message;
}

function collect(
  into: Errors,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  values: WizardValues,
  prefix = '',
) {
  for (const i of issues) {
    const key = prefix ? `${prefix}.${errorKey(i.path)}` : errorKey(i.path);
    into[key] ??= describe(i.path, i.message, values);
  }
}

/** Every problem in the form, keyed for display; `isNew` adds the client's own fields. */
export function validateAll(v: WizardValues, isNew: boolean): Errors {
  const errors: Errors = {};
  if (isNew) {
    const c = ClientCreate.safeParse(toClientCreate(v));
    if (!c.success) collect(errors, c.error.issues, v);
  }
  const i = OnboardingIntake.safeParse(toIntake(v));
  if (!i.success) collect(errors, i.error.issues, v);
  v.offers.forEach((o, n) => {
    if (o.pricePoints.length === 0) return;
    if (!o.businessModel.trim())
      errors[`offers.${n}.businessModel`] ??= 'is required when you add price points';
    o.pricePoints.forEach((p, k) => {
      const parsed = PricePoint.safeParse({
        label: p.label,
        amountCents: toCents(p.amount),
        currency: p.currency.trim().toUpperCase(),
      });
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const field = first?.path[0] === 'amountCents' ? 'amount' : String(first?.path[0] ?? 'label');
        const message =
          field === 'amount' ? 'must be an amount like 49 or 49.90' : (first?.message ?? 'is invalid');
        errors[`offers.${n}.pricePoints.${k}`] ??=
          `${field === 'currency' ? 'Currency' : field === 'label' ? 'Label' : 'Amount'} ${message}`;
      }
    });
  });
  return errors;
}

export function errorsOfStep(errors: Errors, step: StepId): Errors {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => stepOfKey(k) === step));
}
