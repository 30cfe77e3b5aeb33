import {
  type AdConnectorRow,
  deleteAdConnector,
  getAdConnector,
  getClient,
  listSecrets,
  upsertAdConnector,
  writeAudit,
} from '@mos/db';
import type { ConnectorPullSummary, MetaConnectorSettings } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { ConnectorByClient, ConnectorRemove, ConnectorUpsertMeta } from '../../schemas/connectors';
import type { ServiceCtx } from '../context';

/**
 * A client's ad platform connectors. Settings name the token's org secret, never hold it; only admins change a
 * connector (audited) or see the org's secret names to pick from.
 */
async function clientOf(ctx: ServiceCtx, clientId: string) {
  const client = await getClient(ctx.db, ctx.member.orgId, clientId);
  if (!client) throw DomainError.notFound('client');
  return client;
}

const view = (row: AdConnectorRow) => ({
  settings: row.settings as MetaConnectorSettings,
  enabled: row.enabled,
  lastPulledAt: row.lastPulledAt?.toISOString() ?? null,
  lastResult: (row.lastResult ?? null) as ConnectorPullSummary | null,
});

export async function getConnectors({ ctx, input }: { ctx: ServiceCtx; input: ConnectorByClient }) {
  await clientOf(ctx, input.clientId);
  const [meta, secrets] = await Promise.all([
    getAdConnector(ctx.db, ctx.member.orgId, input.clientId, 'meta'),
    ctx.member.role === 'admin' ? listSecrets(ctx.db, ctx.member.orgId) : [],
  ]);
  return { meta: meta ? view(meta) : null, secretNames: secrets.map((s) => s.name) };
}

export async function upsertMetaConnector({ ctx, input }: { ctx: ServiceCtx; input: ConnectorUpsertMeta }) {
  const orgId = ctx.member.orgId;
  await clientOf(ctx, input.clientId);
  const secrets = await listSecrets(ctx.db, orgId);
  if (!secrets.some((s) => s.name === input.settings.tokenSecret)) {
    throw DomainError.field(
      ['settings', 'tokenSecret'],
      `the org has no secret named ${input.settings.tokenSecret}; add it under secrets first`,
    );
  }
  const row = await ctx.db.transaction(async (tx) => {
    const { row, created } = await upsertAdConnector(tx, orgId, { ...input, platform: 'meta' });
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: created ? 'connector.create' : 'connector.update',
      targetType: 'ad_connector',
      targetId: row.id,
      data: { clientId: input.clientId, platform: 'meta', settings: input.settings, enabled: input.enabled },
    });
    return row;
  });
  return view(row);
}

export async function removeConnector({ ctx, input }: { ctx: ServiceCtx; input: ConnectorRemove }) {
  const orgId = ctx.member.orgId;
  await clientOf(ctx, input.clientId);
  await ctx.db.transaction(async (tx) => {
    if (!(await deleteAdConnector(tx, orgId, input.clientId, input.platform)))
      throw DomainError.notFound('connector');
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'connector.delete',
      targetType: 'ad_connector',
      data: { clientId: input.clientId, platform: input.platform },
    });
  });
  return { clientId: input.clientId, platform: input.platform, deleted: true as const };
}
