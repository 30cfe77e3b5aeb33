// pnpm bench:workflows — orchestration cost of MOS workflows on a real Temporal dev server, with the
// stand-in LLM answering immediately, against a one-activity Hello workflow on the same server in the
// same run:
//   · onboarding.start → canon gate, and a full TestCampaign run: wall time, activities executed,
//     and per-activity time as a ratio to the Hello workflow's time (budget ≤ 2);
//   · 20 concurrent onboardings: how many runs per minute reach the canon gate.
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { exampleIntake, type Stack, startStack } from '../test/support/stack';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENT = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function activitiesIn(stack: Stack, orgId: string, runId: string): Promise<number> {
  const handle = await stack.handleOf(orgId, runId);
  let count = 0;
  const histories = [await handle.fetchHistory()];
  // The research child's activities count too: its id is the parent's plus `-research`.
  const child = stack.client.workflow.getHandle(`${handle.workflowId}-research`);
  histories.push(await child.fetchHistory().catch(() => ({ events: [] })));
  for (const h of histories)
    for (const e of h.events ?? []) if (e.activityTaskScheduledEventAttributes) count++;
  return count;
}

const stack = await startStack({ databaseUrl: process.env.DATABASE_URL });
const helloQueue = `bench-hello-${crypto.randomUUID().slice(0, 8)}`;
const helloWorker = await Worker.create({
  connection: stack.env.nativeConnection,
  taskQueue: helloQueue,
  workflowsPath: fileURLToPath(new URL('./hello-workflow.ts', import.meta.url)),
  activities: { hello: async (name: string) => `hello ${name}` },
});
const helloRunning = helloWorker.run();

try {
  // Baseline: one activity, start to result.
  const hello: number[] = [];
  for (let i = 0; i < ROUNDS * 4; i++) {
    const t0 = performance.now();
    await stack.client.workflow.execute('Hello', {
      taskQueue: helloQueue,
      workflowId: `hello-${crypto.randomUUID()}`,
      args: ['bench'],
    });
    hello.push(performance.now() - t0);
  }
  const helloMs = median(hello.slice(ROUNDS)); // the first rounds warm the worker up

  const tenant = await stack.newTenant('Bench Agency');
  const toCanon: number[] = [];
  let canonActivities = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const client = await tenant.createClient({ name: `Bench client ${i}` });
    const t0 = performance.now();
    const started = await tenant.operator.onboarding.start.mutate({
      clientId: client.id,
      intake: exampleIntake(),
    });
    await stack.waitForStatus(tenant.orgId, started.runId, (s) => s.waitingFor === 'canon', {
      timeoutMs: 120_000,
    });
    toCanon.push(performance.now() - t0);
    canonActivities = await activitiesIn(stack, tenant.orgId, started.runId);
    await tenant.operator.workflows.stop.mutate({ runId: started.runId });
  }

  const testRuns: number[] = [];
  let testActivities = 0;
  for (let i = 0; i < Math.max(2, Math.ceil(ROUNDS / 2)); i++) {
    const client = await tenant.createClient({ name: `Bench test-campaign client ${i}` });
    const campaign = await tenant.createCampaign(client.id);
    const t0 = performance.now();
    const started = await tenant.operator.campaigns.testRun.mutate({ id: campaign.id });
    await stack.waitForRunStatus(tenant.orgId, started.runId, 'completed', { timeoutMs: 300_000 });
    testRuns.push(performance.now() - t0);
    testActivities = await activitiesIn(stack, tenant.orgId, started.runId);
  }

  // Throughput: 20 onboardings started together, until every one waits at the canon gate.
  const clients = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) => tenant.createClient({ name: `Concurrent ${i}` })),
  );
  const t0 = performance.now();
  const runs = await Promise.all(
    clients.map((c) => tenant.operator.onboarding.start.mutate({ clientId: c.id, intake: exampleIntake() })),
  );
  await Promise.all(
    runs.map((r) =>
      stack.waitForStatus(tenant.orgId, r.runId, (s) => s.waitingFor === 'canon', { timeoutMs: 600_000 }),
    ),
  );
  const concurrentMin = (performance.now() - t0) / 60_000;

  const canonMs = median(toCanon);
  const testMs = median(testRuns);
  const perCanon = canonMs / canonActivities;
  const perTest = testMs / testActivities;
  const f = (n: number) => n.toFixed(1).padStart(9);
  console.log(
    `\nworkflow orchestration on a real Temporal dev server (stand-in LLM, ${stack.database.driver})`,
  );
  console.log('                                   total ms  activities  ms/activity  ratio to Hello');
  console.log(`Hello (1 activity)               ${f(helloMs)}           1  ${f(helloMs)}       1.00`);
  console.log(
    `onboarding.start → canon gate    ${f(canonMs)}  ${String(canonActivities).padStart(10)}  ${f(perCanon)}  ${(perCanon / helloMs).toFixed(2).padStart(9)}`,
  );
  console.log(
    `TestCampaign, start → completed  ${f(testMs)}  ${String(testActivities).padStart(10)}  ${f(perTest)}  ${(perTest / helloMs).toFixed(2).padStart(9)}`,
  );
  const worst = Math.max(perCanon, perTest) / helloMs;
  console.log(
    `per-activity overhead ratio ${worst.toFixed(2)} (budget ≤ 2: ${worst <= 2 ? 'within' : 'OVER'})`,
  );
  console.log(
    `${CONCURRENT} concurrent onboardings reached the canon gate in ${(concurrentMin * 60).toFixed(1)} s: ${(CONCURRENT / concurrentMin).toFixed(1)} runs/minute`,
  );
} finally {
  helloWorker.shutdown();
  await helloRunning;
  await stack.close();
}
