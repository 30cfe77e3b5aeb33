import {
  type AssetBriefSetOutput,
  artifactExamples,
  checkArmsDifferOnlyIn,
  definedRules,
  type ExperimentSpec,
  exampleIds,
  type StrategySheetOutput,
} from '@mos/db/artifacts';
import { describe, expect, it } from 'vitest';
import {
  assembleBriefs,
  briefOutputContext,
  campaignMarketsOf,
  campaignMarketsText,
  clientMarket,
  completeBriefs,
  completeStrategy,
  constraintsFromCanon,
  marketText,
  noPriceNote,
} from '../src/activities/planning';
import { loadPrompt } from '../src/prompts/render';

const canon = artifactExamples.client_canon;
const specs = artifactExamples.experiment_spec.experimentSpecs;
const ref = {
  clientId: exampleIds.clientId,
  campaignId: exampleIds.campaignId,
};

const offers = [
  {
    name: 'Barrier Reset Serum',
    pricePoints: [
      { id: 'p1', label: 'One-off (US)', amountCents: 3800, currency: 'USD' },
      { id: 'p2', label: 'One-off (UK)', amountCents: 3200, currency: 'GBP' },
    ],
  },
  {
    name: 'Ritual Starter Set',
    pricePoints: [{ id: 'p3', label: 'Starter set (US)', amountCents: 4900, currency: 'USD' }],
  },
  {
    name: 'An offer the canon does not name',
    pricePoints: [{ id: 'p4', label: 'X', amountCents: 100, currency: 'USD' }],
  },
];

/** What a model writes for the two example experiments: a hook test and an offer test. */
function written(): AssetBriefSetOutput {
  return {
    experiments: {
      'hook-barrier-vs-ingredients': {
        requirements: [
          { channel: 'meta', format: 'video_30s', angle: 'Barrier repair', funnelStage: 'awareness' },
          { channel: 'tiktok', format: 'video_30s', angle: 'Barrier repair', funnelStage: 'awareness' },
        ],
        offerId: 'barrier-reset-serum',
        audienceIcpId: 'reactive-millennial',
        landingPage: null,
        visualGuidelines: ['Natural light'],
        arms: {
          'barrier-story': { creativeConcept: 'Skin diary', hook: 'If your skin stings, read this' },
          'ingredient-proof': {
            creativeConcept: 'Label close-up',
            hook: 'What 5% niacinamide actually does',
          },
        },
      },
      'offer-subscribe-vs-starter': {
        requirements: [
          {
            channel: 'meta',
            format: 'static_1080x1080',
            angle: 'Guarantee first',
            hook: 'Calm skin or your money back',
            funnelStage: 'conversion',
          },
        ],
        audienceIcpId: 'reactive-millennial',
        landingPage: null,
        visualGuidelines: [],
        arms: {
          'subscribe-save-20': { creativeConcept: 'Serum card', offerId: 'barrier-reset-serum' },
          'starter-set-49': { creativeConcept: 'Starter Set card', offerId: 'ritual-starter-set' },
        },
      },
    },
  } as unknown as AssetBriefSetOutput;
}

describe('clientMarket', () => {
  it("takes the first primary market's language and currency and its prices, tied to the canon's offers", () => {
    const m = clientMarket({ primaryMarkets: ['US', 'UK'], primaryLanguages: ['en'] }, offers, canon);
    expect(m.market).toEqual({ countries: ['US'], language: 'en', currency: 'USD' });
    expect(m.pricePoints).toEqual([
      {
        offerId: 'barrier-reset-serum',
        offerName: 'Barrier Reset Serum',
        label: 'One-off (US)',
        amount: 38,
        currency: 'USD',
      },
      {
        offerId: 'ritual-starter-set',
        offerName: 'Ritual Starter Set',
        label: 'Starter set (US)',
        amount: 49,
        currency: 'USD',
      },
      {
        offerId: null,
        offerName: 'An offer the canon does not name',
        label: 'X',
        amount: 1,
        currency: 'USD',
      },
    ]);
  });

  it('writes a German market in German and euros when the client speaks it; else the first language', () => {
    const de = clientMarket({ primaryMarkets: ['DE', 'US'], primaryLanguages: ['en', 'de-DE'] }, [], canon);
    expect(de.market).toEqual({ countries: ['DE'], language: 'de-DE', currency: 'EUR' });
    const unknown = clientMarket(
      { primaryMarkets: ['Atlantis'], primaryLanguages: [] },
      offers.slice(0, 1),
      canon,
    );
    expect(unknown.market).toEqual({ countries: ['Atlantis'], language: null, currency: 'USD' });
  });
});

describe('assembleBriefs', () => {
  const market = clientMarket({ primaryMarkets: ['US'], primaryLanguages: ['en'] }, offers, canon);

  it("sets the test's statement, market, the offer's prices, the canon's constraints and the arm's guardrails", () => {
    const briefs = assembleBriefs(ref, specs, canon, market, written());
    expect(briefs.map((b) => b.id)).toEqual([
      'hook-barrier-vs-ingredients-barrier-story-brief',
      'hook-barrier-vs-ingredients-ingredient-proof-brief',
      'offer-subscribe-vs-starter-subscribe-save-20-brief',
      'offer-subscribe-vs-starter-starter-set-49-brief',
    ]);
    const [story, proof, subscribe, starter] = briefs;
    // The tested hook goes on every requirement of its arm; the rest is shared.
    expect(story?.requirements.map((r) => r.hook)).toEqual([
      'If your skin stings, read this',
      'If your skin stings, read this',
    ]);
    expect(proof?.requirements.map((r) => [r.channel, r.format, r.angle])).toEqual(
      story?.requirements.map((r) => [r.channel, r.format, r.angle]),
    );
    expect(subscribe).toMatchObject({
      hypothesis: specs[1]?.hypothesis,
      testedVariable: 'offer',
      controlVariantId: 'subscribe-save-20',
      constants: specs[1]?.constants,
      market: { countries: ['US'], language: 'en', currency: 'USD' },
      offerId: 'barrier-reset-serum',
      pricePoints: [{ offerName: 'Barrier Reset Serum', label: 'One-off (US)', amount: 38, currency: 'USD' }],
      // Both: the canon's rules and the test-specific guardrail of this arm.
      constraints: constraintsFromCanon(canon),
      guardrails: ['State the renewal interval and how to cancel'],
    });
    expect(starter?.pricePoints.map((p) => p.amount)).toEqual([49]);
    expect(starter?.guardrails).toEqual([]);
  });

  it('passes the stored schema, arms check included, and refuses arms that do not differ in what they test', () => {
    expect(completeBriefs(ref, specs, canon, market, written()).ok).toBe(true);
    const same = written() as unknown as {
      experiments: Record<string, { arms: Record<string, Record<string, unknown>> }>;
    };
    const arms = same.experiments['offer-subscribe-vs-starter']?.arms ?? {};
    (arms['starter-set-49'] as Record<string, unknown>).offerId = 'barrier-reset-serum';
    const result = completeBriefs(ref, specs, canon, market, same as unknown as AssetBriefSetOutput);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: 'assetBriefs.3',
        message:
          'arm "starter-set-49" of offer-subscribe-vs-starter does not differ from the control in the tested offer',
      },
    ]);
  });

  it('asks for the channels every arm of a spec runs on, and for canon offer and ICP ids', () => {
    const spec = structuredClone(specs[0]) as ExperimentSpec;
    const [a, b] = spec.variants;
    if (a && b) {
      a.channels = ['meta', 'tiktok'];
      b.channels = ['meta'];
    }
    expect(briefOutputContext([spec], canon)).toEqual({
      experiments: [
        {
          id: spec.id,
          testedVariable: 'hook',
          variantIds: ['barrier-story', 'ingredient-proof'],
          channels: ['meta'],
        },
      ],
      offerIds: canon.offers.map((o) => o.id),
      icpIds: canon.icps.map((i) => i.id),
    });
  });
});

describe('completeStrategy', () => {
  const answer = (): StrategySheetOutput => {
    const {
      clientId: _c,
      campaignId: _k,
      budget,
      ...rest
    } = structuredClone(artifactExamples.strategy_sheet);
    if (budget === null) throw new Error('the example sheet states its budget');
    return { ...rest, budget };
  };
  const campaign = { budgetMin: 15_000, budgetMax: 25_000, timeframeDays: 30, currency: 'USD' };

  it('fills the ids and accepts a sheet within the campaign', () => {
    const done = completeStrategy(answer(), ref, campaign, canon);
    expect(done.ok && done.data).toMatchObject({ clientId: ref.clientId, campaignId: ref.campaignId });
  });

  it("feeds back the stored rules and the campaign's, each with its rule's sentence", () => {
    const over = { ...answer(), budget: { total: 40_000, currency: 'USD' } };
    const done = completeStrategy(over, ref, campaign, { icps: [] });
    expect(done.ok ? [] : done.issues).toEqual([
      {
        path: 'budget.total',
        message:
          "40000 USD is more than the campaign's budget of at most 25000. Rule: The total budget stays within the campaign's budget range.",
      },
      {
        path: 'audiences.0.icpId',
        message: `"reactive-millennial" is not an ICP id of the canon (none). Rule: Every audience is one of the canon's ICP ids.`,
      },
      {
        path: 'audiences.1.icpId',
        message: `"retinol-recoverer" is not an ICP id of the canon (none). Rule: Every audience is one of the canon's ICP ids.`,
      },
    ]);
  });
});

describe('planning rules', () => {
  it('every planning rule states its sentence word for word in each prompt it names', () => {
    const mine = definedRules().filter((r) =>
      /^(strategy_sheet|experiment_spec|asset_brief|asset)\./.test(r.id),
    );
    expect(mine.length).toBeGreaterThanOrEqual(15);
    for (const rule of mine)
      for (const id of rule.prompts)
        expect({ rule: rule.id, id, stated: loadPrompt(id).body.includes(rule.statement) }).toEqual({
          rule: rule.id,
          id,
          stated: true,
        });
  });
});

describe('briefs per market', () => {
  const client = { primaryMarkets: ['USA', 'UK'], primaryLanguages: ['en-US', 'en-GB'] };

  it('a campaign without markets, or with only the first one, reads the market exactly as before', () => {
    const before = clientMarket(client, offers, canon);
    expect(campaignMarketsOf({ markets: [] }, client, offers, canon)).toEqual([before]);
    // The client's own spelling ("USA") is kept for the market the campaign names by its ISO code.
    expect(campaignMarketsOf({ markets: ['US'] }, client, offers, canon)).toEqual([before]);
    const one = assembleBriefs(ref, specs, canon, [before], written());
    expect(one).toEqual(assembleBriefs(ref, specs, canon, before, written()));
    expect(one.map((b) => b.id)).not.toContainEqual(expect.stringMatching(/-us-brief$/));
  });

  it('writes each arm per market with its prices; an offer without a price there says so; arms compared per market', () => {
    const markets = campaignMarketsOf({ markets: ['GB', 'US'] }, client, offers, canon);
    expect(markets.map((m) => m.market)).toEqual([
      { countries: ['GB'], language: 'en-GB', currency: 'GBP' },
      { countries: ['US'], language: 'en-US', currency: 'USD' },
    ]);
    const briefs = assembleBriefs(ref, specs, canon, markets, written());
    expect(briefs.map((b) => b.id).slice(0, 4)).toEqual([
      'hook-barrier-vs-ingredients-barrier-story-gb-brief',
      'hook-barrier-vs-ingredients-ingredient-proof-gb-brief',
      'hook-barrier-vs-ingredients-barrier-story-us-brief',
      'hook-barrier-vs-ingredients-ingredient-proof-us-brief',
    ]);
    expect(new Set(briefs.map((b) => b.id)).size).toBe(8);
    const starterUk = briefs.find((b) => b.id === 'offer-subscribe-vs-starter-starter-set-49-gb-brief');
    expect(starterUk?.pricePoints).toEqual([]);
    expect(starterUk?.constraints).toEqual([
      noPriceNote({ countries: ['GB'], language: 'en-GB', currency: 'GBP' }),
      ...constraintsFromCanon(canon),
    ]);
    expect(starterUk?.constraints[0]).toContain('no price in GBP for GB: quote no price');
    const serumUk = briefs.find((b) => b.id === 'offer-subscribe-vs-starter-subscribe-save-20-gb-brief');
    expect(serumUk?.pricePoints.map((p) => [p.amount, p.currency])).toEqual([[32, 'GBP']]);
    expect(serumUk?.constraints).toEqual(constraintsFromCanon(canon));
    // Prices differ between markets, not within one: the arms check passes per market...
    expect(completeBriefs(ref, specs, canon, markets, written()).ok).toBe(true);
    // ...and would refuse the same briefs compared across markets.
    const unmarked = briefs.map(({ market: _, ...b }) => b);
    expect(checkArmsDifferOnlyIn(unmarked).map((i) => i.message)).toContainEqual(
      expect.stringContaining('quotes other prices than the control'),
    );
  });

  it('with several markets each one speaks its own language, even one the client does not list', () => {
    const [us, de] = campaignMarketsOf(
      { markets: ['US', 'DE'] },
      { primaryMarkets: ['US', 'Germany'], primaryLanguages: ['en'] },
      [],
      canon,
    );
    expect(us?.market).toEqual({ countries: ['US'], language: 'en', currency: 'USD' });
    expect(de?.market).toEqual({ countries: ['DE'], language: 'de', currency: 'EUR' });
  });
});

describe('campaignMarketsText', () => {
  const us = clientMarket({ primaryMarkets: ['US'], primaryLanguages: ['en'] }, offers, canon);
  const de = clientMarket({ primaryMarkets: ['DE'], primaryLanguages: ['de'] }, [], canon);

  it('states one market in its own currency as before, and a budget in another currency or several markets in full', () => {
    expect(campaignMarketsText([us], 'USD')).toBe(marketText(us));
    expect(campaignMarketsText([us], 'EUR')).toBe(
      '1 market: (market US; language en; currency USD); campaign budget currency EUR',
    );
    expect(campaignMarketsText([us, de], 'USD')).toBe(
      '2 markets: (market US; language en; currency USD) and (market DE; language de; currency EUR); ' +
        'campaign budget currency USD',
    );
  });
});
