import { funnelDomains, listAudit, workflowRuns } from '@mos/db';
import type { FunnelPublishDeploy } from '@mos/db/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiEnv } from '../src/env';
import { uid } from './support/deploy';
import { type FunnelTenant, funnelTenant, publishableFunnel } from './support/funnels';
import type { GatewayCall } from './support/gateway';
import { createTestApp, failure, fieldPaths, type TestApp } from './support/harness';

/**
 * funnels.publish with a Publish + Deploy request (reference §9.4): admins only; the project found by name in the
 * org; server names from the request, else the funnel's verified or active domains; upstreams from the request,
 * else DEPLOY_PUBLIC_BASE_URL / DEPLOY_PUBLIC_API_BASE_URL; the resolved request goes to the FunnelPublish start.
 */
const BASE = 'https://edge.mos.test';
const API_BASE = 'https://api.mos.test/';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { DEPLOY_PUBLIC_BASE_URL: BASE, DEPLOY_PUBLIC_API_BASE_URL: API_BASE } });
});
afterAll(async () => {
  await t.close();
});

const starts = (calls: GatewayCall[]) => calls.flatMap((c) => (c.op === 'start' ? [c.req] : []));

async function withDomains(f: FunnelTenant, funnelId: string) {
  const host = (label: string) => `${label}-${uid()}.example.com`;
  const rows = [
    { hostname: host('shop'), status: 'verified' as const },
    { hostname: host('www'), status: 'active' as const },
    { hostname: host('pending'), status: 'pending' as const },
    { hostname: host('off'), status: 'disabled' as const },
  ];
  await t.database.db.insert(funnelDomains).values(
    rows.map((r) => ({
      orgId: f.orgId,
      clientId: f.clientId,
      funnelId,
      hostname: r.hostname,
      status: r.status,
      verificationToken: `tok-${uid()}`,
    })),
  );
  return rows;
}

describe('funnels.publish with deploy', () => {
  it('is FORBIDDEN to an operator (who can still publish without deploy) and starts nothing', async () => {
    const f = await funnelTenant(t);
    const { funnel } = await publishableFunnel(f);
    await f.admin.deploy.createProject.mutate({ name: 'shop' });
    const before = t.gateway.calls.length;
    const refused = await failure(
      f.operator.funnels.publish.mutate({ funnelId: funnel.id, deploy: { project: 'shop' } }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(starts(t.gateway.calls.slice(before))).toEqual([]);
    const plain = await f.operator.funnels.publish.mutate({ funnelId: funnel.id });
    expect(plain.deploy).toBeNull();
    expect(starts(t.gateway.calls.slice(before))).toHaveLength(1);
  });

  it('passes the resolved request (domains, env upstreams) to the FunnelPublish start for an admin', async () => {
    const f = await funnelTenant(t);
    const { funnel } = await publishableFunnel(f);
    const project = await f.admin.deploy.createProject.mutate({ name: 'shop' });
    const domains = await withDomains(f, funnel.id);
    const before = t.gateway.calls.length;
    const started = await f.admin.funnels.publish.mutate({
      funnelId: funnel.id,
      deploy: { project: 'shop' },
    });
    expect(started.deploy).toEqual({ projectId: project.id });
    const [start] = starts(t.gateway.calls.slice(before));
    expect(start?.workflowType).toBe('FunnelPublish');
    const input = start?.args[0] as { funnelId: string; runId: string; deploy: FunnelPublishDeploy };
    expect(input.runId).toBe(started.runId);
    expect(input.deploy).toEqual({
      projectId: project.id,
      request: {
        project: 'shop',
        workloadName: null,
        instanceName: null,
        createIfMissing: true,
        serverNames: [domains[0]?.hostname, domains[1]?.hostname].sort(),
        https: true,
        destinationPath: '/opt/apps',
        upstreamBaseUrl: BASE,
        upstreamApiBaseUrl: 'https://api.mos.test',
      },
    });
    const [run] = await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.id, started.runId));
    expect(run?.input).toMatchObject({ deploy: { projectId: project.id } });
    const audit = (await listAudit(t.database.db, f.orgId)).find((a) => a.action === 'deploy.funnel_publish');
    expect(audit?.data).toMatchObject({
      projectId: project.id,
      funnelId: funnel.id,
      publishRunId: started.runId,
    });
  });

  it('uses the request’s server names and upstreams over the domains and the env', async () => {
    const f = await funnelTenant(t);
    const { funnel } = await publishableFunnel(f);
    await f.admin.deploy.createProject.mutate({ name: 'shop' });
    const [verified] = await withDomains(f, funnel.id);
    const name = verified?.hostname ?? '';
    const before = t.gateway.calls.length;
    await f.admin.funnels.publish.mutate({
      funnelId: funnel.id,
      deploy: {
        project: 'shop',
        serverNames: [name.toUpperCase(), name],
        https: false,
        workloadName: 'spring-sale',
        upstreamBaseUrl: 'http://10.0.0.2:8790/',
        upstreamApiBaseUrl: 'http://10.0.0.2:8787',
      },
    });
    const [start] = starts(t.gateway.calls.slice(before));
    const deploy = (start?.args[0] as { deploy: FunnelPublishDeploy } | undefined)?.deploy;
    expect(deploy?.request).toMatchObject({
      serverNames: [name],
      https: false,
      workloadName: 'spring-sale',
      upstreamBaseUrl: 'http://10.0.0.2:8790',
      upstreamApiBaseUrl: 'http://10.0.0.2:8787',
    });
  });

  it('refuses server names that are not verified domains of the funnel, naming each, and starts nothing', async () => {
    const f = await funnelTenant(t);
    const { funnel } = await publishableFunnel(f);
    await f.admin.deploy.createProject.mutate({ name: 'shop' });
    const [verified, , pending] = await withDomains(f, funnel.id);
    const before = t.gateway.calls.length;
    const refused = await failure(
      f.admin.funnels.publish.mutate({
        funnelId: funnel.id,
        deploy: {
          project: 'shop',
          serverNames: [verified?.hostname ?? '', pending?.hostname ?? '', 'lp.example.org'],
        },
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldPaths(refused)).toEqual(['deploy.serverNames.1', 'deploy.serverNames.2']);
    expect(refused.message).toContain('lp.example.org is not a verified domain of this funnel');
    expect(starts(t.gateway.calls.slice(before))).toEqual([]);
  });

  it('answers NOT_FOUND for a project of another org (or none) and BAD_REQUEST for a bad upstream', async () => {
    const f = await funnelTenant(t);
    const other = await funnelTenant(t, 'Other');
    await other.admin.deploy.createProject.mutate({ name: 'theirs' });
    const { funnel } = await publishableFunnel(f);
    const before = t.gateway.calls.length;
    const missing = await failure(
      f.admin.funnels.publish.mutate({ funnelId: funnel.id, deploy: { project: 'theirs' } }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(fieldPaths(missing)).toEqual(['deploy.project']);
    await f.admin.deploy.createProject.mutate({ name: 'mine' });
    const badUrl = await failure(
      f.admin.funnels.publish.mutate({
        funnelId: funnel.id,
        deploy: { project: 'mine', upstreamBaseUrl: 'ftp://files' },
      }),
    );
    expect(badUrl.code).toBe('BAD_REQUEST');
    expect(fieldPaths(badUrl)).toEqual(['deploy.upstreamBaseUrl']);
    expect(starts(t.gateway.calls.slice(before))).toEqual([]);
  });

  it('names the missing upstream when neither the request nor the env has one; the API URL falls back to it', async () => {
    const bare = await createTestApp();
    try {
      const f = await funnelTenant(bare);
      const { funnel } = await publishableFunnel(f);
      await f.admin.deploy.createProject.mutate({ name: 'shop' });
      const noBase = await failure(
        f.admin.funnels.publish.mutate({ funnelId: funnel.id, deploy: { project: 'shop' } }),
      );
      expect(noBase.code).toBe('BAD_REQUEST');
      expect(fieldPaths(noBase)).toEqual(['deploy.upstreamBaseUrl']);
      expect(noBase.message).toContain('DEPLOY_PUBLIC_BASE_URL');
      const badApi = await failure(
        f.admin.funnels.publish.mutate({
          funnelId: funnel.id,
          deploy: { project: 'shop', upstreamBaseUrl: BASE, upstreamApiBaseUrl: 'api.mos.test' },
        }),
      );
      expect(fieldPaths(badApi)).toEqual(['deploy.upstreamApiBaseUrl']);
      expect(starts(bare.gateway.calls)).toEqual([]);
      // With only a base URL, the funnel's API routes go to the same origin (the funnel proxy serves both).
      await f.admin.funnels.publish.mutate({
        funnelId: funnel.id,
        deploy: { project: 'shop', upstreamBaseUrl: `${BASE}/` },
      });
      expect(starts(bare.gateway.calls)).toMatchObject([
        { args: [{ deploy: { request: { upstreamBaseUrl: BASE, upstreamApiBaseUrl: BASE } } }] },
      ]);
    } finally {
      await bare.close();
    }
  });
});

describe('DEPLOY_PUBLIC_BASE_URL / DEPLOY_PUBLIC_API_BASE_URL', () => {
  const base = { DATABASE_URL: 'pglite:memory', AUTH_MODE: 'local' };
  it('reads empty values (as in .env.example) as unset and refuses a value that is not a URL, naming it', () => {
    const env = parseApiEnv({ ...base, DEPLOY_PUBLIC_BASE_URL: '', DEPLOY_PUBLIC_API_BASE_URL: '' });
    expect([env.DEPLOY_PUBLIC_BASE_URL, env.DEPLOY_PUBLIC_API_BASE_URL]).toEqual([undefined, undefined]);
    expect(() => parseApiEnv({ ...base, DEPLOY_PUBLIC_API_BASE_URL: 'edge.example.com' })).toThrow(
      /DEPLOY_PUBLIC_API_BASE_URL/,
    );
    expect(parseApiEnv({ ...base, DEPLOY_PUBLIC_BASE_URL: BASE }).DEPLOY_PUBLIC_BASE_URL).toBe(BASE);
  });
});
