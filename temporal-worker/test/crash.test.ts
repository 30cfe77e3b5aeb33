import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activityLogs, artifacts, getWorkflowRun, llmCalls } from '@mos/db';
import { RESEARCH_STEP_KEYS } from '@mos/db/artifacts';
import { testPostgresUrl } from '@mos/db/testing';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../src/testing/openai-stand-in';
import { exampleIntake, review, type Stack, startStack, workflowBundle } from './support/stack';

// PGlite lives inside one process; a worker in a second process needs a real PostgreSQL server.
const WORKER_SCRIPT = fileURLToPath(new URL('./support/worker-process.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
/** How long the stand-in holds the step-04 answer: far longer than the test needs to kill the worker. */
const HOLD_MS = 30_000;

let stack: Stack;
let tmp: string;
let bundlePath: string;
const children = new Set<ChildProcess>();
const isStep = (step: string) => (r: RecordedRequest) =>
  r.schemaName === 'ResearchStep' && r.text.includes(`MOS research step ${step}`);

beforeAll(async () => {
  let armed = false;
  stack = await startStack({
    databaseUrl: testPostgresUrl(),
    worker: false,
    llm: {
      // While step 03 is answered, make the next answer (step 04) slow, so the worker dies with it in flight.
      fixtures: (_name, request) => {
        if (!armed && isStep('03')(request)) {
          armed = true;
          stack.llm.setDelay(HOLD_MS);
        }
        return undefined;
      },
    },
  });
  tmp = mkdtempSync(join(tmpdir(), 'mos-crash-'));
  bundlePath = join(tmp, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await workflowBundle()).code);
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await stack?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 60_000);

/** Starts test/support/worker-process.ts against the stack's server, database and stand-in; resolves once it polls. */
function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      DATABASE_URL: testPostgresUrl(),
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_NAMESPACE: stack.temporal.namespace,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      OPENAI_BASE_URL: stack.llm.baseURL,
      MOS_WORKFLOW_BUNDLE: bundlePath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process did not start:\n${output}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('worker ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('crash safety', () => {
  it('a worker killed during a research step is replaced; the run completes with no duplicate artifacts or logs', async () => {
    const t = await stack.newTenant();
    const client = await t.createClient();
    const first = await startWorkerProcess();
    const { runId } = await t.operator.onboarding.start.mutate({
      clientId: client.id,
      intake: exampleIntake(),
    });

    // Step 04 is in flight: its request reached the (holding) stand-in and its start is logged, nothing is saved.
    await stack.waitFor(() => stack.llm.requests.some(isStep('04')), {
      timeoutMs: 60_000,
      what: 'the step 04 request',
    });
    const stepKeys = async () =>
      (
        await stack.db
          .select({ k: artifacts.stepKey })
          .from(artifacts)
          .where(eq(artifacts.workflowRunId, runId))
      ).map((r) => r.k);
    expect((await stepKeys()).sort()).toEqual(['research:01', 'research:03']);
    first.kill('SIGKILL');
    await exited(first);
    stack.llm.setDelay(0);

    // A new worker process takes over: the heartbeat timeout frees the step, which is retried there.
    const second = await startWorkerProcess();
    // Polls the run row, not the status query: a query would wait on the dead worker's sticky queue.
    await stack.waitFor(
      async () => (await getWorkflowRun(stack.db, t.orgId, runId))?.waitingGate === 'canon',
      {
        timeoutMs: 90_000,
        intervalMs: 250,
        what: 'the canon gate after the restart',
      },
    );
    const gate = await stack.waitForStatus(t.orgId, runId, (s) => s.waitingFor === 'canon');
    await review(stack, t.operator, { runId, gate: 'canon', decision: 'approve' });
    await stack.waitForStatus(t.orgId, runId, (s) => s.waitingFor === 'metric_schema', { timeoutMs: 30_000 });
    await review(stack, t.operator, { runId, gate: 'metric_schema', decision: 'approve' });
    await stack.waitForRunStatus(t.orgId, runId, 'completed', { timeoutMs: 30_000 });

    // Step 04 was asked twice (the killed attempt and the retry) but stored once.
    expect(stack.llm.requests.filter(isStep('04'))).toHaveLength(2);
    expect((await stepKeys()).sort()).toEqual(
      [...RESEARCH_STEP_KEYS.map((k) => `research:${k}`), 'canon:draft:1', 'metric_schema:draft:1'].sort(),
    );
    expect(gate.draftArtifactIds).toHaveLength(1);

    // Every log written once: per idempotency key one row, and each step started and completed once.
    const perKey = await stack.db
      .select({ key: activityLogs.idempotencyKey, n: count() })
      .from(activityLogs)
      .where(and(eq(activityLogs.workflowRunId, runId), isNotNull(activityLogs.idempotencyKey)))
      .groupBy(activityLogs.idempotencyKey);
    expect(perKey.filter((r) => r.n !== 1)).toEqual([]);
    const logs = await stack.db.select().from(activityLogs).where(eq(activityLogs.workflowRunId, runId));
    const step04 = logs
      .filter((l) => l.step === 'research:04')
      .map((l) => l.status)
      .sort();
    expect(step04).toEqual(['completed', 'started']);
    expect(logs.filter((l) => l.step === 'build_canon' && l.status === 'completed')).toHaveLength(1);

    // Only the attempt that finished recorded its LLM call.
    const calls = await stack.db
      .select()
      .from(llmCalls)
      .where(and(eq(llmCalls.workflowRunId, runId), eq(llmCalls.activity, 'research:04')));
    expect(calls.map((c) => c.status)).toEqual(['ok']);

    second.kill('SIGTERM');
    await exited(second);
  }, 180_000);
});
