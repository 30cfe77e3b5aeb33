import { getPlaybook as getPlaybookRow } from '@mos/db';
import { DomainError } from '../../errors';
import type { PlaybookGet } from '../../schemas/playbook';
import type { ServiceCtx } from '../context';

/**
 * The playbook of a client, or the org-wide one (clientId null/omitted): the latest approved version, else the
 * latest draft, or null when none exists yet; with the experiment reports its sections cite.
 */
export async function getPlaybook({ ctx, input }: { ctx: ServiceCtx; input: PlaybookGet }) {
  const found = await getPlaybookRow(ctx.db, ctx.member.orgId, input.clientId ?? null);
  if (!found.clientFound) throw DomainError.notFound('client');
  return { playbook: found.playbook, sourceReports: found.sourceReports };
}
