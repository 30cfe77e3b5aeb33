import { getApprovalDecider } from '@mos/db';
import { type ArtifactType, parseArtifactData, withStepEditSystemFields } from '@mos/db/artifacts';
import type { StepDocumentType } from '@mos/db/contracts';
import { promptSha256 } from '../llm/prompt-hash';
import type { ActivityDeps } from './deps';
import { savePageDraftEdit } from './funnels/page-draft';
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
  /** A document that is not an artifact (an AI page draft: `funnel_page`, validated by `PageDocument`). */
  documentType?: StepDocumentType | null;
  /** The idempotency key the step saves its draft under: the step, run again, finds the edit there. */
  stepKey: string | null;
  edited: unknown;
  approvalId: string;
}

export type StepEditResult = { ok: true; artifactId: string } | { ok: false; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The edit decision at the `step_failed` gate: a person supplies the failed step's document. */
export function stepEditActivities({ db }: ActivityDeps) {
  return {
    /**
     * Validates a person's document for a failed step with the step's artifact type (system fields filled by
     * code) and saves it as a human version under the step's key, so the step, run again, goes on with it. A
     * refused edit returns its reason and nothing is saved.
     */
    async saveStepEdit(input: StepEditInput): Promise<StepEditResult> {
      if (input.documentType === 'funnel_page' && input.stepKey !== null) {
        return savePageDraftEdit(db, { ...input, stepKey: input.stepKey });
      }
      if (input.artifactType === null || input.stepKey === null) {
        return { ok: false, reason: `step ${input.step} has no document to edit: retry it or stop the run` };
      }
      if (!isRecord(input.edited)) return { ok: false, reason: '(root): the edit must be a JSON object' };
      const done = await findStepArtifact(db, input.orgId, input.runId, input.stepKey);
      if (done) return { ok: true, artifactId: done.id };
      const doc = withStepEditSystemFields(input.artifactType, input.edited, {
        ...input,
        promptSha256: promptSha256('', JSON.stringify(input.edited)),
      });
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
