import { readFile } from 'node:fs/promises';
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

  it('an abort stops a running command and closes the connection', async () => {
    const log = new StepLog({ log: () => undefined }, createMasker());
    const controller = new AbortController();
    const ex = await SshExecutor.connect({
      target: server.ssh,
      hostKeys: memoryHostKeys(),
      log,
      signal: controller.signal,
    });
    const running = ex.exec('sleep 30', { step: 't' }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 300);
    const err = await running;
    expect((err as ApplyError).reason).toBe('aborted');
    await expect(ex.exec('true', { step: 't' })).rejects.toMatchObject({ reason: 'aborted' });
    ex.close();
  });
});
