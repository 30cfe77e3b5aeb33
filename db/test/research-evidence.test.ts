import { describe, expect, it } from 'vitest';
import {
  artifactExamples,
  type ClientCanon,
  definedRules,
  isStale,
  normalizeQuote,
  parseArtifactData,
  quoteFoundIn,
  type ResearchStep,
  researchStepOutput,
} from '../src/artifacts/index';

const clone = <T>(value: T): T => structuredClone(value) as T;

/** The issues of a document, as `path: message (rule)` lines. */
function issues(type: 'research_step' | 'client_canon', doc: unknown): string[] {
  const parsed = parseArtifactData(type, doc);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => {
    const rule = (i as { params?: { rule?: string } }).params?.rule;
    return `${i.path.join('.')}: ${i.message}${rule ? ` (${rule})` : ''}`;
  });
}

/** Step 01 turned into a valid step 04 with a quote bank of five customer quotes. */
function step04(): ResearchStep {
  const step = clone(artifactExamples.research_step);
  step.stepKey = '04';
  step.competitorTraction = null;
  step.landingPageMap = null;
  const quotes = [
    'First serum in years that did not make my cheeks burn.',
    'My barrier is shot and everything stings, even water.',
    'I have a drawer full of products I used twice.',
    'Love that it is three products and I am done in the morning.',
    'I just want one thing I can use every day without reacting.',
  ];
  step.evidence = quotes.map((text, i) => ({
    id: `q${i + 1}`,
    kind: 'quote' as const,
    text,
    url: 'https://www.reddit.com/r/SkincareAddiction/',
    publishedAt: '2026-08',
    sourceType: 'customer' as const,
    sourceName: 'Reddit',
    provenance: 'provider_citation' as const,
    stale: false,
  }));
  step.quoteBank = quotes.map((quote, i) => ({ evidenceId: `q${i + 1}`, quote, tags: ['pain' as const] }));
  return step;
}

describe('research step evidence', () => {
  it('flags sources older than 24 months against the day the step ran, partial dates from their end', () => {
    expect(isStale('2024-11-19', '2026-11-20')).toBe(true);
    expect(isStale('2024-11-20', '2026-11-20')).toBe(false);
    expect(isStale('2024-10', '2026-11-20')).toBe(true);
    expect(isStale('2024-11', '2026-11-20')).toBe(false);
    expect(isStale('2023', '2026-01-05')).toBe(true);
    expect(isStale('2024', '2026-01-05')).toBe(false);
    expect(isStale(null, '2026-11-20')).toBe(false);
  });

  it('refuses a stale flag that does not match publishedAt and researchedAt', () => {
    const step = clone(artifactExamples.research_step);
    const old = step.evidence.find((e) => e.stale);
    if (!old) throw new Error('the example needs a stale record');
    old.stale = false;
    expect(issues('research_step', step).join('\n')).toMatch(/evidence\.3\.stale: stale must be true/);
    old.stale = true;
    step.researchedAt = '2025-01-01';
    expect(issues('research_step', step).join('\n')).toMatch(/evidence\.3\.stale: stale must be false/);
  });

  it('refuses duplicate evidence ids and traction pointing at missing evidence', () => {
    const step = clone(artifactExamples.research_step);
    const first = step.evidence[0];
    if (!first || !step.competitorTraction?.[0]) throw new Error('example shape');
    step.evidence.push({ ...first });
    step.competitorTraction[0].evidenceIds = ['c99'];
    const found = issues('research_step', step);
    expect(found).toContain('evidence.4.id: Duplicate evidence id "c1" (research_step.evidence-ids)');
    expect(found).toContain(
      'competitorTraction.0.evidenceIds.0: No evidence record of this step has id "c99" (research_step.evidence-ids)',
    );
  });

  it('ties every structured part to its step', () => {
    const step = clone(artifactExamples.research_step);
    step.offerBrief = null;
    step.landingPageMap = null;
    step.iBelieveStatements = [
      'I believe this.',
      'I believe that.',
      'I believe a.',
      'I believe b.',
      'I believe c.',
    ];
    const found = issues('research_step', step);
    expect(found).toContain('landingPageMap: Step 01 must fill landingPageMap (research_step.step-parts)');
    expect(found).toContain(
      'iBelieveStatements: Only step 09 has iBelieveStatements; use null (research_step.step-parts)',
    );
  });

  it('accepts a quote bank copied from customer quotes, ignoring only typography', () => {
    const step = step04();
    expect(issues('research_step', step)).toEqual([]);
    const entry = step.quoteBank?.[1];
    if (!entry) throw new Error('quote bank');
    entry.quote = '\u201CMy barrier is shot and everything stings,  even water.\u201D';
    expect(issues('research_step', step)).toEqual([]);
  });

  it('refuses a paraphrased quote, a competitor quote and fewer than five quotes', () => {
    const step = step04();
    const bank = step.quoteBank;
    const second = step.evidence[1];
    if (!bank?.[0] || !second) throw new Error('quote bank');
    bank[0].quote = 'The first serum in years that did not make my cheeks burn.';
    second.sourceType = 'competitor';
    const found = issues('research_step', step);
    expect(found).toContain(
      'quoteBank.0.quote: Not found word for word in evidence "q1"; copy the quote exactly as the evidence records it (research_step.quote-bank-verbatim)',
    );
    expect(found).toContain(
      'quoteBank.1.evidenceId: Evidence "q2" is a competitor quote, not a customer quote (research_step.quote-bank-verbatim)',
    );
    const short = step04();
    short.quoteBank = short.quoteBank?.slice(0, 4) ?? null;
    expect(issues('research_step', short).join('\n')).toMatch(/^quoteBank: Too small/m);
  });

  it('asks the model only for its own fields, with the part of its step and null elsewhere', () => {
    const shape = researchStepOutput('04').shape;
    for (const field of ['provenance', 'stale']) {
      expect(Object.keys(shape.evidence.element.shape)).not.toContain(field);
    }
    for (const field of ['sources', 'researchedAt', 'fromModelKnowledge', 'webSearchUsed']) {
      expect(Object.keys(shape)).not.toContain(field);
    }
    expect(shape.quoteBank.safeParse(null).success).toBe(false);
    expect(shape.avatars.safeParse(null).success).toBe(true);
    expect(researchStepOutput('06').shape.avatars.safeParse(null).success).toBe(false);
  });

  it('compares quotes case- and typography-insensitively but word for word', () => {
    expect(normalizeQuote('\u201CIt\u2019s  fine\u2026\u201D')).toBe("it's fine");
    expect(quoteFoundIn('its fine', "It's fine")).toBe(false);
    expect(quoteFoundIn('', 'anything')).toBe(false);
  });
});

describe('client canon', () => {
  const canon = (): ClientCanon => clone(artifactExamples.client_canon);

  it('needs a source for every quote once research exists; a hand-written canon is exempt', () => {
    const doc = canon();
    const quote = doc.voiceOfCustomer.quotes[0];
    if (!quote) throw new Error('quotes');
    quote.evidenceRef = null;
    expect(issues('client_canon', doc)).toEqual([
      'voiceOfCustomer.quotes.0.evidenceRef: Name the evidence record the quote is copied from (client_canon.voc-verbatim)',
    ]);
    doc.research = null;
    expect(issues('client_canon', doc)).toEqual([]);
  });

  it('refuses a substantiated claim without substantiation and references to missing proof', () => {
    const doc = canon();
    const claim = doc.claims[0];
    if (!claim) throw new Error('claims');
    claim.proofIds = ['no-such-proof'];
    doc.claims[1] = { ...claim, id: 'bare', substantiation: null, proofIds: [], evidenceRefs: [] };
    const found = issues('client_canon', doc);
    expect(found).toContain(
      'claims.0.proofIds.0: No proof item has id "no-such-proof" (client_canon.references)',
    );
    expect(found).toContain(
      'claims.1: A substantiated claim needs its substantiation and at least one proof item or evidence record (client_canon.claim-substantiation)',
    );
  });

  it('checks markets as country, language and currency codes', () => {
    const doc = canon();
    doc.markets = [{ country: 'UK', language: 'English', currency: 'pounds' }];
    const found = issues('client_canon', doc).map((l) => l.split(':')[0]);
    expect(found).toEqual(['markets.0.country', 'markets.0.language', 'markets.0.currency']);
  });

  it('declares every new rule once, with a sentence for its prompts', () => {
    const ids = definedRules().map((r) => r.id);
    for (const id of [
      'research_step.evidence-ids',
      'research_step.quote-bank-verbatim',
      'research_step.step-parts',
      'client_canon.voc-verbatim',
      'client_canon.icp-per-avatar',
      'client_canon.claim-substantiation',
      'client_canon.references',
    ]) {
      expect(ids).toContain(id);
    }
  });
});
