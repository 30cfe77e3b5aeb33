import { checkPlaybookEdit, insertArtifactVersion } from '@mos/db';
import { Playbook } from '@mos/db/artifacts';
import { DomainError, type FieldIssue } from '../../errors';
import { toJson } from '../../lib/json';
import type { PlaybookUpdate } from '../../schemas/playbook';
import type { ServiceCtx } from '../context';
import { checkLlmStartLimit } from '../limits/llm-start';
import { randomHex8 } from '../workflows/ids';
import { startWorkflowRun } from '../workflows/start-run';

type EditInput = Extract<PlaybookUpdate, { mode: 'edit' }>;
type RegenerateInput = Extract<PlaybookUpdate, { mode: 'regenerate' }>;

/** `edit`: any member saves a human version (draft). `regenerate`: operators start PlaybookUpdate. */
export async function updatePlaybook({ ctx, input }: { ctx: ServiceCtx; input: PlaybookUpdate }) {
  return input.mode === 'edit' ? editPlaybook(ctx, input) : regeneratePlaybook(ctx, input);
}

async function editPlaybook(ctx: ServiceCtx, input: EditInput) {
  const orgId = ctx.member.orgId;
  const clientId = input.clientId ?? null;
  const parsed = Playbook.safeParse(input.data);
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.map((i) => ({
      path: ['data', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: i.message,
    }));
    throw new DomainError('VALIDATION', 'data: not a valid playbook', { issues });
  }
  const doc = parsed.data;
  if (doc.clientId !== clientId) {
    throw DomainError.field(
      ['data', 'clientId'],
      clientId ? 'must equal clientId' : 'must be null for the org playbook',
    );
  }
  const cited = [...new Set(doc.sections.flatMap((s) => s.sourceReportIds))];

  const row = await ctx.db.transaction(async (tx) => {
    const check = await checkPlaybookEdit(tx, orgId, clientId, cited);
    if (!check.clientFound) throw DomainError.notFound('client');
    const known = new Set(check.reportIds);
    const issues: FieldIssue[] = doc.sections.flatMap((s, i) =>
      s.sourceReportIds.flatMap((id, j) =>
        known.has(id)
          ? []
          : [
              {
                path: ['data', 'sections', i, 'sourceReportIds', j],
                message: 'is not an experiment report of this organization',
              },
            ],
      ),
    );
    if (issues.length > 0)
      throw new DomainError('VALIDATION', 'data: cites unknown experiment reports', { issues });
    // orgId and version describe the stored row, so the server owns them.
    const data = { ...doc, orgId, version: check.latestVersion + 1 };
    return insertArtifactVersion(tx, {
      orgId,
      clientId,
      campaignId: null,
      type: 'playbook',
      data,
      source: 'human',
      status: 'draft',
      createdByUser: ctx.member.userId,
    });
  });
  return { mode: 'edit' as const, artifact: toJson(row) };
}

async function regeneratePlaybook(ctx: ServiceCtx, input: RegenerateInput) {
  // The procedure is open to members for edits; starting a workflow needs the operator role.
  if (ctx.member.role === 'member') {
    throw new DomainError('FORBIDDEN', 'regenerating the playbook needs the operator or admin role');
  }
  await checkLlmStartLimit(ctx);
  const orgId = ctx.member.orgId;
  const clientId = input.clientId ?? null;
  return ctx.db.transaction(async (tx) => {
    const check = await checkPlaybookEdit(tx, orgId, clientId, []);
    if (!check.clientFound) throw DomainError.notFound('client');
    const run = await startWorkflowRun(ctx, tx, {
      kind: 'playbook_update',
      workflowId: `playbook-update-${clientId ?? 'org'}-${randomHex8()}`,
      clientId,
      campaignId: null,
      input: { trigger: 'manual' },
    });
    return { mode: 'regenerate' as const, runId: run.id, workflowId: run.temporalWorkflowId };
  });
}
