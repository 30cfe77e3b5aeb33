import { funnels, leadDeliveries } from '@mos/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/routers/index';
import {
  ARM_IDS,
  approvedVersionId,
  EXPERIMENT_ID,
  type FunnelTenant,
  funnelTenant,
  insertLead,
  insertPublication,
  pageDoc,
  publishableFunnel,
  variantB,
} from './support/funnels';
import { createTestApp, failure, type TestApp } from './support/harness';

/**
 * Tenant isolation and roles for every procedure issue 9 adds: another org's ids answer NOT_FOUND (exactly like
 * missing ones) and lists never show another org's rows; a member reads but cannot author (FORBIDDEN); secrets are
 * admin-only. The cases are checked against the router itself, so a new procedure without a case fails here.
 */
let t: TestApp;
const SECRETS_KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
beforeAll(async () => {
  t = await createTestApp({ env: { MOS_SECRETS_KEY: SECRETS_KEY } });
});
afterAll(async () => {
  await t.close();
});

type Api = ReturnType<TestApp['client']>;

async function ownedWorld(f: FunnelTenant) {
  const { funnel, landing } = await publishableFunnel(f);
  const variant = await variantB(f, landing.id);
  const approvedId = await approvedVersionId(f, landing.id);
  const publication = await insertPublication(t, f, funnel.id, 1, landing, approvedId);
  await t.database.db
    .update(funnels)
    .set({ activePublicationId: publication.id })
    .where(eq(funnels.id, funnel.id));
  const lead = await insertLead(t, f, {
    funnelId: funnel.id,
    publicationId: publication.id,
    pageId: landing.id,
    visitorId: 'visitor-0001',
    fields: { email: 'ann@example.com' },
  });
  await t.database.db.insert(leadDeliveries).values({
    orgId: f.orgId,
    leadId: lead.id,
    attempt: 1,
    url: 'https://crm.example.com/hook',
    ok: true,
    httpStatus: 200,
  });
  const domain = await f.operator.domains.add.mutate({
    clientId: f.clientId,
    hostname: `shop-${crypto.randomUUID().slice(0, 8)}.example.com`,
    funnelId: funnel.id,
  });
  await f.admin.secrets.set.mutate({ name: 'META_CAPI_TOKEN', value: 'owned-secret-value' });
  return { funnel, landing, variant: variant.variant, publication, lead, domain };
}

type World = Awaited<ReturnType<typeof ownedWorld>>;

interface Case {
  path: string;
  /** The other org's call with the owner's ids: NOT_FOUND, or (lists) an answer without the owner's rows. */
  intruder: (api: Api, w: World, own: FunnelTenant) => Promise<unknown>;
  /** Lists: what must not show up in the intruder's answer (else the call must be NOT_FOUND). */
  leaks?: (answer: unknown, w: World) => boolean;
  /** The owner's member, with valid input: FORBIDDEN for what only operators (or admins) may do. */
  member?: (api: Api, w: World, own: FunnelTenant) => Promise<unknown>;
}

/** A write on the owner's ids: NOT_FOUND for the intruder, and FORBIDDEN for the owner's member with the same call. */
const write = (path: string, call: Case['intruder']): Case => ({ path, intruder: call, member: call });
const json = (v: unknown) => JSON.stringify(v);
const ISO = { from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' };

const CASES: Case[] = [
  {
    path: 'funnels.list',
    intruder: (api, w) => api.funnels.list.query({ clientId: w.funnel.clientId }),
    leaks: (a, w) => json(a).includes(w.funnel.id),
  },
  { path: 'funnels.get', intruder: (api, w) => api.funnels.get.query({ id: w.funnel.id }) },
  {
    path: 'funnels.create',
    intruder: (api, w) => api.funnels.create.mutate({ clientId: w.funnel.clientId, name: 'Stolen' }),
    member: (api, _w, own) => api.funnels.create.mutate({ clientId: own.clientId, name: 'Nope' }),
  },
  write('funnels.update', (api, w) => api.funnels.update.mutate({ id: w.funnel.id, name: 'Hijacked' })),
  write('funnels.disable', (api, w) => api.funnels.disable.mutate({ id: w.funnel.id })),
  write('funnels.enable', (api, w) => api.funnels.enable.mutate({ id: w.funnel.id })),
  write('funnels.duplicate', (api, w) => api.funnels.duplicate.mutate({ id: w.funnel.id })),
  write('funnels.createPage', (api, w) =>
    api.funnels.createPage.mutate({ funnelId: w.funnel.id, name: 'Injected' }),
  ),
  { path: 'funnels.getPage', intruder: (api, w) => api.funnels.getPage.query({ pageId: w.landing.id }) },
  write('funnels.savePage', (api, w) =>
    api.funnels.savePage.mutate({ pageId: w.landing.id, document: pageDoc('x') }),
  ),
  write('funnels.updatePage', (api, w) =>
    api.funnels.updatePage.mutate({ pageId: w.landing.id, name: 'Hijacked' }),
  ),
  write('funnels.deletePage', (api, w) => api.funnels.deletePage.mutate({ pageId: w.landing.id })),
  write('funnels.approvePage', (api, w) => api.funnels.approvePage.mutate({ pageId: w.landing.id })),
  write('funnels.createVariant', (api, w) =>
    api.funnels.createVariant.mutate({
      pageId: w.landing.id,
      name: 'X',
      experimentId: EXPERIMENT_ID,
      experimentVariantId: ARM_IDS[0] ?? '',
    }),
  ),
  write('funnels.updateVariant', (api, w) =>
    api.funnels.updateVariant.mutate({ variantId: w.variant.id, weight: 0 }),
  ),
  write('funnels.deleteVariant', (api, w) => api.funnels.deleteVariant.mutate({ variantId: w.variant.id })),
  write('funnels.publish', (api, w) => api.funnels.publish.mutate({ funnelId: w.funnel.id })),
  {
    path: 'funnels.publications',
    intruder: (api, w) => api.funnels.publications.query({ funnelId: w.funnel.id }),
  },
  write('funnels.rollback', (api, w) =>
    api.funnels.rollback.mutate({ funnelId: w.funnel.id, publicationId: w.publication.id }),
  ),
  write('funnels.generatePage', (api, w) => api.funnels.generatePage.mutate({ pageId: w.landing.id })),
  {
    path: 'funnels.results',
    intruder: (api, w) => api.funnels.results.query({ funnelId: w.funnel.id, ...ISO }),
  },
  { path: 'funnels.leads', intruder: (api, w) => api.funnels.leads.query({ funnelId: w.funnel.id }) },
  {
    path: 'funnels.leadDeliveries',
    intruder: (api, w) => api.funnels.leadDeliveries.query({ leadId: w.lead.id }),
  },
  { path: 'funnels.leadsCsv', intruder: (api, w) => api.funnels.leadsCsv.query({ funnelId: w.funnel.id }) },
  { path: 'funnels.images', intruder: (api, w) => api.funnels.images.query({ funnelId: w.funnel.id }) },
  {
    path: 'domains.list',
    intruder: (api) => api.domains.list.query({}),
    leaks: (a, w) => json(a).includes(w.domain.id) || json(a).includes(w.domain.hostname),
  },
  {
    path: 'domains.add',
    intruder: (api, w) => api.domains.add.mutate({ clientId: w.funnel.clientId, hostname: 'x.example.org' }),
    member: (api, _w, own) => api.domains.add.mutate({ clientId: own.clientId, hostname: 'm.example.org' }),
  },
  write('domains.verify', (api, w) => api.domains.verify.mutate({ id: w.domain.id })),
  write('domains.remove', (api, w) => api.domains.remove.mutate({ id: w.domain.id })),
  write('domains.assign', (api, w) => api.domains.assign.mutate({ id: w.domain.id, funnelId: null })),
  {
    path: 'secrets.list',
    intruder: (api) => api.secrets.list.query(),
    leaks: (a) => json(a).includes('META_CAPI_TOKEN'),
    member: (api) => api.secrets.list.query(),
  },
  {
    path: 'secrets.set',
    // Names are per org: setting the same name in another org is that org's own secret (checked below).
    intruder: (api) => api.secrets.set.mutate({ name: 'INTRUDER_ONLY', value: 'x' }),
    leaks: () => false,
    member: (api) => api.secrets.set.mutate({ name: 'MEMBER_TRY', value: 'x' }),
  },
  write('secrets.delete', (api) => api.secrets.delete.mutate({ name: 'META_CAPI_TOKEN' })),
  {
    path: 'clients.designTokens',
    intruder: (api, w) => api.clients.designTokens.query({ clientId: w.funnel.clientId }),
  },
  {
    path: 'clients.setDesignTokens',
    intruder: (api, w) => api.clients.setDesignTokens.mutate({ clientId: w.funnel.clientId, tokens: null }),
    member: (api, _w, own) => api.clients.setDesignTokens.mutate({ clientId: own.clientId, tokens: null }),
  },
  {
    path: 'funnels.templates',
    // Templates are the block library's, the same for every org: nothing to isolate, readable by members.
    intruder: (api) => api.funnels.templates.query(),
    leaks: () => false,
  },
];

const NEW_PREFIXES = ['funnels.', 'domains.', 'secrets.'];
const NEW_EXTRA = ['clients.designTokens', 'clients.setDesignTokens'];

describe('issue 9 procedures: tenant isolation and roles', () => {
  it('has a case for every procedure of funnels.*, domains.*, secrets.* and the design tokens', () => {
    const paths = Object.keys(appRouter._def.procedures).filter(
      (p) => NEW_PREFIXES.some((prefix) => p.startsWith(prefix)) || NEW_EXTRA.includes(p),
    );
    expect(CASES.map((c) => c.path).sort()).toEqual(paths.sort());
  });

  it('answers NOT_FOUND to another org’s ids and never shows another org’s rows', async () => {
    const owner = await funnelTenant(t, 'Owner');
    const intruder = await funnelTenant(t, 'Intruder');
    const world = await ownedWorld(owner);
    const api = t.client(intruder.tenant.admin);
    for (const c of CASES) {
      if (c.leaks) {
        const answer = await c.intruder(api, world, owner);
        expect({ path: c.path, leaked: c.leaks(answer, world) }).toEqual({ path: c.path, leaked: false });
      } else {
        const f = await failure(c.intruder(api, world, owner));
        expect({ path: c.path, code: f.code }).toEqual({ path: c.path, code: 'NOT_FOUND' });
      }
    }
    // Nothing of the owner's changed: still its name, its pages, its active publication, its secret.
    const got = await owner.member.funnels.get.query({ id: world.funnel.id });
    expect(got.funnel.name).toBe('Serum launch');
    expect(got.funnel.activePublicationId).toBe(world.publication.id);
    expect(got.pages.map((p) => p.name)).toEqual(['Landing', 'Thank you']);
    expect((await owner.admin.secrets.list.query()).map((s) => s.name)).toEqual(['META_CAPI_TOKEN']);
    expect((await owner.member.domains.list.query({})).map((d) => d.id)).toEqual([world.domain.id]);
  });

  it('lets a member read but not author (FORBIDDEN), and keeps secrets to admins', async () => {
    const owner = await funnelTenant(t, 'Roles');
    const world = await ownedWorld(owner);
    const member = t.client(owner.tenant.member);
    for (const c of CASES.filter((x) => x.member)) {
      const f = await failure(c.member?.(member, world, owner) ?? Promise.resolve());
      expect({ path: c.path, code: f.code }).toEqual({ path: c.path, code: 'FORBIDDEN' });
    }
    const operator = t.client(owner.tenant.operator);
    const secrets = await failure(operator.secrets.list.query());
    expect(secrets.code).toBe('FORBIDDEN');
    // Reads a member may make, answering the owner's data.
    expect((await member.funnels.get.query({ id: world.funnel.id })).funnel.id).toBe(world.funnel.id);
    expect((await member.funnels.leads.query({ funnelId: world.funnel.id })).items.map((l) => l.id)).toEqual([
      world.lead.id,
    ]);
    expect((await member.funnels.publications.query({ funnelId: world.funnel.id })).map((p) => p.id)).toEqual(
      [world.publication.id],
    );
  });
});
