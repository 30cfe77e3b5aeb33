import { approveArtifact, getApprovalDecider, getArtifact, insertArtifactVersion } from '@mos/db';
import { type ArtifactType, parseArtifactData } from '@mos/db/artifacts';
import { type ActivityDeps, NotFoundError, ValidationError } from './deps';

export interface ArtifactRef {
  orgId: string;
  runId: string;
  clientId: string | null;
  campaignId: string | null;
}

function issuesText(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Artifact writes from workflows: drafts keyed by (run, step) so a retried activity writes once. */
export function artifactActivities({ db }: ActivityDeps) {
  const decidedBy = (orgId: string, approvalId: string) => getApprovalDecider(db, orgId, approvalId);

  return {
    async saveDraft(input: ArtifactRef & { type: ArtifactType; stepKey: string; data: unknown }) {
      const parsed = parseArtifactData(input.type, input.data);
      if (!parsed.success)
        throw new ValidationError(`${input.type} draft is invalid: ${issuesText(parsed.error.issues)}`);
      const row = await insertArtifactVersion(db, {
        orgId: input.orgId,
        clientId: input.clientId,
        campaignId: input.campaignId,
        type: input.type,
        data: parsed.data,
        source: 'ai',
        status: 'draft',
        workflowRunId: input.runId,
        stepKey: input.stepKey,
      });
      return { artifactId: row.id, version: row.version };
    },

    /** Approves a draft on behalf of whoever recorded the approval. */
    async approveDraft(input: { orgId: string; artifactId: string; approvalId: string }) {
      const row = await approveArtifact(
        db,
        input.orgId,
        input.artifactId,
        await decidedBy(input.orgId, input.approvalId),
      );
      if (!row) throw new NotFoundError(`artifact ${input.artifactId}`);
      return { artifactId: row.id, version: row.version };
    },

    /**
     * Stores a reviewer's edit as a new approved human version, validated by the artifact's schema.
     * An invalid edit is refused with its reason (not thrown), so the gate can keep waiting.
     */
    async saveEditedVersion(
      input: ArtifactRef & { type: ArtifactType; stepKey: string; edited: unknown; approvalId: string },
    ): Promise<{ ok: true; artifactId: string; data: unknown } | { ok: false; reason: string }> {
      const parsed = parseArtifactData(input.type, input.edited);
      if (!parsed.success) return { ok: false, reason: issuesText(parsed.error.issues) };
      const row = await insertArtifactVersion(db, {
        orgId: input.orgId,
        clientId: input.clientId,
        campaignId: input.campaignId,
        type: input.type,
        data: parsed.data,
        source: 'human',
        status: 'approved',
        workflowRunId: input.runId,
        stepKey: input.stepKey,
        createdByUser: await decidedBy(input.orgId, input.approvalId),
      });
      return { ok: true, artifactId: row.id, data: row.data };
    },

    async loadArtifact(input: { orgId: string; artifactId: string }) {
      const row = await getArtifact(db, input.orgId, input.artifactId);
      if (!row) throw new NotFoundError(`artifact ${input.artifactId}`);
      return { id: row.id, type: row.type, version: row.version, status: row.status, data: row.data };
    },
  };
}
