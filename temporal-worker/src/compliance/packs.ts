import type { AdPlatform, AdVertical, PolicyCategory } from './types';

/**
 * Policy packs as data: one clause per (platform, policy category), and vertical clauses that refine a platform
 * clause for one kind of client (a supplement's disease claim, a coach's earnings claim). Each clause quotes or
 * paraphrases the platform's own words and links its help-centre page, so a finding can be checked by a person.
 */
export interface PolicyClause {
  /** `<platform>.<area>` or `<platform>.<vertical>.<area>`; cited by the rules and the LLM judge. */
  id: string;
  platform: AdPlatform;
  category: PolicyCategory;
  /** The platform's name for the policy area. */
  area: string;
  /** A short quote or paraphrase of the clause. */
  text: string;
  url: string;
  /** Verticals the clause is written for; absent: every vertical. */
  verticals?: readonly AdVertical[];
}

const META = {
  personalAttributes:
    'https://transparency.meta.com/policies/ad-standards/objectionable-content/privacy-violations-personal-attributes/',
  healthWellness:
    'https://transparency.meta.com/policies/ad-standards/restricted-goods-services/health-wellness/',
  personalHealth:
    'https://transparency.meta.com/policies/ad-standards/objectionable-content/personal-health-and-appearance/',
  deceptive:
    'https://transparency.meta.com/policies/ad-standards/deceptive-content/unacceptable-business-practices/',
  misinformation: 'https://transparency.meta.com/policies/ad-standards/deceptive-content/misinformation/',
  subscriptions:
    'https://transparency.meta.com/policies/ad-standards/content-specific-restrictions/subscription-services/',
  specialAdCategories: 'https://www.facebook.com/business/help/298000447747885',
  discrimination:
    'https://transparency.meta.com/policies/ad-standards/unacceptable-content/discriminatory-practices/',
  socialIssues: 'https://transparency.meta.com/policies/ad-standards/siep-advertising/siep/',
};
const GOOGLE = {
  personalizedAds: 'https://support.google.com/adspolicy/answer/143465',
  healthcare: 'https://support.google.com/adspolicy/answer/176031',
  misrepresentation: 'https://support.google.com/adspolicy/answer/6020955',
  unreliableClaims: 'https://support.google.com/adspolicy/answer/15936857',
  clickbait: 'https://support.google.com/adspolicy/answer/15936667',
  editorial: 'https://support.google.com/adspolicy/answer/6021546',
  financial: 'https://support.google.com/adspolicy/answer/2464998',
  political: 'https://support.google.com/adspolicy/answer/6014595',
};
const TIKTOK = {
  creatives: 'https://ads.tiktok.com/help/article/tiktok-advertising-policies-ad-creatives-landing-page',
  misleading: 'https://ads.tiktok.com/help/article/tiktok-ads-policy-misleading-and-false-content',
  weight: 'https://ads.tiktok.com/help/article/tiktok-ads-policy-weight-management',
  healthcare: 'https://ads.tiktok.com/help/article/tiktok-ads-policy-healthcare-and-medicine',
  financial: 'https://ads.tiktok.com/help/article/tiktok-ads-policy-financial-services',
  specialAdCategories: 'https://ads.tiktok.com/help/article/special-ad-categories',
  political: 'https://ads.tiktok.com/help/article/tiktok-ads-policy-politics-government-elections',
};

export const POLICY_CLAUSES: readonly PolicyClause[] = [
  // ------------------------------------------------------------------------------------------------ Meta
  {
    id: 'meta.personal-attributes',
    platform: 'meta',
    category: 'personal_attributes',
    area: 'Personal attributes',
    text: "Ads must not contain content that asserts or implies personal attributes: a person's race, ethnicity, religion, beliefs, age, sexual orientation or practices, gender identity, disability, physical or mental health (including medical conditions), vulnerable financial status, voting status, trade-union membership, criminal record or name. Ads may not ask questions about these attributes.",
    url: META.personalAttributes,
  },
  {
    id: 'meta.health.misleading-claims',
    platform: 'meta',
    category: 'health_claims',
    area: 'Unacceptable business practices: misleading health claims',
    text: 'Ads must not contain deceptive, false or misleading claims about the effectiveness or characteristics of a product, including misleading health claims (cures, treatment or prevention of a condition, proof the advertiser cannot show) that set unrealistic expectations.',
    url: META.deceptive,
  },
  {
    id: 'meta.before-after',
    platform: 'meta',
    category: 'before_after',
    area: 'Health and wellness: before-and-after images',
    text: 'Ads for weight-loss, health or cosmetic products must not show side-by-side or before-and-after comparisons of a body or transformation after using the product, or imagery of unexpected or unlikely results.',
    url: META.healthWellness,
  },
  {
    id: 'meta.income-claims',
    platform: 'meta',
    category: 'income_claims',
    area: 'Unacceptable business practices: income and get-rich-quick claims',
    text: 'Ads must not promote get-rich-quick schemes or make misleading claims about earnings or returns: promises of large income with little effort or investment, guaranteed returns or earnings figures a typical person cannot expect.',
    url: META.deceptive,
  },
  {
    id: 'meta.weight-loss',
    platform: 'meta',
    category: 'weight_loss',
    area: 'Health and wellness: weight loss',
    text: 'Weight-loss ads must target people 18 or older and must not make unrealistic claims (a specific amount lost in a time frame, effortless or guaranteed loss) or imply negative self-perception or a perfect body to promote diet or weight-loss products.',
    url: META.personalHealth,
  },
  {
    id: 'meta.unsubstantiated-claims',
    platform: 'meta',
    category: 'unsubstantiated_superlatives',
    area: 'Unacceptable business practices: misleading claims',
    text: 'Ads must not make deceptive or misleading claims about a product, including rankings, "#1" or "best" claims, expert endorsements and guaranteed results that the advertiser cannot substantiate.',
    url: META.deceptive,
  },
  {
    id: 'meta.false-urgency',
    platform: 'meta',
    category: 'false_urgency',
    area: 'Unacceptable business practices: deceptive scarcity and deadlines',
    text: 'Ads must not use deceptive or misleading practices to pressure people into buying, such as stock counts or deadlines that are not true ("only 3 left", "ends tonight" on an offer that does not end).',
    url: META.deceptive,
  },
  {
    id: 'meta.subscription-disclosure',
    platform: 'meta',
    category: 'auto_renewal_disclosure',
    area: 'Subscription services',
    text: 'Ads for subscription services must disclose pricing and recurrent billing: the price, the billing interval, that the plan renews automatically and how to cancel, not hidden in fine print.',
    url: META.subscriptions,
  },
  {
    id: 'meta.special-ad-category',
    platform: 'meta',
    category: 'special_ad_category',
    area: 'Special ad categories',
    text: 'Campaigns with ads about credit, employment or housing opportunities, or about social issues, elections or politics, must declare the matching special ad category, and their ads must not state or imply a preference for or against people by a protected characteristic.',
    url: META.specialAdCategories,
  },
  // ------------------------------------------------------------------------------------------------ Google
  {
    id: 'google.personalized-ads.sensitive-categories',
    platform: 'google',
    category: 'personal_attributes',
    area: 'Personalized advertising: sensitive interest categories',
    text: "Ads must not imply knowledge of a user's personally identifiable or sensitive information: health conditions, personal hardships (financial, relationship), race or ethnicity, religion, sexual orientation, age or disability.",
    url: GOOGLE.personalizedAds,
  },
  {
    id: 'google.healthcare.unproven-claims',
    platform: 'google',
    category: 'health_claims',
    area: 'Healthcare and medicines; Misrepresentation: unreliable claims',
    text: 'Ads may not make unproven claims of cures or treatments for medical conditions, promote "miracle cures", or claim proof (clinically proven, FDA approved) the advertiser cannot show.',
    url: GOOGLE.unreliableClaims,
  },
  {
    id: 'google.clickbait.before-after',
    platform: 'google',
    category: 'before_after',
    area: 'Misrepresentation: clickbait',
    text: 'Ads that use "before and after" images to promote significant alterations to the human body are not allowed.',
    url: GOOGLE.clickbait,
  },
  {
    id: 'google.unreliable-claims.financial',
    platform: 'google',
    category: 'income_claims',
    area: 'Misrepresentation: unreliable claims (financial)',
    text: 'Ads must not make unrealistic promises of large financial return with minimal risk, effort or investment: guaranteed returns, get-rich-quick schemes or exaggerated earnings.',
    url: GOOGLE.unreliableClaims,
  },
  {
    id: 'google.unreliable-claims.weight-loss',
    platform: 'google',
    category: 'weight_loss',
    area: 'Misrepresentation: unreliable claims (weight loss)',
    text: 'Ads must not claim unrealistic weight loss within a specific time frame or with little effort (e.g. "eat whatever you want and lose 10 pounds in a month").',
    url: GOOGLE.unreliableClaims,
  },
  {
    id: 'google.unreliable-claims.superlatives',
    platform: 'google',
    category: 'unsubstantiated_superlatives',
    area: 'Misrepresentation: unreliable claims; Editorial',
    text: 'Ads must not make inaccurate claims or entice with an improbable result; comparative or superlative claims ("#1", "best", "doctor recommended") must be verifiable.',
    url: GOOGLE.misrepresentation,
  },
  {
    id: 'google.misrepresentation.false-urgency',
    platform: 'google',
    category: 'false_urgency',
    area: 'Misrepresentation: unavailable promotions',
    text: 'Ads must not promote offers, stock levels or deadlines that are not accurate or not available from the destination.',
    url: GOOGLE.misrepresentation,
  },
  {
    id: 'google.misrepresentation.billing-disclosure',
    platform: 'google',
    category: 'auto_renewal_disclosure',
    area: 'Misrepresentation: omission of relevant information',
    text: 'Ads must clearly and conspicuously disclose the payment model and full expense, including recurring subscription costs.',
    url: GOOGLE.misrepresentation,
  },
  {
    id: 'google.personalized-ads.housing-employment-credit',
    platform: 'google',
    category: 'special_ad_category',
    area: 'Personalized advertising: housing, employment and credit; Political content',
    text: 'Housing, employment and consumer-credit ads may not be targeted by age, gender, family status or postal code, and election ads need advertiser verification; ad text must not express a discriminatory preference.',
    url: GOOGLE.personalizedAds,
  },
  // ------------------------------------------------------------------------------------------------ TikTok
  {
    id: 'tiktok.personal-attributes',
    platform: 'tiktok',
    category: 'personal_attributes',
    area: 'Ad creatives: personal attributes and discrimination',
    text: "Ad content must not assert or imply a viewer's personal attributes (health, financial status, religion, ethnicity, sexual orientation, age) or single people out by them.",
    url: TIKTOK.creatives,
  },
  {
    id: 'tiktok.misleading-claims.health',
    platform: 'tiktok',
    category: 'health_claims',
    area: 'Misleading and false content: misleading claims',
    text: "Ad content must not promise or exaggerate results concerning a product's effect; claims of cures for incurable diseases and medical claims without authorization are not allowed.",
    url: TIKTOK.misleading,
  },
  {
    id: 'tiktok.misleading-claims.before-after',
    platform: 'tiktok',
    category: 'before_after',
    area: 'Misleading and false content; Weight management',
    text: 'Ads must not show exaggerated results through before-and-after comparisons (e.g. wrinkles disappearing, extreme body transformations).',
    url: TIKTOK.misleading,
  },
  {
    id: 'tiktok.financial.income-claims',
    platform: 'tiktok',
    category: 'income_claims',
    area: 'Financial services; Misleading claims',
    text: 'Ads must not promise unrealistic or guaranteed income or returns ("get money in 10 seconds", get-rich-quick and make-money-fast schemes).',
    url: TIKTOK.financial,
  },
  {
    id: 'tiktok.weight-management',
    platform: 'tiktok',
    category: 'weight_loss',
    area: 'Weight management',
    text: 'Weight-management ads are limited to 18+ and must not reference unrealistic weight loss, claim the product alone works without diet or exercise, suggest loss is easy or guaranteed, or promote negative body image.',
    url: TIKTOK.weight,
  },
  {
    id: 'tiktok.misleading-claims.absolute-terms',
    platform: 'tiktok',
    category: 'unsubstantiated_superlatives',
    area: 'Misleading and false content: misleading claims',
    text: 'Ad content must not feature absolute terms about a product in relation to time, region or brand ("Number 1", "best") or exaggerate results without proof.',
    url: TIKTOK.misleading,
  },
  {
    id: 'tiktok.misleading.inconsistent-offers',
    platform: 'tiktok',
    category: 'false_urgency',
    area: 'Misleading and false content: inconsistent information',
    text: 'Promotion details in the ad (stock, deadlines, discounts) must match the offer actually available; invented scarcity or countdowns mislead viewers.',
    url: TIKTOK.misleading,
  },
  {
    id: 'tiktok.misleading.missing-terms',
    platform: 'tiktok',
    category: 'auto_renewal_disclosure',
    area: 'Misleading and false content: inconsistent information',
    text: 'Ads with missing disclaimers or terms and conditions about the price or billing (recurring charges, automatic renewal) are not allowed.',
    url: TIKTOK.misleading,
  },
  {
    id: 'tiktok.special-ad-categories',
    platform: 'tiktok',
    category: 'special_ad_category',
    area: 'Special ad categories; Politics, government and elections',
    text: 'Housing, employment and credit ads must run under a special ad category with restricted targeting and must not express discriminatory preferences; political and election ads are not allowed on TikTok.',
    url: TIKTOK.specialAdCategories,
  },
  // ------------------------------------------------------------------------------------------------ verticals
  {
    id: 'meta.skincare.drug-claims',
    platform: 'meta',
    category: 'health_claims',
    area: 'Misleading health claims: cosmetics',
    text: 'A cosmetic may claim to cleanse, moisturise or improve the look of skin; claiming to treat, cure, heal or prevent a skin condition (acne, eczema, rosacea) presents it as a drug and is a misleading health claim.',
    url: META.deceptive,
    verticals: ['skincare'],
  },
  {
    id: 'meta.supplements.disease-claims',
    platform: 'meta',
    category: 'health_claims',
    area: 'Misleading health claims: supplements',
    text: 'A supplement may describe support for normal body functions; it must not claim to diagnose, treat, cure or prevent a disease, replace medication, or carry proof it does not have.',
    url: META.deceptive,
    verticals: ['supplements'],
  },
  {
    id: 'google.supplements.unproven-claims',
    platform: 'google',
    category: 'health_claims',
    area: 'Healthcare and medicines: unapproved substances and claims',
    text: 'Supplement ads must not make unproven health claims or claim equivalence with prescription drugs.',
    url: GOOGLE.healthcare,
    verticals: ['supplements'],
  },
  {
    id: 'meta.coaching.earnings-claims',
    platform: 'meta',
    category: 'income_claims',
    area: 'Unacceptable business practices: business opportunities',
    text: 'Coaching, course and business-opportunity ads must not promise earnings ("six figures", "$10k a month") or quitting a job as a typical result.',
    url: META.deceptive,
    verticals: ['coaching'],
  },
  {
    id: 'meta.finance.guaranteed-returns',
    platform: 'meta',
    category: 'income_claims',
    area: 'Financial products and services',
    text: 'Financial ads must not promise guaranteed or risk-free returns or present an investment as a way to get rich quickly.',
    url: META.deceptive,
    verticals: ['finance'],
  },
  {
    id: 'google.finance.financial-services',
    platform: 'google',
    category: 'income_claims',
    area: 'Financial services',
    text: 'Financial services ads must not present investments as risk-free, guarantee returns or omit material risks and fees.',
    url: GOOGLE.financial,
    verticals: ['finance'],
  },
  {
    id: 'meta.weight-loss.negative-self-perception',
    platform: 'meta',
    category: 'weight_loss',
    area: 'Personal health and appearance',
    text: 'Diet and weight-loss ads must not declare a perfect body, reinforce negative body image, feature body shaming or promise specific results in a time frame.',
    url: META.personalHealth,
    verticals: ['weight_loss', 'fitness', 'supplements'],
  },
  {
    id: 'meta.real-estate.housing',
    platform: 'meta',
    category: 'special_ad_category',
    area: 'Special ad categories: housing; Discriminatory practices',
    text: 'Housing ads (sales, rentals, mortgages, home insurance) must run under the housing special ad category and must not express a preference by familial status, age, sex, religion, national origin or disability.',
    url: META.discrimination,
    verticals: ['real_estate'],
  },
  {
    id: 'meta.recruiting.employment',
    platform: 'meta',
    category: 'special_ad_category',
    area: 'Special ad categories: employment; Discriminatory practices',
    text: 'Job ads must run under the employment special ad category and must not state a preference by age, sex, national origin, religion, disability or family status ("young team", "recent graduates", "native speaker").',
    url: META.discrimination,
    verticals: ['recruiting'],
  },
  {
    id: 'meta.finance.credit',
    platform: 'meta',
    category: 'special_ad_category',
    area: 'Special ad categories: credit',
    text: 'Ads for credit cards, loans, mortgages and long-term financing (and credit-card brand ads) must run under the credit special ad category.',
    url: META.specialAdCategories,
    verticals: ['finance'],
  },
];

const byId = new Map(POLICY_CLAUSES.map((c) => [c.id, c]));

/** A clause by id; throws for an unknown id (a rule citing a clause that does not exist is a bug). */
export function clauseById(id: string): PolicyClause {
  const clause = byId.get(id);
  if (!clause) throw new Error(`Unknown policy clause ${id}`);
  return clause;
}

/** The clause a finding of `category` cites on `platform`: the vertical's own clause, else the platform's. */
export function policyClause(
  platform: AdPlatform,
  category: PolicyCategory,
  vertical: AdVertical,
): PolicyClause {
  const candidates = POLICY_CLAUSES.filter((c) => c.platform === platform && c.category === category);
  const own = candidates.find((c) => c.verticals?.includes(vertical));
  const general = candidates.find((c) => !c.verticals);
  const chosen = own ?? general;
  if (!chosen) throw new Error(`No ${platform} clause for ${category}`);
  return chosen;
}

/** Every clause that applies to a platform and vertical (the LLM judge may cite only these). */
export function applicableClauses(platform: AdPlatform, vertical: AdVertical): PolicyClause[] {
  return POLICY_CLAUSES.filter(
    (c) => c.platform === platform && (!c.verticals || c.verticals.includes(vertical)),
  );
}
