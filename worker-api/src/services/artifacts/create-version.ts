import { insertArtifactVersion, writeAudit } from '@mos/db';
import { parseArtifactData } from '@mos/db/artifacts';
import { DomainError, type FieldIssue } from '../../errors';
import { toJson } from '../../lib/json';
import type { ArtifactCreateVersion } from '../../schemas/artifacts';
import type { ServiceCtx } from '../context';
import { assertOwnedRefs } from './refs';

/** Enough issues to fix a form; a hopeless document should not produce a megabyte of errors. */
const MAX_ISSUES = 50;

/** The ids a document names must be the ones it is filed under, or it would describe another client. */
function idIssues(doc: Record<string, unknown>, clientId: string, campaignId: string | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if ('clientId' in doc && doc.clientId !== clientId) {
    issues.push({ path: ['data', 'clientId'], message: 'must equal clientId' });
  }
  if ('campaignId' in doc && doc.campaignId !== campaignId) {
    issues.push({
      path: ['data', 'campaignId'],
      message: campaignId ? 'must equal campaignId' : 'must be null',
    });
  }
  return issues;
}

/**
 * A human edit: appends the next version of (client, campaign, type) with source 'human'. Members write
 * drafts; an approved version needs the operator role, supersedes the previously approved one and is audited.
 */
export async function createArtifactVersion({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: ArtifactCreateVersion;
}) {
  if (input.status === 'approved' && ctx.member.role === 'member') {
    throw new DomainError('FORBIDDEN', 'creating an approved version needs the operator or admin role');
  }
  const parsed = parseArtifactData(input.type, input.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => ({
      path: ['data', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: i.message,
    }));
    throw new DomainError('VALIDATION', `data is not a valid ${input.type} document`, { issues });
  }
  const campaignId = input.campaignId ?? null;
  const mismatched = idIssues(parsed.data as Record<string, unknown>, input.clientId, campaignId);
  if (mismatched.length > 0) {
    throw new DomainError('VALIDATION', 'data names another client or campaign', { issues: mismatched });
  }
  const orgId = ctx.member.orgId;
  await assertOwnedRefs(ctx.db, orgId, { clientId: input.clientId, campaignId });
  const version = {
    orgId,
    clientId: input.clientId,
    campaignId,
    type: input.type,
    data: parsed.data,
    source: 'human' as const,
    status: input.status,
    createdByUser: ctx.member.userId,
  };
  if (input.status === 'draft') return toJson(await insertArtifactVersion(ctx.db, version));
  const row = await ctx.db.transaction(async (tx) => {
    const created = await insertArtifactVersion(tx, version);
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'artifact.approve',
      targetType: 'artifact',
      targetId: created.id,
      data: {
        type: created.type,
        version: created.version,
        clientId: created.clientId,
        campaignId: created.campaignId,
      },
    });
    return created;
  });
  return toJson(row);
}
