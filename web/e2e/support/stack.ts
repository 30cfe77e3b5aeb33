/**
 * The real local stack for browser tests and the web benchmark: the temporal-worker test stack (Temporal dev server,
 * the real Worker, migrated PGlite, the OpenAI stand-in), worker-api's Node server over HTTP on a free port (local
 * auth, CORS for the web origin), and the production build of the web app (`vite build` with VITE_API_BASE_URL set to
 * that API) served with an SPA fallback on another free port.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AppRouter } from '@mos/worker-api';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import {
  exampleIntake,
  type Stack,
  type StackOptions,
  startStack,
} from '../../../temporal-worker/test/support/stack';
import { startNodeServer } from '../../../worker-api/src/node';
import { forwardPort } from './ports';
import { type StaticServer, serveStatic } from './static-server';

export { exampleIntake };

export const WEB_DIR = resolve(import.meta.dirname, '../..');
export type Role = 'admin' | 'operator' | 'member';
export type HttpApiClient = TRPCClient<AppRouter>;

export interface WebStack {
  stack: Stack;
  /** worker-api over HTTP, e.g. http://127.0.0.1:41234 (what the built app calls). */
  apiUrl: string;
  /** The served production build, e.g. http://127.0.0.1:41235. */
  webUrl: string;
  /** The build output (index.html, assets/, .vite/manifest.json). */
  distDir: string;
  /** A session token from the API's local sign-in route, as the sign-in page gets one. */
  signIn(input: { email: string; orgId: string; orgName?: string; role?: Role }): Promise<string>;
  /** A typed tRPC client over real HTTP with `token` (what the browser sends). */
  api(token: string): HttpApiClient;
  close(): Promise<void>;
}

export type WebStackOptions = StackOptions;

/** A random Clerk-style org id, so every test owns its tenant. */
export function randomOrgId(prefix = 'org_e2e'): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

export async function startWebStack(opts: WebStackOptions = {}): Promise<WebStack> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const fn of cleanups.reverse())
      await fn().catch((err: unknown) => console.error('web stack close:', err));
    cleanups.length = 0;
  };
  try {
    // Every port is bound with port 0 and read back, never picked and released (the old EADDRINUSE flake): the
    // web server serves the build directory as the build fills it, and the API's URL names a forward to the API.
    const distDir = mkdtempSync(join(tmpdir(), 'mos-e2e-web-'));
    cleanups.push(async () => rmSync(distDir, { recursive: true, force: true }));
    const web: StaticServer = await serveStatic(distDir);
    cleanups.push(() => web.close());
    const apiForward = await forwardPort();
    cleanups.push(() => apiForward.close());
    const apiUrl = `http://127.0.0.1:${apiForward.port}`;
    const webUrl = web.url;
    const localDir = mkdtempSync(join(tmpdir(), 'mos-e2e-keys-'));
    cleanups.push(async () => rmSync(localDir, { recursive: true, force: true }));

    const [stack] = await Promise.all([startStack(opts), buildWeb(distDir, apiUrl)]);
    cleanups.push(() => stack.close());

    const api = await startNodeServer(
      {
        MOS_ENV: 'test',
        AUTH_MODE: 'local',
        DATABASE_URL: 'pglite:memory',
        WEB_ORIGINS: webUrl,
        WORKFLOW_GATEWAY: 'client',
        TEMPORAL_ADDRESS: stack.temporal.address,
        TEMPORAL_NAMESPACE: stack.temporal.namespace,
        TEMPORAL_TASK_QUEUE: stack.taskQueue,
        MOS_LOCAL_DIR: localDir,
        HOST: '127.0.0.1',
        PORT: '0',
      },
      { database: stack.database },
    );
    cleanups.push(() => api.close());
    apiForward.setTarget(await boundPort(api.server));

    return {
      stack,
      apiUrl,
      webUrl,
      distDir,
      async signIn({ email, orgId, orgName, role = 'admin' }) {
        const res = await fetch(`${apiUrl}/auth/local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: webUrl },
          body: JSON.stringify({ email, orgId, orgName, role }),
        });
        const body = (await res.json()) as { token?: string };
        if (!res.ok || !body.token) throw new Error(`local sign-in failed: HTTP ${res.status}`);
        return body.token;
      },
      api: (token) =>
        createTRPCClient<AppRouter>({
          links: [
            httpBatchLink({ url: `${apiUrl}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) }),
          ],
        }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The port a server that was told to listen on port 0 got, once it listens. */
async function boundPort(server: {
  address(): ReturnType<import('node:net').Server['address']>;
  listening?: boolean;
  once(event: 'listening', cb: () => void): unknown;
}): Promise<number> {
  if (!server.listening) await new Promise<void>((done) => server.once('listening', () => done()));
  const address = server.address();
  if (!address || typeof address === 'string')
    throw new Error('the API server is not listening on a TCP port');
  return address.port;
}

/** `vite build` of the web app into `outDir`, calling the API at `apiUrl`; with the manifest for the benchmark. */
export async function buildWeb(outDir: string, apiUrl: string): Promise<void> {
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const args = [viteBin, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'];
  let output = '';
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, args, {
      cwd: WEB_DIR,
      env: { ...process.env, VITE_API_BASE_URL: apiUrl, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => {
      output += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d;
    });
    child.on('exit', (c) => done(c ?? 1));
  });
  if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${output}`);
}
