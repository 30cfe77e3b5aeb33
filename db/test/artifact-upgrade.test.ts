import { describe, expect, it } from 'vitest';
import {
  ARTIFACT_TYPES,
  type ArtifactType,
  artifactExamples,
  ClientCanon,
  ClientCanonOutput,
  checkStrategyBudget,
  experimentSpecSetOutput,
  GeneratedAsset,
  isLegacyArtifactData,
  parseArtifactData,
  parseStoredArtifactData,
  ResearchStep,
  StrategySheetOutput,
  upgradeArtifactData,
  upgradeGeneratedAssetContent,
} from '../src/artifacts/index';
import { v1Examples, v1GeneratedAssetContent, v2ExperimentSpecSetExample } from '../src/testing/v1-examples';

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value) as T;

/** The types whose schema issue 8 changed (the others read v1 documents as they are). */
const CHANGED: readonly ArtifactType[] = [
  'client_canon',
  'research_step',
  'strategy_sheet',
  'experiment_spec',
  'asset_brief',
  // Issue 11: each playbook section carries the numbers of the reports it cites (`evidence`).
  'playbook',
  // Issue 11: each result says which plan phase, metric and method its numbers come from (`readout`).
  'experiment_report',
];

/** Every string and number in a document (where a value sits may move; that it is still there is the point). */
function leaves(value: unknown, out: (string | number)[] = []): (string | number)[] {
  if (typeof value === 'string' || typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) leaves(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) leaves(v, out);
  return out;
}

/** What a spec stored before issue 11 never stated, and the plan it never had. */
const notPreRegistered = {
  primaryMetric: null,
  guardrails: [],
  stopRule: null,
  mde: null,
  plan: null,
  planIssue: null,
};

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('upgradeArtifactData: every v1 example document', () => {
  it.each(ARTIFACT_TYPES)(
    '%s: the stored v1 document parses after upgrading, and upgrading is idempotent',
    (type) => {
      const v1 = clone(v1Examples[type]);
      const parsed = parseStoredArtifactData(type, v1);
      expect(paths(parsed)).toEqual([]);
      const upgraded = upgradeArtifactData(type, v1);
      // The upgraded document is a current document: the strict parser (model answers, new edits) takes it too.
      expect(paths(parseArtifactData(type, upgraded))).toEqual([]);
      expect(upgradeArtifactData(type, upgraded)).toBe(upgraded);
      expect(upgradeArtifactData(type, clone(upgraded))).toEqual(upgraded);
      expect(isLegacyArtifactData(type, upgraded)).toBe(false);
      // The v1 document itself is left alone (stored JSON is never rewritten in place).
      expect(v1).toEqual(v1Examples[type]);
    },
  );

  it.each(CHANGED)(
    '%s: v1 documents no longer parse without the upgrade (the schema really changed)',
    (type) => {
      expect(parseArtifactData(type, clone(v1Examples[type])).success).toBe(false);
      expect(isLegacyArtifactData(type, clone(v1Examples[type]))).toBe(true);
    },
  );

  it.each(ARTIFACT_TYPES.filter((t) => !CHANGED.includes(t)))(
    '%s: unchanged types pass through as is',
    (type) => {
      const v1 = clone(v1Examples[type]);
      expect(upgradeArtifactData(type, v1)).toBe(v1);
    },
  );

  it.each(ARTIFACT_TYPES)(
    '%s: nothing v1 stored is lost (every string and number is still there)',
    (type) => {
      const before = leaves(v1Examples[type]);
      const after = leaves(upgradeArtifactData(type, clone(v1Examples[type])));
      const afterText = after.filter((v): v is string => typeof v === 'string');
      for (const value of before) {
        if (typeof value === 'number') expect(after).toContain(value);
        else expect(afterText.some((s) => s.includes(value))).toBe(true);
      }
    },
  );

  it.each(ARTIFACT_TYPES)('%s: current documents are returned unchanged', (type) => {
    const current = clone(artifactExamples[type]);
    expect(upgradeArtifactData(type, current)).toBe(current);
  });
});

describe('what v1 fields map to', () => {
  it('client canon: quotes become objects without a source, unknown facts are null or empty', () => {
    const v1 = v1Examples.client_canon;
    const canon = ClientCanon.parse(upgradeArtifactData('client_canon', clone(v1)));
    expect(canon.voiceOfCustomer.quotes).toEqual(
      v1.voiceOfCustomer.quotes.map((quote) => ({ quote, sourceUrl: null, evidenceRef: null })),
    );
    expect(canon).toMatchObject({
      markets: [],
      awarenessLevel: null,
      claims: [],
      proof: [],
      beliefs: { necessary: [], iBelieve: [] },
      brand: v1.brand,
      offers: v1.offers,
      icps: v1.icps,
      constraints: v1.constraints,
      contentPatterns: v1.contentPatterns,
      research: { ...v1.research, fromModelKnowledge: null },
    });
  });

  it('client canon without research (written by hand) upgrades with research null', () => {
    const v1 = { ...clone(v1Examples.client_canon), research: null };
    const canon = ClientCanon.parse(upgradeArtifactData('client_canon', v1));
    expect(canon.research).toBeNull();
  });

  it('research step: v1 sources become evidence marked model_stated, never search results', () => {
    const v1 = v1Examples.research_step;
    const step = ResearchStep.parse(upgradeArtifactData('research_step', clone(v1)));
    expect(step.sources).toEqual([]);
    expect(step.evidence.map((e) => [e.url, e.provenance, e.sourceName, e.stale, e.publishedAt])).toEqual(
      v1.sources.map((s) => [s.url, 'model_stated', s.title, false, null]),
    );
    expect(step).toMatchObject({
      stepKey: '01',
      summary: v1.summary,
      content: v1.content,
      handoff: null,
      webSearchUsed: true,
      fromModelKnowledge: false,
      researchedAt: null,
      competitorTraction: null,
      landingPageMap: null,
      quoteBank: null,
    });
  });

  it('research step: an unsearched v1 step does not claim to be from model knowledge (not recorded)', () => {
    const v1 = { ...clone(v1Examples.research_step), stepKey: '04', webSearchUsed: false, sources: [] };
    const step = ResearchStep.parse(upgradeArtifactData('research_step', v1));
    expect(step.fromModelKnowledge).toBeNull();
    expect(step.quoteBank).toBeNull();
  });

  it('research step 03: the handoff is kept', () => {
    const v1 = {
      ...clone(v1Examples.research_step),
      stepKey: '03',
      handoff: 'Research the reactive-skin buyer.',
    };
    expect(ResearchStep.parse(upgradeArtifactData('research_step', v1)).handoff).toBe(
      'Research the reactive-skin buyer.',
    );
  });

  it('research step: sources beyond the evidence limit are kept in the content', () => {
    const sources = Array.from({ length: 65 }, (_, i) => ({
      title: i % 2 ? `Page ${i}` : null,
      url: `https://example.com/p/${i}`,
    }));
    const v1 = { ...clone(v1Examples.research_step), sources };
    const step = ResearchStep.parse(upgradeArtifactData('research_step', v1));
    expect(step.evidence).toHaveLength(60);
    for (const s of sources.slice(60)) expect(step.content).toContain(s.url);
    expect(step.content.startsWith(v1.content)).toBe(true);
  });

  it('strategy sheet: budget not stated, targets null, no audiences, phases or assumptions', () => {
    const v1 = v1Examples.strategy_sheet;
    const sheet = upgradeArtifactData('strategy_sheet', clone(v1));
    expect(sheet).toEqual({
      ...v1,
      budget: null,
      targets: { cpa: null, roas: null, rationale: null },
      audiences: [],
      phases: [],
      assumptions: [],
    });
    // Measured against a campaign, a sheet without a budget is a finding, not a crash.
    const parsed = parseStoredArtifactData('strategy_sheet', clone(v1));
    if (!parsed.success) throw parsed.error;
    expect(
      checkStrategyBudget(parsed.data, {
        budgetMin: 1000,
        budgetMax: 5000,
        timeframeDays: 30,
        currency: 'USD',
      }).map((i) => i.path),
    ).toEqual(['budget']);
  });

  it('experiment specs: tested variable and control not stated, test guardrails kept', () => {
    const v1 = v1Examples.experiment_spec;
    const parsed = parseStoredArtifactData('experiment_spec', clone(v1));
    if (!parsed.success) throw parsed.error;
    parsed.data.experimentSpecs.forEach((spec, i) => {
      expect(spec).toEqual({
        ...v1.experimentSpecs[i],
        testedVariable: null,
        controlVariantId: null,
        constants: [],
        ...notPreRegistered,
      });
    });
    expect(parsed.data.experimentSpecs[1]?.variants[0]?.guardrails).toEqual([
      'State the renewal interval and how to cancel',
    ]);
  });

  it("experiment specs of issue 8: the test statement and the model's old guess kept, no plan", () => {
    const v2 = clone(v2ExperimentSpecSetExample);
    const parsed = parseStoredArtifactData('experiment_spec', v2);
    if (!parsed.success) throw parsed.error;
    expect(v2).toEqual(v2ExperimentSpecSetExample);
    parsed.data.experimentSpecs.forEach((spec, i) => {
      expect(spec).toEqual({ ...v2ExperimentSpecSetExample.experimentSpecs[i], ...notPreRegistered });
    });
    // Upgrading is idempotent, and the strict schema alone refuses the old shape.
    expect(upgradeArtifactData('experiment_spec', parsed.data)).toBe(parsed.data);
    expect(parseArtifactData('experiment_spec', clone(v2ExperimentSpecSetExample)).success).toBe(false);
  });

  it('asset briefs: the test statement, market and prices not stated; v1 constraints stay constraints', () => {
    const v1 = v1Examples.asset_brief;
    const parsed = parseStoredArtifactData('asset_brief', clone(v1));
    if (!parsed.success) throw parsed.error;
    parsed.data.assetBriefs.forEach((brief, i) => {
      const old = v1.assetBriefs[i];
      expect(brief).toEqual({
        ...old,
        hypothesis: null,
        testedVariable: null,
        controlVariantId: null,
        constants: [],
        market: { countries: [], language: null, currency: null },
        offerId: null,
        pricePoints: [],
        audienceIcpId: null,
        landingPage: null,
        guardrails: [],
      });
    });
  });

  it('generated asset content: the per-format fields are added as null, the flat copy and provenance kept', () => {
    const v1 = clone(v1GeneratedAssetContent);
    const upgraded = upgradeGeneratedAssetContent(v1) as Json;
    expect(upgraded).toEqual({
      ...v1GeneratedAssetContent,
      headlines: null,
      descriptions: null,
      scenes: null,
      cta: null,
      aspectRatio: null,
    });
    const { generation: _g, ...asset } = upgraded;
    expect(GeneratedAsset.parse(asset).script).toBe(v1GeneratedAssetContent.script);
    expect(upgradeGeneratedAssetContent(upgraded)).toBe(upgraded);
    // Content of other shapes (uploads, swipes) is not touched.
    const other = { url: 'https://cdn.example.com/a.png' };
    expect(upgradeGeneratedAssetContent(other)).toBe(other);
  });
});

describe('what a model writes still meets the current rules', () => {
  const { clientId: _c, beliefs: _b, ...canonAnswer } = clone(artifactExamples.client_canon);
  const answer = { ...canonAnswer, research: canonAnswer.research && { ...canonAnswer.research } };
  if (answer.research) {
    const { sourceArtifactIds: _s, fromModelKnowledge: _f, ...rest } = answer.research;
    answer.research = rest as typeof answer.research;
  }
  const quotes = answer.voiceOfCustomer.quotes.map(({ sourceUrl: _u, ...q }) => q);
  const canonOut = { ...answer, voiceOfCustomer: { ...answer.voiceOfCustomer, quotes } };

  it('the canon answer is valid as the example writes it', () => {
    expect(paths(ClientCanonOutput.safeParse(canonOut))).toEqual([]);
  });

  it('a canon answer needs at least one market and an awareness level', () => {
    expect(paths(ClientCanonOutput.safeParse({ ...canonOut, markets: [] }))).toEqual(['markets']);
    expect(paths(ClientCanonOutput.safeParse({ ...canonOut, awarenessLevel: null }))).toEqual([
      'awarenessLevel',
    ]);
  });

  it('a strategy answer states its budget; a spec answer its tested variable and control', () => {
    const { clientId: _c2, campaignId: _k, ...sheet } = clone(artifactExamples.strategy_sheet);
    expect(paths(StrategySheetOutput.safeParse(sheet))).toEqual([]);
    expect(paths(StrategySheetOutput.safeParse({ ...sheet, budget: null }))).toEqual(['budget']);
    const { clientId: _c3, campaignId: _k3, ...stored } = clone(artifactExamples.experiment_spec);
    // What code fills (the plan, why there is none, the old sample guess) is not the model's to write.
    const specs = {
      experimentSpecs: stored.experimentSpecs.map(
        ({ plan: _p, planIssue: _i, sampleSizeEstimate: _e, ...s }) => s,
      ),
    };
    const output = experimentSpecSetOutput([
      'cac',
      'ctr',
      'cvr',
      'subscription_rate',
      'aov',
      'roas',
      'atc_rate',
    ]);
    expect(paths(output.safeParse(specs))).toEqual([]);
    const untyped = {
      experimentSpecs: specs.experimentSpecs.map((s) => ({
        ...s,
        testedVariable: null,
        controlVariantId: null,
      })),
    };
    expect(paths(output.safeParse(untyped)).sort()).toEqual([
      'experimentSpecs.0.controlVariantId',
      'experimentSpecs.0.testedVariable',
      'experimentSpecs.1.controlVariantId',
      'experimentSpecs.1.testedVariable',
    ]);
    // A model states the decision metric, stop rule and MDE, never a sample size or a plan.
    const unstated = {
      experimentSpecs: specs.experimentSpecs.map((s) => ({
        ...s,
        primaryMetric: null,
        stopRule: null,
        mde: null,
      })),
    };
    expect(paths(output.safeParse(unstated)).sort()).toEqual([
      'experimentSpecs.0.mde',
      'experimentSpecs.0.primaryMetric',
      'experimentSpecs.0.stopRule',
      'experimentSpecs.1.mde',
      'experimentSpecs.1.primaryMetric',
      'experimentSpecs.1.stopRule',
    ]);
    const withGuess = {
      experimentSpecs: specs.experimentSpecs.map((s) => ({
        ...s,
        sampleSizeEstimate: 48_000,
      })),
    };
    expect(paths(output.safeParse(withGuess))).toEqual(['experimentSpecs.0', 'experimentSpecs.1']);
  });

  it('a research step code dates must fill its structured part; only an undated (v1) step is exempt', () => {
    const current = clone(artifactExamples.research_step);
    const missing = { ...current, competitorTraction: null };
    expect(paths(ResearchStep.safeParse(missing))).toEqual(['competitorTraction']);
  });

  it('a canon with evidence-era research still needs every quote to name its evidence', () => {
    const current = clone(artifactExamples.client_canon);
    const bare = {
      ...current,
      voiceOfCustomer: {
        ...current.voiceOfCustomer,
        quotes: current.voiceOfCustomer.quotes.map((q) => ({ ...q, evidenceRef: null })),
      },
    };
    expect(paths(ClientCanon.safeParse(bare))).toContain('voiceOfCustomer.quotes.0.evidenceRef');
  });

  it('upgrading is never applied by parseArtifactData (what code parses from a model or a new edit)', () => {
    expect(parseArtifactData('client_canon', clone(v1Examples.client_canon)).success).toBe(false);
  });
});

describe('documents in neither shape', () => {
  it('a v1 document with a wrong field fails at that field', () => {
    const canon = clone(v1Examples.client_canon) as Json & { voiceOfCustomer: { quotes: unknown[] } };
    canon.voiceOfCustomer.quotes[1] = 42;
    expect(paths(parseStoredArtifactData('client_canon', canon))).toEqual(['voiceOfCustomer.quotes.1']);
    const step = { ...clone(v1Examples.research_step), stepKey: '05' };
    expect(paths(parseStoredArtifactData('research_step', step))).toEqual(['stepKey']);
  });

  it('a document mixing the shapes is not upgraded and names the fields that are wrong', () => {
    // v1 keys plus a budget as a bare number: neither v1 (strict keys) nor current.
    const sheet = { ...clone(v1Examples.strategy_sheet), budget: 5000 };
    expect(upgradeArtifactData('strategy_sheet', sheet)).toBe(sheet);
    const issues = paths(parseStoredArtifactData('strategy_sheet', sheet));
    expect(issues).toEqual(expect.arrayContaining(['budget', 'targets', 'phases']));
  });

  it('a current document with a wrong field fails at that field', () => {
    const canon = clone(artifactExamples.client_canon);
    const wrong = { ...canon, markets: [{ country: 'UK', language: 'en-GB', currency: 'GBP' }] };
    expect(paths(parseStoredArtifactData('client_canon', wrong))).toEqual(['markets.0.country']);
  });

  it('an unknown type still fails at ["type"]', () => {
    expect(paths(parseStoredArtifactData('brief' as ArtifactType, {}))).toEqual(['type']);
  });
});
