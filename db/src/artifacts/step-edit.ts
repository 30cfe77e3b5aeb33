import type { ArtifactType } from './index';
import { isStale, RESEARCH_STEP_KEYS, RESEARCH_STEP_TITLES } from './research-step';

/** What code knows about a failed step when a person writes its document at the `step_failed` gate. */
export interface StepEditScope {
  orgId: string;
  clientId: string | null;
  campaignId: string | null;
  /** The failed step, e.g. `research:04`, `build_canon`. */
  step: string;
  /** Provenance hash of a research step's document; the worker hashes the edit, validators pass any 64-hex value. */
  promptSha256: string;
  /** The day of the edit (YYYY-MM-DD), which evidence `stale` flags count from; today when absent. */
  today?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A person's document for a failed step with the fields code owns set as code sets them on a model's answer (the
 * run's client and campaign; for a research step its key, title and provenance: a human edit has no model). The
 * worker saves the result; the API and the web editor validate with it, so a person never types a system field.
 */
export function withStepEditSystemFields(type: ArtifactType, doc: unknown, scope: StepEditScope): unknown {
  if (!isRecord(doc)) return doc;
  const ids = { clientId: scope.clientId, campaignId: scope.campaignId };
  switch (type) {
    case 'client_canon': {
      const research = isRecord(doc.research)
        ? { sourceArtifactIds: [], fromModelKnowledge: false, ...doc.research }
        : (doc.research ?? null);
      return { beliefs: { necessary: [], iBelieve: [] }, ...doc, clientId: scope.clientId, research };
    }
    case 'metric_schema':
      return { ...doc, clientId: scope.clientId };
    case 'asset_brief': {
      const briefs = Array.isArray(doc.assetBriefs) ? doc.assetBriefs : [];
      return {
        ...doc,
        ...ids,
        assetBriefs: briefs.map((b, i) => (isRecord(b) ? { id: `brief-${i + 1}`, ...b, ...ids } : b)),
      };
    }
    case 'playbook':
      return { version: 1, ...doc, orgId: scope.orgId, clientId: scope.clientId };
    case 'research_step': {
      const key = scope.step.replace(/^research:/, '');
      const stepKey = (RESEARCH_STEP_KEYS as readonly string[]).includes(key) ? key : doc.stepKey;
      const title = RESEARCH_STEP_TITLES[stepKey as keyof typeof RESEARCH_STEP_TITLES] ?? doc.title;
      const researchedAt = scope.today ?? new Date().toISOString().slice(0, 10);
      // A person's evidence: its URLs are theirs, and staleness is still code's.
      const evidence = Array.isArray(doc.evidence)
        ? doc.evidence.map((e) =>
            isRecord(e)
              ? {
                  ...e,
                  provenance: 'human_entered',
                  stale: isStale(typeof e.publishedAt === 'string' ? e.publishedAt : null, researchedAt),
                }
              : e,
          )
        : [];
      const parts = {
        competitorTraction: null,
        landingPageMap: null,
        quoteBank: null,
        avatars: null,
        offerBrief: null,
        necessaryBeliefs: null,
        iBelieveStatements: null,
      };
      return {
        ...parts,
        ...doc,
        // Sources are what a provider's web search returned; a person's edit has none.
        sources: [],
        evidence,
        stepKey,
        title,
        promptSha256: scope.promptSha256,
        model: 'human',
        webSearchUsed: false,
        fromModelKnowledge: false,
        researchedAt,
      };
    }
    default:
      return { ...doc, ...ids };
  }
}
