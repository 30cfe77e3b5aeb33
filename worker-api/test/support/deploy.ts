import { deployLogs, deployRuns } from '@mos/db';
import type { DeployStep } from '@mos/db/contracts';
import { eq } from 'drizzle-orm';
import { newTenant, type TestApp } from './harness';

/**
 * Deploy fixtures for the API tests: a tenant whose admin has set a secret, a valid plan referencing it, and the
 * rows the deploy workflow would write (a run's status, steps, IPs, URLs and log lines), written directly because
 * the worker is not this API's.
 */
export const uid = () => crypto.randomUUID().slice(0, 8);

/** A plan the model accepts: network, server, a git workload whose API_TOKEN is a secret reference. */
export function validPlan(opts: { secret?: string; env?: Record<string, unknown>; workload?: string } = {}) {
  return {
    operations: [],
    new_spec: {
      provider: 'hetzner',
      region: 'nbg1',
      networks: [{ name: 'default', cidr: '10.0.0.0/16' }],
      instances: [
        {
          name: 'app-1',
          size: 'cx23',
          network: 'default',
          workloads: [
            {
              name: opts.workload ?? 'web',
              repo_url: 'https://github.com/acme/web.git',
              service_config: {
                command: 'npm start',
                environment: {
                  NODE_ENV: 'production',
                  API_TOKEN: { secret: opts.secret ?? 'API_TOKEN' },
                  ...opts.env,
                },
              },
            },
          ],
        },
      ],
    },
  };
}

export async function deployTenant(t: TestApp, secretValue: string, name = 'Deploy Agency') {
  const tenant = await newTenant(t, name);
  const admin = t.client(tenant.admin);
  const operator = t.client(tenant.operator);
  const member = t.client(tenant.member);
  const me = await admin.me.get.query();
  await admin.secrets.set.mutate({ name: 'API_TOKEN', value: secretValue });
  // The project's default Hetzner token secret: an apply is refused without it.
  await admin.secrets.set.mutate({ name: 'HCLOUD_TOKEN', value: `hc-${secretValue}` });
  return { tenant, orgId: me.org.id, userId: me.userId, admin, operator, member };
}
export type DeployTenant = Awaited<ReturnType<typeof deployTenant>>;

/** A project with one saved plan (version 1). */
export async function projectWithPlan(f: DeployTenant, name = `shop-${uid()}`) {
  const project = await f.admin.deploy.createProject.mutate({ name, description: 'The shop' });
  const saved = await f.admin.deploy.savePlan.mutate({ projectId: project.id, plan: validPlan() });
  return { project, saved };
}

/** What the worker writes as a run finishes (status, steps, server IPs, access URLs). */
export async function finishRun(
  t: TestApp,
  runId: string,
  status: 'running' | 'succeeded' | 'failed',
  extra: { steps?: DeployStep[]; serverIps?: Record<string, string>; accessUrls?: string[] } = {},
) {
  await t.database.db
    .update(deployRuns)
    .set({
      status,
      steps: extra.steps ?? [],
      serverIps: extra.serverIps ?? {},
      accessUrls: extra.accessUrls ?? [],
      startedAt: new Date(),
      ...(status === 'running' ? {} : { finishedAt: new Date() }),
    })
    .where(eq(deployRuns.id, runId));
}

/** `count` log lines of a run, seq 0..count-1, as the worker appends them (already masked). */
export async function insertLogs(t: TestApp, orgId: string, runId: string, count: number) {
  const rows = Array.from({ length: count }, (_, seq) => ({
    orgId,
    runId,
    seq,
    step: seq < count / 2 ? 'terraform' : 'server:app-1',
    level: 'info',
    line: `line ${seq}`,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await t.database.db.insert(deployLogs).values(rows.slice(i, i + 200));
}
