import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyError, createMasker, SshExecutor, StepLog } from '../src/apply/index';
import type { ApplyLogLine } from '../src/apply/types';
import { type LocalServer, startLocalServer } from '../src/testing/index';
import { memoryHostKeys } from './support/apply-fixtures';

describe('local server harness', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('runs commands over ssh with Node 24 on the PATH and a working systemctl stand-in', async () => {
    const lines: ApplyLogLine[] = [];
    const log = new StepLog({ log: (l) => void lines.push(l) }, createMasker());
    const keys = memoryHostKeys();
    const records: { command: string; stdin: string }[] = [];
    const ex = await SshExecutor.connect({
      target: server.ssh,
      hostKeys: keys,
      log,
      onCommand: (r) => void records.push(r),
    });
    try {
      expect(ex.hostKey).toBe(server.hostKeyFingerprint);
      const v = await ex.exec('node --version', { step: 't', quiet: true });
      expect(Number(/^v(\d+)/.exec(v.stdout)?.[1])).toBeGreaterThanOrEqual(24);
      // env travels on stdin: the remote sees it, no command line or record holds it.
      log.mask.add('v@lue with spaces');
      const e = await ex.exec('printf "%s|" "$FOO"; cat', {
        step: 't',
        env: { FOO: 'v@lue with spaces' },
        stdin: 'tail',
        quiet: true,
      });
      expect(e.stdout).toBe('v@lue with spaces|tail');
      expect(JSON.stringify(records)).not.toContain('v@lue');
      expect(JSON.stringify(records)).not.toContain(
        Buffer.from("export FOO='v@lue with spaces'").toString('base64'),
      );
      const { layout } = server;
      await ex.writeFile(
        `${layout.systemdDir}/hello.service`,
        `[Service]\nWorkingDirectory=${server.root}\nExecStart=/bin/sh -c "exec sleep 30"\n`,
        0o644,
        { step: 't' },
      );
      await ex.exec(`${layout.systemctl} restart hello`, { step: 't' });
      const pid = (
        await ex.exec(`${layout.systemctl} show -p MainPID --value hello`, { step: 't' })
      ).stdout.trim();
      // The stand-in's MainPID is the unit's own process (the server is this machine).
      expect(await readFile(`/proc/${pid}/cmdline`, 'utf8')).toBe('sleep\u000030\u0000');
      await ex.exec(`${layout.systemctl} stop hello`, { step: 't' });
      const after = await ex.exec(`${layout.systemctl} is-active hello`, { step: 't', check: false });
      expect(after.code).toBe(3);
    } finally {
      ex.close();
    }
    await log.flush();
    expect(lines.some((l) => l.message.includes('$ node --version'))).toBe(false);
    expect(lines.some((l) => l.message.includes('$ printf'))).toBe(false);
    expect(lines.some((l) => l.message.startsWith('Pinned host key'))).toBe(true);
  });

  it('an abort stops the running command on the server: its process group is gone within seconds', async () => {
    const log = new StepLog({ log: () => undefined }, createMasker());
    const controller = new AbortController();
    const ex = await SshExecutor.connect({
      target: server.ssh,
      hostKeys: memoryHostKeys(),
      log,
      signal: controller.signal,
    });
    const marker = `ch-abort-${randomUUID()}`;
    // A shell with two children, one ignoring TERM: the whole group goes, the stubborn one by KILL.
    const running = ex
      .exec(`/bin/sh -c 'sleep 60 & (trap "" TERM; sleep 61) & wait' ${marker}`, { step: 't' })
      .catch((e: unknown) => e);
    const tree = await waitForTree(marker, ['sleep 60', 'sleep 61']);
    controller.abort();
    const err = await running;
    expect((err as ApplyError).reason).toBe('aborted');
    await expect(ex.exec('true', { step: 't' })).rejects.toMatchObject({ reason: 'aborted' });
    ex.close();
    expect(await goneWithin(tree, 8_000)).toEqual([]);
  }, 30_000);

  it('a dropped connection (socket destroyed) stops the running command too', async () => {
    const log = new StepLog({ log: () => undefined }, createMasker());
    const ex = await SshExecutor.connect({ target: server.ssh, hostKeys: memoryHostKeys(), log });
    const marker = `ch-drop-${randomUUID()}`;
    const running = ex.exec(`/bin/sh -c 'sleep 60; :' ${marker}`, { step: 't' }).catch((e: unknown) => e);
    const tree = await waitForTree(marker, ['sleep 60']);
    // What a killed worker leaves: the TCP connection torn down, no SSH close or channel EOF sent.
    (ex as unknown as { client: { _sock: Socket } }).client._sock.destroy();
    const err = await running;
    expect((err as ApplyError).reason).toBe('ssh_connect');
    expect(await goneWithin(tree, 8_000)).toEqual([]);
  }, 30_000);

  it('keeps exit codes, separate stdout/stderr, stdin and env through the watchdog', async () => {
    const log = new StepLog({ log: () => undefined }, createMasker());
    const ex = await SshExecutor.connect({ target: server.ssh, hostKeys: memoryHostKeys(), log });
    try {
      const r = await ex.exec('echo out; echo err >&2; read -r a; printf "%s|%s|" "$a" "$V"; cat; exit 7', {
        step: 't',
        env: { V: "it's v" },
        stdin: 'first\nrest\n',
        check: false,
        quiet: true,
      });
      expect(r).toEqual({ code: 7, stdout: "out\nfirst|it's v|rest\n", stderr: 'err\n' });
      // A background process the command leaves (a started daemon) is not killed when the command ends.
      const marker = `ch-keep-${randomUUID()}`;
      await ex.exec(`nohup /bin/sh -c 'sleep 30; :' ${marker} >/dev/null 2>&1 &`, { step: 't', quiet: true });
      const kept = await waitForTree(marker, ['sleep 30']);
      await new Promise((r) => setTimeout(r, 1500));
      expect(kept.filter((p) => alive(p))).toEqual(kept);
      for (const p of kept) process.kill(p.pid, 'SIGKILL');
    } finally {
      ex.close();
    }
  }, 30_000);

  it('a command of a workload waits for the lock a stale command of the same workload still holds', async () => {
    const log = new StepLog({ log: () => undefined }, createMasker());
    const lockDir = `${server.root}/locks-test`;
    const first = await SshExecutor.connect({ target: server.ssh, hostKeys: memoryHostKeys(), log, lockDir });
    const second = await SshExecutor.connect({
      target: server.ssh,
      hostKeys: memoryHostKeys(),
      log,
      lockDir,
    });
    try {
      const t0 = Date.now();
      const a = first.exec('sleep 1.5; echo a', { step: 't', workload: 'shop', quiet: true });
      await new Promise((r) => setTimeout(r, 300));
      const other = await second.exec('echo other', { step: 't', workload: 'blog', quiet: true });
      expect(Date.now() - t0).toBeLessThan(1200);
      const b = await second.exec('echo b', { step: 't', workload: 'shop', quiet: true });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
      expect([(await a).stdout, other.stdout, b.stdout]).toEqual(['a\n', 'other\n', 'b\n']);
    } finally {
      first.close();
      second.close();
    }
  }, 30_000);
});

interface Proc {
  pid: number;
  start: string;
}

/** pid, ppid and start time of every process, from /proc (never a broad pkill/pgrep). */
async function processTable(): Promise<{ pid: number; ppid: number; start: string; cmdline: string }[]> {
  const out = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = (await readFile(`/proc/${name}/cmdline`, 'utf8')).replace(/\0/g, ' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), start: fields[19] ?? '', cmdline });
    } catch {
      // The process ended while we read it.
    }
  }
  return out;
}

/** The processes whose argv holds `marker` and all their descendants, once each of `want` runs among them. */
async function waitForTree(marker: string, want: string[]): Promise<Proc[]> {
  for (let i = 0; i < 100; i++) {
    const table = await processTable();
    const found = new Map(table.filter((p) => p.cmdline.includes(marker)).map((p) => [p.pid, p]));
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of table)
        if (!found.has(p.pid) && found.has(p.ppid)) {
          found.set(p.pid, p);
          grew = true;
        }
    }
    const all = [...found.values()];
    if (want.every((w) => all.some((p) => p.cmdline.startsWith(w))))
      return all.map(({ pid, start }) => ({ pid, start }));
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no process tree with marker ${marker}`);
}

function alive(p: Proc): boolean {
  try {
    const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    // Same pid and start time: the same process (not a reused pid); a zombie counts as gone.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] === p.start && fields[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The processes of `tree` still alive after `ms` (polled, so it returns as soon as all are gone). */
async function goneWithin(tree: Proc[], ms: number): Promise<Proc[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = tree.filter(alive);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}
