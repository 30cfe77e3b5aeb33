import { createHash } from 'node:crypto';
import { Client, type ClientChannel } from 'ssh2';
import { ApplyError, abortError, RemoteCommandError } from './errors';
import { lineSplitter, type StepLog } from './log';
import { shq } from './shell';
import type { ConnectOptions, HostKeyStore, RemoteCommandRecord } from './types';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKey: string;
}

export interface SshExecutorOptions {
  target: SshTarget;
  hostKeys: HostKeyStore;
  log: StepLog;
  connect?: ConnectOptions;
  signal?: AbortSignal;
  onCommand?: (record: RemoteCommandRecord) => void;
  /** A folder on the server for per-workload locks: commands of one workload never overlap (see `WATCHDOG`). */
  lockDir?: string;
}

export interface ExecOptions {
  step: string;
  workload?: string;
  /** What the log shows instead of the command (default: its first line). */
  label?: string;
  /** Variables for this command only; sent on stdin, never in the command line (so never in `ps` or a log). */
  env?: Record<string, string>;
  stdin?: string;
  /** false: a non-zero exit is returned, not thrown. */
  check?: boolean;
  /** true: output is collected but not streamed (probes whose output the engine reads). */
  quiet?: boolean;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** OpenSSH's fingerprint format: `SHA256:` + unpadded base64 of the key blob's SHA-256. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

const MAX_CAPTURE = 1024 * 1024;

/**
 * Every remote command runs under this POSIX sh wrapper, because sshd does not stop an `exec` command when the
 * session goes away (no pty, so no SIGHUP; ssh2's `signal` request is ignored by OpenSSH). The command runs in its
 * own session (`setsid`) with the channel's stdin/stdout/stderr; a watchdog polls the sshd process that started it
 * (`$1`) and, once it is gone (abort, dropped connection, killed worker), sends the command's whole process group
 * TERM, then KILL after 3 s. The wrapper exits with the command's status. With a lock file (`$2`) the command first
 * takes `flock` on it, so a resumed step waits for a stale command of the same workload to die instead of racing it.
 * A pty was measured and refused: it echoes stdin (the env line) into stdout, merges stderr, writes CRLF and never
 * passes stdin's EOF on.
 */
const WATCHDOG = `pp=$1
if [ -n "$2" ] && command -v flock >/dev/null 2>&1; then
  [ -d "\${2%/*}" ] || mkdir -p "\${2%/*}"
  exec 9>>"$2"
  flock -w 900 9 || { echo "cloudhand: another command of this workload still holds $2" >&2; exit 98; }
fi
exec 3<&0
if command -v setsid >/dev/null 2>&1; then setsid /bin/sh -c "$3" ch-cmd 0<&3 3<&- 9>&- &
else /bin/sh -c "$3" ch-cmd 0<&3 3<&- 9>&- &
fi
c=$!
exec 0</dev/null 3<&-
(
  while kill -0 "$c" 2>/dev/null; do
    if ! kill -0 "$pp" 2>/dev/null; then
      kill -TERM -"$c" "$c" 2>/dev/null
      i=0
      while [ "$i" -lt 3 ] && kill -0 -"$c" 2>/dev/null; do sleep 1; i=$((i + 1)); done
      kill -KILL -"$c" "$c" 2>/dev/null
      exit 0
    fi
    sleep 1
  done
) </dev/null >/dev/null 2>&1 9>&- &
w=$!
wait "$c"
s=$?
if kill -0 "$pp" 2>/dev/null; then kill "$w" 2>/dev/null; else wait "$w"; fi
exit "$s"`;

/**
 * `script` as the command line sshd hands to the login shell: `$PPID` there is the session's sshd process, and
 * `exec` makes the wrapper take the shell's place (works with bash, dash and zsh as the login shell).
 */
export function watchdogCommand(script: string, lockFile = ''): string {
  return `exec /bin/sh -c ${shq(WATCHDOG)} ch-run "$PPID" ${shq(lockFile)} ${shq(script)}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs commands on one server over a single ssh2 connection: connects with retries (a fresh server is still
 * booting), pins the host key at first contact and refuses a different one after, streams output lines masked.
 */
export class SshExecutor {
  private closed = false;
  private readonly pending = new Set<(err: Error) => void>();

  private constructor(
    private readonly client: Client,
    private readonly opts: SshExecutorOptions,
    readonly hostKey: string,
  ) {
    const onAbort = () => {
      this.fail(abortError());
      // Ending the connection ends the session's sshd process; the watchdog around a running command sees that
      // and stops the command's process group within a few seconds (see `WATCHDOG`).
      client.end();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    client.on('close', () => {
      opts.signal?.removeEventListener('abort', onAbort);
      this.fail(new ApplyError('ssh_connect', 'The SSH connection closed'));
    });
    client.on('error', (err) => this.fail(new ApplyError('ssh_connect', `SSH error: ${err.message}`)));
  }

  static async connect(opts: SshExecutorOptions): Promise<SshExecutor> {
    const attempts = Math.max(1, opts.connect?.attempts ?? 10);
    const delayMs = opts.connect?.delayMs ?? 5000;
    const { host, port } = opts.target;
    let last: unknown = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (opts.signal?.aborted) throw abortError();
      try {
        const ex = await SshExecutor.connectOnce(opts);
        opts.log.line('connect', `Connected to ${host}:${port} (host key ${ex.hostKey})`);
        return ex;
      } catch (err) {
        if (err instanceof ApplyError && (err.reason === 'host_key_mismatch' || err.reason === 'aborted'))
          throw err;
        last = err;
        if (attempt < attempts) {
          opts.log.line(
            'connect',
            `SSH to ${host}:${port} failed (attempt ${attempt}/${attempts}): ${(err as Error).message}; retrying in ${delayMs} ms`,
            'warn',
          );
          await sleep(delayMs, opts.signal);
        }
      }
    }
    throw new ApplyError(
      'ssh_connect',
      `Could not connect to ${host}:${port} over SSH after ${attempts} attempts: ${(last as Error)?.message ?? 'unknown error'}`,
      { cause: last },
    );
  }

  private static async connectOnce(opts: SshExecutorOptions): Promise<SshExecutor> {
    const { host, port, username, privateKey } = opts.target;
    const keyId = `${host}:${port}`;
    const pinned = await opts.hostKeys.get(keyId);
    let offered: string | null = null;
    const client = new Client();
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        client.removeListener('ready', onReady);
        client.end();
        if (pinned && offered && offered !== pinned)
          reject(
            new ApplyError(
              'host_key_mismatch',
              `Host key mismatch for ${keyId}: pinned ${pinned}, the server offered ${offered}. No command was run; if the server was rebuilt on purpose, remove its pinned key and apply again.`,
            ),
          );
        else reject(err);
      };
      const onReady = () => {
        client.removeListener('error', onError);
        resolve();
      };
      client.once('ready', onReady);
      client.once('error', onError);
      client.connect({
        host,
        port,
        username,
        privateKey,
        readyTimeout: opts.connect?.readyTimeoutMs ?? 20_000,
        keepaliveInterval: 15_000,
        hostVerifier: (key: Buffer) => {
          offered = hostKeyFingerprint(key);
          return !pinned || pinned === offered;
        },
      });
    });
    if (!offered) {
      client.end();
      throw new ApplyError('ssh_connect', `${keyId} offered no host key`);
    }
    if (!pinned) {
      await opts.hostKeys.pin(keyId, offered);
      opts.log.line('connect', `Pinned host key ${offered} for ${keyId} at first contact`);
    }
    return new SshExecutor(client, opts, offered);
  }

  private fail(err: Error): void {
    this.closed = true;
    for (const reject of [...this.pending]) reject(err);
    this.pending.clear();
  }

  /** Runs `command` with the remote user's shell; output lines go to the log (masked) unless `quiet`. */
  exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    const { log } = this.opts;
    if (this.opts.signal?.aborted) return Promise.reject(abortError());
    if (this.closed) return Promise.reject(new ApplyError('ssh_connect', 'The SSH connection is closed'));
    let full = command;
    let stdin = opts.stdin ?? '';
    let recordStdin = log.mask(stdin);
    if (opts.env && Object.keys(opts.env).length > 0) {
      // The variables travel as one base64 line on stdin; `read` (a builtin) takes exactly that line, so the
      // command's own stdin follows untouched and no value ever appears in an argv.
      const script = (values: Record<string, string>) =>
        Object.entries(values)
          .map(([k, v]) => `export ${k}=${shq(v)}`)
          .join('\n');
      const masked = Object.fromEntries(Object.entries(opts.env).map(([k, v]) => [k, log.mask(v)]));
      full = `IFS= read -r __ch_env || exit 97\neval "$(printf '%s' "$__ch_env" | base64 -d)"\nunset __ch_env\n${command}`;
      stdin = `${Buffer.from(script(opts.env)).toString('base64')}\n${stdin}`;
      recordStdin = `${Buffer.from(script(masked)).toString('base64')}\n${recordStdin}`;
    }
    const lock = opts.workload && this.opts.lockDir ? `${this.opts.lockDir}/${opts.workload}.lock` : '';
    full = watchdogCommand(full, lock);
    this.opts.onCommand?.({ command: log.mask(full), stdin: recordStdin });
    const label = opts.label ?? command.split('\n')[0]?.slice(0, 200) ?? '';
    if (!opts.quiet) log.line(opts.step, `$ ${label}`, 'info', opts.workload);
    return new Promise<ExecResult>((resolve, reject) => {
      let settled = false;
      const done = (err: Error | null, result?: ExecResult) => {
        if (settled) return;
        settled = true;
        this.pending.delete(onFail);
        if (err) reject(err);
        else if (result) resolve(result);
      };
      const onFail = (err: Error) => done(err);
      this.pending.add(onFail);
      this.client.exec(full, (err: Error | undefined, stream: ClientChannel) => {
        if (err) return done(new ApplyError('ssh_connect', `Could not start ${label}: ${err.message}`));
        let stdout = '';
        let stderr = '';
        const emit = (line: string, level: 'info' | 'warn') => {
          if (!opts.quiet) log.line(opts.step, line, level, opts.workload);
        };
        const out = lineSplitter((l) => emit(l, 'info'));
        const errs = lineSplitter((l) => emit(l, 'info'));
        stream.on('data', (chunk: Buffer) => {
          if (stdout.length < MAX_CAPTURE) stdout += chunk.toString();
          out.push(chunk);
        });
        stream.stderr.on('data', (chunk: Buffer) => {
          if (stderr.length < MAX_CAPTURE) stderr += chunk.toString();
          errs.push(chunk);
        });
        stream.on('close', (code: number | null) => {
          out.end();
          errs.end();
          const result = { code: code ?? null, stdout, stderr };
          if (code !== 0 && opts.check !== false) {
            const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-5).join(' | ');
            return done(new RemoteCommandError(label, code ?? null, log.mask(tail).slice(-1500)));
          }
          done(null, result);
        });
        stream.end(stdin);
      });
    });
  }

  /** Writes a file atomically (temp file + rename) with `mode`; the content goes on stdin, never in a command. */
  async writeFile(
    path: string,
    content: string,
    mode: number,
    opts: { step: string; workload?: string },
  ): Promise<void> {
    const tmp = `${path}.ch-tmp`;
    await this.exec(
      `umask 077 && mkdir -p "$(dirname ${shq(path)})" && cat > ${shq(tmp)} && chmod ${mode.toString(8)} ${shq(tmp)} && mv -f ${shq(tmp)} ${shq(path)}`,
      { ...opts, stdin: content, label: `write ${path} (mode ${mode.toString(8)})` },
    );
  }

  close(): void {
    this.closed = true;
    this.client.end();
  }
}
