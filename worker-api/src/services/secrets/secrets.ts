import {
  deleteSecret,
  importSecretsKey,
  listSecrets as listRows,
  putSecret,
  type SecretsKey,
  SecretsKeyError,
  writeAudit,
} from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { SecretByName, SecretSet } from '../../schemas/secrets';
import type { ServiceCtx } from '../context';

/**
 * Org secrets (admin only): names and dates go out, values only ever in. The value is neither returned, logged nor
 * written to the audit log; the key (MOS_SECRETS_KEY) is imported once per process or isolate.
 */
let cached: { base64: string; key: Promise<SecretsKey> } | null = null;

async function secretsKey(ctx: ServiceCtx): Promise<SecretsKey> {
  const base64 = ctx.secretsKey;
  if (!base64) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      'MOS_SECRETS_KEY is not set on the API: secrets cannot be stored',
      {
        issues: [{ path: ['MOS_SECRETS_KEY'], message: 'is not set', reason: 'secrets_key_missing' }],
      },
    );
  }
  if (cached?.base64 !== base64) cached = { base64, key: importSecretsKey(base64) };
  try {
    return await cached.key;
  } catch (err) {
    cached = null;
    if (err instanceof SecretsKeyError) {
      throw new DomainError('PRECONDITION_FAILED', `${err.message}: secrets cannot be stored`, {
        issues: [{ path: ['MOS_SECRETS_KEY'], message: err.message, reason: 'secrets_key_invalid' }],
      });
    }
    throw err;
  }
}

export async function listSecrets({ ctx }: { ctx: ServiceCtx }) {
  await secretsKey(ctx);
  return toJson(await listRows(ctx.db, ctx.member.orgId));
}

/** Creates or replaces a secret; answers its name and dates. */
export async function setSecret({ ctx, input }: { ctx: ServiceCtx; input: SecretSet }) {
  const key = await secretsKey(ctx);
  const orgId = ctx.member.orgId;
  await ctx.db.transaction(async (tx) => {
    await putSecret(tx, key, orgId, input.name, input.value);
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'secret.set',
      targetType: 'org_secret',
      targetId: input.name,
    });
  });
  const row = (await listRows(ctx.db, orgId)).find((s) => s.name === input.name);
  if (!row) throw DomainError.notFound('secret');
  return toJson(row);
}

export async function removeSecret({ ctx, input }: { ctx: ServiceCtx; input: SecretByName }) {
  await secretsKey(ctx);
  const orgId = ctx.member.orgId;
  await ctx.db.transaction(async (tx) => {
    if (!(await deleteSecret(tx, orgId, input.name))) throw DomainError.notFound('secret');
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'secret.delete',
      targetType: 'org_secret',
      targetId: input.name,
    });
  });
  return { name: input.name, deleted: true as const };
}
