/**
 * Realistic, schema-valid example documents of every artifact type, all for one fictional client: Lumen & Moss,
 * a direct-to-consumer skincare brand for sensitive, reactive skin (US + UK). Used by tests, the stand-in LLM and
 * the web app's demo content. The ids are fixed so documents can refer to each other.
 *
 * Treat these as read-only: clone (`structuredClone`) before changing one.
 */
import type { AssetBriefSet } from './asset-brief-set';
import type { ClientCanon } from './client-canon';
import type { ExperimentReport } from './experiment-report';
import type { ExperimentSpecSet } from './experiment-spec-set';
import type { MetricSchema } from './metric-schema';
import type { Playbook } from './playbook';
import type { QAReport } from './qa-report';
import type { ResearchStep } from './research-step';
import type { StrategySheet } from './strategy-sheet';

/** Fixed ids used across the examples. */
export const exampleIds = {
  orgId: '6f0c2b1e-8d4a-4c3b-9e5f-1a2b3c4d5e6f',
  clientId: '3f1c9a52-7d4e-4b8a-9c21-5e6f7a8b9c0d',
  campaignId: 'b7e2d4f1-3c5a-4e8b-a1d2-6f9e8c7b5a43',
  researchArtifactIds: [
    'c1a0e6d2-4b7f-4e19-8a3c-0d5e6f7a8b01',
    'c1a0e6d2-4b7f-4e19-8a3c-0d5e6f7a8b04',
    'c1a0e6d2-4b7f-4e19-8a3c-0d5e6f7a8b06',
    'c1a0e6d2-4b7f-4e19-8a3c-0d5e6f7a8b07',
  ],
  experimentReportId: 'e4d3c2b1-a0f9-4e8d-b7c6-5a4b3c2d1e0f',
  assetIds: ['a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c61', 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c62'],
} as const;

const { orgId, clientId, campaignId } = exampleIds;

export const clientCanonExample: ClientCanon = {
  clientId,
  markets: [
    { country: 'US', language: 'en-US', currency: 'USD' },
    { country: 'GB', language: 'en-GB', currency: 'GBP' },
  ],
  brand: {
    story:
      'Lumen & Moss was started in 2021 by Priya Natarajan, a cosmetic chemist whose own skin flared after years of ' +
      'stacking actives. She reformulated her routine around the skin barrier: fewer steps, no fragrance, ceramides ' +
      'and niacinamide at levels that are effective without stinging. The brand sells three products direct to ' +
      'consumers in the US and UK and ships every order in refillable aluminium.',
    manifesto:
      'Calm skin is strong skin. We make fewer products, test every batch on reactive skin, and tell you exactly what ' +
      'is in each bottle and why.',
    values: [
      'Barrier first',
      'Radical ingredient transparency',
      'Fewer, better steps',
      'Low-waste by default',
    ],
    mission: 'Help people with reactive skin build a routine they can trust in under three minutes a day.',
    toneOfVoice: {
      do: [
        'Speak like a knowledgeable friend, not a lab coat',
        'Name ingredients and their percentages',
        'Acknowledge frustration with products that did not work',
        'Use short sentences and concrete sensory words ("calm", "tight", "stinging")',
      ],
      dont: [
        'Promise to cure or treat skin conditions',
        'Use fear about ageing ("fight wrinkles", "anti-ageing war")',
        'Shame the reader for their skin',
        'Use "clean" or "toxin-free" as a claim',
      ],
      examples: {
        good: [
          'Tight, stinging skin after cleansing? That is your barrier asking for a break. 5% niacinamide and three ' +
            'ceramides help it hold on to water again.',
          'Three steps. No fragrance. Every percentage on the label.',
        ],
        bad: [
          'Say goodbye to eczema forever with our miracle serum!',
          'Toxin-free skincare your dermatologist does not want you to know about.',
        ],
      },
    },
    visualStyleRefs: {
      logoUrl: 'https://cdn.lumenandmoss.com/brand/logo-moss.svg',
      palette: ['#2F4A3A', '#E9E4D8', '#C9A66B', '#1C1C1C'],
      docUrls: ['https://cdn.lumenandmoss.com/brand/brand-guidelines-2025.pdf'],
    },
  },
  offers: [
    {
      id: 'barrier-reset-serum',
      name: 'Barrier Reset Serum',
      description: '30 ml serum with 5% niacinamide, ceramides NP/AP/EOP and panthenol. Fragrance-free.',
      businessModel: 'One-off purchase ($38) or subscribe & save 20% every 8 weeks',
      guarantee: '60-day "calm skin" guarantee: full refund, even on an empty bottle.',
      differentiation: [
        'Niacinamide kept at 5% to avoid the flushing that 10% products cause on reactive skin',
        'Three-ceramide complex at skin-identical ratio',
        'Every batch patch-tested on 50 people with self-reported sensitive skin',
      ],
    },
    {
      id: 'daily-shield-spf30',
      name: 'Daily Shield SPF 30',
      description: 'Mineral (zinc oxide) daily moisturiser with no white cast on light-to-medium skin tones.',
      businessModel: 'One-off purchase ($34)',
      guarantee: null,
      differentiation: ['100% mineral filter', 'Doubles as moisturiser: one step instead of two'],
    },
    {
      id: 'ritual-starter-set',
      name: 'Ritual Starter Set',
      description: 'Gentle cleanser, Barrier Reset Serum and Daily Shield SPF 30 in travel sizes.',
      businessModel: 'Bundle ($49, 25% below the full sizes) that converts into the serum subscription',
      guarantee: '60-day "calm skin" guarantee',
      differentiation: ['Whole routine in one box', 'Sized for a 3-week trial'],
    },
  ],
  icps: [
    {
      id: 'reactive-millennial',
      name: 'The reactive-skin millennial',
      pains: [
        'Redness and stinging after most new products',
        'Has spent hundreds on products that ended up in a drawer',
        'Overwhelmed by 10-step routines on TikTok',
      ],
      gains: ['A short routine that does not sting', 'Feeling confident without foundation'],
      jobsToBeDone: [
        'Calm my skin down after over-exfoliating',
        'Find one serum I can use every day without reacting',
      ],
      segments: ['Women 27-40', 'US urban', 'UK', 'Follows skinfluencers'],
    },
    {
      id: 'retinol-recoverer',
      name: 'The retinol recoverer',
      pains: ['Peeling and tightness from retinoids', 'Does not want to give up results'],
      gains: ['Keep using retinol with less irritation'],
      jobsToBeDone: ['Buffer my retinol nights', 'Repair my barrier between active nights'],
      segments: ['Women and men 30-50', 'Already buys premium skincare'],
    },
  ],
  awarenessLevel: 'solution_aware',
  voiceOfCustomer: {
    quotes: [
      {
        quote: 'First serum in years that did not make my cheeks burn.',
        sourceUrl: 'https://www.reddit.com/r/SkincareAddiction/',
        evidenceRef: '04:q1',
      },
      {
        quote:
          'I was skeptical because everything says "for sensitive skin", but my redness is noticeably calmer after two weeks.',
        sourceUrl: 'https://www.lumenandmoss.com/products/barrier-reset-serum#reviews',
        evidenceRef: '04:q2',
      },
      {
        quote: 'Love that it is three products and I am done in the morning.',
        sourceUrl: 'https://www.lumenandmoss.com/products/barrier-reset-serum#reviews',
        evidenceRef: '04:q3',
      },
    ],
    objections: [
      '$38 is a lot for 30 ml',
      'Every brand claims to be gentle',
      'Niacinamide broke me out before',
    ],
    triggers: [
      'A flare-up after a new product',
      'Starting retinol',
      'Winter dryness',
      'A dermatologist visit',
    ],
    languagePatterns: [
      'my skin freaked out',
      'barrier is shot',
      'everything stings',
      'holy grail',
      'skin diet',
    ],
  },
  constraints: {
    legal: [
      'Cosmetic product: no claims to treat, cure or prevent any disease (FDA / UK Cosmetic Products Regulation).',
      'Before/after imagery must be unretouched and labelled with the time frame.',
    ],
    compliance: [
      'Meta: no personal-attribute phrasing ("Do you have rosacea?").',
      'Testimonials must be real customer reviews with consent on file.',
      '"Dermatologist-tested" only with the test reference in the footnote.',
    ],
    bannedTopics: [
      'Eczema, rosacea or psoriasis treatment',
      'Weight loss',
      'Competitor disparagement by name',
    ],
    bannedPhrases: ['cure', 'heals eczema', 'miracle', 'toxin-free', 'chemical-free', 'anti-ageing war'],
  },
  claims: [
    {
      id: 'patch-tested',
      claim: 'Every batch is patch-tested on 50 people with self-reported sensitive skin.',
      status: 'substantiated',
      substantiation: 'Batch patch-test reports on file (third-party lab, one report per batch since 2023).',
      proofIds: ['batch-patch-tests'],
      evidenceRefs: [],
    },
    {
      id: 'five-percent-niacinamide',
      claim: '5% niacinamide with three ceramides, fragrance-free.',
      status: 'substantiated',
      substantiation: 'The INCI list and formula sheet.',
      proofIds: ['formula-sheet'],
      evidenceRefs: [],
    },
    {
      id: 'calmer-in-two-weeks',
      claim: 'Skin feels calmer within two weeks.',
      status: 'needs_substantiation',
      substantiation: null,
      proofIds: [],
      evidenceRefs: ['04:q2'],
    },
    {
      id: 'treats-rosacea',
      claim: 'Treats rosacea or eczema.',
      status: 'not_allowed',
      substantiation: null,
      proofIds: [],
      evidenceRefs: ['04:c2'],
    },
  ],
  proof: [
    {
      id: 'batch-patch-tests',
      kind: 'test',
      description: 'Third-party patch test of every batch on 50 people with self-reported sensitive skin.',
      sourceUrl: null,
      evidenceRefs: [],
    },
    {
      id: 'formula-sheet',
      kind: 'demonstration',
      description: 'Published formula sheet with every ingredient and its percentage.',
      sourceUrl: 'https://www.lumenandmoss.com/ingredients',
      evidenceRefs: [],
    },
    {
      id: 'site-reviews',
      kind: 'review',
      description: '1,200+ verified reviews on the product page, 4.7 average.',
      sourceUrl: 'https://www.lumenandmoss.com/products/barrier-reset-serum#reviews',
      evidenceRefs: ['04:q2', '04:q3'],
    },
    {
      id: 'calm-skin-guarantee',
      kind: 'guarantee',
      description: '60-day "calm skin" guarantee: full refund, even on an empty bottle.',
      sourceUrl: null,
      evidenceRefs: [],
    },
  ],
  // Research steps 08 and 09, as code copies them into the canon.
  beliefs: {
    necessary: [
      {
        id: 'barrier-is-the-problem',
        belief: 'My redness and stinging come from a stressed skin barrier, not from "bad skin".',
        objection: 'My skin is just bad.',
        counter: 'Explain the barrier and water loss in plain words.',
        proofAngles: ['Founder-chemist explainer'],
      },
      {
        id: 'fewer-steps-work',
        belief: 'Fewer, well-dosed products work better than a shelf full of actives.',
        objection: 'I need actives for results.',
        counter: 'The routine-minimalism story.',
        proofAngles: ['UGC skin diary'],
      },
      {
        id: 'five-percent-calms',
        belief: '5% niacinamide calms without the flushing of 10%.',
        objection: 'Niacinamide broke me out before.',
        counter: 'Dose matters: 5% versus 10%.',
        proofAngles: ['Ingredient card'],
      },
      {
        id: 'gentle-with-numbers',
        belief: 'This brand proves gentleness with numbers.',
        objection: 'Everyone says gentle.',
        counter: 'Batch patch-test numbers on every bottle.',
        proofAngles: ['Test summary'],
      },
      {
        id: 'risk-free-trial',
        belief: 'Trying it is risk-free.',
        objection: '$38 is a lot for 30 ml.',
        counter: 'The 60-day guarantee and the Starter Set.',
        proofAngles: ['Guarantee card'],
      },
    ],
    iBelieve: [
      'I believe my skin stings because its barrier is stressed, not because my skin is broken.',
      'I believe a short routine with the right doses beats a shelf full of products.',
      'I believe 5% niacinamide can calm my skin without the flushing I got from 10%.',
      'I believe a brand that publishes its percentages and test numbers has nothing to hide.',
      'I believe Lumen & Moss was made by someone whose skin reacted like mine.',
      'I believe I can try it for 60 days without risking my money.',
      'I believe calmer skin will let me skip foundation on most days.',
    ],
  },
  contentPatterns: {
    goodAssetIds: ['swipe-ugc-redness-diary', 'swipe-ingredient-card'],
    badAssetIds: ['swipe-before-after-filtered'],
    angles: [
      'Barrier repair story',
      'Ingredient transparency',
      'Routine minimalism',
      'Founder-chemist credibility',
    ],
    hooks: [
      'If your skin stings after moisturiser, read this',
      'I stopped using 9 products and my skin calmed down',
      'What 5% niacinamide actually does',
    ],
    formats: ['UGC talking head 30s', 'Ingredient carousel', 'Founder explainer 45s', 'Static review card'],
  },
  research: {
    highlights: [
      'The category is crowded with "gentle" claims; buyers distrust them and look for specific percentages and testing.',
      'Reactive-skin buyers discover brands through TikTok routines and confirm on Reddit (r/SkincareAddiction).',
      'Subscription acceptance is high once a product has passed a 2-3 week trial without reactions.',
      'Main objection is price per ml versus drugstore ceramide moisturisers.',
    ],
    competitors: [
      {
        name: 'CeraVe',
        domain: 'cerave.com',
        positioning: 'Dermatologist-developed ceramide basics at drugstore prices.',
      },
      {
        name: 'The Ordinary',
        domain: 'theordinary.com',
        positioning: 'Single-active formulas, clinical naming, very low prices.',
      },
      {
        name: 'Byoma',
        domain: 'byoma.com',
        positioning: 'Barrier-focused Gen Z brand with bright packaging.',
      },
    ],
    sourceArtifactIds: [...exampleIds.researchArtifactIds],
    fromModelKnowledge: false,
  },
};

export const metricSchemaExample: MetricSchema = {
  clientId,
  markets: ['US', 'UK'],
  languages: ['en-US', 'en-GB'],
  funnel:
    'Meta and TikTok ads → product page or skin quiz → checkout (Shopify) → post-purchase email flow → ' +
    'subscription upsell on day 21.',
  businessModel: 'DTC e-commerce: one-off orders plus subscribe & save (20% off, every 8 weeks).',
  events: [
    {
      id: 'ad_click',
      name: 'Ad click',
      description: 'Outbound click from a paid social ad.',
      properties: ['channel', 'campaign_id', 'ad_id'],
      metrics: [
        { id: 'ctr', name: 'Click-through rate', description: 'Link clicks / impressions.', unit: '%' },
        { id: 'cpc', name: 'Cost per click', description: null, unit: 'USD' },
      ],
    },
    {
      id: 'add_to_cart',
      name: 'Add to cart',
      description: null,
      properties: ['sku', 'value', 'currency'],
      metrics: [{ id: 'atc_rate', name: 'Add-to-cart rate', description: 'Carts / sessions.', unit: '%' }],
    },
    {
      id: 'purchase',
      name: 'Purchase',
      description: 'Completed Shopify order.',
      properties: ['order_id', 'value', 'currency', 'sku', 'is_subscription'],
      metrics: [
        { id: 'cvr', name: 'Conversion rate', description: 'Orders / sessions.', unit: '%' },
        { id: 'cac', name: 'Customer acquisition cost', description: 'Spend / new customers.', unit: 'USD' },
        { id: 'roas', name: 'Return on ad spend', description: 'Revenue / spend.', unit: 'x' },
        { id: 'aov', name: 'Average order value', description: null, unit: 'USD' },
      ],
    },
    {
      id: 'subscription_started',
      name: 'Subscription started',
      description: 'First subscription order, including conversions from one-off buyers.',
      properties: ['order_id', 'sku', 'interval_weeks'],
      metrics: [
        {
          id: 'subscription_rate',
          name: 'Subscription rate',
          description: 'New subscriptions / new customers within 30 days.',
          unit: '%',
        },
      ],
    },
  ],
  primaryKpis: ['cac', 'roas'],
  secondaryKpis: ['ctr', 'cvr', 'aov', 'subscription_rate'],
};

export const strategySheetExample: StrategySheet = {
  clientId,
  campaignId,
  goal: 'Acquire 600 first-time serum customers in the US in 30 days at a CPA under $32.',
  hypothesis:
    'Reactive-skin buyers respond more to a specific barrier-repair story with ingredient percentages than to ' +
    'generic "gentle" claims, lowering CAC by at least 15%.',
  budget: { total: 20000, currency: 'USD' },
  targets: {
    cpa: 32,
    roas: 1.6,
    rationale: 'A $49 first order plus 35% of buyers subscribing pays back a $32 CPA within 60 days.',
  },
  audiences: [
    {
      icpId: 'reactive-millennial',
      rationale: 'Largest segment in the research; stinging and redness are the buying trigger.',
      channels: ['meta', 'tiktok'],
    },
    {
      icpId: 'retinol-recoverer',
      rationale: 'High intent: already spending on actives, looking for a barrier product to pair with them.',
      channels: ['meta', 'google_search'],
    },
  ],
  phases: [
    {
      name: 'Test',
      startDay: 1,
      endDay: 14,
      budget: 8000,
      objective: 'Find the winning hook and offer with two clean A/B tests on Meta and TikTok.',
      exitCriteria: 'One arm with a CPA under $36 over at least 50 purchases.',
    },
    {
      name: 'Scale',
      startDay: 15,
      endDay: 30,
      budget: 12000,
      objective: 'Move 70% of spend to the winning hook and offer; refresh creative weekly.',
      exitCriteria: null,
    },
  ],
  assumptions: [
    'Landing-page conversion rate stays near the 2.1% baseline.',
    'Meta purchase events are deduplicated with the Conversions API.',
    'No stock-out of the Barrier Reset Serum during the campaign.',
  ],
  channelPlan: [
    {
      channel: 'meta',
      objective: 'Prospecting with UGC and founder videos; retarget product-page visitors.',
      budgetSplitPercent: 55,
      notes: 'Advantage+ shopping for scale once a winning hook is found.',
    },
    {
      channel: 'tiktok',
      objective: 'Creator-led discovery among 25-35s.',
      budgetSplitPercent: 30,
      notes: 'Spark Ads on the three best organic creator posts.',
    },
    {
      channel: 'google_search',
      objective: 'Capture branded and "ceramide serum sensitive skin" demand.',
      budgetSplitPercent: 15,
      notes: null,
    },
  ],
  messaging: [
    {
      title: 'Your barrier, reset',
      proofPoints: [
        '5% niacinamide + 3 ceramides',
        'Patch-tested on 50 people with sensitive skin every batch',
      ],
      targetSegments: ['reactive-millennial'],
    },
    {
      title: 'Keep your retinol, lose the peeling',
      proofPoints: ['Use on non-retinol nights', 'Panthenol for comfort'],
      targetSegments: ['retinol-recoverer'],
    },
    {
      title: 'Three steps, every percentage on the label',
      proofPoints: ['Full INCI list with percentages', '60-day calm skin guarantee'],
      targetSegments: ['reactive-millennial', 'retinol-recoverer'],
    },
  ],
  risks: [
    'Ingredient-led messaging may read as clinical and lower thumb-stop rate.',
    'Compliance rejections on Meta for skin-condition wording.',
    'Price objection versus drugstore ceramide products.',
  ],
  mitigations: [
    'Pair ingredient facts with a first-person UGC hook.',
    'Run every script through compliance QA against the banned-phrase list before launch.',
    'Lead with the Ritual Starter Set at $49 and the 60-day guarantee.',
  ],
};

export const experimentSpecSetExample: ExperimentSpecSet = {
  clientId,
  campaignId,
  experimentSpecs: [
    {
      id: 'hook-barrier-vs-ingredients',
      name: 'Barrier story vs ingredient proof hooks',
      hypothesis:
        'An ingredient-percentage hook gets a lower CAC than a first-person barrier-story hook because ' +
        'reactive-skin buyers have been burned by vague "gentle" claims.',
      testedVariable: 'hook',
      controlVariantId: 'barrier-story',
      constants: [
        'Same creator UGC video, 30 seconds, on Meta and TikTok',
        'Same offer: Barrier Reset Serum with the 60-day guarantee',
        'Same audience: reactive-skin millennials',
      ],
      metricIds: ['cac', 'ctr', 'cvr'],
      primaryMetric: 'cpa',
      guardrails: [{ metric: 'cvr', maxRelativeHarm: 0.1 }],
      stopRule: 'sequential',
      mde: 0.15,
      variants: [
        {
          id: 'barrier-story',
          name: 'Barrier story hook',
          description:
            'The video opens on the creator describing how her skin stung after every moisturiser.',
          channels: ['meta', 'tiktok'],
          guardrails: ['No disease names', 'No before/after unless unretouched and dated'],
        },
        {
          id: 'ingredient-proof',
          name: 'Ingredient proof hook',
          description: 'The same video opens on the label: 5% niacinamide and three ceramides.',
          channels: ['meta', 'tiktok'],
          guardrails: ['Every percentage must match the label'],
        },
      ],
      durationDays: 14,
      budgetEstimate: { amount: 6000, currency: 'USD' },
      sampleSizeEstimate: null,
      plan: null,
      planIssue: null,
    },
    {
      id: 'offer-subscribe-vs-starter',
      name: 'Subscribe & save vs Starter Set',
      hypothesis:
        'Leading with the $49 Starter Set raises conversion rate without lowering 30-day subscription rate.',
      testedVariable: 'offer',
      controlVariantId: 'subscribe-save-20',
      constants: ['Same static 1:1 ingredient card on Meta', 'Same headline and hook'],
      metricIds: ['cvr', 'subscription_rate', 'aov'],
      primaryMetric: 'cvr',
      guardrails: [{ metric: 'aov', maxRelativeHarm: 0.15 }],
      stopRule: 'sequential',
      mde: 0.1,
      variants: [
        {
          id: 'subscribe-save-20',
          name: 'Serum, subscribe & save 20%',
          description: null,
          channels: ['meta'],
          guardrails: ['State the renewal interval and how to cancel'],
        },
        {
          id: 'starter-set-49',
          name: 'Ritual Starter Set $49',
          description: 'Travel-size routine with the 60-day guarantee.',
          channels: ['meta'],
          guardrails: [],
        },
      ],
      durationDays: 21,
      budgetEstimate: { amount: 4500, currency: 'USD' },
      sampleSizeEstimate: null,
      plan: null,
      planIssue: null,
    },
  ],
};

const briefDefaults = {
  clientId,
  campaignId,
  market: { countries: ['US'], language: 'en', currency: 'USD' },
  audienceIcpId: 'reactive-millennial',
  landingPage: 'https://lumenandmoss.com/products/barrier-reset-serum',
  constraints: [
    'Cosmetic product: no claims to treat, cure or prevent any disease.',
    'Before/after imagery must be unretouched and labelled with the time frame.',
  ],
  toneGuidelines: [
    'Speak like a knowledgeable friend, not a lab coat',
    'Name ingredients and their percentages',
    'Do not promise to cure or treat skin conditions',
  ],
  visualGuidelines: [
    'Natural light, bare skin, no beauty filters',
    'Moss green #2F4A3A and linen #E9E4D8; product always label-forward',
  ],
};

const hookTest = {
  experimentId: 'hook-barrier-vs-ingredients',
  hypothesis: experimentSpecSetExample.experimentSpecs[0]?.hypothesis ?? null,
  testedVariable: 'hook' as const,
  controlVariantId: 'barrier-story',
  constants: experimentSpecSetExample.experimentSpecs[0]?.constants ?? [],
  offerId: 'barrier-reset-serum',
  pricePoints: [
    { offerName: 'Barrier Reset Serum', label: 'One-off (US)', amount: 38, currency: 'USD' },
    { offerName: 'Barrier Reset Serum', label: 'Subscribe & save (US)', amount: 30.4, currency: 'USD' },
  ],
};

export const assetBriefSetExample: AssetBriefSet = {
  clientId,
  campaignId,
  assetBriefs: [
    {
      ...briefDefaults,
      ...hookTest,
      id: 'hook-barrier-vs-ingredients-barrier-story-brief',
      variantId: 'barrier-story',
      creativeConcept:
        'A "skin diary" UGC video: the creator shows tight, red cheeks after her old routine, then her three-step ' +
        'routine and calmer skin two weeks later, in natural light.',
      requirements: [
        {
          channel: 'meta',
          format: 'video_30s',
          angle: 'Barrier repair',
          hook: 'If your skin stings after moisturiser, read this',
          funnelStage: 'awareness',
        },
        {
          channel: 'tiktok',
          format: 'video_30s',
          angle: 'Barrier repair',
          hook: 'If your skin stings after moisturiser, read this',
          funnelStage: 'awareness',
        },
      ],
      guardrails: ['No disease names', 'No before/after unless unretouched and dated'],
    },
    {
      ...briefDefaults,
      ...hookTest,
      id: 'hook-barrier-vs-ingredients-ingredient-proof-brief',
      variantId: 'ingredient-proof',
      creativeConcept:
        'The same skin-diary video, opened on a close-up of the label: 5% niacinamide and three ceramides, read ' +
        'out by the creator before her routine.',
      requirements: [
        {
          channel: 'meta',
          format: 'video_30s',
          angle: 'Barrier repair',
          hook: 'What 5% niacinamide actually does',
          funnelStage: 'awareness',
        },
        {
          channel: 'tiktok',
          format: 'video_30s',
          angle: 'Barrier repair',
          hook: 'What 5% niacinamide actually does',
          funnelStage: 'awareness',
        },
      ],
      guardrails: ['Every percentage must match the label'],
    },
  ],
};

export const qaReportExample: QAReport = {
  clientId,
  campaignId,
  assetBriefId: 'hook-barrier-vs-ingredients-barrier-story-brief',
  checklist: [
    {
      assetId: exampleIds.assetIds[0],
      passed: true,
      notes: 'On voice; hook is specific and first-person.',
      issues: [
        {
          kind: 'brand',
          severity: 'info',
          message: 'Consider naming the ceramide percentage in the end card, as the tone guide asks.',
          phrase: null,
          policy: null,
        },
      ],
    },
    {
      assetId: exampleIds.assetIds[1],
      passed: false,
      notes: 'Rewrite the claim in the last line before it can run.',
      issues: [
        {
          kind: 'compliance',
          severity: 'blocker',
          message: 'Banned phrase: cosmetic products may not claim to treat a skin condition.',
          phrase: 'heals eczema',
          policy: {
            category: 'health_claims',
            clauseId: 'meta.skincare.drug-claims',
            platform: 'meta',
            area: 'Misleading health claims: cosmetics',
            clauseText:
              'A cosmetic may claim to cleanse, moisturise or improve the look of skin; claiming to treat, cure, heal or prevent a skin condition (acne, eczema, rosacea) presents it as a drug and is a misleading health claim.',
            url: 'https://transparency.meta.com/policies/ad-standards/deceptive-content/unacceptable-business-practices/',
            source: 'rule',
          },
        },
        {
          kind: 'brand',
          severity: 'warning',
          message: 'Tone guide: avoid hype words; say what the ingredient does instead.',
          phrase: 'miracle in a bottle',
          policy: null,
        },
      ],
    },
  ],
  reviewer: 'ai:compliance-qa',
};

export const experimentReportExample: ExperimentReport = {
  clientId,
  campaignId,
  results: [
    {
      experimentId: 'hook-barrier-vs-ingredients',
      decision: 'winner',
      winningVariantId: 'barrier-story',
      primaryMetrics: [
        { metricId: 'cac', variantId: 'barrier-story', value: 27.4, unit: 'USD' },
        { metricId: 'cac', variantId: 'ingredient-proof', value: 34.9, unit: 'USD' },
      ],
      secondaryMetrics: [
        { metricId: 'ctr', variantId: 'barrier-story', value: 1.84, unit: '%' },
        { metricId: 'ctr', variantId: 'ingredient-proof', value: 1.21, unit: '%' },
        { metricId: 'cvr', variantId: 'barrier-story', value: 3.1, unit: '%' },
        { metricId: 'cvr', variantId: 'ingredient-proof', value: 3.3, unit: '%' },
      ],
      insights: [
        'Decided on the pre-registered primary metric, CAC: the story hook acquired customers for $27.40 against ' +
          '$34.90 (21% lower). It won on click-through too (+52%).',
        'Its conversion rate after the click was 6% lower (3.1% vs 3.3%), inside the 10% the CVR guardrail ' +
          'allows: cheaper attention, not better landing. Ingredient proof is useful for retargeting.',
      ],
      recommendations: [
        'Scale the barrier-story UGC on Meta and brief two more creators with the same structure.',
        'Move the ingredient explainer to retargeting product-page visitors.',
      ],
      readout: null,
    },
    {
      experimentId: 'offer-subscribe-vs-starter',
      decision: 'inconclusive',
      winningVariantId: null,
      primaryMetrics: [
        { metricId: 'cvr', variantId: 'subscribe-save-20', value: 2.6, unit: '%' },
        { metricId: 'cvr', variantId: 'starter-set-49', value: 2.9, unit: '%' },
      ],
      secondaryMetrics: [{ metricId: 'aov', variantId: null, value: 41.2, unit: 'USD' }],
      insights: [
        'The difference in conversion rate is within noise at the sample reached (11,800 sessions).',
      ],
      recommendations: ['Extend the test by 14 days before deciding on the default offer.'],
      readout: null,
    },
  ],
  summary:
    'Problem-first UGC storytelling beat the founder ingredient explainer on CAC, the metric the test was decided ' +
    'on ($27.40 vs $34.90), with its conversion rate within the guardrail. The offer test needs more traffic ' +
    'before a decision.',
};

export const playbookExample: Playbook = {
  orgId,
  clientId,
  sections: [
    {
      title: 'Hooks for reactive-skin audiences',
      content:
        'Lead with the felt problem in the first person ("my skin stings after moisturiser") before naming any ' +
        'ingredient. In Q3 this cut CAC by 21% against an ingredient-first explainer. Keep the ingredient proof for ' +
        'retargeting, where it converts slightly better.',
      tags: ['hooks', 'ugc', 'skincare', 'meta'],
      sourceReportIds: [exampleIds.experimentReportId],
      evidence: [
        {
          reportArtifactId: exampleIds.experimentReportId,
          experimentId: 'hook-barrier-vs-ingredients',
          metric: 'cpa',
          armId: 'barrier-story',
          lift: -0.2149,
          ci: [-0.3312, -0.0871],
        },
      ],
    },
    {
      title: 'Compliance traps in skincare copy',
      content:
        'Generated scripts drift towards condition claims ("heals eczema") in the last line. Keep the banned-phrase ' +
        'check on every asset and brief creators on "calm", "comfort" and "support" as the allowed verbs.',
      tags: ['compliance', 'skincare'],
      sourceReportIds: [],
      evidence: [],
    },
  ],
  version: 1,
};

export const researchStepExample: ResearchStep = {
  stepKey: '01',
  title: 'Competitor research',
  summary:
    'The sensitive-skin serum market is led by drugstore ceramide brands (CeraVe, La Roche-Posay) on price and ' +
    'dermatologist trust, and by The Ordinary on single-ingredient transparency. Challenger DTC brands (Byoma, ' +
    'Naturium) win on TikTok with barrier-repair language. The open position: a premium-but-honest brand that ' +
    'publishes exact percentages and batch testing for reactive skin. Key JTBD: "calm my skin after it reacted".',
  content: [
    '# Competitor research: Lumen & Moss',
    '',
    '## Market and jobs to be done',
    '- Calm skin after a reaction (over-exfoliation, retinoids, new products).',
    '- Find one daily serum that does not sting.',
    '- Simplify a routine that grew to 8-10 steps.',
    '',
    '## Competitors',
    '| Brand | Price (30 ml) | Positioning | Main channel |',
    '|---|---|---|---|',
    '| CeraVe | $18 | Dermatologist-developed ceramides | Retail, Amazon |',
    '| The Ordinary | $7 | Single actives, clinical naming | Retail, DTC |',
    '| Byoma | $16 | Barrier care for Gen Z | TikTok, Target |',
    '| La Roche-Posay | $35 | Sensitive-skin heritage | Pharmacies |',
    '',
    '## Ideal customer profiles',
    '1. Reactive-skin millennial (27-40): burnt by products, researches on Reddit, buys after 2-3 touchpoints.',
    '2. Retinol recoverer (30-50): wants to keep using actives with less irritation.',
    '',
    '## Positioning gap',
    'Nobody in the premium tier publishes exact percentages together with batch patch-testing data.',
  ].join('\n'),
  handoff: null,
  evidence: [
    {
      id: 'c1',
      kind: 'claim',
      text: 'CeraVe sells its ceramide serums at about $18 per 30 ml through retail and Amazon.',
      url: 'https://www.cerave.com/skincare/serums',
      publishedAt: null,
      sourceType: 'competitor',
      sourceName: 'CeraVe product pages',
      provenance: 'provider_citation',
      stale: false,
    },
    {
      id: 'c2',
      kind: 'claim',
      text: 'The Ordinary leads with single-active formulas and clinical naming at about $7 per bottle.',
      url: 'https://theordinary.com/en-us/niacinamide-10-zinc-1',
      publishedAt: null,
      sourceType: 'competitor',
      sourceName: 'The Ordinary product page',
      provenance: 'provider_citation',
      stale: false,
    },
    {
      id: 'c3',
      kind: 'claim',
      text: 'Reactive-skin buyers compare barrier-repair routines on Reddit before buying.',
      url: 'https://www.reddit.com/r/SkincareAddiction/',
      publishedAt: '2026-09',
      sourceType: 'customer',
      sourceName: 'Reddit r/SkincareAddiction',
      provenance: 'provider_citation',
      stale: false,
    },
    {
      id: 'c4',
      kind: 'claim',
      text: 'Byoma has run the same barrier-care video ads on TikTok and Meta since 2023.',
      url: 'https://www.byoma.com/',
      publishedAt: '2023-05',
      sourceType: 'competitor',
      sourceName: 'Byoma homepage',
      provenance: 'model_stated',
      stale: true,
    },
  ],
  competitorTraction: [
    {
      competitor: 'CeraVe',
      domain: 'cerave.com',
      traction: 'strong',
      signals: ['Sold in every US drugstore chain', 'Tens of thousands of Amazon reviews'],
      evidenceIds: ['c1'],
    },
    {
      competitor: 'Byoma',
      domain: 'byoma.com',
      traction: 'moderate',
      signals: ['The same barrier-care video ads running for over two years'],
      evidenceIds: ['c4'],
    },
  ],
  landingPageMap: [
    {
      competitor: 'The Ordinary',
      url: 'https://theordinary.com/en-us/niacinamide-10-zinc-1',
      pageType: 'product_page',
      headline: 'Niacinamide 10% + Zinc 1%',
      offer: 'About $7; free shipping over a threshold',
      sections: ['Hero with percentage', 'Target concerns', 'How to use', 'Full ingredient list', 'Reviews'],
      proofElements: ['Exact percentages', 'Review count'],
      cta: 'Add to bag',
    },
    {
      competitor: 'Byoma',
      url: 'https://www.byoma.com/',
      pageType: 'homepage',
      headline: 'Barrier care for every skin',
      offer: null,
      sections: ['Hero', 'Bestsellers', 'Barrier education', 'Social proof from TikTok'],
      proofElements: ['Creator videos', 'Retail partner logos'],
      cta: 'Shop now',
    },
  ],
  quoteBank: null,
  avatars: null,
  offerBrief: null,
  necessaryBeliefs: null,
  iBelieveStatements: null,
  promptSha256: '58a1db815246c541ec627b568a4509282c6e665f9fe89fee17071cd00184c547',
  model: 'gpt-5.2-2025-12-11',
  webSearchUsed: true,
  fromModelKnowledge: false,
  researchedAt: '2026-11-20',
  sources: [
    { title: 'CeraVe Hydrating Facial Cleanser and serums', url: 'https://www.cerave.com/skincare/serums' },
    {
      title: 'The Ordinary: Niacinamide 10% + Zinc 1%',
      url: 'https://theordinary.com/en-us/niacinamide-10-zinc-1',
    },
    {
      title: 'r/SkincareAddiction: barrier repair megathread',
      url: 'https://www.reddit.com/r/SkincareAddiction/',
    },
  ],
};
