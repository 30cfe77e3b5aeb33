import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli';
import {
  type LocalServer,
  startLocalServer,
  type TerraformStandIn,
  terraformStandIn,
} from '../src/testing/index';
import { fetchUntil } from './support/apply-fixtures';
import { commitRepo } from './support/run';

// Ports follow from instance and workload names; a name of its own keeps a parallel run elsewhere off ours.
const INSTANCE = `cli-${Math.random().toString(36).slice(2, 8)}`;

describe('ch apply on the local server', () => {
  let server: LocalServer;
  let tf: TerraformStandIn;
  let dir: string;
  beforeAll(async () => {
    server = await startLocalServer();
    tf = await terraformStandIn();
    dir = await mkdtemp(join(tmpdir(), 'ch-cli-'));
    const work = join(dir, 'app');
    await commitRepo(work, {
      'server.mjs':
        "import http from 'node:http';\nhttp.createServer((q, s) => s.end('cli app ' + process.env.MESSAGE)).listen(Number(process.env.PORT), '127.0.0.1');\n",
    });
    await writeFile(join(dir, 'id'), server.ssh.privateKey, { mode: 0o600 });
    await writeFile(join(dir, 'id.pub'), `${server.publicKey}\n`);
    await writeFile(join(dir, 'layout.json'), JSON.stringify(server.layout));
    await writeFile(
      join(dir, 'plan.json'),
      JSON.stringify({
        new_spec: {
          provider: 'hetzner',
          region: 'nbg1',
          instances: [
            {
              name: INSTANCE,
              size: 'cx23',
              workloads: [
                {
                  name: 'cliapp',
                  repo_url: work,
                  service_config: {
                    command: 'node server.mjs',
                    environment: { MESSAGE: { secret: 'MESSAGE' } },
                    server_names: ['cli.test'],
                  },
                  destination_path: server.appsDir,
                },
              ],
            },
          ],
        },
      }),
    );
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    await tf?.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it('terraform, then the server over SSH; prints the access URL and records the apply for status', async () => {
    let out = '';
    let err = '';
    const io = {
      stdout: (t: string) => {
        out += t;
      },
      stderr: (t: string) => {
        err += t;
      },
      env: {
        HCLOUD_TOKEN: 'cli-hcloud-token-secret',
        TERRAFORM_BIN: tf.bin,
        CH_SECRET_MESSAGE: 'hello-from-a-secret',
        PATH: process.env.PATH,
      },
      cwd: dir,
    };
    const code = await runCli(
      [
        'apply',
        'plan.json',
        '--root',
        'state',
        '--ssh-key',
        'id',
        '--ssh-user',
        server.ssh.username,
        '--ssh-port',
        String(server.ssh.port),
        '--layout',
        'layout.json',
      ],
      io,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`http://cli.test:${server.nginxPort}/`);
    expect(out).not.toContain('cli-hcloud-token-secret');
    expect(out).not.toContain('hello-from-a-secret');
    const res = await fetchUntil(`http://127.0.0.1:${server.nginxPort}/`, 'cli.test', (_b, s) => s === 200);
    expect(res.body).toBe('cli app hello-from-a-secret');
    expect((await tf.calls()).map((c) => c.argv[0])).toEqual(['init', 'apply', 'output']);
    const pinned = JSON.parse(await readFile(join(dir, 'state', 'host-keys.json'), 'utf8'));
    expect(pinned[`127.0.0.1:${server.ssh.port}`]).toBe(server.hostKeyFingerprint);

    const status: string[] = [];
    expect(await runCli(['status', '--root', 'state'], { ...io, stdout: (t) => void status.push(t) })).toBe(
      0,
    );
    expect(status.join('')).toContain(`${INSTANCE}\t127.0.0.1`);
  }, 90_000);
});
