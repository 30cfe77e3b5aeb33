import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMasker, SshExecutor, StepLog } from '../src/apply/index';
import type { ApplyLogLine, HostKeyStore } from '../src/apply/types';
import { type LocalServer, startLocalServer } from '../src/testing/index';

function memoryKeys(): HostKeyStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: async (h) => map.get(h) ?? null,
    pin: async (h, f) => {
      map.set(h, f);
    },
  };
}

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
    const keys = memoryKeys();
    const ex = await SshExecutor.connect({ target: server.ssh, hostKeys: keys, log });
    try {
      expect(ex.hostKey).toBe(server.hostKeyFingerprint);
      const v = await ex.exec('node --version', { step: 't', quiet: true });
      expect(Number(/^v(\d+)/.exec(v.stdout)?.[1])).toBeGreaterThanOrEqual(24);
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
      expect(Number(pid)).toBeGreaterThan(0);
      await ex.exec(`${layout.systemctl} stop hello`, { step: 't' });
      const after = await ex.exec(`${layout.systemctl} is-active hello`, { step: 't', check: false });
      expect(after.code).toBe(3);
    } finally {
      ex.close();
    }
    await log.flush();
    expect(lines.some((l) => l.message.includes('$ node --version'))).toBe(false);
    expect(lines.some((l) => l.message.startsWith('Pinned host key'))).toBe(true);
  });
});
