import {
  deleteFunnelDomain,
  type FunnelDomainRow,
  getClient,
  getFunnel,
  getFunnelDomain,
  insertFunnelDomain,
  listFunnelDomains,
  updateFunnelDomain,
  writeAudit,
} from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { DomainAdd, DomainAssign, DomainById, DomainList } from '../../schemas/domains';
import type { ServiceCtx } from '../context';
import { DohError, resolveTxt } from './doh';
import { normaliseHostname, verificationRecord } from './hostname';

export const DEFAULT_DOH_RESOLVER_URL = 'https://cloudflare-dns.com/dns-query';

/** A domain with the TXT record its owner must create. */
const withRecord = (row: FunnelDomainRow) =>
  toJson({ ...row, verification: verificationRecord(row.hostname, row.verificationToken) });

function randomToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A funnel of the org that belongs to the domain's client (the refusal names `funnelId`). */
async function requireClientFunnel(ctx: ServiceCtx, clientId: string, funnelId: string) {
  const funnel = await getFunnel(ctx.db, ctx.member.orgId, funnelId);
  if (!funnel) throw DomainError.notFound('funnel');
  if (funnel.clientId !== clientId)
    throw DomainError.field(['funnelId'], "is not a funnel of the domain's client");
  return funnel;
}

export async function listDomains({ ctx, input }: { ctx: ServiceCtx; input: DomainList }) {
  const rows = await listFunnelDomains(ctx.db, ctx.member.orgId, input);
  return rows.map(withRecord);
}

/** Adds a hostname for a client (pending until its TXT record is verified); a hostname anyone uses is CONFLICT. */
export async function addDomain({ ctx, input }: { ctx: ServiceCtx; input: DomainAdd }) {
  const orgId = ctx.member.orgId;
  const hostname = normaliseHostname(input.hostname);
  if (!(await getClient(ctx.db, orgId, input.clientId))) throw DomainError.notFound('client');
  if (input.funnelId) await requireClientFunnel(ctx, input.clientId, input.funnelId);
  const row = await insertFunnelDomain(ctx.db, orgId, {
    clientId: input.clientId,
    funnelId: input.funnelId ?? null,
    hostname,
    verificationToken: randomToken(),
  });
  if (!row) {
    throw new DomainError('CONFLICT', `hostname: ${hostname} is already in use`, {
      issues: [{ path: ['hostname'], message: 'is already in use', reason: 'hostname_taken' }],
    });
  }
  await writeAudit(ctx.db, {
    orgId,
    actorUserId: ctx.member.userId,
    action: 'domain.add',
    targetType: 'funnel_domain',
    targetId: row.id,
    data: { hostname },
  });
  return withRecord(row);
}

/**
 * Looks up `_mos-verify.<hostname>` through the DoH resolver: the expected value → verified (an active domain
 * stays active); anything else keeps the status and records why in `lastError` (record missing, other values,
 * resolver unreachable).
 */
export async function verifyDomain({ ctx, input }: { ctx: ServiceCtx; input: DomainById }) {
  const orgId = ctx.member.orgId;
  const domain = await getFunnelDomain(ctx.db, orgId, input.id);
  if (!domain) throw DomainError.notFound('domain');
  const record = verificationRecord(domain.hostname, domain.verificationToken);
  const now = new Date();
  let error: string | null = null;
  try {
    const values = await resolveTxt(ctx.dohResolverUrl ?? DEFAULT_DOH_RESOLVER_URL, record.recordName);
    if (!values.includes(record.value)) {
      error =
        values.length === 0
          ? `no TXT record at ${record.recordName} yet (DNS changes can take a while to show)`
          : `the TXT record at ${record.recordName} does not hold ${record.value}`;
    }
  } catch (err) {
    if (!(err instanceof DohError)) throw err;
    error = err.message;
  }
  const row = await updateFunnelDomain(
    ctx.db,
    orgId,
    domain.id,
    error === null
      ? {
          status: domain.status === 'active' ? 'active' : 'verified',
          verifiedAt: domain.verifiedAt ?? now,
          lastCheckedAt: now,
          lastError: null,
        }
      : { lastCheckedAt: now, lastError: error },
  );
  if (!row) throw DomainError.notFound('domain');
  return { verified: error === null, error, domain: withRecord(row) };
}

export async function removeDomain({ ctx, input }: { ctx: ServiceCtx; input: DomainById }) {
  const orgId = ctx.member.orgId;
  const domain = await getFunnelDomain(ctx.db, orgId, input.id);
  if (!domain || !(await deleteFunnelDomain(ctx.db, orgId, domain.id))) throw DomainError.notFound('domain');
  await writeAudit(ctx.db, {
    orgId,
    actorUserId: ctx.member.userId,
    action: 'domain.remove',
    targetType: 'funnel_domain',
    targetId: domain.id,
    data: { hostname: domain.hostname },
  });
  return { id: domain.id, deleted: true as const };
}

/** Points a domain at one of its client's funnels (or at none). */
export async function assignDomain({ ctx, input }: { ctx: ServiceCtx; input: DomainAssign }) {
  const orgId = ctx.member.orgId;
  const domain = await getFunnelDomain(ctx.db, orgId, input.id);
  if (!domain) throw DomainError.notFound('domain');
  if (input.funnelId) await requireClientFunnel(ctx, domain.clientId, input.funnelId);
  const row = await updateFunnelDomain(ctx.db, orgId, domain.id, { funnelId: input.funnelId });
  if (!row) throw DomainError.notFound('domain');
  return withRecord(row);
}
