import {
  AD_PLATFORMS,
  artifactExamples,
  complianceJudgeOutput,
  POLICY_CATEGORIES,
  parseArtifactData,
} from '@mos/db/artifacts';
import { describe, expect, it } from 'vitest';
import {
  type AssetCopy,
  brandVerdictsSchema,
  type ComplianceRules,
  claimIssues,
  combineQa,
  complianceIssues,
  complianceRules,
  findDurations,
  findPhrases,
  findPriceMentions,
  type OfferRule,
  topicTerms,
} from '../src/activities/qa';
import { applicableClauses, POLICY_CLAUSES, policyClause } from '../src/compliance';
import { toStrictJsonSchema } from '../src/llm/strict-schema';

const serum: OfferRule = {
  name: 'Barrier Reset Serum',
  guaranteeText: '60-day "calm skin" guarantee: full refund, even on an empty bottle.',
  pricePoints: [
    { label: 'One-off', amountCents: 3800, currency: 'USD' },
    { label: 'UK one-off', amountCents: 3400, currency: 'GBP' },
  ],
  terms: ['One-off purchase or subscribe & save 20% every 8 weeks'],
};
const spf: OfferRule = {
  name: 'Daily Shield SPF 30',
  guaranteeText: null,
  pricePoints: [{ label: 'One-off', amountCents: 3400, currency: 'USD' }],
  terms: ['One-off purchase'],
};

const copy = (fields: Partial<AssetCopy>): AssetCopy => ({
  headline: null,
  hook: null,
  primaryText: null,
  script: null,
  imagePrompt: null,
  ...fields,
});

const rules: ComplianceRules = {
  bannedPhrases: ['miracle', 'toxin-free', 'anti-ageing war', 'cure'],
  bannedTopics: ['eczema', 'rosacea'],
  offers: [serum, spf],
};

describe('banned phrases', () => {
  it('match case-insensitively and on word boundaries only', () => {
    expect(findPhrases('A MIRACLE in a bottle', ['miracle']).map((h) => h.match)).toEqual(['MIRACLE']);
    expect(findPhrases('Miracles happen', ['miracle'])).toEqual([]);
    expect(findPhrases('our secure checkout', ['cure'])).toEqual([]);
    expect(findPhrases('pure-cure formula', ['cure']).map((h) => h.match)).toEqual(['cure']);
    expect(findPhrases('Cure. Done.', ['cure'])).toHaveLength(1);
    expect(findPhrases('curettage', ['cure'])).toEqual([]);
  });

  it('treat spaces and hyphens alike and fold curly quotes', () => {
    expect(findPhrases('Toxin free skincare', ['toxin-free']).map((h) => h.match)).toEqual(['Toxin free']);
    expect(findPhrases('toxin‑free', ['toxin-free'])).toHaveLength(1);
    expect(findPhrases('Join the anti-ageing  war', ['anti-ageing war'])).toHaveLength(1);
    expect(findPhrases('it’s a miracle', ["it's a miracle"])).toHaveLength(1);
    expect(findPhrases('Ünïcode café', ['CAFÉ'])).toHaveLength(1);
  });

  it('report every field where a banned phrase or topic appears', () => {
    const issues = complianceIssues(
      copy({
        headline: 'A Miracle for reactive skin',
        primaryText: 'Calms Eczema flare-ups.',
        script: 'No rosacea here',
      }),
      rules,
    );
    expect(issues.map((i) => i.message)).toEqual([
      'headline: banned phrase "miracle"',
      'primaryText: touches the banned topic "eczema" ("eczema")',
      'script: touches the banned topic "rosacea" ("rosacea")',
    ]);
    expect(issues.every((i) => i.kind === 'compliance' && i.severity === 'blocker')).toBe(true);
    expect(issues[0]?.phrase).toBe('Miracle');
  });

  it('detects a topic by its alternatives', () => {
    expect(topicTerms('Eczema, rosacea or psoriasis treatment')).toEqual(['Eczema', 'rosacea', 'psoriasis']);
    expect(topicTerms('Weight loss')).toEqual(['Weight loss']);
    const topics = { ...rules, bannedTopics: ['Eczema, rosacea or psoriasis treatment', 'Weight loss'] };
    const issues = complianceIssues(copy({ hook: 'Psoriasis flare? Lose weight loss fast' }), topics);
    expect(issues.map((i) => i.phrase)).toEqual(['Psoriasis', 'weight loss']);
    expect(complianceIssues(copy({ hook: 'Calm, comfortable skin' }), topics)).toEqual([]);
  });

  it('passes copy that is clean', () => {
    expect(
      complianceIssues(
        copy({
          headline: 'Calm, fragrance-free skin',
          primaryText: 'Three steps. Every percentage on the label.',
        }),
        rules,
      ),
    ).toEqual([]);
  });
});

describe('price claims', () => {
  it('reads prices in symbol, code and word forms', () => {
    expect(
      findPriceMentions('Only $38 today, or £34.00, or USD 1,200.5 or 49 euros').map((m) => [
        m.text,
        m.amountCents,
      ]),
    ).toEqual([
      ['$38', 3800],
      ['£34.00', 3400],
      ['USD 1,200.5', 120050],
      ['49 euros', 4900],
    ]);
  });

  it('accepts a price that matches a price point in a compatible currency', () => {
    expect(claimIssues('headline', 'Just $38 for 30 ml', [serum])).toEqual([]);
    expect(claimIssues('headline', 'Now £34', [serum])).toEqual([]);
    expect(claimIssues('headline', '$34 SPF', [serum, spf])).toEqual([]);
  });

  it('flags a price that matches no offer, and a right amount in the wrong currency', () => {
    const wrong = claimIssues('headline', 'Only $29 this week', [serum, spf]);
    expect(wrong).toHaveLength(1);
    expect(wrong[0]?.message).toMatch(/price "\$29" matches no price point/);
    expect(wrong[0]?.phrase).toBe('$29');
    expect(claimIssues('headline', '€38 launch price', [serum])).toHaveLength(1);
    expect(claimIssues('headline', 'Only $38', [])[0]?.message).toMatch(/no price points/);
  });

  it('allows "free" only when an offer has a price point of 0', () => {
    expect(claimIssues('hook', 'Get a FREE sample', [serum])[0]?.message).toMatch(/"free" is claimed/);
    expect(claimIssues('hook', 'Free shipping today', [serum])).toHaveLength(1);
    const sampler: OfferRule = {
      ...spf,
      pricePoints: [{ label: 'Sample', amountCents: 0, currency: 'USD' }],
    };
    expect(claimIssues('hook', 'Get a FREE sample', [serum, sampler])).toEqual([]);
    // "X-free", "free from", "feel free" are not price claims.
    expect(claimIssues('hook', 'Fragrance-free, free from parabens. Feel free to ask.', [serum])).toEqual([]);
  });

  it('checks discounts against the offers terms', () => {
    expect(claimIssues('primaryText', 'Subscribe and save 20% on every refill', [serum])).toEqual([]);
    expect(claimIssues('primaryText', '50% off this weekend', [serum])[0]?.message).toMatch(
      /discount "50% off"/,
    );
  });
});

describe('guarantee claims', () => {
  it('accepts a guarantee that matches the offer', () => {
    expect(findDurations('a sixty-day or 60 day window, 2 weeks, one year')).toEqual([
      '60 day',
      '60 day',
      '2 week',
      '1 year',
    ]);
    expect(claimIssues('primaryText', 'Try it with our 60-day guarantee.', [serum])).toEqual([]);
    expect(claimIssues('primaryText', 'Full refund within sixty days, guaranteed.', [serum])).toEqual([]);
  });

  it('flags a guarantee whose terms differ from the offer', () => {
    const issues = claimIssues('primaryText', 'Love it or your money back: 90-day guarantee!', [serum]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/guarantee "90 day" does not match the offers' guarantee/);
    expect(issues[0]?.phrase).toBe('Love it or your money back: 90-day guarantee!');
    expect(claimIssues('primaryText', 'Lifetime guarantee on every bottle.', [serum])[0]?.message).toMatch(
      /lifetime/,
    );
  });

  it('flags any guarantee when no offer has one', () => {
    const issues = claimIssues('hook', 'Risk-free: money back guaranteed.', [spf]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/no approved offer has one/);
  });

  it('flags a refund promise when the guarantee has none', () => {
    const noRefund: OfferRule = {
      ...spf,
      guaranteeText: '60-day satisfaction guarantee: exchange for another product.',
    };
    expect(claimIssues('hook', 'Full refund within 60 days.', [noRefund])[0]?.message).toMatch(
      /refund is promised/,
    );
  });
});

describe('rules and QA outcome', () => {
  it('builds rules from the canon constraints, the offers table and the canon offers', () => {
    const built = complianceRules(
      {
        constraints: { legal: [], compliance: [], bannedTopics: ['eczema'], bannedPhrases: ['miracle'] },
        offers: [
          {
            id: 'starter',
            name: 'Starter Set',
            description: null,
            businessModel: 'Bundle, 25% below the full sizes',
            guarantee: '30-day guarantee',
            differentiation: [],
          },
        ],
      },
      [
        {
          name: 'Serum',
          description: 'Serum',
          businessModel: 'One-off',
          guaranteeText: null,
          pricePoints: serum.pricePoints,
        },
      ],
    );
    expect(built.bannedPhrases).toEqual(['miracle']);
    expect(built.bannedTopics).toEqual(['eczema']);
    expect(claimIssues('x', '30-day guarantee and $38, 25% off', built.offers)).toEqual([]);
  });

  it('an asset passes only when brand QA passed it and nothing is a blocker', () => {
    const blocker = {
      kind: 'compliance' as const,
      severity: 'blocker' as const,
      message: 'x',
      phrase: null,
      policy: null,
    };
    const info = {
      kind: 'brand' as const,
      severity: 'info' as const,
      message: 'y',
      phrase: null,
      policy: null,
    };
    expect(combineQa({ passed: true, notes: null, issues: [info] }, []).passed).toBe(true);
    expect(combineQa({ passed: true, notes: null, issues: [] }, [blocker]).passed).toBe(false);
    expect(combineQa({ passed: false, notes: 'off voice', issues: [] }, []).passed).toBe(false);
    expect(combineQa(undefined, []).passed).toBe(false);
  });

  it('the brand judge must give exactly one verdict per asset', () => {
    const schema = brandVerdictsSchema(['r1v1', 'r1v2']);
    const item = (assetId: string) => ({ assetId, passed: true, notes: null, issues: [] });
    expect(schema.safeParse({ checklist: [item('r1v1'), item('r1v2')] }).success).toBe(true);
    const missing = schema.safeParse({ checklist: [item('r1v1')] });
    expect(missing.success).toBe(false);
    const twice = schema.safeParse({ checklist: [item('r1v1'), item('r1v1')] });
    expect(twice.error?.issues[0]?.message).toMatch(/judged twice/);
    const unknown = schema.safeParse({ checklist: [item('r1v1'), item('r9v9')] });
    expect(unknown.error?.issues[0]?.path).toEqual(['checklist', 1, 'assetId']);
  });
});

describe('QA report policy citations', () => {
  it('reads a report stored before issues cited clauses, as policy: null', () => {
    const old = structuredClone(artifactExamples.qa_report) as unknown as {
      checklist: { issues: Record<string, unknown>[] }[];
    };
    for (const item of old.checklist) for (const issue of item.issues) delete issue.policy;
    const parsed = parseArtifactData('qa_report', old);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.checklist.flatMap((i) => i.issues.map((x) => x.policy))).toEqual([null, null, null]);
    // A citation that is not a clause of the packs' shape is refused, naming the field.
    const bad = structuredClone(artifactExamples.qa_report);
    const issue = bad.checklist[1]?.issues[0];
    if (!issue?.policy) throw new Error('the example cites a clause');
    issue.policy.url = 'javascript:alert(1)';
    const refused = parseArtifactData('qa_report', bad);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['checklist', 1, 'issues', 0, 'policy', 'url']);
  });

  it('sends the judge a strict schema whose clause ids are exactly the applicable ones; the brand judge none', () => {
    const ids = applicableClauses('meta', 'supplements').map((c) => c.id);
    const json = toStrictJsonSchema(complianceJudgeOutput(['r1v1', 'r1v2'], ids)) as {
      properties: { findings: { items: { properties: Record<string, { enum?: string[] }> } } };
    };
    const props = json.properties.findings.items.properties;
    expect(props.clauseId?.enum).toEqual(ids);
    expect(props.assetId?.enum).toEqual(['r1v1', 'r1v2']);
    expect(ids).toContain('meta.supplements.disease-claims');
    expect(ids.every((id) => id.startsWith('meta.'))).toBe(true);
    const brand = toStrictJsonSchema(brandVerdictsSchema(['r1v1'])) as {
      properties: { checklist: { items: { properties: { issues: { items: { properties: object } } } } } };
    };
    expect(Object.keys(brand.properties.checklist.items.properties.issues.items.properties)).not.toContain(
      'policy',
    );
  });

  it('every clause of the packs has an id, an area, a quote and an https help-centre URL; every platform covers every category', () => {
    for (const c of POLICY_CLAUSES) {
      expect(c.id.startsWith(`${c.platform}.`), c.id).toBe(true);
      expect(c.text.length, c.id).toBeGreaterThan(40);
      expect(c.url, c.id).toMatch(
        /^https:\/\/(transparency\.meta\.com|www\.facebook\.com|support\.google\.com|ads\.tiktok\.com)\//,
      );
    }
    expect(new Set(POLICY_CLAUSES.map((c) => c.id)).size).toBe(POLICY_CLAUSES.length);
    for (const platform of AD_PLATFORMS)
      for (const category of POLICY_CATEGORIES)
        expect(policyClause(platform, category, 'other').id.startsWith(`${platform}.`)).toBe(true);
    // A vertical's own clause wins over the platform's general one.
    expect(policyClause('meta', 'health_claims', 'supplements').id).toBe('meta.supplements.disease-claims');
    expect(policyClause('meta', 'health_claims', 'ecommerce').id).toBe('meta.health.misleading-claims');
  });
});
