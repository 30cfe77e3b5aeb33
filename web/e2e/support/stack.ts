/**
 * The real local stack for browser tests and the web benchmark: temporal-worker's test stack run as its own program
 * (`temporal-worker/test/support/stack-server.ts`: Temporal dev server, the real Worker, migrated PostgreSQL, the
 * OpenAI stand-in, and worker-api's Node server with local auth and CORS for this web origin; web imports neither
 * package), and the production build of the web app (`vite build` with VITE_API_BASE_URL set to that API) served
 * with an SPA fallback.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AppRouter } from '@mos/worker-api';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { forwardPort } from './ports';
import { type StaticServer, serveStatic } from './static-server';

export const WEB_DIR = resolve(import.meta.dirname, '../..');
export type Role = 'admin' | 'operator' | 'member';
export type HttpApiClient = TRPCClient<AppRouter>;

export interface WebStack {
  /** worker-api over HTTP, e.g. http://127.0.0.1:41234 (what the built app calls). */
  apiUrl: string;
  /** The served production build, e.g. http://127.0.0.1:41235. */
  webUrl: string;
  /** The build output (index.html, assets/, .vite/manifest.json). */
  distDir: string;
  /** The worker's funnel proxy (funnel workloads' upstream) when the stack deploys; else null. */
  funnelProxyUrl: string | null;
  /** A session token from the API's local sign-in route, as the sign-in page gets one. */
  signIn(input: { email: string; orgId: string; orgName?: string; role?: Role }): Promise<string>;
  /** A typed tRPC client over real HTTP with `token` (what the browser sends). */
  api(token: string): HttpApiClient;
  close(): Promise<void>;
}

/** A random Clerk-style org id, so every test owns its tenant. */
export function randomOrgId(prefix = 'org_e2e'): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/**
 * What the worker deploys to when a test wants real applies (`MOS_STACK_DEPLOY` of stack-server.ts): cloudhand's
 * local server (its sshd and layout) and a terraform stand-in. Without it the worker has no deploy configuration.
 */
export interface WebStackDeploy {
  rootDir: string;
  terraformBin: string;
  ssh: { host: string; port: number; username: string };
  layout: object;
}

export async function startWebStack(
  opts: { deploy?: WebStackDeploy; apiEnv?: Record<string, string> } = {},
): Promise<WebStack> {
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
    const [stack] = await Promise.all([startStackProcess(webUrl, opts), buildWeb(distDir, apiUrl)]);
    cleanups.push(() => stack.stop());
    apiForward.setTarget(stack.apiPort);

    return {
      apiUrl,
      webUrl,
      distDir,
      funnelProxyUrl: stack.funnelProxyUrl,
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

const REPO_ROOT = resolve(WEB_DIR, '..');
const STACK_SERVER = join(REPO_ROOT, 'temporal-worker', 'test', 'support', 'stack-server.ts');

/**
 * Runs the workflow stack as a child process and waits for its ready line. Its standard input stays open as a
 * lifeline: if this process dies, the child sees end-of-input and tears the stack down.
 */
async function startStackProcess(
  webOrigin: string,
  opts: { deploy?: WebStackDeploy; apiEnv?: Record<string, string> },
): Promise<{ apiPort: number; funnelProxyUrl: string | null; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', STACK_SERVER], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      MOS_STACK_WEB_ORIGIN: webOrigin,
      ...(opts.deploy ? { MOS_STACK_DEPLOY: JSON.stringify(opts.deploy) } : {}),
      ...(opts.apiEnv ? { MOS_STACK_API_ENV: JSON.stringify(opts.apiEnv) } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number>((done) => child.once('exit', (code) => done(code ?? 1)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  const ready = new Promise<string>((done, fail) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const line = /MOS_STACK_READY (\{.*\})\n/.exec(output);
      if (line?.[1]) done(line[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    void exited.then((code) =>
      fail(new Error(`the workflow stack exited (${code}) before it was ready:\n${output}`)),
    );
  });
  try {
    const { apiUrl, funnelProxyUrl } = JSON.parse(await ready) as {
      apiUrl: string;
      funnelProxyUrl: string | null;
    };
    return { apiPort: Number(new URL(apiUrl).port), funnelProxyUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
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
