import { type FunnelPatch, getFunnelPage, SECRET_NAME_PATTERN, updateFunnel as updateRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { FunnelUpdate } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { checkFunnelRefs, publicPathOf, requireFunnel, settingsOf } from './shared';

/**
 * Edits a funnel's name, description, what it is for (campaign, experiment, offer), its entry page (a page of
 * this funnel) and its settings. Omitted fields stay; null clears a nullable one.
 */
export async function updateFunnel({ ctx, input }: { ctx: ServiceCtx; input: FunnelUpdate }) {
  const orgId = ctx.member.orgId;
  const funnel = await requireFunnel(ctx, input.id);
  const next = {
    campaignId: input.campaignId === undefined ? funnel.campaignId : input.campaignId,
    // A new campaign without a new experiment drops the old experiment (it belonged to the old campaign's spec).
    experimentId:
      input.experimentId !== undefined
        ? input.experimentId
        : input.campaignId !== undefined && input.campaignId !== funnel.campaignId
          ? null
          : funnel.experimentId,
    offerId: input.offerId === undefined ? funnel.offerId : input.offerId,
  };
  const campaignChanged = next.campaignId !== funnel.campaignId;
  // Only what changes is checked again: a funnel keeps working when its campaign's spec is later superseded.
  await checkFunnelRefs(ctx, funnel.clientId, {
    campaignId: next.campaignId,
    experimentId: campaignChanged || next.experimentId !== funnel.experimentId ? next.experimentId : null,
    offerId: next.offerId !== funnel.offerId ? next.offerId : null,
  });
  if (input.entryPageId) {
    const page = await getFunnelPage(ctx.db, orgId, input.entryPageId);
    if (!page || page.funnelId !== funnel.id) {
      throw DomainError.field(['entryPageId'], 'is not a page of this funnel');
    }
  }
  if (input.settings) {
    // Secrets are referenced by name; a name secrets.set would refuse could never be found at delivery time.
    for (const key of ['metaCapiTokenSecret', 'ga4ApiSecretSecret', 'leadWebhookSecret'] as const) {
      const name = input.settings[key];
      if (name !== null && !SECRET_NAME_PATTERN.test(name)) {
        throw DomainError.field(['settings', key], 'must be a secret name: upper-case letters, digits and _');
      }
    }
  }
  const patch: FunnelPatch = { ...next };
  if (input.name !== undefined) patch.name = input.name;
  if (input.description !== undefined) patch.description = input.description;
  if (input.entryPageId !== undefined) patch.entryPageId = input.entryPageId;
  if (input.settings !== undefined) patch.settings = input.settings;
  const row = await updateRow(ctx.db, orgId, funnel.id, patch);
  if (!row) throw DomainError.notFound('funnel');
  return toJson({ ...row, settings: settingsOf(row.settings), publicPath: publicPathOf(row.publicId) });
}
