import { type Database, ensureOrg, ensureUser } from '@mos/db';
import { createDb, localFolderMediaStore, migrate } from '@mos/db/node';
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { createApp } from '../../src/app';
import { generateLocalKeys, issueLocalToken, type LocalKeys, localSignIn } from '../../src/auth/local';
import { parseApiEnv } from '../../src/env';
import { createMemoryLlmStartLimiters, type LlmStartLimiters } from '../../src/rate-limit';
import type { AppRouter } from '../../src/routers/index';
import { buildServices } from '../../src/services';
import { TestWorkflowGateway } from './gateway';

export const WEB_ORIGIN = 'http://localhost:5173';
export type Role = 'admin' | 'operator' | 'member';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: Database;
  gateway: TestWorkflowGateway;
  keys: LocalKeys;
  /** Sends a raw request through the Hono app (no network); `bindings` is what the runtime would pass as env. */
  request(path: string, init?: RequestInit, bindings?: unknown): Promise<Response>;
  /** A typed tRPC client whose requests carry the given token. */
  client(token?: string | null): ReturnType<typeof createTRPCClient<AppRouter>>;
  close(): Promise<void>;
}

/**
 * The API over a fresh, migrated in-memory PGlite, local-mode auth with a per-run key, and a gateway
 * that records what the API asked of Temporal. Real app, real tRPC transport, real token checks.
 */
export async function createTestApp(
  opts: { databaseUrl?: string; llmStartLimiters?: LlmStartLimiters; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await createDb(opts.databaseUrl ?? 'pglite:memory');
  await migrate(database);
  const keys = await generateLocalKeys();
  const env = parseApiEnv({
    MOS_ENV: 'test',
    DATABASE_URL: 'pglite:memory',
    AUTH_MODE: 'local',
    WEB_ORIGINS: WEB_ORIGIN,
    ...opts.env,
  });
  const gateway = new TestWorkflowGateway();
  const services = buildServices({
    env,
    database,
    gateway,
    localKeys: keys,
    llmStartLimiters: opts.llmStartLimiters,
    // As the Node entry does: MEDIA_DIR keeps uploads in a folder, else they go into the database.
    localMediaStore: env.MEDIA_DIR ? localFolderMediaStore(env.MEDIA_DIR) : null,
  });
  const app = createApp({ env, services, localSignIn: localSignIn(keys) });
  const request = async (path: string, init?: RequestInit, bindings?: unknown) =>
    app.request(`http://mos.test${path}`, init, bindings);
  return {
    app,
    database,
    gateway,
    keys,
    request,
    client(token) {
      return createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: 'http://mos.test/trpc',
            headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
            fetch: async (url, init) => app.request(String(url), init as RequestInit),
          }),
        ],
      });
    },
    close: () => database.close(),
  };
}

/** A batching client, for tests of the batched transport. */
export function batchClient(t: TestApp, token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: 'http://mos.test/trpc',
        headers: () => ({ authorization: `Bearer ${token}` }),
        fetch: async (url, init) => t.app.request(String(url), init as RequestInit),
      }),
    ],
  });
}

export interface Tenant {
  orgId: string;
  token(role?: Role, email?: string): Promise<string>;
  admin: string;
  operator: string;
  member: string;
}

/** A new organization with random ids and a token per role; no test shares a tenant. */
export async function newTenant(t: TestApp, name = 'Test Agency'): Promise<Tenant> {
  const orgId = `org_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const token = (role: Role = 'admin', email = `${role}-${orgId}@agency.test`) =>
    issueLocalToken(t.keys, { email, orgId, orgName: name, role }, { authorizedParty: WEB_ORIGIN });
  return {
    orgId,
    token,
    admin: await token('admin'),
    operator: await token('operator'),
    member: await token('member'),
  };
}

/** Runs a call expected to fail and returns its tRPC error code and data for assertions. */
export async function failure(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; fieldErrors: unknown }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCClientError) {
      const data = err.data as { code?: string; fieldErrors?: unknown } | undefined;
      return { code: data?.code ?? 'UNKNOWN', message: err.message, fieldErrors: data?.fieldErrors ?? null };
    }
    throw err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Field paths named by a failure's field errors, e.g. ['name', 'primaryMarkets.0']. */
export function fieldPaths(f: { fieldErrors: unknown }): string[] {
  const list = Array.isArray(f.fieldErrors) ? (f.fieldErrors as { path: (string | number)[] }[]) : [];
  return list.map((e) => e.path.join('.'));
}

/**
 * A fresh migrated PGlite whose statements are counted, with an org, an admin user and the service
 * context services take, for tests that assert how many round trips a procedure's service makes.
 */
export async function countingServiceCtx() {
  let count = 0;
  const database = await createDb('pglite:memory', { onQuery: () => void count++ });
  await migrate(database);
  const org = await ensureOrg(database.db, { externalId: 'org_rt', name: 'RT' });
  const user = await ensureUser(database.db, {
    orgId: org.id,
    clerkUserId: 'user_rt',
    email: 'rt@agency.test',
    name: null,
    role: 'admin',
  });
  const ctx = {
    db: database.db,
    member: {
      orgId: org.id,
      orgExternalId: 'org_rt',
      userId: user.id,
      clerkUserId: 'user_rt',
      role: 'admin' as const,
      email: null,
    },
    gateway: new TestWorkflowGateway(),
    taskQueue: 'mos',
    llmStartLimiters: createMemoryLlmStartLimiters(),
  };
  return {
    database,
    org,
    ctx,
    statements: {
      get count() {
        return count;
      },
      reset() {
        count = 0;
      },
    },
  };
}
