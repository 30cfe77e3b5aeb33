import { companySwipeExists, createClientSwipe, getClient } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ClientSwipeSave } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';

/** Saves a swipe to a client's board: a link to a company swipe, custom content, or both. */
export async function saveClientSwipe({ ctx, input }: { ctx: ServiceCtx; input: ClientSwipeSave }) {
  const orgId = ctx.member.orgId;
  const [client, swipeOk] = await Promise.all([
    getClient(ctx.db, orgId, input.clientId),
    input.companySwipeId ? companySwipeExists(ctx.db, orgId, input.companySwipeId) : Promise.resolve(true),
  ]);
  if (!client) throw DomainError.notFound('client');
  if (!swipeOk) throw DomainError.notFound('swipe');
  const row = await createClientSwipe(ctx.db, orgId, {
    clientId: input.clientId,
    companySwipeId: input.companySwipeId ?? null,
    customTitle: input.customTitle || null,
    customBody: input.customBody || null,
    customChannel: input.customChannel || null,
    customFormat: input.customFormat || null,
    customLandingPage: input.customLandingPage ?? null,
    customMedia: input.customMedia ?? null,
    tags: input.tags,
    notes: input.notes || null,
    isGoodExample: input.isGoodExample,
    isBadExample: input.isBadExample,
  });
  return toJson(row);
}
