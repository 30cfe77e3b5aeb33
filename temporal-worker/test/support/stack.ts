/**
 * The whole MOS workflow stack for end-to-end tests, real parts only: a Temporal dev server (the `temporal` CLI),
 * a migrated database (in-memory PGlite by default, or a PostgreSQL URL), the OpenAI stand-in behind the real LLM
 * client, the real Worker with the real activities, and worker-api's real Hono app reaching Temporal through the
 * `client` gateway, called over its tRPC transport with local-mode tokens. One stack per test file.
 */
import { type Database, type Db, getWorkflowRun, insertArtifactVersion, workflowRuns } from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import { QUERY_STATUS, type WorkflowStatusSnapshot } from '@mos/db/contracts';
import { createDb, migrate } from '@mos/db/node';
import { TemporalClientGateway } from '@mos/worker-api/gateway/client';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { createTRPCClient, httpLink, type TRPCClient, TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { createApp } from '../../../worker-api/src/app';
import { generateLocalKeys, issueLocalToken, type LocalKeys } from '../../../worker-api/src/auth/local';
import { parseApiEnv } from '../../../worker-api/src/env';
import type { AppRouter } from '../../../worker-api/src/routers/index';
import { buildServices } from '../../../worker-api/src/services';
import { createLlmClient } from '../../src/llm/client';
import type { LlmClient } from '../../src/llm/types';
import {
  type OpenAiStandIn,
  type OpenAiStandInOptions,
  startOpenAiStandIn,
} from '../../src/testing/openai-stand-in';
import { startTemporalDevServer, type TemporalDevServer } from '../../src/testing/temporal';
import { createMosWorker, WORKFLOWS_PATH } from '../../src/worker';

export const WEB_ORIGIN = 'http://localhost:5173';
export const TEST_MODEL = 'gpt-5.2';
export type Role = 'admin' | 'operator' | 'member';
export type ApiClient = TRPCClient<AppRouter>;

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
  /** `pglite:memory` (default) or a PostgreSQL URL (e.g. `testPostgresUrl()` for tests with a second process). */
  databaseUrl?: string;
  /** Run a Worker in this process (default true); false when the test runs workers elsewhere. */
  worker?: boolean;
  /** Options of the OpenAI stand-in (fixtures, delays). */
  llm?: OpenAiStandInOptions;
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
  /** The API's gateway to Temporal (the `client` implementation). */
  gateway: TemporalClientGateway;
  keys: LocalKeys;
  /** Sends a raw request through the Hono app (no network). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A typed tRPC client over the app's real transport, carrying `token`. */
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
  createClient(input?: { name?: string; industry?: string | null }): Promise<{ id: string; name: string }>;
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
  baseline: number | null;
  timeframeDays: number | null;
  budgetMin: number | null;
  budgetMax: number | null;
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
    const [temporal, database, llm, keys] = await Promise.all([
      startTemporalDevServer(),
      createDb(opts.databaseUrl ?? 'pglite:memory'),
      startOpenAiStandIn(opts.llm),
      generateLocalKeys(),
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
    const gateway = new TemporalClientGateway({ address: temporal.address, namespace: temporal.namespace });
    cleanups.push(() => gateway.close());
    const apiEnv = parseApiEnv({
      MOS_ENV: 'test',
      DATABASE_URL: 'pglite:memory',
      AUTH_MODE: 'local',
      WEB_ORIGINS: WEB_ORIGIN,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    const services = buildServices({ env: apiEnv, database, gateway, localKeys: keys });
    const app = createApp({
      env: apiEnv,
      services,
      localKeys: keys,
      onError: (err) => console.error('api error:', err),
    });
    const request = async (path: string, init?: RequestInit) => app.request(`http://mos.test${path}`, init);
    const api = (token?: string | null): ApiClient =>
      createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: 'http://mos.test/trpc',
            headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
            fetch: async (url, init) => app.request(String(url), init as RequestInit),
          }),
        ],
      });

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
      gateway,
      keys,
      request,
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
          deps: { db: database.db, llm: llmClient, clock: () => new Date() },
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
    issueLocalToken(
      stack.keys,
      { email, orgId: externalOrgId, orgName: name, role },
      { authorizedParty: WEB_ORIGIN },
    );
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
        primaryMarkets: ['US', 'UK'],
        primaryLanguages: ['en-US', 'en-GB'],
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
        baseline: input.baseline ?? 38,
        timeframeDays: input.timeframeDays ?? 90,
        budgetMin: input.budgetMin ?? 20000,
        budgetMax: input.budgetMax ?? 30000,
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

/** The draft key the run row says a review must name now (what the web reads), or `none` when not waiting. */
export async function waitingDraftKey(stack: Stack, runId: string): Promise<string> {
  const [row] = await stack.db
    .select({ key: workflowRuns.waitingDraftKey })
    .from(workflowRuns)
    .where(eq(workflowRuns.id, runId));
  return row?.key ?? 'none';
}

type ReviewInput = Parameters<ApiClient['workflows']['review']['mutate']>[0];

/** `workflows.review` naming the draft the run waits at (as the web does), unless the test names one itself. */
export async function review(
  stack: Stack,
  api: ApiClient,
  input: Omit<ReviewInput, 'draftKey'> & { draftKey?: string },
): Promise<Awaited<ReturnType<ApiClient['workflows']['review']['mutate']>>> {
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
