/**
 * Realistic experiment data for the component tests and the screenshot spec: three arms of a landing-page test on
 * conversion rate, 20 polls over ten days with intervals narrowing as visitors come in, one treatment winning and
 * one harming the CPA guardrail. Shaped by the contracts (ExperimentPlan, ExperimentReading).
 */
import type { ExperimentPlan, ExperimentReading } from '@mos/db/contracts';
import { formatInt, formatInterval, formatLift, formatMetricValue, formatP } from './format';
import type { ConnectorsView, CsvPreview, DecisionItem, ExperimentDetail, ReadingItem } from './types';

export const ORG = '00000000-0000-4000-8000-0000000000b1';
export const CLIENT = '00000000-0000-4000-8000-000000000201';
export const CAMPAIGN = '00000000-0000-4000-8000-000000000301';
export const EXPERIMENT = '00000000-0000-4000-8000-000000000401';
export const SPEC_ARTIFACT = '00000000-0000-4000-8000-000000000501';
export const CYCLE_RUN = '00000000-0000-4000-8000-000000000601';
export const START = Date.parse('2026-11-20T09:00:00.000Z');
const HOUR = 3_600_000;

export const plan: ExperimentPlan = {
  phase: 2,
  hypothesis:
    'Leading with the 30-day barrier-repair result instead of the ingredient list lifts sign-ups, because buyers with reactive skin want proof of relief first.',
  primaryMetric: 'cvr',
  guardrails: [{ metric: 'cpa', maxRelativeHarm: 0.15 }],
  arms: ['control', 'proof-hero', 'ugc-hero'],
  controlArmId: 'control',
  weights: [1, 1, 1],
  baseline: { metric: 'cvr', value: 0.041 },
  mde: 0.2,
  power: 0.8,
  stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 1000, plannedPerArm: 9200 },
  samplePerArm: 9200,
  expectedDays: 11.5,
  traffic: { source: 'funnel', unitsPerDay: 2400, from: '2026-10-20', to: '2026-11-17' },
  prior: { vertical: 'skincare', metric: 'cvr', mean: 0.06, sd: 0.09, experiments: 7 },
  bandit: { enabled: false, floor: 0.1 },
};

export const labelsSpec = {
  experimentSpecs: [
    {
      id: 'exp-hero',
      name: 'Hero proof test',
      variants: [
        { id: 'control', name: 'Ingredient list' },
        { id: 'proof-hero', name: '30-day proof hero' },
        { id: 'ugc-hero', name: 'Customer video hero' },
      ],
    },
  ],
};

/** Upper tail of the standard normal (Abramowitz–Stegun 26.2.17): enough for fixture p-values. */
function normalTail(z: number): number {
  const t = 1 / (1 + 0.2316419 * z);
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/** The control arm of a proportion reading (web may not import db's testing helpers: the import rules). */
function armReading(armId: string, units: number, sum: number): ExperimentReading['arms'][number] {
  return {
    armId,
    units,
    value: units > 0 ? sum / units : null,
    data: { kind: 'proportion', n: units, sum },
    lift: null,
    ci: null,
    pValue: null,
    chanceToWin: null,
    risk: null,
    credibleInterval: null,
  };
}

const TRUE_RATE: Record<string, number> = { control: 0.041, 'proof-hero': 0.0505, 'ugc-hero': 0.0432 };

/** A poll's reading as the cycle stores it: lift and interval per arm from the visitors so far (sequential width). */
export function reading(poll: number, over: Partial<ExperimentReading> = {}): ExperimentReading {
  const n = 480 * poll;
  const pc = TRUE_RATE.control ?? 0.04;
  const arms = plan.arms.map((armId, i) => {
    const p = TRUE_RATE[armId] ?? pc;
    const units = n + (i === 1 ? 7 : i === 2 ? -5 : 0) * poll;
    const conversions = Math.round(units * p);
    if (armId === 'control') return armReading(armId, units, conversions);
    const trueLift = p / pc - 1;
    const se = Math.sqrt((1 - p) / (units * p) + (1 - pc) / (n * pc)) * (1 + trueLift);
    // The estimate wanders around the true lift by about its standard error, as real polls do (deterministic).
    const lift = trueLift + 0.8 * se * Math.sin(poll * 1.7 + i);
    const width = 2.24 * se * Math.sqrt(1 + 2 / poll);
    const z = lift / se;
    return {
      armId,
      units,
      value: (Math.round(n * pc) / n) * (1 + lift),
      data: { kind: 'proportion', n: units, sum: Math.round(units * (Math.round(n * pc) / n) * (1 + lift)) },
      lift,
      ci: [lift - width, lift + width] as [number, number],
      pValue: Math.min(1, 2 * normalTail(Math.abs(z)) * Math.sqrt(1 + 2 / poll)),
      chanceToWin: 1 / (1 + Math.exp(-1.7 * z)),
      risk: Math.max(0.0004, 0.03 / (1 + z * z)),
      credibleInterval: [lift - 1.96 * se, lift + 1.96 * se] as [number, number],
    };
  });
  const winner = (arms[1]?.ci?.[0] ?? 0) > 0;
  return {
    phase: 2,
    metric: 'cvr',
    method: 'sequential',
    alpha: 0.05,
    source: 'funnel',
    arms,
    srm: { chiSquare: 0.41, pValue: 0.81, mismatch: false },
    guardrails: [
      { metric: 'cpa', armId: 'proof-hero', lift: 0.04, ci: [-0.06, 0.12], breached: false },
      { metric: 'cpa', armId: 'ugc-hero', lift: 0.22, ci: [0.16, 0.29], breached: poll > 10 },
    ],
    minDataReached: n >= 1000,
    action: winner ? 'ship' : 'continue',
    reason: winner ? 'winner' : n >= 1000 ? 'not_yet' : 'min_data',
    winningArmId: winner ? 'proof-hero' : null,
    skipped: 3,
    ...over,
  };
}

export const readings = (polls = 20): ReadingItem[] =>
  Array.from({ length: polls }, (_, i) => ({
    poll: i + 1,
    phase: 2,
    readAt: new Date(START + (i + 1) * 12 * HOUR).toISOString(),
    data: reading(i + 1),
  }));

export const experiment: ExperimentDetail = {
  id: EXPERIMENT,
  orgId: ORG,
  clientId: CLIENT,
  campaignId: CAMPAIGN,
  name: 'Hero proof test',
  experimentSpecArtifactId: SPEC_ARTIFACT,
  specId: 'exp-hero',
  status: 'running',
  phase: 2,
  plan,
  planLockedAt: '2026-11-19T16:20:00.000Z',
  decision: null,
  winningArmId: null,
  createdAt: '2026-11-12T10:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  startedAt: new Date(START).toISOString(),
  completedAt: null,
  phases: [
    {
      phase: 1,
      plan: {
        ...plan,
        phase: 1,
        mde: 0.1,
        samplePerArm: 34_000,
        expectedDays: 42.5,
        stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 1000, plannedPerArm: 34_000 },
      },
      reason: 'approved design',
      lockedBy: '00000000-0000-4000-8000-0000000000a1',
      approvalId: '00000000-0000-4000-8000-000000000800',
      startedAt: '2026-11-12T10:00:00.000Z',
      endedAt: '2026-11-19T16:20:00.000Z',
    },
    {
      phase: 2,
      plan,
      reason: 'MDE raised to 20 %: 10 % needed six weeks of this traffic',
      lockedBy: '00000000-0000-4000-8000-0000000000a1',
      approvalId: null,
      startedAt: '2026-11-19T16:20:00.000Z',
      endedAt: null,
    },
  ],
} satisfies ExperimentDetail;

/** The proposal's rationale cites the numbers of the last poll, as the cycle's LLM is given them. */
function shipRationale(): string {
  const r = reading(20);
  const [control, proof] = r.arms;
  if (!control || !proof) throw new Error('fixture has three arms');
  return `30-day proof hero converts at ${formatMetricValue('cvr', proof.value)} against ${formatMetricValue('cvr', control.value)} for control (${formatLift(proof.lift)}, sequential 95 % interval ${formatInterval(proof.ci)}, Holm-adjusted p ${formatP(proof.pValue)}) over ${formatInt(proof.units)} visitors; its CPA guardrail holds (+4 %, interval −6 % to +12 %). Ship it and retire the ingredient-list hero.`;
}

export const decisions: DecisionItem[] = [
  {
    id: '00000000-0000-4000-8000-000000000701',
    phase: 2,
    action: 'ship',
    reason: 'winner',
    winningArmId: 'proof-hero',
    rationale: shipRationale(),
    status: 'proposed',
    approvalId: null,
    workflowRunId: CYCLE_RUN,
    decidedBy: null,
    decidedAt: null,
    feedback: null,
    applied: null,
    appliedAt: null,
    reportArtifactId: null,
    createdAt: '2026-11-30T09:02:00.000Z',
  },
  {
    id: '00000000-0000-4000-8000-000000000700',
    phase: 1,
    action: 'stop',
    reason: 'guardrail',
    winningArmId: null,
    rationale:
      'Customer video hero raised CPA by 22 % (interval +16 % to +29 %), beyond the 15 % guardrail; stop sending it traffic.',
    status: 'applied',
    approvalId: '00000000-0000-4000-8000-000000000801',
    workflowRunId: '00000000-0000-4000-8000-000000000602',
    decidedBy: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Dana Ortiz' },
    decidedAt: '2026-11-18T11:40:00.000Z',
    feedback: 'Agreed — keep the video for retargeting only.',
    applied: {
      variantWeights: [{ variantId: 'v-ugc', armId: 'ugc-hero', from: 33, to: 0 }],
      // What the cycle writes when it applies a stop: the treatment's approved ads set rejected.
      assetStatuses: [{ assetId: 'a-ugc-1', armId: 'ugc-hero', from: 'approved', to: 'rejected' }],
    },
    appliedAt: '2026-11-18T11:41:00.000Z',
    reportArtifactId: '00000000-0000-4000-8000-000000000901',
    createdAt: '2026-11-18T09:00:00.000Z',
  },
];

export const connectors: ConnectorsView = {
  meta: {
    settings: {
      adAccountId: 'act_20240318771',
      tokenSecret: 'META_GLOW_TOKEN',
      attributionWindows: ['7d_click', '1d_view'],
      trailingDays: 7,
      apiVersion: 'v21.0',
    },
    enabled: true,
    lastPulledAt: '2026-11-30T08:45:00.000Z',
    lastResult: {
      from: '2026-11-23',
      to: '2026-11-30',
      pages: 3,
      rows: 412,
      inserted: 58,
      revised: 17,
      unmatchedAds: 2,
      waits: 1,
      error: null,
    },
  },
  secretNames: ['HCLOUD_TOKEN', 'META_GLOW_TOKEN', 'OPENAI_API_KEY'],
};

export const CSV_TEXT = [
  'Day,Ad ID,Ad name,Impressions,Link clicks,Results,Amount spent (USD),Purchase conversion value',
  '2026-11-24,120210001,Proof hero – static,18422,402,21,311.40,1240.00',
  '2026-11-24,120210002,Ingredient list – static,17980,351,14,298.10,860.50',
  '2026-11-25,120210001,Proof hero – static,19004,417,"24",322.75,1391.20',
  '',
  '2026-11-25,120210002,Ingredient list – static,18210,,15,301.00,901.00',
  '2026-11-26,120219999,Old test ad,9120,150,3,120.00,90.00',
].join('\n');

export const csvPreview: CsvPreview = {
  mapping: {
    date: 'Day',
    dateTo: null,
    adId: 'Ad ID',
    assetId: null,
    impressions: 'Impressions',
    clicks: 'Link clicks',
    conversions: 'Results',
    spend: 'Amount spent (USD)',
    revenue: 'Purchase conversion value',
    attributionWindow: '7d_click',
  },
  rows: [
    {
      line: 2,
      values: {
        date: '2026-11-24',
        adId: '120210001',
        impressions: 18422,
        clicks: 402,
        conversions: 21,
        spend: 311.4,
        revenue: 1240,
      },
      assetId: 'a1',
      armId: 'proof-hero',
      error: null,
    },
    {
      line: 3,
      values: {
        date: '2026-11-24',
        adId: '120210002',
        impressions: 17980,
        clicks: 351,
        conversions: 14,
        spend: 298.1,
        revenue: 860.5,
      },
      assetId: 'a2',
      armId: 'control',
      error: null,
    },
    {
      line: 4,
      values: {
        date: '2026-11-25',
        adId: '120210001',
        impressions: 19004,
        clicks: 417,
        conversions: 24,
        spend: 322.75,
        revenue: 1391.2,
      },
      assetId: 'a1',
      armId: 'proof-hero',
      error: null,
    },
    {
      line: 6,
      values: {
        date: '2026-11-25',
        adId: '120210002',
        impressions: 18210,
        clicks: null,
        conversions: 15,
        spend: 301,
        revenue: 901,
      },
      assetId: 'a2',
      armId: 'control',
      error: 'clicks: is empty',
    },
    {
      line: 7,
      values: {
        date: '2026-11-26',
        adId: '120219999',
        impressions: 9120,
        clicks: 150,
        conversions: 3,
        spend: 120,
        revenue: 90,
      },
      assetId: null,
      armId: null,
      error: 'adId: 120219999 is not linked to an asset of this client',
    },
  ],
  errors: [
    { line: 6, field: 'clicks', message: 'is empty' },
    {
      line: 7,
      field: 'adId',
      message: '120219999 is not linked to an asset of this client',
      reason: 'ad_not_linked',
    },
  ],
  totalRows: 5,
  validRows: 3,
};
