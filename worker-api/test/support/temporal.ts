import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startTemporalDevServer, type TemporalDevServer } from '@mos/db/testing/temporal';

/**
 * A real Temporal dev server (the `temporal` CLI from TEMPORAL_CLI_PATH or the toolchain cache) for the
 * gateway tests, and temporal-worker's relay run as a separate process: worker-api never imports the worker.
 */
const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

export { freePort } from '@mos/db/testing/temporal';

export interface DevServer extends TemporalDevServer {
  /** Temporal's HTTP API origin (paths under /api/v1). */
  httpUrl: string;
}

/** The shared dev-server starter with Temporal's HTTP API on (the `http` gateway's target). */
export async function startDevServer(): Promise<DevServer> {
  const server = await startTemporalDevServer({ httpPort: true });
  if (!server.httpUrl) {
    await server.close();
    throw new Error('the Temporal dev server started without its HTTP API');
  }
  return { ...server, httpUrl: server.httpUrl };
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
