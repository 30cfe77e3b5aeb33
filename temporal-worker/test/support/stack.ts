/**
 * The whole MOS workflow stack for end-to-end tests, real parts only: a Temporal dev server (the `temporal` CLI),
 * a migrated PostgreSQL database (MOS_TEST_DATABASE_URL, shared with the API process), the OpenAI stand-in behind
 * the real LLM client, the real Worker with the real activities, and worker-api's Node server run as its own
 * process (temporal-worker never imports worker-api), reaching Temporal through the `client` gateway and called
 * over HTTP tRPC with local-mode tokens from its sign-in route. One stack per test file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Database, type Db, getWorkflowRun, insertArtifactVersion, workflowRuns } from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import {
  type DecisionMetricId,
  QUERY_STATUS,
  type ReviewDecision,
  type WorkflowStatusSnapshot,
} from '@mos/db/contracts';
import { createDb, migrate } from '@mos/db/node';
import { testPostgresUrl } from '@mos/db/testing';
import { startTemporalDevServer, type TemporalDevServer } from '@mos/db/testing/temporal';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import type { ActivityDeps } from '../../src/activities/index';
import { createLlmClient } from '../../src/llm/client';
import type { LlmClient } from '../../src/llm/types';
import {
  type OpenAiStandIn,
  type OpenAiStandInOptions,
  startOpenAiStandIn,
} from '../../src/testing/openai-stand-in';
import { createMosWorker, WORKFLOWS_PATH } from '../../src/worker';

export const WEB_ORIGIN = 'http://localhost:5173';
export const TEST_MODEL = 'gpt-5.2';
export type Role = 'admin' | 'operator' | 'member';
/**
 * worker-api's tRPC API over HTTP. Untyped: the router's type lives in worker-api, which temporal-worker never
 * imports (not even as a type); the calls still go through the real router, its zod inputs and its auth.
 */
// biome-ignore lint/suspicious/noExplicitAny: AppRouter is worker-api's, and temporal-worker does not import worker-api
export type ApiClient = any;

const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

let bundle: Promise<{ code: string }> | null = null;

/** The workflow bundle, built once per test process (the CI build of CONVENTIONS 8, reused by every worker here). */
export function workflowBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  return bundle;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export interface StackOptions {
  /** The web app's origin worker-api allows by CORS (default WEB_ORIGIN, the Vite dev server). */
  webOrigin?: string;
  /** A PostgreSQL URL both processes reach; MOS_TEST_DATABASE_URL by default (PGlite is one process only). */
  databaseUrl?: string;
  /** Run a Worker in this process (default true); false when the test runs workers elsewhere. */
  worker?: boolean;
  /** Options of the OpenAI stand-in (fixtures, delays). */
  llm?: OpenAiStandInOptions;
  /** Start worker-api as its own process (default true); tests that start workflows directly skip it. */
  api?: boolean;
  /** Extra environment of the worker-api process (e.g. DEPLOY_PUBLIC_BASE_URL). */
  apiEnv?: Record<string, string>;
  /** Extra activity dependencies (funnels: renderer, secrets key, media store, forwarding endpoints, log). */
  deps?: Omit<Partial<ActivityDeps>, 'db' | 'llm'>;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout error. */
  what?: string;
}

export interface Stack {
  temporal: TemporalDevServer;
  env: TestWorkflowEnvironment;
  /** A Temporal client on the dev server (for handles, histories and signals the API does not send). */
  client: Client;
  database: Database;
  db: Db;
  llm: OpenAiStandIn;
  llmClient: LlmClient;
  /** The task queue of this stack's worker(s); worker-api starts workflows on it. */
  taskQueue: string;
  /** worker-api's origin, e.g. http://127.0.0.1:41234. */
  apiUrl: string;
  /** Sends a raw HTTP request to worker-api. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A local-mode session token from worker-api's sign-in route. */
  signIn(input: { email: string; orgId: string; orgName?: string; role: Role }): Promise<string>;
  /** A tRPC client over HTTP, carrying `token`. */
  api(token?: string | null): ApiClient;
  /** The in-process worker, when running. */
  worker: Worker | null;
  startWorker(): Promise<Worker>;
  stopWorker(): Promise<void>;
  newTenant(name?: string): Promise<Tenant>;
  waitFor<T>(
    probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
    opts?: WaitOptions,
  ): Promise<T>;
  /** The Temporal handle of a run (by workflow_runs id), as the API recorded it. */
  handleOf(orgId: string, runId: string): Promise<WorkflowHandle>;
  /** Waits until the run's own `status` query answers `predicate` (e.g. waiting at a gate). */
  waitForStatus(
    orgId: string,
    runId: string,
    predicate: (s: WorkflowStatusSnapshot) => boolean,
    opts?: WaitOptions,
  ): Promise<WorkflowStatusSnapshot>;
  /** Waits until the run row reaches `status` (written by the worker). */
  waitForRunStatus(orgId: string, runId: string, status: string, opts?: WaitOptions): Promise<void>;
  close(): Promise<void>;
}

export interface Tenant {
  /** The Clerk-style organization id in the tokens. */
  externalOrgId: string;
  /** The orgs row id (what every table's org_id holds). */
  orgId: string;
  /** The admin's users row id. */
  userId: string;
  token(role?: Role, email?: string): Promise<string>;
  admin: ApiClient;
  operator: ApiClient;
  member: ApiClient;
  /** A client of this org, created through the API. */
  createClient(input?: {
    name?: string;
    industry?: string | null;
    primaryMarkets?: string[];
    primaryLanguages?: string[];
  }): Promise<{ id: string; name: string }>;
  /** A campaign of a client, created through the API. */
  createCampaign(clientId: string, input?: Partial<CampaignFields>): Promise<{ id: string }>;
  /**
   * An approved client canon and metric schema for `clientId` (the example documents, made the client's own),
   * as if onboarding had finished: what campaign planning needs.
   */
  seedApprovedOnboarding(clientId: string): Promise<{ canonId: string; metricSchemaId: string }>;
}

interface CampaignFields {
  name: string;
  goalDescription: string | null;
  objectiveType: string | null;
  numericTarget: number | null;
  /** `{ metric, value }` (the API refuses a bare number). */
  baseline: { metric: DecisionMetricId; value: number } | null;
  timeframeDays: number | null;
  budgetMin: number | null;
  budgetMax: number | null;
  /** ISO country codes; omitted: the API's default (the client's first market). */
  markets: string[];
  currency: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Worker and SDK logs at WARN, so test output shows problems only (once per process, before any connection). */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier stack in this process.
  }
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  quietRuntime();
  // Torn down in reverse order of registration: the worker first, the database last.
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const fn of cleanups.reverse())
      await fn().catch((err: unknown) => console.error('stack close:', err));
    cleanups.length = 0;
  };
  try {
    const databaseUrl = opts.databaseUrl ?? testPostgresUrl();
    const [temporal, database, llm] = await Promise.all([
      startTemporalDevServer(),
      createDb(databaseUrl),
      startOpenAiStandIn(opts.llm),
      workflowBundle(),
    ]);
    cleanups.push(
      () => database.close(),
      () => llm.close(),
      () => temporal.close(),
    );
    await migrate(database);

    const taskQueue = `mos-test-${crypto.randomUUID().slice(0, 8)}`;
    const llmClient = createLlmClient({
      db: database.db,
      apiKey: 'sk-test-stand-in',
      baseURL: llm.baseURL,
      model: TEST_MODEL,
    });
    const apiServer =
      opts.api === false
        ? null
        : await startApiProcess({
            DATABASE_URL: databaseUrl,
            TEMPORAL_ADDRESS: temporal.address,
            TEMPORAL_NAMESPACE: temporal.namespace,
            TEMPORAL_TASK_QUEUE: taskQueue,
            WEB_ORIGINS: opts.webOrigin ?? WEB_ORIGIN,
            // A key per stack, so `secrets.*` (and the deploy screens that set secrets by name) work end to end.
            MOS_SECRETS_KEY:
              process.env.MOS_SECRETS_KEY ??
              Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64'),
            ...opts.apiEnv,
          });
    if (apiServer) cleanups.push(() => apiServer.stop());
    const apiUrl = apiServer?.url ?? 'http://127.0.0.1:9';
    const request = async (path: string, init?: RequestInit) => fetch(`${apiUrl}${path}`, init);
    const api = (token?: string | null): ApiClient =>
      createTRPCClient({
        links: [
          httpLink({
            url: `${apiUrl}/trpc`,
            headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
          }),
        ],
      });
    const signIn: Stack['signIn'] = async (input) => {
      const res = await request('/auth/local/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { token?: string };
      if (!res.ok || !body.token) throw new Error(`local sign-in failed: HTTP ${res.status}`);
      return body.token;
    };

    let running: { worker: Worker; done: Promise<void> } | null = null;
    const stack: Stack = {
      temporal,
      env: temporal.env,
      client: temporal.env.client,
      database,
      db: database.db,
      llm,
      llmClient,
      taskQueue,
      apiUrl,
      request,
      signIn,
      api,
      get worker() {
        return running?.worker ?? null;
      },
      async startWorker() {
        if (running) return running.worker;
        const worker = await createMosWorker({
          connection: temporal.env.nativeConnection,
          namespace: temporal.namespace,
          taskQueue,
          deps: { clock: () => new Date(), ...opts.deps, db: database.db, llm: llmClient },
          workflowBundle: await workflowBundle(),
        });
        const done = worker.run();
        running = { worker, done };
        return worker;
      },
      async stopWorker() {
        if (!running) return;
        const { worker, done } = running;
        running = null;
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await done;
      },
      newTenant: (name = 'Workflow Test Agency') => newTenant(stack, name),
      waitFor,
      async handleOf(orgId, runId) {
        const run = await getWorkflowRun(database.db, orgId, runId);
        if (!run) throw new Error(`no workflow run ${runId} in org ${orgId}`);
        return temporal.env.client.workflow.getHandle(run.temporalWorkflowId, run.temporalRunId);
      },
      async waitForStatus(orgId, runId, predicate, waitOpts) {
        const handle = await stack.handleOf(orgId, runId);
        let last: WorkflowStatusSnapshot | null = null;
        return waitFor(
          async () => {
            last = await handle.query<WorkflowStatusSnapshot>(QUERY_STATUS).catch(() => null);
            return last && predicate(last) ? last : null;
          },
          { what: `status of run ${runId} (last: ${JSON.stringify(last)})`, ...waitOpts },
        );
      },
      async waitForRunStatus(orgId, runId, status, waitOpts) {
        await waitFor(async () => (await getWorkflowRun(database.db, orgId, runId))?.status === status, {
          what: `run ${runId} to be ${status}`,
          ...waitOpts,
        });
      },
      close,
    };
    cleanups.push(() => stack.stopWorker());
    if (opts.worker !== false) await stack.startWorker();
    return stack;
  } catch (err) {
    await close();
    throw err;
  }
}

/** Polls `probe` until it returns a truthy value (small intervals: the stand-in answers at once). */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  opts: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out waiting for ${opts.what ?? 'a condition'}${why}`);
    }
    await sleep(opts.intervalMs ?? 50);
  }
}

async function newTenant(stack: Stack, name: string): Promise<Tenant> {
  const externalOrgId = `org_wf_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const token = (role: Role = 'admin', email = `${role}-${externalOrgId}@agency.test`) =>
    stack.signIn({ email, orgId: externalOrgId, orgName: name, role });
  const [adminToken, operatorToken, memberToken] = await Promise.all([
    token('admin'),
    token('operator'),
    token('member'),
  ]);
  const admin = stack.api(adminToken);
  const me = await admin.me.get.query();
  const tenant: Tenant = {
    externalOrgId,
    orgId: me.org.id,
    userId: me.userId,
    token,
    admin,
    operator: stack.api(operatorToken),
    member: stack.api(memberToken),
    async createClient(input = {}) {
      const row = await admin.clients.create.mutate({
        name: input.name ?? `Lumen & Moss ${crypto.randomUUID().slice(0, 6)}`,
        industry: input.industry === undefined ? 'DTC skincare' : input.industry,
        primaryMarkets: input.primaryMarkets ?? ['US', 'UK'],
        primaryLanguages: input.primaryLanguages ?? ['en-US', 'en-GB'],
      });
      return { id: row.id, name: row.name };
    },
    async createCampaign(clientId, input = {}) {
      const row = await admin.campaigns.create.mutate({
        clientId,
        name: input.name ?? 'Q3 serum acquisition',
        goalDescription:
          input.goalDescription ?? 'Acquire 1,200 new serum customers at a blended CAC under $32',
        objectiveType: input.objectiveType ?? 'conversions',
        numericTarget: input.numericTarget ?? 1200,
        // The blended CAC today: $38 a new customer.
        baseline: input.baseline ?? { metric: 'cpa', value: 38 },
        timeframeDays: input.timeframeDays ?? 90,
        budgetMin: input.budgetMin ?? 20000,
        budgetMax: input.budgetMax ?? 30000,
        ...(input.markets ? { markets: input.markets } : {}),
        ...(input.currency ? { currency: input.currency } : {}),
      });
      return { id: row.id };
    },
    async seedApprovedOnboarding(clientId) {
      const canon = { ...structuredClone(artifactExamples.client_canon), clientId };
      if (canon.research) canon.research.sourceArtifactIds = [];
      const metricSchema = { ...structuredClone(artifactExamples.metric_schema), clientId };
      const common = {
        orgId: me.org.id,
        clientId,
        campaignId: null,
        source: 'import',
        status: 'approved',
      } as const;
      const c = await insertArtifactVersion(stack.db, { ...common, type: 'client_canon', data: canon });
      const m = await insertArtifactVersion(stack.db, {
        ...common,
        type: 'metric_schema',
        data: metricSchema,
      });
      return { canonId: c.id, metricSchemaId: m.id };
    },
  };
  return tenant;
}

/** A complete onboarding intake, as the wizard submits it. */
export function exampleIntake() {
  return {
    businessType: 'existing' as const,
    brandStory:
      'Lumen & Moss was started by a cosmetic chemist whose own skin flared after years of stacking actives. ' +
      'Three fragrance-free products built around the skin barrier, sold direct in the US and UK.',
    offers: ['Barrier Reset Serum', 'Ritual Starter Set'],
    constraints: 'Cosmetic claims only: never claim to treat eczema or rosacea.',
    competitorDomains: ['cerave.com', 'theordinary.com'],
    funnelNotes:
      'Meta and TikTok ads to product page or skin quiz, Shopify checkout, post-purchase email flow.',
    businessModel: 'DTC one-off plus subscribe & save 20%',
    primaryMarkets: ['US', 'UK'],
    primaryLanguages: ['en-US', 'en-GB'],
    goals: 'Grow serum subscriptions at a CAC under $32.',
    notes: null,
  };
}

/** A tRPC call expected to fail: its error code and message. */
export async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCClientError) {
      const data = err.data as { code?: string } | undefined;
      return { code: data?.code ?? 'UNKNOWN', message: err.message };
    }
    throw err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * worker-api's Node entry (`src/node.ts`) as its own process, as `pnpm dev` runs it: local auth with keys in a
 * temporary folder, the `client` gateway, on a free port; ready once `/health` answers.
 */
async function startApiProcess(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const localDir = mkdtempSync(join(tmpdir(), 'mos-stack-keys-'));
  // Port 0: the server binds a free port itself and prints it, so no port is picked and released (EADDRINUSE).
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'worker-api', 'src', 'node.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        MOS_ENV: 'test',
        AUTH_MODE: 'local',
        MOS_LOCAL_DIR: localDir,
        WEB_ORIGINS: WEB_ORIGIN,
        WORKFLOW_GATEWAY: 'client',
        HOST: '127.0.0.1',
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let url: string | null = null;
  const collect = (d: Buffer) => {
    output += d.toString();
    url ??= /\[api\] listening on (http:\/\/[^\s]+)/.exec(output)?.[1] ?? null;
    // Internal errors the API logs are test failures worth seeing.
    if (/failed:|Error/.test(d.toString())) process.stderr.write(`[api] ${d.toString()}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(localDir, { recursive: true, force: true });
  };
  try {
    const origin = await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`worker-api exited (${child.exitCode}):\n${output}`);
        if (!url) return null;
        const res = await fetch(`${url}/health`).catch(() => null);
        return res?.ok ? url : null;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'worker-api to answer /health' },
    );
    return { url: origin, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output}`);
  }
}

/** The draft key the run row says a review must name now (what the web reads), or `none` when not waiting. */
export async function waitingDraftKey(stack: Stack, runId: string): Promise<string> {
  const [row] = await stack.db
    .select({ key: workflowRuns.waitingDraftKey })
    .from(workflowRuns)
    .where(eq(workflowRuns.id, runId));
  return row?.key ?? 'none';
}

/** workflows.review's input (typed here from the contracts: temporal-worker does not import worker-api). */
interface ReviewInput {
  runId: string;
  gate: string;
  decision: ReviewDecision;
  draftKey: string;
  edited?: unknown;
  feedback?: string;
  approvedIds?: string[];
  rejectedIds?: string[];
}

/** `workflows.review` naming the draft the run waits at (as the web does), unless the test names one itself. */
export async function review(
  stack: Stack,
  api: ApiClient,
  input: Omit<ReviewInput, 'draftKey'> & { draftKey?: string },
): Promise<{ approvalId: string }> {
  const draftKey = input.draftKey ?? (await settledDraftKey(stack, api, input.runId));
  reviewedKeys.set(input.runId, draftKey);
  return api.workflows.review.mutate({ ...input, draftKey });
}

/** The key each run's last review named: the next review waits for the draft after it. */
const reviewedKeys = new Map<string, string>();

/**
 * The key of the draft the run waits at once the row and the live status agree on it (the workflow records the
 * row, then answers with it), so a review right after an earlier one names the draft now shown, as a person
 * looking at the page would. When they do not agree within a few seconds, the row's key (or `none`).
 */
async function settledDraftKey(stack: Stack, api: ApiClient, runId: string): Promise<string> {
  try {
    return await stack.waitFor(
      async () => {
        const key = await waitingDraftKey(stack, runId);
        if (key === 'none' || key === reviewedKeys.get(runId)) return null;
        const live = (await api.workflows.get.query({ runId })).live as WorkflowStatusSnapshot | null;
        return live?.draftKey === key ? key : null;
      },
      { timeoutMs: 5_000, what: `the draft run ${runId} waits at` },
    );
  } catch {
    return waitingDraftKey(stack, runId);
  }
}
