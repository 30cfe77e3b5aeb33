import { resolve } from 'node:path';
import { campaigns, onboardingPayloads, workflowRuns } from '@mos/db';
import { createTRPCClient, httpLink } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import {
  createMemoryLlmStartLimiters,
  createMemoryRateLimiter,
  LLM_START_LIMIT_BINDINGS,
  LLM_START_LIMITS,
  type RateLimitBinding,
} from '../src/rate-limit';
import type { AppRouter } from '../src/routers/index';
import { createTestApp, failure, newTenant, type Tenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  // Small limits so a test reaches them: 2 starts per user, 3 per org, per minute.
  t = await createTestApp({
    llmStartLimiters: createMemoryLlmStartLimiters({
      user: { limit: 2, periodSeconds: 60 },
      org: { limit: 3, periodSeconds: 60 },
    }),
  });
});
afterAll(async () => {
  await t.close();
});

/** A tRPC client whose requests reach the app with `bindings` as the runtime env, as on Workers. */
function clientWith(token: string, bindings: unknown) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://mos.test/trpc',
        headers: () => ({ authorization: `Bearer ${token}` }),
        fetch: async (url, init) => t.app.request(String(url), init as RequestInit, bindings),
      }),
    ],
  });
}

async function campaignOf(tenant: Tenant) {
  const admin = t.client(tenant.admin);
  const client = await admin.clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const orgId = (await admin.me.get.query()).org.id;
  const [campaign] = await t.database.db
    .insert(campaigns)
    .values({ orgId, clientId: client.id, name: 'Spring' })
    .returning();
  if (!campaign) throw new Error('campaign insert failed');
  return { orgId, client, campaign };
}

const starts = () => t.gateway.calls.filter((c) => c.op === 'start').length;
const runsOf = (orgId: string) =>
  t.database.db.select().from(workflowRuns).where(eq(workflowRuns.orgId, orgId));

/** A stand-in for the Workers Rate Limiting binding: the same `limit({ key })` API, refusing after `allow`. */
function fakeBinding(allow: number) {
  const keys: string[] = [];
  const binding: RateLimitBinding = {
    async limit({ key }) {
      keys.push(key);
      return { success: keys.length <= allow };
    },
  };
  return { binding, keys };
}

describe('LLM-start rate limits on Node (in-memory)', () => {
  it('refuses the third start by one user with TOO_MANY_REQUESTS and a retry-after, starting nothing', async () => {
    const tenant = await newTenant(t);
    const { orgId, campaign } = await campaignOf(tenant);
    const op = t.client(tenant.operator);
    await op.campaigns.testRun.mutate({ id: campaign.id });
    await op.campaigns.testRun.mutate({ id: campaign.id });
    const before = starts();

    const res = await t.request(`/trpc/campaigns.testRun`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.operator}` },
      body: JSON.stringify({ id: campaign.id }),
    });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await res.json()) as { error: { data: { code: string; retryAfterSeconds: number } } };
    expect(body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: retryAfter });

    const viaClient = await failure(op.campaigns.testRun.mutate({ id: campaign.id }));
    expect(viaClient.code).toBe('TOO_MANY_REQUESTS');
    expect(starts()).toBe(before);
    expect(await runsOf(orgId)).toHaveLength(2);
  });

  it('limits the org across its users, and leaves other orgs alone', async () => {
    const tenant = await newTenant(t);
    const { orgId, client } = await campaignOf(tenant);
    const intake = {
      brandStory: 'Barrier-first skincare for sensitive skin.',
      offers: ['Barrier Reset Kit'],
      primaryMarkets: ['US'],
      primaryLanguages: ['en'],
    };
    const a = t.client(tenant.operator);
    const b = t.client(await tenant.token('operator', `second-${tenant.orgId}@agency.test`));
    await a.onboarding.start.mutate({ clientId: client.id, intake });
    await a.onboarding.start.mutate({ clientId: client.id, intake });
    await b.onboarding.start.mutate({ clientId: client.id, intake });
    const before = starts();
    const refused = await failure(b.onboarding.start.mutate({ clientId: client.id, intake }));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/organization/);
    // Nothing written for the refused start: no payload, no run.
    expect(starts()).toBe(before);
    expect(await runsOf(orgId)).toHaveLength(3);
    const payloads = await t.database.db
      .select()
      .from(onboardingPayloads)
      .where(eq(onboardingPayloads.orgId, orgId));
    expect(payloads).toHaveLength(3);

    const other = await newTenant(t);
    const elsewhere = await campaignOf(other);
    await t.client(other.operator).campaigns.testRun.mutate({ id: elsewhere.campaign.id });
  });

  it('counts a fixed window per key and opens it again after the period', async () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter({ limit: 2, periodSeconds: 10 }, () => now);
    expect(await limiter.limit('k')).toEqual({ ok: true });
    expect(await limiter.limit('k')).toEqual({ ok: true });
    now += 2_500;
    expect(await limiter.limit('k')).toEqual({ ok: false, retryAfterSeconds: 8 });
    expect(await limiter.limit('other')).toEqual({ ok: true });
    now += 7_500;
    expect(await limiter.limit('k')).toEqual({ ok: true });
  });
});

describe('LLM-start rate limits on Workers (the Rate Limiting binding)', () => {
  it('guards every mutation that starts LLM work, keyed per user and per org, starting nothing when refused', async () => {
    const tenant = await newTenant(t);
    const { orgId, client, campaign } = await campaignOf(tenant);
    const userId = (await t.client(tenant.operator).me.get.query()).userId;
    const user = fakeBinding(0);
    const org = fakeBinding(Number.POSITIVE_INFINITY);
    const api = clientWith(tenant.operator, {
      [LLM_START_LIMIT_BINDINGS.user]: user.binding,
      [LLM_START_LIMIT_BINDINGS.org]: org.binding,
    });
    const intake = {
      brandStory: 'Barrier-first skincare for sensitive skin.',
      offers: ['Kit'],
      primaryMarkets: ['US'],
      primaryLanguages: ['en'],
    };
    const calls: [string, () => Promise<unknown>][] = [
      ['onboarding.start', () => api.onboarding.start.mutate({ clientId: client.id, intake })],
      ['campaigns.plan', () => api.campaigns.plan.mutate({ id: campaign.id })],
      ['campaigns.testRun', () => api.campaigns.testRun.mutate({ id: campaign.id })],
      ['creatives.produce', () => api.creatives.produce.mutate({ campaignId: campaign.id })],
      ['experiments.design', () => api.experiments.design.mutate({ campaignId: campaign.id })],
      ['playbook.update', () => api.playbook.update.mutate({ mode: 'regenerate', clientId: client.id })],
    ];
    const before = starts();
    for (const [name, call] of calls) {
      const f = await failure(call());
      expect(f.code, name).toBe('TOO_MANY_REQUESTS');
    }
    expect(user.keys).toEqual(calls.map(() => `user:${userId}`));
    expect(starts()).toBe(before);
    expect(await runsOf(orgId)).toHaveLength(0);
    const [row] = await t.database.db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(row?.status).toBe('draft');

    // Playbook edits start no LLM work and are not counted.
    const edits = await failure(
      api.playbook.update.mutate({ mode: 'edit', clientId: client.id, data: { not: 'a playbook' } }),
    );
    expect(edits.code).toBe('BAD_REQUEST');
    expect(user.keys).toHaveLength(calls.length);
  });

  it('answers the org binding refusal with the binding window as retry-after, after the user check passed', async () => {
    const tenant = await newTenant(t);
    const { orgId, campaign } = await campaignOf(tenant);
    const user = fakeBinding(Number.POSITIVE_INFINITY);
    const org = fakeBinding(1);
    const bindings = {
      [LLM_START_LIMIT_BINDINGS.user]: user.binding,
      [LLM_START_LIMIT_BINDINGS.org]: org.binding,
    };
    const api = clientWith(tenant.operator, bindings);
    await api.campaigns.testRun.mutate({ id: campaign.id });
    const res = await t.request(
      '/trpc/campaigns.testRun',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.operator}` },
        body: JSON.stringify({ id: campaign.id }),
      },
      bindings,
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(LLM_START_LIMITS.org.periodSeconds));
    expect(org.keys).toEqual([`org:${orgId}`, `org:${orgId}`]);
    expect(await runsOf(orgId)).toHaveLength(1);
  });

  it('declares the bindings in wrangler.toml with the limits the code reports', () => {
    const config = unstable_readConfig({ config: resolve(import.meta.dirname, '../../wrangler.toml') });
    const declared = Object.fromEntries(
      (config.ratelimits ?? []).map((r: { name: string; simple: { limit: number; period: number } }) => [
        r.name,
        { limit: r.simple.limit, period: r.simple.period },
      ]),
    );
    for (const scope of ['user', 'org'] as const) {
      expect(declared[LLM_START_LIMIT_BINDINGS[scope]], scope).toEqual({
        limit: LLM_START_LIMITS[scope].limit,
        period: LLM_START_LIMITS[scope].periodSeconds,
      });
    }
  });
});
