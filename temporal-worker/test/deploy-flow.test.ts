import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preferredPort } from '@mos/cloudhand/ports';
import {
  auditLog,
  deployHostKeys,
  deployLogs,
  deployPlans,
  deployRuns,
  funnelDomains,
  funnels,
  getDeployRun,
  importSecretsKey,
  putSecret,
  readSecret,
  type SecretsKey,
} from '@mos/db';
import type { FunnelPublishInput, WorkflowStatusSnapshot } from '@mos/db/contracts';
import {
  DEPLOY_WORKFLOW_TYPE,
  type DeployQueueSnapshot,
  type DeployRelease,
  type DeployStep,
  deployWorkflowId,
  FunnelDeployRequest,
  QUERY_DEPLOY_QUEUE,
} from '@mos/db/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSshKeySecret, publicKeyOf } from '../src/activities/deploy/index';
import { clientWorkflowStarter } from '../src/activities/deploy/starter';
import { createActivities } from '../src/activities/index';
import {
  type DeployFixture,
  deployProject,
  EngineError,
  gitPlan,
  queuedRun,
  type RecordingEngine,
  recordingEngine,
} from './support/deploy';
import { funnelTenant, startRun, twoPageFunnel } from './support/funnels';
import { recordHistory } from './support/histories';
import { type Stack, startStack } from './support/stack';

const SECRETS_KEY_B64 = Buffer.alloc(32, 7).toString('base64');
const HCLOUD = 'hc-token-9f8e7d6c5b4a';

let stack: Stack;
let key: SecretsKey;
let engine: RecordingEngine;
let serverDir: string;
let rootDir: string;

beforeAll(async () => {
  key = await importSecretsKey(SECRETS_KEY_B64);
  serverDir = mkdtempSync(join(tmpdir(), 'mos-deploy-server-'));
  rootDir = mkdtempSync(join(tmpdir(), 'mos-deploy-root-'));
  engine = recordingEngine(serverDir);
  stack = await startStack({
    api: false,
    deps: {
      secretsKey: key,
      deploy: { engine, rootDir },
      workflows: {
        signalWithStart: (o) => clientWorkflowStarter(() => stack.client, stack.taskQueue).signalWithStart(o),
      },
    },
  });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  rmSync(serverDir, { recursive: true, force: true });
  rmSync(rootDir, { recursive: true, force: true });
}, 60_000);

interface Tenant {
  orgId: string;
  userId: string;
  clientId: string;
  secret: string;
  secretName: string;
}

/** A tenant with the Hetzner token and one app secret (a value unique to the test, to search for). */
async function tenant(): Promise<Tenant> {
  const t = await funnelTenant(stack.db);
  const secret = `s3cr3t-${crypto.randomUUID()}`;
  const secretName = 'SHOP_API_KEY';
  await putSecret(stack.db, key, t.orgId, 'HCLOUD_TOKEN', HCLOUD);
  await putSecret(stack.db, key, t.orgId, secretName, secret);
  return { ...t, secret, secretName };
}

/** Enqueues runs as the API does: signal-with-start of the project's workflow. */
async function enqueue(t: Tenant, f: DeployFixture, runId: string) {
  return stack.client.workflow.signalWithStart(DEPLOY_WORKFLOW_TYPE, {
    workflowId: deployWorkflowId(t.orgId, f.projectId),
    taskQueue: stack.taskQueue,
    args: [{ orgId: t.orgId, projectId: f.projectId }],
    signal: 'enqueue',
    signalArgs: [{ runId }],
  });
}

async function finished(t: Tenant, runId: string) {
  return stack.waitFor(
    async () => {
      const run = await getDeployRun(stack.db, t.orgId, runId);
      return run && (run.status === 'succeeded' || run.status === 'failed') ? run : null;
    },
    { what: `deploy run ${runId} to finish`, timeoutMs: 60_000 },
  );
}

/** Waits for the held server step; a run that ends before it fails the test with its error (no silent hang). */
async function reach(t: Tenant, runId: string, held: { reached: Promise<void> }) {
  let reached = false;
  void held.reached.then(() => {
    reached = true;
  });
  const outcome = await stack.waitFor(
    async () => {
      if (reached) return 'reached';
      const r = await getDeployRun(stack.db, t.orgId, runId);
      return r?.status === 'failed' || r?.status === 'succeeded' ? `${r.status}: ${r.error}` : null;
    },
    { what: `run ${runId} to reach its server step`, timeoutMs: 60_000 },
  );
  if (outcome !== 'reached') throw new Error(`run ${runId} ended (${outcome}) before its server step`);
}

async function logsOf(runId: string) {
  return stack.db.select().from(deployLogs).where(eq(deployLogs.runId, runId)).orderBy(asc(deployLogs.seq));
}

describe('DeployProject', () => {
  it('runs two runs of one project one after the other; the query shows the second waiting', async () => {
    const t = await tenant();
    const f = await deployProject(stack.db, t.orgId, gitPlan({ secretName: t.secretName }), {
      gitTokenSecret: 'GIT_TOKEN',
    });
    const gitToken = `ghp_${crypto.randomUUID().replaceAll('-', '')}`;
    await putSecret(stack.db, key, t.orgId, 'GIT_TOKEN', gitToken);
    const first = await queuedRun(stack.db, t.orgId, f, { requestedBy: t.userId });
    const second = await queuedRun(stack.db, t.orgId, f, { requestedBy: t.userId });
    const held = engine.hold('web-1');
    const handle = await enqueue(t, f, first);
    await enqueue(t, f, second);
    // A repeated request for a run already queued is not queued twice.
    await enqueue(t, f, second);
    await reach(t, first, held);

    const snapshot = await handle.query<DeployQueueSnapshot>(QUERY_DEPLOY_QUEUE);
    expect(snapshot).toEqual({ current: first, waiting: [second] });
    expect((await getDeployRun(stack.db, t.orgId, second))?.status).toBe('queued');
    const during = await getDeployRun(stack.db, t.orgId, first);
    expect(during?.status).toBe('running');
    expect(((during?.steps ?? []) as DeployStep[]).map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['terraform', 'succeeded'],
      ['server:web-1', 'running'],
    ]);
    held.release();

    const a = await finished(t, first);
    const b = await finished(t, second);
    expect(a.status).toBe('succeeded');
    expect(b.status).toBe('succeeded');
    // One at a time: the second started only after the first had finished.
    expect(b.startedAt?.getTime()).toBeGreaterThanOrEqual(a.finishedAt?.getTime() ?? Number.NaN);
    const workDir = join(rootDir, t.orgId, f.projectId, 'terraform');
    expect(engine.applies(workDir)).toBe(2);
    expect(engine.calls.filter((c) => c.kind === 'server' && c.releaseId === first)).toHaveLength(1);

    // What the run recorded: resolved spec (ports assigned, the secret still by name), IPs, releases, URLs.
    expect(a.serverIps).toEqual({ 'web-1': '127.0.0.1' });
    expect(a.releases as DeployRelease[]).toEqual([
      {
        instance: 'web-1',
        workload: 'landing',
        releaseId: first,
        path: `/opt/apps/landing/releases/${first}`,
      },
    ]);
    // The port cloudhand's rule gives the workload (deterministic per instance and workload name).
    const port = preferredPort('web-1', 'landing');
    expect(port).toBeGreaterThanOrEqual(20000);
    expect(a.accessUrls).toEqual([`http://127.0.0.1:${port}/`]);
    const spec = a.resolvedSpec as { instances: { workloads: { service_config: unknown }[] }[] };
    expect(spec.instances[0]?.workloads[0]?.service_config).toMatchObject({
      ports: [port],
      environment: { API_KEY: { secret: t.secretName } },
    });
    expect((a.steps as DeployStep[]).every((s) => s.status === 'succeeded' && s.finishedAt !== null)).toBe(
      true,
    );
    expect(a.workflowId).toBe(deployWorkflowId(t.orgId, f.projectId));

    // The project's SSH key was generated once (ed25519, stored as an org secret) and pinned host keys kept.
    const sshKey = await readSecret(stack.db, key, t.orgId, defaultSshKeySecret(f.projectName));
    expect(sshKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(publicKeyOf(sshKey ?? '')).toMatch(/^ssh-ed25519 AAAA/);
    const pinned = await stack.db
      .select()
      .from(deployHostKeys)
      .where(eq(deployHostKeys.projectId, f.projectId));
    expect(pinned.map((p) => [p.host, p.fingerprint])).toEqual([
      ['127.0.0.1:22', 'SHA256:recording-engine-host-key'],
    ]);

    // Log lines: streamed per step in order, every secret masked; the env file on the "server" has the value.
    const lines = await logsOf(first);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    const text = lines.map((l) => l.line).join('\n');
    expect(text).toContain(`API_KEY=***`);
    expect(text).toContain('https://***@git.example');
    expect(text).toContain('terraform apply with token ***');
    expect(lines.find((l) => l.line.includes('API_KEY'))?.step).toBe('server:web-1');
    for (const value of [t.secret, gitToken, HCLOUD]) expect(text).not.toContain(value);
    const env = readFileSync(join(serverDir, 'web-1', 'landing', `${first}.env`), 'utf8');
    expect(env).toContain(`API_KEY=${t.secret}`);
    const runs = await stack.db.select().from(deployRuns).where(eq(deployRuns.projectId, f.projectId));
    expect(JSON.stringify(runs)).not.toContain(t.secret);

    const audits = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.action, 'deploy.run.succeeded')));
    expect(audits.map((r) => r.targetId).sort()).toEqual([first, second].sort());
    expect(audits[0]?.actorUserId).toBe(t.userId);

    // The queue emptied: the workflow ended after its linger, having run both.
    expect(await handle.result()).toEqual({ runs: 2 });
    await recordHistory(handle, 'deploy-project');
  }, 90_000);

  it('runs queued runs in request order, whatever order the signals arrive in, and one whose signal was lost', async () => {
    const t = await tenant();
    const f = await deployProject(stack.db, t.orgId, gitPlan({ secretName: t.secretName }));
    const older = await queuedRun(stack.db, t.orgId, f);
    const lost = await queuedRun(stack.db, t.orgId, f);
    const newest = await queuedRun(stack.db, t.orgId, f);
    // Only the newest run is signalled, and before the oldest: the database's order decides.
    const handle = await enqueue(t, f, newest);
    await enqueue(t, f, older);
    const runs = [await finished(t, older), await finished(t, lost), await finished(t, newest)];
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const started = runs.map((r) => r.startedAt?.getTime() ?? Number.NaN);
    const ended = runs.map((r) => r.finishedAt?.getTime() ?? Number.NaN);
    expect(started[1]).toBeGreaterThanOrEqual(ended[0] ?? Number.NaN);
    expect(started[2]).toBeGreaterThanOrEqual(ended[1] ?? Number.NaN);
    expect(await handle.result()).toEqual({ runs: 3 });
  }, 90_000);

  it('continues as new after its runs per execution, and the next execution runs what is still queued', async () => {
    const t = await tenant();
    const f = await deployProject(stack.db, t.orgId, gitPlan({ secretName: t.secretName }));
    const ids = [
      await queuedRun(stack.db, t.orgId, f),
      await queuedRun(stack.db, t.orgId, f),
      await queuedRun(stack.db, t.orgId, f),
    ];
    const handle = await stack.client.workflow.signalWithStart(DEPLOY_WORKFLOW_TYPE, {
      workflowId: deployWorkflowId(t.orgId, f.projectId),
      taskQueue: stack.taskQueue,
      args: [{ orgId: t.orgId, projectId: f.projectId, runsPerExecution: 2 }],
      signal: 'enqueue',
      signalArgs: [{ runId: ids[0] }],
    });
    const runs = [];
    for (const id of ids) runs.push(await finished(t, id));
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // The first execution ran two and continued as new; the handle follows the chain to the last result.
    expect(await handle.result()).toEqual({ runs: 1 });
    const first = await stack.client.workflow.getHandle(handle.workflowId, handle.signaledRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
  }, 90_000);

  it('resumes after the worker is killed mid-deploy without applying terraform twice', async () => {
    const t = await tenant();
    const f = await deployProject(stack.db, t.orgId, gitPlan({ secretName: t.secretName }));
    const runId = await queuedRun(stack.db, t.orgId, f);
    const held = engine.hold('web-1');
    await enqueue(t, f, runId);
    await reach(t, runId, held);
    // The worker goes away while the server step runs; a new one takes over.
    await stack.stopWorker();
    await stack.startWorker();
    const run = await finished(t, runId);
    expect(run.status).toBe('succeeded');
    expect(engine.applies(join(rootDir, t.orgId, f.projectId, 'terraform'))).toBe(1);
    expect(engine.calls.filter((c) => c.kind === 'server' && c.releaseId === runId)).toHaveLength(2);
    expect(run.releases as DeployRelease[]).toHaveLength(1);
    const text = (await logsOf(runId)).map((l) => l.line).join('\n');
    expect(text).toContain('interrupted; the step resumes on the next attempt');
    expect(text).not.toContain(t.secret);
  }, 120_000);

  it('records a failing run (masked error, failed step) and goes on with the next one', async () => {
    const t = await tenant();
    const f = await deployProject(stack.db, t.orgId, gitPlan({ secretName: t.secretName }));
    // 1: the plan names a secret the org does not have (refused before anything is touched).
    const missing = await deployProject(stack.db, t.orgId, gitPlan({ secretName: 'NOT_SET' }));
    const refused = await queuedRun(stack.db, t.orgId, { projectId: f.projectId, planId: missing.planId });
    // 2: the build fails for good, with the secret's value in the engine's message.
    const broken = await queuedRun(stack.db, t.orgId, f);
    const next = await queuedRun(stack.db, t.orgId, f);
    engine.failOnce('web-1', broken, new EngineError(`build failed (token ${t.secret})`, 'build_failed'));
    await enqueue(t, f, refused);
    await enqueue(t, f, broken);
    await enqueue(t, f, next);

    const r1 = await finished(t, refused);
    expect(r1.status).toBe('failed');
    expect(r1.error).toContain('the org has no secret named NOT_SET');
    expect((r1.steps as DeployStep[]).map((s) => [s.key, s.status])).toEqual([['prepare', 'failed']]);
    const r2 = await finished(t, broken);
    expect(r2.status).toBe('failed');
    expect(r2.error).toBe('web-1: build failed (token ***)');
    expect((r2.steps as DeployStep[]).map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['terraform', 'succeeded'],
      ['server:web-1', 'failed'],
    ]);
    // Final: not retried (one server call for that run).
    expect(engine.calls.filter((c) => c.kind === 'server' && c.releaseId === broken)).toHaveLength(1);
    const r3 = await finished(t, next);
    expect(r3.status).toBe('succeeded');
    expect(r3.startedAt?.getTime()).toBeGreaterThanOrEqual(r2.finishedAt?.getTime() ?? Number.NaN);
    const lines = (await logsOf(broken)).map((l) => l.line).join('\n');
    expect(lines).toContain('build failed (token ***)');
    expect(lines).not.toContain(t.secret);
    const failedAudits = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.action, 'deploy.run.failed')));
    expect(failedAudits.map((a) => a.targetId).sort()).toEqual([refused, broken].sort());
  }, 90_000);

  it('rolls back to the releases of an earlier run', async () => {
    const t = await tenant();
    const f = await deployProject(stack.db, t.orgId, gitPlan({ secretName: t.secretName }));
    const v1 = await queuedRun(stack.db, t.orgId, f);
    await enqueue(t, f, v1);
    expect((await finished(t, v1)).status).toBe('succeeded');
    const v2 = await queuedRun(stack.db, t.orgId, f);
    await enqueue(t, f, v2);
    expect((await finished(t, v2)).status).toBe('succeeded');

    const back = await queuedRun(stack.db, t.orgId, f, { kind: 'rollback', rollbackOfRunId: v1 });
    await enqueue(t, f, back);
    const run = await finished(t, back);
    expect(run.status).toBe('succeeded');
    const call = engine.calls.find((c) => c.kind === 'rollback' && c.releases?.[0]?.releaseId === v1);
    expect(call).toMatchObject({ instance: 'web-1', releases: [{ workload: 'landing', releaseId: v1 }] });
    expect(run.releases as DeployRelease[]).toEqual([
      { instance: 'web-1', workload: 'landing', releaseId: v1, path: `/opt/apps/landing/releases/${v1}` },
    ]);
    expect((run.steps as DeployStep[]).map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['rollback:web-1', 'succeeded'],
    ]);
    // A rollback applies no terraform.
    expect(engine.applies(join(rootDir, t.orgId, f.projectId, 'terraform'))).toBe(2);

    // A rollback to a run that did not succeed is refused with the reason.
    const failedRun = await queuedRun(stack.db, t.orgId, f);
    await stack.db.update(deployRuns).set({ status: 'failed' }).where(eq(deployRuns.id, failedRun));
    const bad = await queuedRun(stack.db, t.orgId, f, { kind: 'rollback', rollbackOfRunId: failedRun });
    await enqueue(t, f, bad);
    const refused = await finished(t, bad);
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain(`run ${failedRun} is not a succeeded run`);
    const plans = await stack.db.select().from(deployPlans).where(eq(deployPlans.projectId, f.projectId));
    expect(plans).toHaveLength(1);
  }, 90_000);

  it("deploys a run's servers at the same time, fails a run naming its failed server only after the others ended, rolls both back at once", async () => {
    const t = await tenant();
    const f = await deployProject(
      stack.db,
      t.orgId,
      gitPlan({ secretName: t.secretName, instances: ['web-1', 'web-2'] }),
    );
    const both = await queuedRun(stack.db, t.orgId, f);
    const oneFails = await queuedRun(stack.db, t.orgId, f);
    const back = await queuedRun(stack.db, t.orgId, f, { kind: 'rollback', rollbackOfRunId: both });
    engine.failOnce('web-1', oneFails, new EngineError(`build failed (token ${t.secret})`, 'build_failed'));

    // 1. Both server steps are held at once: one after the other, the second would never start.
    let held = [engine.hold('web-1'), engine.hold('web-2')];
    const handle = await enqueue(t, f, both);
    for (const h of held) await reach(t, both, h);
    const during = await getDeployRun(stack.db, t.orgId, both);
    expect(((during?.steps ?? []) as DeployStep[]).map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['terraform', 'succeeded'],
      ['server:web-1', 'running'],
      ['server:web-2', 'running'],
    ]);
    // The next run's web-2 waits while its web-1 fails at once.
    const slow = engine.hold('web-2');
    for (const h of held) h.release();
    const r1 = await finished(t, both);
    expect(r1.status).toBe('succeeded');
    // Both steps logged at the same time: one numbering, no gap or repeat, lines of each server under its step.
    const lines = await logsOf(both);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    for (const instance of ['web-1', 'web-2'])
      expect(
        lines.some(
          (l) => l.step === `server:${instance}` && l.line.includes(`${instance}/landing: env file written`),
        ),
      ).toBe(true);
    // Recorded as each server finished.
    expect((r1.releases as DeployRelease[]).map((r) => [r.instance, r.releaseId]).sort()).toEqual([
      ['web-1', both],
      ['web-2', both],
    ]);

    // 2. web-1 fails for good while web-2 still runs: the run waits for web-2, then fails naming web-1 only.
    await reach(t, oneFails, slow);
    await stack.waitFor(
      async () => {
        const r = await getDeployRun(stack.db, t.orgId, oneFails);
        return (
          (r?.steps as DeployStep[] | undefined)?.find((s) => s.key === 'server:web-1')?.status === 'failed'
        );
      },
      { what: "web-1's step to fail", timeoutMs: 60_000 },
    );
    // (The rollback's holds are set now: it starts as soon as this run ends.)
    held = [engine.hold('web-1'), engine.hold('web-2')];
    slow.release();
    const r2 = await finished(t, oneFails);
    expect(r2.status).toBe('failed');
    expect(r2.error).toBe('web-1: build failed (token ***)');
    const steps = r2.steps as DeployStep[];
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['terraform', 'succeeded'],
      ['server:web-1', 'failed'],
      ['server:web-2', 'succeeded'],
    ]);
    const web2 = steps.find((s) => s.key === 'server:web-2');
    expect(Date.parse(web2?.finishedAt ?? '')).toBeLessThanOrEqual(r2.finishedAt?.getTime() ?? Number.NaN);
    expect((r2.releases as DeployRelease[]).map((r) => [r.instance, r.releaseId])).toEqual([
      ['web-2', oneFails],
    ]);
    // Final: web-1 was not retried.
    expect(engine.calls.filter((c) => c.kind === 'server' && c.releaseId === oneFails)).toHaveLength(2);

    // 3. The rollback to the first run restores both servers, at once as well.
    for (const h of held) await reach(t, back, h);
    for (const h of held) h.release();
    const r3 = await finished(t, back);
    expect(r3.status).toBe('succeeded');
    expect((r3.steps as DeployStep[]).map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['rollback:web-1', 'succeeded'],
      ['rollback:web-2', 'succeeded'],
    ]);
    expect((r3.releases as DeployRelease[]).map((r) => [r.instance, r.releaseId]).sort()).toEqual([
      ['web-1', both],
      ['web-2', both],
    ]);
    expect(await handle.result()).toEqual({ runs: 3 });
    await recordHistory(handle, 'deploy-project-parallel');
  }, 120_000);

  it('cancelled mid-run: every server step stops before the run is finished failed', async () => {
    const t = await tenant();
    const f = await deployProject(
      stack.db,
      t.orgId,
      gitPlan({ secretName: t.secretName, instances: ['web-1', 'web-2'] }),
    );
    const runId = await queuedRun(stack.db, t.orgId, f);
    const held = [engine.hold('web-1'), engine.hold('web-2')];
    const handle = await enqueue(t, f, runId);
    for (const h of held) await reach(t, runId, h);
    const abortsBefore = engine.aborted.length;
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    const run = await finished(t, runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^the deploy was cancelled \(web-1: .*; web-2: .*\)$/);
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    expect((run.steps as DeployStep[]).map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['terraform', 'succeeded'],
      ['server:web-1', 'failed'],
      ['server:web-2', 'failed'],
    ]);
    // Both held steps saw the cancellation (their remote work stopped) before the run was marked finished.
    const aborts = engine.aborted.slice(abortsBefore);
    expect(aborts.map((a) => a.instance).sort()).toEqual(['web-1', 'web-2']);
    for (const a of aborts)
      expect(a.at.getTime()).toBeLessThanOrEqual(run.finishedAt?.getTime() ?? Number.NaN);
    const text = (await logsOf(runId)).map((l) => l.line).join('\n');
    expect(text.match(/interrupted; the step resumes on the next attempt/g)).toHaveLength(2);
  }, 120_000);

  it('Publish + Deploy: patches the plan, queues the run in the project workflow and follows it', async () => {
    const t = await tenant();
    const ft = t;
    const f = await deployProject(stack.db, t.orgId, gitPlan({ secretName: t.secretName }));
    const funnel = await twoPageFunnel(stack.db, ft);
    const [row] = await stack.db.select().from(funnels).where(eq(funnels.id, funnel.funnelId));
    // A verified domain of the funnel becomes the workload's server name (no names in the request).
    await stack.db.insert(funnelDomains).values({
      orgId: t.orgId,
      clientId: ft.clientId,
      funnelId: funnel.funnelId,
      hostname: `lp-${crypto.randomUUID().slice(0, 6)}.example.com`,
      status: 'verified',
      verificationToken: 'tok',
    });
    const held = engine.hold('web-1');
    const { runId, handle } = await startRun<FunnelPublishInput>(
      stack,
      ft,
      'funnel_publish',
      `funnel-publish-${crypto.randomUUID()}`,
      {
        orgId: t.orgId,
        clientId: ft.clientId,
        campaignId: null,
        startedBy: t.userId,
        funnelId: funnel.funnelId,
        deploy: {
          projectId: f.projectId,
          request: FunnelDeployRequest.parse({
            project: f.projectName,
            https: false,
            upstreamBaseUrl: 'http://127.0.0.1:8790',
          }),
        },
      },
    );
    await held.reached;
    const during = await stack.waitForStatus(t.orgId, runId, (s) => s.deploy?.status === 'running');
    expect(during.step).toBe('deploy:apply');
    const deployRunId = during.deploy?.runId ?? '';
    held.release();
    const result = (await handle.result()) as {
      deployed: boolean;
      deployRunId: string;
      accessUrls: string[];
    };
    await stack.waitForRunStatus(t.orgId, runId, 'completed');
    const [domain] = await stack.db
      .select()
      .from(funnelDomains)
      .where(eq(funnelDomains.funnelId, funnel.funnelId));
    expect(result).toMatchObject({
      deployed: true,
      deployRunId,
      accessUrls: [`http://${domain?.hostname}/`],
    });

    const run = await getDeployRun(stack.db, t.orgId, deployRunId);
    expect(run).toMatchObject({ status: 'succeeded', funnelId: funnel.funnelId, kind: 'apply' });
    const [plan] = await stack.db
      .select()
      .from(deployPlans)
      .where(and(eq(deployPlans.projectId, f.projectId), eq(deployPlans.version, 2)));
    expect(plan).toMatchObject({ id: run?.planId, source: 'funnel_publish', createdBy: t.userId });
    const stored = plan?.plan as { new_spec: { instances: { workloads: unknown[] }[] } } | undefined;
    const workloads = stored?.new_spec.instances[0]?.workloads;
    expect(workloads).toHaveLength(2);
    expect(workloads?.[1]).toMatchObject({
      name: `funnel-${row?.publicId}`,
      source_type: 'funnel_publication',
      source_ref: { public_id: row?.publicId, upstream_base_url: 'http://127.0.0.1:8790' },
      service_config: { server_names: [domain?.hostname], https: false },
    });
    const status = await handle.query<WorkflowStatusSnapshot>('status');
    expect(status.completedSteps).toEqual([
      'check',
      'render_and_store',
      'activate',
      'deploy:plan',
      'deploy:enqueue',
      'deploy:apply',
    ]);
    expect(status.deploy).toEqual({ runId: deployRunId, status: 'succeeded', accessUrls: result.accessUrls });
    await recordHistory(handle, 'funnel-publish-deploy');

    // The activity retried after it stored the run (a lost result): the same run and workload, no second version.
    const acts = createActivities({
      db: stack.db,
      llm: stack.llmClient,
      clock: () => new Date(),
      secretsKey: key,
      deploy: { engine, rootDir },
    });
    const again = await acts.prepareFunnelDeploy({
      orgId: t.orgId,
      funnelId: funnel.funnelId,
      deploy: {
        projectId: f.projectId,
        request: FunnelDeployRequest.parse({
          project: f.projectName,
          https: false,
          upstreamBaseUrl: 'http://127.0.0.1:8790',
        }),
      },
      deployRunId,
      requestedBy: t.userId,
    });
    expect(again).toMatchObject({
      deployRunId,
      planVersion: 2,
      status: 'succeeded',
      instance: 'web-1',
      workload: { workloadName: `funnel-${row?.publicId}`, serverNames: [domain?.hostname] },
    });
    const versions = await stack.db.select().from(deployPlans).where(eq(deployPlans.projectId, f.projectId));
    expect(versions).toHaveLength(2);
  }, 90_000);

  it('Publish + Deploy fails the publish run (the publication stays active) when the deploy fails', async () => {
    const t = await tenant();
    const ft = t;
    const f = await deployProject(stack.db, t.orgId, gitPlan({ secretName: 'NEVER_SET' }));
    const funnel = await twoPageFunnel(stack.db, ft);
    const { runId, handle } = await startRun<FunnelPublishInput>(
      stack,
      ft,
      'funnel_publish',
      `funnel-publish-${crypto.randomUUID()}`,
      {
        orgId: t.orgId,
        clientId: ft.clientId,
        campaignId: null,
        startedBy: t.userId,
        funnelId: funnel.funnelId,
        deploy: {
          projectId: f.projectId,
          request: FunnelDeployRequest.parse({
            project: f.projectName,
            upstreamBaseUrl: 'http://127.0.0.1:8790',
          }),
        },
      },
    );
    await expect(handle.result()).rejects.toThrow();
    await stack.waitForRunStatus(t.orgId, runId, 'failed');
    const status = await handle.query<WorkflowStatusSnapshot>('status');
    expect(status.deploy?.status).toBe('failed');
    const [row] = await stack.db.select().from(funnels).where(eq(funnels.id, funnel.funnelId));
    expect(row?.activePublicationId).toMatch(/^[0-9a-f-]{36}$/);
    const run = await getDeployRun(stack.db, t.orgId, status.deploy?.runId ?? '');
    expect(run?.error).toContain('the org has no secret named NEVER_SET');
  }, 90_000);
});
