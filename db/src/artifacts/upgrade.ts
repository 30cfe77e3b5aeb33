/**
 * Stored documents written in an older shape (before issue 8: schemas at commit 63ca749, "v1"; experiment specs
 * also as issue 8 wrote them, "v2", before issue 11 replaced the model's sample size by a plan) in the current
 * shape. Each old shape is recognised exactly (its strict key set, none of the keys added since), and mapped
 * field by field without inventing facts: what v1 never recorded becomes null, an empty list, or the nullable
 * "not recorded" value the current schema keeps for it. Anything else (current documents, documents in neither shape) is returned as is,
 * so an upgraded document upgrades to itself and a broken one still fails parsing at the field that is wrong.
 * Applied only to what was stored, never to a model's answer. Pure and client-safe, like the rest of `artifacts/`.
 */
import type { ArtifactType } from './index';
import { RESEARCH_CONTENT_MAX, RESEARCH_EVIDENCE_MAX } from './research-step';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `v` is an object with exactly the keys `keys` (the strict v1 objects). */
function hasExactKeys(v: unknown, keys: readonly string[]): v is Json {
  if (!isRecord(v)) return false;
  const own = Object.keys(v);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(v, k));
}

// --------------------------------------------------------------------------------------------- v1 key sets

const V1_CANON_KEYS = [
  'clientId',
  'brand',
  'offers',
  'icps',
  'voiceOfCustomer',
  'constraints',
  'contentPatterns',
  'research',
] as const;
const V1_CANON_RESEARCH_KEYS = ['highlights', 'competitors', 'sourceArtifactIds'] as const;
const V1_RESEARCH_STEP_KEYS = [
  'stepKey',
  'title',
  'summary',
  'content',
  'handoff',
  'promptSha256',
  'model',
  'webSearchUsed',
  'sources',
] as const;
const V1_STRATEGY_KEYS = [
  'clientId',
  'campaignId',
  'goal',
  'hypothesis',
  'channelPlan',
  'messaging',
  'risks',
  'mitigations',
] as const;
const V1_SPEC_KEYS = [
  'id',
  'name',
  'hypothesis',
  'metricIds',
  'variants',
  'sampleSizeEstimate',
  'durationDays',
  'budgetEstimate',
] as const;
/** Specs as issue 8 stored them: the model's `sampleSizeEstimate`, no decision metric or stop rule. */
const V2_SPEC_KEYS = [
  'id',
  'name',
  'hypothesis',
  'testedVariable',
  'controlVariantId',
  'constants',
  'metricIds',
  'variants',
  'sampleSizeEstimate',
  'durationDays',
  'budgetEstimate',
] as const;
const V1_BRIEF_KEYS = [
  'id',
  'clientId',
  'campaignId',
  'experimentId',
  'variantId',
  'creativeConcept',
  'requirements',
  'constraints',
  'toneGuidelines',
  'visualGuidelines',
] as const;
/** The copy fields of a v1 generated asset (`assets.content` also carries provenance beside them). */
const V1_ASSET_FIELDS = ['angle', 'headline', 'primaryText', 'hook', 'script', 'imagePrompt'] as const;
const ASSET_FIELDS_ADDED = ['headlines', 'descriptions', 'scenes', 'cta', 'aspectRatio'] as const;

// --------------------------------------------------------------------------------------------- per type

function upgradeCanon(doc: unknown): unknown {
  if (!hasExactKeys(doc, V1_CANON_KEYS)) return doc;
  const voc = isRecord(doc.voiceOfCustomer) ? doc.voiceOfCustomer : null;
  const quotes =
    voc && Array.isArray(voc.quotes)
      ? voc.quotes.map((q) =>
          // v1 quotes were bare strings: where each was found was never recorded.
          typeof q === 'string' ? { quote: q, sourceUrl: null, evidenceRef: null } : q,
        )
      : voc?.quotes;
  const research = hasExactKeys(doc.research, V1_CANON_RESEARCH_KEYS)
    ? // Whether the research was web-searched was not recorded: null, which also marks it as having no evidence table.
      { ...doc.research, fromModelKnowledge: null }
    : doc.research;
  return {
    clientId: doc.clientId,
    markets: [],
    brand: doc.brand,
    offers: doc.offers,
    icps: doc.icps,
    awarenessLevel: null,
    voiceOfCustomer: voc ? { ...voc, quotes } : doc.voiceOfCustomer,
    claims: [],
    proof: [],
    beliefs: { necessary: [], iBelieve: [] },
    constraints: doc.constraints,
    contentPatterns: doc.contentPatterns,
    research,
  };
}

function upgradeResearchStep(doc: unknown): unknown {
  if (!hasExactKeys(doc, V1_RESEARCH_STEP_KEYS)) return doc;
  // v1 `sources` merged the URLs the model listed with those the provider's search cited, indistinguishably. They
  // become evidence marked model_stated (never claimed as search results); any beyond the evidence limit are
  // appended to the content so none is lost.
  const old = Array.isArray(doc.sources) ? doc.sources : [];
  const listed = old.flatMap((s) =>
    isRecord(s) && typeof s.url === 'string'
      ? [{ url: s.url, title: typeof s.title === 'string' && s.title.trim() !== '' ? s.title : null }]
      : [],
  );
  const evidence = listed.slice(0, RESEARCH_EVIDENCE_MAX).map((s, i) => ({
    id: `v1-source-${i + 1}`,
    kind: 'claim',
    text: `Source listed by this research: ${s.title ?? s.url}`,
    url: s.url,
    publishedAt: null,
    sourceType: 'other',
    sourceName: s.title === null ? null : s.title.slice(0, 200),
    provenance: 'model_stated',
    stale: false,
  }));
  const overflow = listed.slice(RESEARCH_EVIDENCE_MAX);
  let content = doc.content;
  if (overflow.length > 0 && typeof content === 'string') {
    const section = `\n\n## Further sources listed\n${overflow.map((s) => `- ${s.title ? `${s.title}: ` : ''}${s.url}`).join('\n')}`;
    content = (content + section).slice(0, RESEARCH_CONTENT_MAX);
  }
  return {
    stepKey: doc.stepKey,
    title: doc.title,
    summary: doc.summary,
    content,
    handoff: doc.handoff,
    evidence,
    competitorTraction: null,
    landingPageMap: null,
    quoteBank: null,
    avatars: null,
    offerBrief: null,
    necessaryBeliefs: null,
    iBelieveStatements: null,
    promptSha256: doc.promptSha256,
    model: doc.model,
    webSearchUsed: doc.webSearchUsed,
    // A searched step was searched; for an unsearched one v1 did not record whether earlier steps were.
    fromModelKnowledge: doc.webSearchUsed === true ? false : null,
    // v1 did not record the day; null also marks the step as written before its structured parts existed.
    researchedAt: null,
    sources: [],
  };
}

function upgradeStrategySheet(doc: unknown): unknown {
  if (!hasExactKeys(doc, V1_STRATEGY_KEYS)) return doc;
  return {
    clientId: doc.clientId,
    campaignId: doc.campaignId,
    goal: doc.goal,
    hypothesis: doc.hypothesis,
    budget: null,
    targets: { cpa: null, roas: null, rationale: null },
    audiences: [],
    phases: [],
    assumptions: [],
    channelPlan: doc.channelPlan,
    messaging: doc.messaging,
    risks: doc.risks,
    mitigations: doc.mitigations,
  };
}

/**
 * v1 and v2 specs in the current shape. What they never stated (tested variable and control before issue 8; the
 * decision metric, guardrails, stop rule and MDE before issue 11) is null or empty, and no plan was computed. The
 * model's `sampleSizeEstimate` stays as history; nothing reads it as a sample (a locked plan's numbers do).
 */
function upgradeSpec(spec: unknown): unknown {
  const v1 = hasExactKeys(spec, V1_SPEC_KEYS);
  if (!v1 && !hasExactKeys(spec, V2_SPEC_KEYS)) return spec;
  const s = spec as Json;
  return {
    id: s.id,
    name: s.name,
    hypothesis: s.hypothesis,
    testedVariable: v1 ? null : s.testedVariable,
    controlVariantId: v1 ? null : s.controlVariantId,
    constants: v1 ? [] : s.constants,
    metricIds: s.metricIds,
    primaryMetric: null,
    guardrails: [],
    stopRule: null,
    mde: null,
    variants: s.variants,
    durationDays: s.durationDays,
    budgetEstimate: s.budgetEstimate,
    sampleSizeEstimate: s.sampleSizeEstimate,
    plan: null,
    planIssue: null,
  };
}

function upgradeExperimentSpecs(doc: unknown): unknown {
  if (!isRecord(doc) || !Array.isArray(doc.experimentSpecs)) return doc;
  if (!doc.experimentSpecs.some((s) => hasExactKeys(s, V1_SPEC_KEYS) || hasExactKeys(s, V2_SPEC_KEYS)))
    return doc;
  return { ...doc, experimentSpecs: doc.experimentSpecs.map(upgradeSpec) };
}

function upgradeAssetBriefs(doc: unknown): unknown {
  if (!isRecord(doc) || !Array.isArray(doc.assetBriefs)) return doc;
  if (!doc.assetBriefs.some((b) => hasExactKeys(b, V1_BRIEF_KEYS))) return doc;
  return {
    ...doc,
    assetBriefs: doc.assetBriefs.map((b) =>
      hasExactKeys(b, V1_BRIEF_KEYS)
        ? {
            id: b.id,
            clientId: b.clientId,
            campaignId: b.campaignId,
            experimentId: b.experimentId,
            variantId: b.variantId,
            hypothesis: null,
            testedVariable: null,
            controlVariantId: null,
            constants: [],
            market: { countries: [], language: null, currency: null },
            offerId: null,
            pricePoints: [],
            audienceIcpId: null,
            landingPage: null,
            creativeConcept: b.creativeConcept,
            requirements: b.requirements,
            // v1 briefs carried the canon's rules here (assembly replaced the spec's guardrails with them).
            constraints: b.constraints,
            guardrails: [],
            toneGuidelines: b.toneGuidelines,
            visualGuidelines: b.visualGuidelines,
          }
        : b,
    ),
  };
}

/** Playbooks written before issue 11 carry no evidence: each section gains an empty list (nothing is invented). */
function upgradePlaybook(doc: unknown): unknown {
  if (!isRecord(doc) || !Array.isArray(doc.sections)) return doc;
  const sections = doc.sections as unknown[];
  if (!sections.some((s) => isRecord(s) && !Object.hasOwn(s, 'evidence'))) return doc;
  return {
    ...doc,
    sections: sections.map((s) =>
      isRecord(s) && !Object.hasOwn(s, 'evidence') ? { ...s, evidence: [] } : s,
    ),
  };
}

/** Reports written before issue 11 name no plan: each result gains `readout: null` (nothing is invented). */
function upgradeExperimentReport(doc: unknown): unknown {
  if (!isRecord(doc) || !Array.isArray(doc.results)) return doc;
  const results = doc.results as unknown[];
  if (!results.some((r) => isRecord(r) && !Object.hasOwn(r, 'readout'))) return doc;
  return {
    ...doc,
    results: results.map((r) => (isRecord(r) && !Object.hasOwn(r, 'readout') ? { ...r, readout: null } : r)),
  };
}

const upgraders: Partial<Record<ArtifactType, (doc: unknown) => unknown>> = {
  client_canon: upgradeCanon,
  research_step: upgradeResearchStep,
  strategy_sheet: upgradeStrategySheet,
  experiment_spec: upgradeExperimentSpecs,
  asset_brief: upgradeAssetBriefs,
  playbook: upgradePlaybook,
  experiment_report: upgradeExperimentReport,
};

/**
 * A stored `artifacts.data` document of `type` in the current shape: a v1 document is mapped (see the module
 * comment), anything else comes back unchanged (the same reference). Unknown types come back unchanged too.
 */
export function upgradeArtifactData(type: string, data: unknown): unknown {
  const upgrade = upgraders[type as ArtifactType];
  return upgrade ? upgrade(data) : data;
}

/** Whether `upgradeArtifactData` would change `data` (a v1 document of `type`). */
export function isLegacyArtifactData(type: string, data: unknown): boolean {
  return upgradeArtifactData(type, data) !== data;
}

/**
 * A generated asset's stored `assets.content` in the current shape: v1 content (the flat copy only) gains the
 * per-format fields as null (a v1 video script stays text in `script`; its scenes, CTA and aspect ratio were never
 * recorded). Provenance beside the copy (`generation`) is kept; anything else comes back unchanged.
 */
export function upgradeGeneratedAssetContent(content: unknown): unknown {
  if (!isRecord(content)) return content;
  if (!V1_ASSET_FIELDS.every((k) => Object.hasOwn(content, k))) return content;
  if (ASSET_FIELDS_ADDED.some((k) => Object.hasOwn(content, k))) return content;
  const added = Object.fromEntries(ASSET_FIELDS_ADDED.map((k) => [k, null]));
  return { ...content, ...added };
}
