import { createClient as insertClient } from '@mos/db';
import { toJson } from '../../lib/json';
import type { ClientCreate } from '../../schemas/clients';
import type { ServiceCtx } from '../context';

export async function createClient({ ctx, input }: { ctx: ServiceCtx; input: ClientCreate }) {
  const row = await insertClient(ctx.db, ctx.member.orgId, {
    name: input.name,
    industry: input.industry ?? null,
    adVertical: input.adVertical ?? null,
    primaryMarkets: input.primaryMarkets,
    primaryLanguages: input.primaryLanguages,
  });
  return toJson(row);
}
