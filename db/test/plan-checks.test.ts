import { describe, expect, it } from 'vitest';
import {
  type AssetBrief,
  AssetBriefSet,
  artifactExamples,
  checkArmsDifferOnlyIn,
  checkAssetFormat,
  checkStrategyAudiences,
  checkStrategyBudget,
  ExperimentSpecSet,
  type FormatIssue,
  feedbackIssue,
  formatSpecOf,
  type GeneratedAsset,
  generatedAssetOutput,
  StrategySheet,
  toStoredAsset,
} from '../src/artifacts';

const metaVideo = { channel: 'meta', format: 'video_30s' };
const metaStatic = { channel: 'meta', format: 'static_1080x1080' };
const rsa = { channel: 'google_search', format: 'search_rsa' };
const tiktok = { channel: 'tiktok', format: 'video_15s' };

const hook = 'If your skin stings after moisturiser, read this';
const scenes = (...bounds: [number, number][]) =>
  bounds.map(([start, end], i) => ({
    start,
    end,
    visual: `Shot ${i + 1}`,
    onScreenText: i === 0 ? hook : null,
    voiceover: null,
  }));

/** A Meta 30s video asset that meets every rule; each case below breaks one thing. */
function metaVideoAsset(): GeneratedAsset {
  return toStoredAsset({
    angle: 'Barrier repair',
    hook,
    headline: 'Calm skin in three steps',
    primaryText: `${hook}. 5% niacinamide and three ceramides help your barrier hold water again.`,
    headlines: null,
    descriptions: null,
    scenes: scenes([0, 3], [3, 18], [18, 30]),
    cta: 'shop_now',
    aspectRatio: '4:5',
    imagePrompt: null,
  });
}

function rsaAsset(): GeneratedAsset {
  return toStoredAsset({
    angle: 'Ingredient transparency',
    hook: 'Every percentage on the label',
    headline: null,
    primaryText: null,
    headlines: ['Every Percentage on the Label', '5% Niacinamide Serum', 'Fragrance-Free Barrier Care'],
    descriptions: [
      '5% niacinamide, three ceramides, no fragrance.',
      'Try it for 60 days or get your money back.',
    ],
    scenes: null,
    cta: 'shop_now',
    aspectRatio: null,
    imagePrompt: null,
  });
}

const rulesOf = (issues: FormatIssue[]) => [...new Set(issues.map((i) => i.rule))];

describe('formatSpecOf', () => {
  it('reads platform, kind, limits, duration and aspect ratios from the channel and format ids', () => {
    expect(formatSpecOf(metaVideo)).toEqual({
      kind: 'video',
      platform: 'meta',
      headlineMax: 40,
      hookWithin: 125,
      durationSeconds: 30,
      aspectRatios: ['1:1', '4:5', '9:16'],
    });
    expect(formatSpecOf(tiktok)).toMatchObject({
      kind: 'video',
      durationSeconds: 15,
      aspectRatios: ['9:16'],
    });
    expect(formatSpecOf(metaStatic)).toMatchObject({ kind: 'image', aspectRatios: ['1:1'] });
    expect(formatSpecOf({ channel: 'instagram', format: 'static_1080x1350' }).aspectRatios).toEqual(['4:5']);
    expect(formatSpecOf(rsa)).toMatchObject({ kind: 'search_rsa', headlineMax: null, hookWithin: null });
    expect(formatSpecOf({ channel: 'email', format: 'email_html' })).toMatchObject({ kind: 'email' });
  });
});

describe('checkAssetFormat', () => {
  it('passes assets written to their format (and the stand-in-style fixtures of each format)', () => {
    expect(checkAssetFormat(metaVideoAsset(), metaVideo)).toEqual([]);
    expect(checkAssetFormat(rsaAsset(), rsa)).toEqual([]);
    const image = { ...metaVideoAsset(), scenes: null, script: null, aspectRatio: '1:1' as const };
    expect(checkAssetFormat({ ...image, imagePrompt: 'Serum on linen, natural light' }, metaStatic)).toEqual(
      [],
    );
  });

  const cases: [string, () => GeneratedAsset, { channel: string; format: string }, string, RegExp][] = [
    [
      'a Meta headline over 40 characters',
      () => ({ ...metaVideoAsset(), headline: 'Calm, strong, happy skin in three simple steps' }),
      metaVideo,
      'asset.meta-headline',
      /46 characters, more than 40/,
    ],
    [
      'primary text without the hook',
      () => ({ ...metaVideoAsset(), primaryText: 'Barrier care for reactive skin, in three steps.' }),
      metaVideo,
      'asset.meta-hook-first-125',
      /does not contain the hook/,
    ],
    [
      'the hook after the first 125 characters',
      () => ({
        ...metaVideoAsset(),
        primaryText: `${'Reactive skin needs less, not more. '.repeat(4)}${hook}.`,
      }),
      metaVideo,
      'asset.meta-hook-first-125',
      /after the first 125/,
    ],
    [
      'a search ad with 2 headlines',
      () => ({ ...rsaAsset(), headlines: ['One headline', 'Two headlines'] }),
      rsa,
      'asset.rsa-headlines',
      /needs 3-15 headlines, got 2/,
    ],
    [
      'a search ad with 16 headlines',
      () => ({ ...rsaAsset(), headlines: Array.from({ length: 16 }, (_, i) => `Headline ${i + 1}`) }),
      rsa,
      'asset.rsa-headlines',
      /got 16/,
    ],
    [
      'a search headline over 30 characters',
      () => ({ ...rsaAsset(), headlines: ['A headline far longer than thirty chars', 'Two', 'Three'] }),
      rsa,
      'asset.rsa-headlines',
      /more than 30/,
    ],
    [
      'a repeated search headline',
      () => ({ ...rsaAsset(), headlines: ['Calm Skin', 'calm skin', 'Three'] }),
      rsa,
      'asset.rsa-headlines',
      /repeats an earlier headline/,
    ],
    [
      'a search ad with 1 description',
      () => ({ ...rsaAsset(), descriptions: ['Only one.'] }),
      rsa,
      'asset.rsa-descriptions',
      /needs 2-4 descriptions, got 1/,
    ],
    [
      'a search description over 90 characters',
      () => ({ ...rsaAsset(), descriptions: ['x'.repeat(91), 'Fine.'] }),
      rsa,
      'asset.rsa-descriptions',
      /91 characters, more than 90/,
    ],
    [
      'a video that does not start at 0',
      () => ({ ...metaVideoAsset(), scenes: scenes([1, 3], [3, 30]) }),
      metaVideo,
      'asset.video-scenes',
      /first scene starts at 1s/,
    ],
    [
      'a gap between scenes',
      () => ({ ...metaVideoAsset(), scenes: scenes([0, 3], [5, 30]) }),
      metaVideo,
      'asset.video-scenes',
      /starts at 5s but the previous scene ends at 3s/i,
    ],
    [
      'a scene that ends before it starts',
      () => ({ ...metaVideoAsset(), scenes: scenes([0, 3], [3, 2]) }),
      metaVideo,
      'asset.video-scenes',
      /not after its start/,
    ],
    [
      'a 15s video running to 20s',
      () => ({ ...metaVideoAsset(), aspectRatio: '9:16' as const, scenes: scenes([0, 3], [3, 20]) }),
      tiktok,
      'asset.video-scenes',
      /after the 15s the format lasts/,
    ],
    [
      'a video without scenes',
      () => ({ ...metaVideoAsset(), scenes: null }),
      metaVideo,
      'asset.video-scenes',
      /needs its scenes/,
    ],
    [
      'no call to action',
      () => ({ ...metaVideoAsset(), cta: null }),
      metaVideo,
      'asset.cta',
      /needs a call to action/,
    ],
    [
      'an aspect ratio the placement does not take',
      () => ({ ...metaVideoAsset(), aspectRatio: '16:9' as const }),
      metaVideo,
      'asset.aspect-ratio',
      /16:9 is not accepted .* \(use 1:1 or 4:5 or 9:16\)/,
    ],
    [
      'a search ad with a feed headline',
      () => ({ ...metaVideoAsset(), headlines: ['One', 'Two', 'Three'] }),
      metaVideo,
      'asset.format-fields',
      /Only search ads have a headlines list/,
    ],
    [
      'a static image without an image prompt',
      () => ({ ...metaVideoAsset(), scenes: null, aspectRatio: '1:1' as const, imagePrompt: null }),
      metaStatic,
      'asset.format-fields',
      /needs an image prompt/,
    ],
  ];

  it.each(cases)('refuses %s, naming the rule', (_label, asset, requirement, rule, message) => {
    const issues = checkAssetFormat(asset(), requirement);
    expect(rulesOf(issues)).toEqual([rule]);
    expect(issues.map((i) => i.message).join('\n')).toMatch(message);
    // What the model is told: the detail and the rule's sentence.
    const fed = feedbackIssue(issues[0] as FormatIssue);
    expect(fed.message).toContain('. Rule: ');
  });

  it('the schema sent per format asks only for its fields and states the limits in descriptions', () => {
    const shape = generatedAssetOutput(formatSpecOf(rsa)).shape;
    expect(shape.headline.safeParse(null).success).toBe(true);
    expect(shape.headline.safeParse('A headline').success).toBe(false);
    expect(shape.headlines.safeParse(['a', 'b']).success).toBe(false);
    const meta = generatedAssetOutput(formatSpecOf(metaVideo)).shape;
    expect(meta.headline.safeParse('x'.repeat(41)).success).toBe(false);
    expect(meta.aspectRatio.safeParse('16:9').success).toBe(false);
    expect(meta.scenes.description).toContain('ending by second 30');
  });
});

describe('checkArmsDifferOnlyIn', () => {
  const briefs = () => structuredClone(artifactExamples.asset_brief.assetBriefs) as AssetBrief[];

  it('passes the example hook test, whose arms differ only in their hooks', () => {
    expect(checkArmsDifferOnlyIn(briefs())).toEqual([]);
  });

  it('refuses an arm that changes what the test holds constant (format, angle, offer, audience, channel)', () => {
    const changed = briefs();
    const arm = changed[1] as AssetBrief;
    arm.requirements = arm.requirements.map((r, i) =>
      i === 0 ? { ...r, format: 'static_1080x1080', angle: 'Another angle' } : { ...r, channel: 'youtube' },
    );
    arm.offerId = 'ritual-starter-set';
    arm.audienceIcpId = 'retinol-recoverer';
    const issues = checkArmsDifferOnlyIn(changed);
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      '1.offerId',
      '1.audienceIcpId',
      '1.requirements.0.format',
      '1.requirements.0.angle',
      '1.requirements.1.channel',
    ]);
    expect(new Set(issues.map((i) => i.rule))).toEqual(
      new Set(['asset_brief.arms-differ-only-in-tested-variable']),
    );
  });

  it('refuses an arm that does not differ from the control in the tested variable', () => {
    const same = briefs();
    (same[1] as AssetBrief).requirements = structuredClone((same[0] as AssetBrief).requirements);
    expect(checkArmsDifferOnlyIn(same).map((i) => i.message)).toEqual([
      'arm "ingredient-proof" of hook-barrier-vs-ingredients does not differ from the control in the tested hook',
    ]);
  });

  it('an offer test may change the offer and its prices, nothing else', () => {
    const offer = briefs().map((b) => ({ ...b, testedVariable: 'offer' as const }));
    (offer[1] as AssetBrief).requirements = structuredClone((offer[0] as AssetBrief).requirements);
    (offer[1] as AssetBrief).offerId = 'ritual-starter-set';
    (offer[1] as AssetBrief).pricePoints = [
      { offerName: 'Ritual Starter Set', label: 'Starter set (US)', amount: 49, currency: 'USD' },
    ];
    expect(checkArmsDifferOnlyIn(offer)).toEqual([]);
  });

  it('is a rule of the stored brief set', () => {
    const same = briefs();
    (same[1] as AssetBrief).requirements = structuredClone((same[0] as AssetBrief).requirements);
    const parsed = AssetBriefSet.safeParse({ ...artifactExamples.asset_brief, assetBriefs: same });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['assetBriefs', 1],
      params: { rule: 'asset_brief.arms-differ-only-in-tested-variable' },
    });
  });
});

describe('strategy sheet checks', () => {
  const sheet = () => structuredClone(artifactExamples.strategy_sheet);
  const campaign = { budgetMin: 15_000, budgetMax: 25_000, timeframeDays: 30, currency: 'USD' };

  it('passes the example against a campaign whose range it fits', () => {
    expect(checkStrategyBudget(sheet(), campaign)).toEqual([]);
    expect(
      checkStrategyAudiences(
        sheet(),
        artifactExamples.client_canon.icps.map((i) => i.id),
      ),
    ).toEqual([]);
  });

  it("refuses a total outside the campaign's range, another currency and phases past the timeframe", () => {
    const over = { ...sheet(), budget: { total: 30_000, currency: 'EUR' } };
    over.phases = over.phases.map((p, i) => (i === 1 ? { ...p, endDay: 45 } : p));
    expect(checkStrategyBudget(over, campaign)).toEqual([
      {
        path: 'budget.total',
        message: "30000 EUR is more than the campaign's budget of at most 25000",
        rule: 'strategy_sheet.within-campaign-budget',
      },
      {
        path: 'budget.currency',
        message: "EUR is not the client's currency USD",
        rule: 'strategy_sheet.client-currency',
      },
      {
        path: 'phases.1.endDay',
        message: "Ends on day 45, after the campaign's 30 days",
        rule: 'strategy_sheet.phases-within-timeframe',
      },
    ]);
    const under = { ...sheet(), budget: { total: 10_000, currency: 'USD' } };
    expect(checkStrategyBudget(under, campaign).map((i) => i.message)).toEqual([
      "10000 USD is less than the campaign's budget of at least 15000",
    ]);
    // No range, no currency, no timeframe: nothing to hold the sheet to.
    expect(
      checkStrategyBudget(over, { budgetMin: null, budgetMax: null, timeframeDays: null, currency: null }),
    ).toEqual([]);
  });

  it('refuses an audience that is not a canon ICP', () => {
    const s = sheet();
    s.audiences = [{ icpId: 'gen-z', rationale: null, channels: [] }];
    expect(checkStrategyAudiences(s, ['reactive-millennial']).map((i) => i.rule)).toEqual([
      'strategy_sheet.audiences-from-canon',
    ]);
  });

  it('the stored sheet refuses phase budgets over the total and overlapping phases', () => {
    const s = sheet();
    s.phases = s.phases.map((p, i) => (i === 1 ? { ...p, startDay: 10, budget: 15_000 } : p));
    const parsed = StrategySheet.safeParse(s);
    expect(
      parsed.error?.issues.map((i) => [i.path.join('.'), (i as { params?: { rule?: string } }).params?.rule]),
    ).toEqual([
      ['phases', 'strategy_sheet.phase-budgets'],
      ['phases.1.startDay', 'strategy_sheet.phase-days'],
    ]);
  });
});

describe('experiment specs', () => {
  it("refuse a control that is not one of the experiment's variants", () => {
    const set = structuredClone(artifactExamples.experiment_spec);
    const first = set.experimentSpecs[0];
    if (first) first.controlVariantId = 'nope';
    const parsed = ExperimentSpecSet.safeParse(set);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['experimentSpecs', 0, 'controlVariantId'],
      params: { rule: 'experiment_spec.control-is-a-variant' },
    });
  });
});
