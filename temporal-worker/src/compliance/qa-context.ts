import type { ClientCanon, PolicyCitation, QaIssue } from '@mos/db/artifacts';
import { checkAsset } from './check';
import { clauseById, type PolicyClause } from './packs';
import type {
  AdField,
  AdPlatform,
  AdVertical,
  ComplianceContext,
  ComplianceFinding,
  ContentLanguage,
  PolicyCategory,
  SpecialAdCategory,
} from './types';

/*
 * What compliance QA needs to know about a client, its campaign and its offers to apply the policy packs to a
 * generated asset: platform (from the asset's channel), vertical, language, auto-renewal and declared category.
 */

/** The asset copy fields QA reads, as the corpus names them. */
export const COPY_FIELD_TO_AD_FIELD = {
  headline: 'headline',
  hook: 'hook',
  primaryText: 'primary_text',
  script: 'script',
  imagePrompt: 'image_prompt',
} as const satisfies Record<string, AdField>;
export type QaCopyField = keyof typeof COPY_FIELD_TO_AD_FIELD;

/** The platform whose policy applies to a brief channel id (`meta`, `instagram`, `google_search`, `tiktok`…). */
export function platformOf(channel: string): AdPlatform {
  const c = channel.toLowerCase();
  if (/google|youtube|gdn|pmax|search|display/.test(c)) return 'google';
  if (/tiktok/.test(c)) return 'tiktok';
  // Meta's policies are the strictest common ground; channels without a pack (email, landing pages) use them.
  return 'meta';
}

const INDUSTRY_VERTICALS: [RegExp, AdVertical][] = [
  [/skin|beauty|cosmetic|derma|serum|hautpflege|kosmetik/i, 'skincare'],
  [/weight|diet|slim|abnehm|gewicht/i, 'weight_loss'],
  [/supplement|vitamin|nutrition|nahrungserg|protein/i, 'supplements'],
  [/fitness|gym|workout|training|yoga|sport/i, 'fitness'],
  [/financ|bank|lend|loan|credit|insur|invest|fintech|kredit|versicher/i, 'finance'],
  [/real estate|realty|property|housing|mortgage|immobil|makler/i, 'real_estate'],
  [/recruit|staffing|hiring|job|personal(?:vermittlung|dienst)/i, 'recruiting'],
  [/coach|course|education|mentor|kurs|akademie/i, 'coaching'],
  [/saas|software|b2b|platform|analytics|crm/i, 'b2b_saas'],
  [/e-?commerce|retail|shop|store|apparel|fashion|dtc|d2c|handel/i, 'ecommerce'],
];

/** The client's declared vertical, else one derived from its free-text industry, else `other`. */
export function verticalOf(declared: AdVertical | null, industry: string | null): AdVertical {
  if (declared) return declared;
  for (const [re, vertical] of INDUSTRY_VERTICALS) if (industry && re.test(industry)) return vertical;
  return 'other';
}

/** German when the client's first language is German, else English (the packs have both). */
export function languageOf(languages: readonly string[]): ContentLanguage {
  return (languages[0] ?? '').toLowerCase().startsWith('de') ? 'de' : 'en';
}

const RENEWING =
  /(?<![\p{L}])(?:subscri\p{L}*|memberships?|members?|recurring|renew\p{L}*|monthly|annual plan|abos?|abonnement\p{L}*|mitglied\p{L}*|monatlich\p{L}*|saas)(?![\p{L}])/iu;

/**
 * Whether the client's offers renew automatically (business model or price labels say subscription or membership):
 * `all` of them, `some` (a one-off with subscribe-and-save), or `none`.
 */
export function renewalOf(
  offers: readonly { businessModel: string | null; labels: readonly string[] }[],
): 'all' | 'some' | 'none' {
  const renewing = offers.filter((o) => RENEWING.test([o.businessModel ?? '', ...o.labels].join(' ')));
  if (renewing.length === 0) return 'none';
  const oneOff = offers.some((o) => /one[\s-]?off|one[\s-]?time|einmal/i.test(o.businessModel ?? ''));
  return renewing.length === offers.length && !oneOff ? 'all' : 'some';
}

/** Copy that sells the renewing option itself. */
const SELLS_RENEWAL =
  /(?<![\p{L}])(?:subscri\p{L}*|memberships?|members?|join|abo(?:nnement|nniere\p{L}*)?|abos?|mitglied\p{L}*|auto[\s-]?ship|every \d+ weeks|alle \d+ wochen)(?![\p{L}])/iu;

/** The claims of the canon's claims library marked substantiated and stating what substantiates them. */
export function substantiatedClaimsOf(canon: ClientCanon | null): string[] {
  return (canon?.claims ?? [])
    .filter((c) => c.status === 'substantiated' && (c.substantiation ?? '').trim() !== '')
    .map((c) => c.claim);
}

/** Everything but the copy: what a client and campaign contribute to each asset's check. */
export interface PolicyScope {
  vertical: AdVertical;
  language: ContentLanguage;
  renewal: 'all' | 'some' | 'none';
  specialAdCategory: SpecialAdCategory | null;
  substantiatedClaims: string[];
}

/**
 * The check's context for one piece of copy: an offer that always renews is a subscription; with a one-off option
 * too, only copy that sells the subscription is held to the renewal disclosure.
 */
export function contextFor(scope: PolicyScope, text: string): ComplianceContext {
  return {
    subscription: scope.renewal === 'all' || (scope.renewal === 'some' && SELLS_RENEWAL.test(text)),
    specialAdCategory: scope.specialAdCategory,
    substantiatedClaims: scope.substantiatedClaims,
  };
}

export function policyScope(input: {
  client: { adVertical: AdVertical | null; industry: string | null; primaryLanguages: string[] } | null;
  campaign: { specialAdCategory: SpecialAdCategory | null } | null;
  offers: readonly { businessModel: string | null; labels: readonly string[] }[];
  canon: ClientCanon | null;
}): PolicyScope {
  return {
    vertical: verticalOf(input.client?.adVertical ?? null, input.client?.industry ?? null),
    language: languageOf(input.client?.primaryLanguages ?? []),
    renewal: renewalOf(input.offers),
    specialAdCategory: input.campaign?.specialAdCategory ?? null,
    substantiatedClaims: substantiatedClaimsOf(input.canon),
  };
}

/** A clause as the QA report cites it. */
export function citation(
  clause: PolicyClause,
  category: PolicyCategory,
  source: PolicyCitation['source'],
): PolicyCitation {
  return {
    category,
    clauseId: clause.id,
    platform: clause.platform,
    area: clause.area.slice(0, 200),
    clauseText: clause.text.slice(0, 1000),
    url: clause.url,
    source,
  };
}

function issueOf(field: QaCopyField, f: ComplianceFinding): QaIssue {
  const clause = clauseById(f.clauseId);
  return {
    kind: 'compliance',
    severity: f.severity,
    message: `${field}: ${f.message} (${clause.platform} policy: ${clause.area})`.slice(0, 1000),
    phrase: f.phrase ? f.phrase.slice(0, 500) : null,
    policy: citation(clause, f.category, 'rule'),
  };
}

/**
 * The deterministic policy findings of one asset, field by field, as QA issues citing their clause. The asset is
 * judged as a whole where policy does (`checkAsset`): a renewal disclosure in any field covers the others.
 */
export function policyIssues(
  copy: { [K in QaCopyField]: string | null },
  channel: string,
  scope: PolicyScope,
): QaIssue[] {
  const platform = platformOf(channel);
  const fields = (Object.keys(COPY_FIELD_TO_AD_FIELD) as QaCopyField[]).flatMap((key) => {
    const text = copy[key];
    if (!text?.trim()) return [];
    return [
      {
        key,
        text,
        field: COPY_FIELD_TO_AD_FIELD[key],
        language: scope.language,
        vertical: scope.vertical,
        platform,
        context: contextFor(scope, text),
      },
    ];
  });
  return checkAsset(fields).map((f) => issueOf(f.key as QaCopyField, f.finding));
}
