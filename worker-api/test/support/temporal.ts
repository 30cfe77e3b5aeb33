import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * A real Temporal dev server (the `temporal` CLI from TEMPORAL_CLI_PATH or the toolchain cache) for the
 * gateway tests, and temporal-worker's relay run as a separate process: worker-api never imports the worker.
 */
const TEMPORAL_CLI_VERSION = 'v1.5.1';
const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

export function temporalCliPath(source: Record<string, string | undefined> = process.env): string {
  const path =
    source.TEMPORAL_CLI_PATH ||
    join(
      source.MOS_TOOLCHAIN_DIR || join(homedir(), '.cache', 'mos-toolchain'),
      'temporal',
      TEMPORAL_CLI_VERSION,
      'temporal',
    );
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    throw new Error(`No Temporal CLI at ${path}: set TEMPORAL_CLI_PATH to a \`temporal\` binary`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? done(port) : fail(new Error('no free port'))));
    });
  });
}

export interface DevServer {
  env: TestWorkflowEnvironment;
  address: string;
  namespace: string;
  /** Temporal's HTTP API origin (paths under /api/v1). */
  httpUrl: string;
  close(): Promise<void>;
}

/** A dev server with its HTTP API on; a fresh attempt on new ports when a port was taken meanwhile. */
export async function startDevServer(): Promise<DevServer> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const httpPort = await freePort();
    let env: TestWorkflowEnvironment;
    try {
      env = await TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: temporalCliPath() },
          ip: '127.0.0.1',
          extraArgs: ['--http-port', String(httpPort)],
        },
      });
    } catch (err) {
      failures.push((err as Error).message);
      continue;
    }
    const httpUrl = `http://127.0.0.1:${httpPort}`;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`${httpUrl}/api/v1/namespaces/default`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok)
        return { env, address: env.address, namespace: 'default', httpUrl, close: () => env.teardown() };
      await new Promise((r) => setTimeout(r, 100));
    }
    await env.teardown();
    failures.push(`HTTP API on ${httpUrl} did not answer`);
  }
  throw new Error(`Temporal dev server failed to start:\n  ${failures.join('\n  ')}`);
}

export interface RelayProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** temporal-worker's relay entry (`src/relay/main.ts`) as its own process, on a free port. */
export async function startRelayProcess(env: Record<string, string>): Promise<RelayProcess> {
  const child = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(REPO_ROOT, 'temporal-worker', 'src', 'relay', 'main.ts')],
    { env: { PATH: process.env.PATH ?? '', RELAY_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`relay did not start within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /\[relay\] listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        done(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`relay exited (${code}) before listening:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
