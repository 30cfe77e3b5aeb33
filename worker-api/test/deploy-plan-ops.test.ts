import { deployPlans, listAudit } from '@mos/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployTenant, projectWithPlan, uid } from './support/deploy';
import { createTestApp, failure, fieldPaths, type TestApp } from './support/harness';

/**
 * deploy.patchWorkload and deploy.bootstrap over cloudhand's plan operations: every change is a new version (the
 * old one untouched), problems come back at the input field they concern, and nothing is written when refused.
 */
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const VALUE = `tok-${crypto.randomUUID()}`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { MOS_SECRETS_KEY: KEY } });
});
afterAll(async () => {
  await t.close();
});

const versionsOf = async (projectId: string) =>
  (await t.database.db.select().from(deployPlans).where(eq(deployPlans.projectId, projectId)))
    .map((r) => r.version)
    .sort();

describe('deploy.patchWorkload', () => {
  it('deep-merges into the named workload as a new version and leaves the old one as it was', async () => {
    const f = await deployTenant(t, VALUE);
    const { project, saved } = await projectWithPlan(f);
    const patched = await f.admin.deploy.patchWorkload.mutate({
      projectId: project.id,
      patch: { name: 'web', branch: 'release', service_config: { environment: { NODE_ENV: 'staging' } } },
      note: 'staging env',
    });
    expect(patched).toMatchObject({
      version: 2,
      baseVersion: 1,
      source: 'patch',
      updatedCount: 1,
      created: false,
      instance: 'app-1',
      note: 'staging env',
    });
    const web = patched.plan.new_spec.instances[0]?.workloads[0];
    expect(web?.branch).toBe('release');
    // Objects merge: the secret reference stays, the literal changes.
    expect(web?.service_config.environment).toEqual({
      NODE_ENV: 'staging',
      API_TOKEN: { secret: 'API_TOKEN' },
    });
    expect((await f.admin.deploy.plan.query({ projectId: project.id, version: 1 }))?.plan).toEqual(
      saved.plan,
    );

    const added = await f.admin.deploy.patchWorkload.mutate({
      projectId: project.id,
      patch: {
        name: 'worker',
        repo_url: 'https://github.com/acme/worker.git',
        service_config: { command: 'node w.js' },
      },
      createIfMissing: true,
    });
    expect(added).toMatchObject({ version: 3, created: true, updatedCount: 0, instance: 'app-1' });
    expect(added.plan.new_spec.instances[0]?.workloads.map((w) => w.name)).toEqual(['web', 'worker']);
    const audit = (await listAudit(t.database.db, f.orgId, { targetId: project.id }))
      .filter((a) => a.action === 'deploy.plan.save')
      .map((a) => a.data as { version: number; source: string; workload?: string; baseVersion?: number });
    expect(audit.find((a) => a.version === 2)).toMatchObject({
      source: 'patch',
      workload: 'web',
      baseVersion: 1,
    });
  });

  it('refuses an unknown workload, an invalid result or a missing secret at the input field; writes nothing', async () => {
    const f = await deployTenant(t, VALUE);
    const { project } = await projectWithPlan(f);
    const unknown = await failure(
      f.admin.deploy.patchWorkload.mutate({ projectId: project.id, patch: { name: 'nope', branch: 'x' } }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(fieldPaths(unknown)).toEqual(['patch.name']);
    const invalid = await failure(
      f.admin.deploy.patchWorkload.mutate({
        projectId: project.id,
        patch: { name: 'web', repo_url: 'not a url' },
      }),
    );
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(fieldPaths(invalid)).toEqual(['patch.repo_url']);
    const noInstance = await failure(
      f.admin.deploy.patchWorkload.mutate({
        projectId: project.id,
        patch: { name: 'web', branch: 'x' },
        instanceName: 'db-1',
      }),
    );
    expect(fieldPaths(noInstance)).toEqual(['instanceName']);
    const secret = await failure(
      f.admin.deploy.patchWorkload.mutate({
        projectId: project.id,
        patch: { name: 'web', service_config: { environment: { STRIPE: { secret: 'STRIPE_KEY' } } } },
      }),
    );
    expect(fieldPaths(secret)).toEqual([
      'plan.new_spec.instances.0.workloads.0.service_config.environment.STRIPE',
    ]);
    expect(await versionsOf(project.id)).toEqual([1]);
    const empty = await f.admin.deploy.createProject.mutate({ name: `e-${uid()}` });
    const noPlan = await failure(
      f.admin.deploy.patchWorkload.mutate({
        projectId: empty.id,
        patch: { name: 'web' },
        createIfMissing: true,
      }),
    );
    expect(noPlan.code).toBe('PRECONDITION_FAILED');
  });
});

describe('deploy.bootstrap', () => {
  it('writes the first-run plan as version 1, and CONFLICT once the project has plans', async () => {
    const f = await deployTenant(t, VALUE);
    const project = await f.admin.deploy.createProject.mutate({ name: `b-${uid()}` });
    const first = await f.admin.deploy.bootstrap.mutate({
      projectId: project.id,
      kind: 'app',
      instanceName: 'shop-1',
      region: 'fsn1',
      workload: {
        name: 'web',
        repo_url: 'https://github.com/acme/web.git',
        service_config: { command: 'npm start', environment: { TOKEN: { secret: 'API_TOKEN' } } },
      },
    });
    expect(first).toMatchObject({ version: 1, source: 'bootstrap', issues: [] });
    const spec = first.plan.new_spec;
    expect(spec.instances.map((i) => [i.name, i.workloads.map((w) => w.name)])).toEqual([
      ['shop-1', ['web']],
    ]);
    expect(spec.networks.length).toBe(1);
    const again = await failure(f.admin.deploy.bootstrap.mutate({ projectId: project.id, kind: 'app' }));
    expect(again.code).toBe('CONFLICT');
    expect(await versionsOf(project.id)).toEqual([1]);
  });

  it('writes MOS’s own worker host once the secrets its environment names exist', async () => {
    const f = await deployTenant(t, VALUE);
    const project = await f.admin.deploy.createProject.mutate({ name: `mos-${uid()}` });
    const input = {
      projectId: project.id,
      kind: 'mos_worker' as const,
      repoUrl: 'https://github.com/acme/mos.git',
      relayServerName: 'relay.example.com',
      funnelServerNames: ['shop.example.com'],
    };
    const missing = await failure(f.admin.deploy.bootstrap.mutate(input));
    expect(missing.code).toBe('BAD_REQUEST');
    const envField = 'plan.new_spec.instances.0.workloads.0.service_config.environment.';
    const paths = fieldPaths(missing);
    expect(paths.every((p) => p.startsWith(envField))).toBe(true);
    expect(paths).toContain(`${envField}DATABASE_URL`);
    expect(await versionsOf(project.id)).toEqual([]);
    for (const p of paths)
      await f.admin.secrets.set.mutate({ name: p.slice(envField.length), value: `v-${uid()}` });
    const plan = await f.admin.deploy.bootstrap.mutate(input);
    expect(plan.version).toBe(1);
    const worker = plan.plan.new_spec.instances[0]?.workloads[0];
    expect(worker?.source_type).toBe('mos_worker');
    expect(worker?.mos_worker?.relay_server_name).toBe('relay.example.com');
    expect(worker?.mos_worker?.funnel_server_names).toEqual(['shop.example.com']);
  });
});
