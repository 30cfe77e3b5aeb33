/** Builders that keep the golden fixtures readable: the fields code fills are filled here as code fills them. */
import {
  type AssetBrief,
  type EvidenceRecord,
  type GeneratedAsset,
  isStale,
  RESEARCH_STEP_TITLES,
  type ResearchStep,
  type ResearchStepKey,
  scriptText,
} from '@mos/db/artifacts';

/** A fixed, valid UUID per fixture and role (fixtures are data: no random ids). */
export const fixtureId = (fixture: number, role: number) =>
  `00000000-0000-4000-8000-${String(fixture).padStart(4, '0')}${String(role).padStart(8, '0')}`;

export type EvidenceInput = Omit<EvidenceRecord, 'provenance' | 'stale'>;

export interface StepInput {
  summary: string;
  content: string;
  evidence: EvidenceInput[];
  /** URLs the provider's search returned for the step (empty: no web search). */
  citations: string[];
  researchedAt: string;
  parts?: Partial<
    Pick<
      ResearchStep,
      | 'competitorTraction'
      | 'landingPageMap'
      | 'quoteBank'
      | 'avatars'
      | 'offerBrief'
      | 'necessaryBeliefs'
      | 'iBelieveStatements'
    >
  >;
}

/** A research step as MOS stores it: provenance from the search's citations, staleness from the dates. */
export function researchStep(stepKey: ResearchStepKey, s: StepInput): ResearchStep {
  const cited = new Set(s.citations);
  return {
    stepKey,
    title: RESEARCH_STEP_TITLES[stepKey],
    summary: s.summary,
    content: s.content,
    handoff: null,
    evidence: s.evidence.map((e) => ({
      ...e,
      provenance: e.url !== null && cited.has(e.url) ? 'provider_citation' : 'model_stated',
      stale: isStale(e.publishedAt, s.researchedAt),
    })),
    competitorTraction: s.parts?.competitorTraction ?? null,
    landingPageMap: s.parts?.landingPageMap ?? null,
    quoteBank: s.parts?.quoteBank ?? null,
    avatars: s.parts?.avatars ?? null,
    offerBrief: s.parts?.offerBrief ?? null,
    necessaryBeliefs: s.parts?.necessaryBeliefs ?? null,
    iBelieveStatements: s.parts?.iBelieveStatements ?? null,
    promptSha256: 'a'.repeat(64),
    model: 'gpt-5.2',
    webSearchUsed: s.citations.length > 0,
    fromModelKnowledge: s.citations.length === 0,
    researchedAt: s.researchedAt,
    sources: s.citations.map((url) => ({ title: null, url })),
  };
}

/** A customer quote evidence record. */
export const quote = (
  id: string,
  text: string,
  url: string | null,
  sourceName: string,
  publishedAt: string | null,
): EvidenceInput => ({ id, kind: 'quote', text, url, publishedAt, sourceType: 'customer', sourceName });

/** A claim evidence record. */
export const claim = (
  id: string,
  text: string,
  url: string | null,
  sourceType: EvidenceRecord['sourceType'],
  sourceName: string | null,
  publishedAt: string | null,
): EvidenceInput => ({ id, kind: 'claim', text, url, publishedAt, sourceType, sourceName });

type AssetFields = Partial<GeneratedAsset> & Pick<GeneratedAsset, 'angle' | 'hook' | 'cta'>;

/** A stored asset: the format's fields given, the others null, the flat script derived from the scenes. */
export function asset(a: AssetFields): GeneratedAsset {
  const scenes = a.scenes ?? null;
  return {
    headline: null,
    primaryText: null,
    headlines: null,
    descriptions: null,
    scenes,
    script: scenes ? scriptText(scenes) : null,
    aspectRatio: null,
    imagePrompt: null,
    ...a,
    ...(a.headlines && !a.headline ? { headline: a.headlines.join(' | ') } : {}),
    ...(a.descriptions && !a.primaryText ? { primaryText: a.descriptions.join('\n') } : {}),
  };
}

/** The arms of one experiment: what they share once, what each arm changes. */
export function arms(
  shared: Omit<AssetBrief, 'id' | 'variantId' | 'creativeConcept' | 'guardrails'>,
  perArm: (Pick<AssetBrief, 'variantId' | 'creativeConcept' | 'guardrails'> & Partial<AssetBrief>)[],
): AssetBrief[] {
  return perArm.map((arm) => ({
    ...shared,
    ...arm,
    id: `${shared.experimentId}-${arm.variantId}-brief`,
  }));
}

/** Finds a document item or fails loudly (a defect that edits nothing would pass unnoticed). */
export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`golden fixture: ${what} not found`);
  return value;
}
