import {
  type ClientSwipePatch,
  companySwipeExists,
  getClientSwipe,
  updateClientSwipe as updateRow,
} from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import { type ClientSwipeUpdate, GOOD_AND_BAD, NEEDS_CONTENT } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';

/** Blank text clears a field, like null does. */
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v || null);

export async function updateClientSwipe({ ctx, input }: { ctx: ServiceCtx; input: ClientSwipeUpdate }) {
  const orgId = ctx.member.orgId;
  const row = await ctx.db.transaction(async (tx) => {
    const current = await getClientSwipe(tx, orgId, input.id);
    if (!current) throw DomainError.notFound('client swipe');
    const patch: ClientSwipePatch = {
      companySwipeId: input.companySwipeId,
      customTitle: blankToNull(input.customTitle),
      customBody: blankToNull(input.customBody),
      customChannel: blankToNull(input.customChannel),
      customFormat: blankToNull(input.customFormat),
      customLandingPage: input.customLandingPage,
      customMedia: input.customMedia,
      tags: input.tags,
      notes: blankToNull(input.notes),
      isGoodExample: input.isGoodExample,
      isBadExample: input.isBadExample,
    };
    const defined = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as ClientSwipePatch;
    // The rules hold for the row as it will be, not only for the fields this call sends.
    const next = { ...current, ...defined };
    if (next.isGoodExample && next.isBadExample) throw DomainError.field(['isBadExample'], GOOD_AND_BAD);
    if (!next.companySwipeId && !next.customTitle && !next.customBody) {
      throw DomainError.field(['customTitle'], NEEDS_CONTENT);
    }
    if (defined.companySwipeId && defined.companySwipeId !== current.companySwipeId) {
      if (!(await companySwipeExists(tx, orgId, defined.companySwipeId))) throw DomainError.notFound('swipe');
    }
    return updateRow(tx, orgId, input.id, defined);
  });
  if (!row) throw DomainError.notFound('client swipe');
  return toJson(row);
}
