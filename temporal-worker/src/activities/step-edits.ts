import { getApprovalDecider } from '@mos/db';
import {
  type ArtifactType,
  parseArtifactData,
  RESEARCH_STEP_KEYS,
  RESEARCH_STEP_TITLES,
} from '@mos/db/artifacts';
import { promptSha256 } from '../llm/prompt-hash';
import type { ActivityDeps } from './deps';
import { findStepArtifact, issuesText } from './shared/documents';
import { saveDraftArtifact } from './shared/llm-step';

export interface StepEditInput {
  orgId: string;
  runId: string;
  clientId: string | null;
  campaignId: string | null;
  /** The failed step, e.g. `research:04`, `build_canon`. */
  step: string;
  /** The artifact type the step produces (StepFailure.artifactType); null: the step has no document to edit. */
  artifactType: ArtifactType | null;
  /** The idempotency key the step saves its draft under: the step, run again, finds the edit there. */
  stepKey: string | null;
  edited: unknown;
  approvalId: string;
}

export type StepEditResult = { ok: true; artifactId: string } | { ok: false; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields code owns, set on a person's document as code sets them on a model's answer: the run's client and
 * campaign, and for a research step its key, title and provenance (a human edit has no prompt or model).
 */
function withSystemFields(type: ArtifactType, doc: Record<string, unknown>, input: StepEditInput): unknown {
  const scope = { clientId: input.clientId, campaignId: input.campaignId };
  switch (type) {
    case 'client_canon': {
      const research = isRecord(doc.research)
        ? { sourceArtifactIds: [], ...doc.research }
        : (doc.research ?? null);
      return { ...doc, clientId: input.clientId, research };
    }
    case 'metric_schema':
      return { ...doc, clientId: input.clientId };
    case 'asset_brief': {
      const briefs = Array.isArray(doc.assetBriefs) ? doc.assetBriefs : [];
      return {
        ...doc,
        ...scope,
        assetBriefs: briefs.map((b, i) => (isRecord(b) ? { id: `brief-${i + 1}`, ...b, ...scope } : b)),
      };
    }
    case 'playbook':
      return { version: 1, ...doc, orgId: input.orgId, clientId: input.clientId };
    case 'research_step': {
      const key = input.step.replace(/^research:/, '');
      const stepKey = (RESEARCH_STEP_KEYS as readonly string[]).includes(key) ? key : doc.stepKey;
      const title = RESEARCH_STEP_TITLES[stepKey as keyof typeof RESEARCH_STEP_TITLES] ?? doc.title;
      return {
        sources: [],
        ...doc,
        stepKey,
        title,
        promptSha256: promptSha256('', JSON.stringify(doc)),
        model: 'human',
        webSearchUsed: false,
      };
    }
    default:
      return { ...doc, ...scope };
  }
}

/** The edit decision at the `step_failed` gate: a person supplies the failed step's document. */
export function stepEditActivities({ db }: ActivityDeps) {
  return {
    /**
     * Validates a person's document for a failed step with the step's artifact type (system fields filled by
     * code) and saves it as a human version under the step's key, so the step, run again, goes on with it. A
     * refused edit returns its reason and nothing is saved.
     */
    async saveStepEdit(input: StepEditInput): Promise<StepEditResult> {
      if (input.artifactType === null || input.stepKey === null) {
        return { ok: false, reason: `step ${input.step} has no document to edit: retry it or stop the run` };
      }
      if (!isRecord(input.edited)) return { ok: false, reason: '(root): the edit must be a JSON object' };
      const done = await findStepArtifact(db, input.orgId, input.runId, input.stepKey);
      if (done) return { ok: true, artifactId: done.id };
      const doc = withSystemFields(input.artifactType, input.edited, input);
      const parsed = parseArtifactData(input.artifactType, doc);
      if (!parsed.success) return { ok: false, reason: issuesText(parsed.error.issues) };
      const saved = await saveDraftArtifact(
        db,
        { orgId: input.orgId, runId: input.runId, clientId: input.clientId, campaignId: input.campaignId },
        input.artifactType,
        input.stepKey,
        parsed.data,
        'human',
        await getApprovalDecider(db, input.orgId, input.approvalId),
      );
      return { ok: true, artifactId: saved.artifactId };
    },
  };
}
