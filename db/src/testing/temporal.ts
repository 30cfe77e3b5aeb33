import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * A real Temporal dev server (the `temporal` CLI) for tests, through @temporalio/testing. The CLI
 * cannot be downloaded here, so it comes from TEMPORAL_CLI_PATH or the toolchain cache that .ci/run
 * fills (SPEC §10).
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export interface TemporalDevServer {
  env: TestWorkflowEnvironment;
  /** gRPC `host:port`, for Connection.connect / NativeConnection.connect. */
  address: string;
  namespace: string;
  /** Origin of Temporal's HTTP API when started with `httpPort: true` (paths under /api/v1). */
  httpUrl?: string;
  close(): Promise<void>;
}

export interface StartTemporalDevServerOptions {
  /** Also serve Temporal's HTTP API (`--http-port`) on a free port. */
  httpPort?: boolean;
  /** Created at startup; `default` always exists. */
  namespace?: string;
  /** Passed to the CLI as `--search-attribute NAME=Type`. */
  searchAttributes?: Record<
    string,
    'Text' | 'Keyword' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList'
  >;
  extraArgs?: string[];
  /** Overall budget for the server to accept connections (and its HTTP API to answer). */
  startupTimeoutMs?: number;
}

/** TEMPORAL_CLI_PATH, else the toolchain cache; throws a message naming TEMPORAL_CLI_PATH when neither is usable. */
export function temporalCliPath(source: Record<string, string | undefined> = process.env): string {
  const configured = source.TEMPORAL_CLI_PATH;
  const cacheDir = source.MOS_TOOLCHAIN_DIR || join(homedir(), '.cache', 'mos-toolchain');
  const fallback = join(cacheDir, 'temporal', TEMPORAL_CLI_VERSION, 'temporal');
  const path = configured || fallback;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    throw new Error(
      configured
        ? `TEMPORAL_CLI_PATH points at ${path}, which is not an executable file`
        : `No Temporal CLI: set TEMPORAL_CLI_PATH to a \`temporal\` binary (none at ${fallback}; build it with ` +
            `\`go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}\`, see SPEC §10)`,
    );
  }
}

/** A port that was free a moment ago on 127.0.0.1 (the CLI binds it itself, so there is a small race). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not allocate a free port'))));
    });
  });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitForHttpApi(httpUrl: string, namespace: string, deadline: number): Promise<void> {
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${httpUrl}/api/v1/namespaces/${encodeURIComponent(namespace)}`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Temporal HTTP API at ${httpUrl} did not answer (${last})`);
}

/**
 * The server process @temporalio/testing spawned (a direct child running the CLI on `port`), found
 * through /proc; undefined where there is no /proc (macOS), which only loses the watchdog below.
 */
function findServerPid(cliPath: string, port: string): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== process.pid) continue;
        const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        if (args[0] === cliPath && args.includes(port)) return Number(entry);
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * A test process killed before close() (a vitest timeout kills its fork) would leave the server
 * running, re-parented to init. A detached shell polls this process and kills the server once it is
 * gone; close() stops the watchdog.
 */
function startWatchdog(serverPid: number | undefined): () => void {
  if (!serverPid) return () => undefined;
  const watchdog = spawn(
    'sh',
    [
      '-c',
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null',
      'mos-temporal-watchdog',
      String(process.pid),
      String(serverPid),
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.on('error', () => undefined);
  watchdog.unref();
  return () => {
    try {
      if (watchdog.pid) process.kill(watchdog.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
}

/**
 * Starts a dev server on free ports (in-memory SQLite, no UI) and connects the test environment.
 * Call `close()` in afterAll: it closes the connections and stops the server process.
 */
export async function startTemporalDevServer(
  opts: StartTemporalDevServerOptions = {},
): Promise<TemporalDevServer> {
  const path = temporalCliPath();
  const namespace = opts.namespace ?? 'default';
  const startupTimeoutMs = opts.startupTimeoutMs ?? 60_000;
  const deadline = Date.now() + startupTimeoutMs;
  const failures: string[] = [];
  // @temporalio/testing gives the CLI 5 s to accept connections; a loaded machine or a port taken
  // between freePort() and the CLI's bind fails that, and a fresh attempt on new ports succeeds.
  for (let attempt = 1; attempt <= 3 && Date.now() < deadline; attempt++) {
    const httpPort = opts.httpPort ? await freePort() : undefined;
    const extraArgs = [
      ...(httpPort ? ['--http-port', String(httpPort)] : []),
      ...Object.entries(opts.searchAttributes ?? {}).flatMap(([k, v]) => ['--search-attribute', `${k}=${v}`]),
      ...(opts.extraArgs ?? []),
    ];
    const starting = TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path },
        ip: '127.0.0.1',
        namespace,
        extraArgs,
      },
    });
    let env: TestWorkflowEnvironment;
    try {
      env = await withTimeout(
        starting,
        Math.max(deadline - Date.now(), 1_000),
        'Temporal dev server startup',
      );
    } catch (err) {
      // A start that completes after the timeout must not leak a server process.
      void starting.then((late) => late.teardown()).catch(() => undefined);
      failures.push(`attempt ${attempt}: ${(err as Error).message}`);
      continue;
    }
    const httpUrl = httpPort ? `http://127.0.0.1:${httpPort}` : undefined;
    try {
      if (httpUrl) await waitForHttpApi(httpUrl, namespace, deadline);
    } catch (err) {
      await env.teardown();
      failures.push(`attempt ${attempt}: ${(err as Error).message}`);
      continue;
    }
    const stopWatchdog = startWatchdog(findServerPid(path, env.address.split(':').pop() ?? ''));
    let closed: Promise<void> | undefined;
    return {
      env,
      address: env.address,
      namespace,
      ...(httpUrl ? { httpUrl } : {}),
      close() {
        closed ??= env.teardown().finally(stopWatchdog);
        return closed;
      },
    };
  }
  throw new Error(
    `Temporal dev server (${path}, from TEMPORAL_CLI_PATH or the toolchain cache) failed to start:\n  ${failures.join('\n  ')}`,
  );
}
