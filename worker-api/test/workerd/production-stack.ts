/**
 * The production back end of the Worker under test, each part a separate process as in production:
 *  - a real Temporal dev server (the CLI from TEMPORAL_CLI_PATH or the toolchain cache .ci/run fills);
 *  - the OpenAI stand-in (temporal-worker's fixture LLM server, speaking OpenAI's wire protocol);
 *  - temporal-worker's own entry (`src/main.ts`): the Temporal Worker on the real test PostgreSQL and the
 *    signed relay that the Worker's `relay` gateway calls.
 * Nothing here imports temporal-worker: it is started as its production process is, from the environment.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const TEMPORAL_CLI_VERSION = 'v1.5.1';

export interface ProductionStack {
  /** temporal-worker's relay origin (WORKFLOW_RELAY_URL for the Worker). */
  relayUrl: string;
  relaySecret: string;
  taskQueue: string;
  close(): Promise<void>;
}

function temporalCli(): string {
  const path =
    process.env.TEMPORAL_CLI_PATH ||
    join(
      process.env.MOS_TOOLCHAIN_DIR || join(homedir(), '.cache', 'mos-toolchain'),
      'temporal',
      TEMPORAL_CLI_VERSION,
      'temporal',
    );
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `No Temporal CLI at ${path}: set TEMPORAL_CLI_PATH (or build it: go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION})`,
    );
  }
  return path;
}

/** A port that was free a moment ago (the Temporal CLI binds it itself; startTemporal retries on a clash). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps a child's recent output for error messages and resolves the first line matching `ready`. */
function watch(name: string, child: ChildProcess, ready: RegExp, timeoutMs: number) {
  const tail: string[] = [];
  const matched = new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready within ${timeoutMs} ms:\n${tail.join('\n')}`)),
      timeoutMs,
    );
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (process.env.MOS_E2E_VERBOSE) console.log(`[${name}] ${line}`);
      const m = ready.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', onLine);
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${tail.join('\n')}`));
    });
  });
  return { matched, tail };
}

/** SIGTERM, then SIGKILL if the process has not ended after `graceMs`. */
async function stop(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await ended;
  clearTimeout(timer);
}

async function startTemporal(
  cli: string,
  track: (child: ChildProcess) => void,
): Promise<{ child: ChildProcess; address: string }> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      cli,
      [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--headless',
        '--log-level',
        'error',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    track(child);
    const errors: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      errors.push(chunk.toString());
      if (errors.length > 20) errors.shift();
    });
    const address = `127.0.0.1:${port}`;
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code) => resolve(`exited (${code})`)),
    );
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && child.exitCode === null) {
      const health = spawnSync(cli, ['operator', 'cluster', 'health', '--address', address], {
        encoding: 'utf8',
        timeout: 5_000,
      });
      if (health.status === 0 && /SERVING/.test(health.stdout)) return { child, address };
      await Promise.race([new Promise((r) => setTimeout(r, 250)), exited]);
    }
    failures.push(
      `attempt ${attempt} on ${address}: ${child.exitCode === null ? 'no answer' : await exited} ${errors.join('').slice(-2000)}`,
    );
    await stop(child, 2_000);
  }
  throw new Error(`Temporal dev server (${cli}) did not start:\n  ${failures.join('\n  ')}`);
}

/** `node --import tsx <file>`, from the repository root where tsx is installed. */
function tsx(file: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(repoRoot, file), ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * A vitest process killed before teardown (a timeout, Ctrl-C twice) would leave the three processes
 * running: a detached shell polls this process and kills them once it is gone. close() stops it.
 */
function startWatchdog(child: ChildProcess): () => void {
  const pids = child.pid === undefined ? [] : [child.pid];
  const watchdog = spawn(
    'sh',
    [
      '-c',
      'p="$1"; shift; while kill -0 "$p" 2>/dev/null; do sleep 1; done; kill -9 "$@" 2>/dev/null',
      'mos-e2e-watchdog',
      String(process.pid),
      ...pids.map(String),
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.on('error', () => undefined);
  watchdog.unref();
  return () => {
    if (watchdog.exitCode === null) watchdog.kill('SIGKILL');
  };
}

/** Starts the three processes; `postgresUrl` is the real test PostgreSQL, already migrated. */
export async function startProductionStack(postgresUrl: string): Promise<ProductionStack> {
  const children: ChildProcess[] = [];
  const watchdogs: (() => void)[] = [];
  const track = (child: ChildProcess) => {
    children.push(child);
    watchdogs.push(startWatchdog(child));
  };
  const close = async () => {
    // The worker first (it drains its tasks), then what it talks to.
    for (const child of children.reverse()) await stop(child);
    for (const stopWatchdog of watchdogs) stopWatchdog();
  };
  try {
    const cli = temporalCli();
    const temporal = await startTemporal(cli, track);

    const llm = tsx('temporal-worker/src/testing/openai-stand-in-cli.ts', ['--port', '0'], {
      PATH: process.env.PATH,
    });
    track(llm);
    const baseUrl = (await watch('llm', llm, /^OPENAI_BASE_URL=(\S+)/, 60_000).matched)[1];

    const relaySecret = randomBytes(32).toString('hex');
    const taskQueue = `mos-workerd-e2e-${randomBytes(4).toString('hex')}`;
    // Only what the production process reads: no test switches, no MOS_* flags.
    const worker = tsx('temporal-worker/src/main.ts', [], {
      PATH: process.env.PATH,
      DATABASE_URL: postgresUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      OPENAI_API_KEY: 'sk-stand-in',
      OPENAI_BASE_URL: baseUrl,
      WORKFLOW_RELAY_SECRET: relaySecret,
      RELAY_HOST: '127.0.0.1',
      RELAY_PORT: String(await freePort()),
    });
    track(worker);
    const relayUrl = (await watch('worker', worker, /\[relay\] listening on (\S+)/, 120_000).matched)[1];
    if (!baseUrl || !relayUrl) throw new Error('stand-in or relay printed no URL');
    return { relayUrl, relaySecret, taskQueue, close };
  } catch (err) {
    await close();
    throw err;
  }
}
