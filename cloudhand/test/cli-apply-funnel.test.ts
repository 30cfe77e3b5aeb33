import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapPlan, funnelWorkloadPatch, patchWorkload } from '../src/plan';
import {
  type LocalServer,
  startLocalServer,
  type TerraformStandIn,
  terraformStandIn,
} from '../src/testing/index';
import { call } from './support/nginx-fixtures';
import { runCh } from './support/run';

/**
 * `ch apply` and `ch status` end to end, spawned as a user runs them: the recording terraform stand-in, then the
 * local server (sshd + nginx on loopback) deploys a published funnel, fetched through nginx by its host name.
 */
const HCLOUD_TOKEN = 'hcloud-token-for-the-cli-test-never-logged';
const PUBLIC_ID = 'pub_cli1';

const ch = (cwd: string, env: Record<string, string>, ...args: string[]) => runCh(args, { cwd, env });

describe('ch apply and ch status on a local server', () => {
  let server: LocalServer;
  let tf: TerraformStandIn;
  let upstream: Server;
  let upstreamUrl = '';
  const dir = mkdtempSync(join(tmpdir(), 'ch-cli-apply-'));

  beforeAll(async () => {
    server = await startLocalServer();
    tf = await terraformStandIn();
    upstream = createServer((req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<html><body>funnel page ${req.url}</body></html>`);
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const addr = upstream.address();
    upstreamUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await tf?.remove();
    await new Promise((r) => upstream?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys the plan, pins the host key, records the apply, and refuses without the hcloud token', async () => {
    const { patch, accessUrls } = funnelWorkloadPatch({
      publicId: PUBLIC_ID,
      serverNames: ['shop.test'],
      https: false,
      destinationPath: server.appsDir,
      upstreamBaseUrl: upstreamUrl,
      upstreamApiBaseUrl: `${upstreamUrl}/f/${PUBLIC_ID}`,
    });
    const plan = patchWorkload(bootstrapPlan({ instanceName: 'web-1' }), patch, {
      createIfMissing: true,
    }).plan;
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    writeFileSync(join(dir, 'key'), server.ssh.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, 'key.pub'), server.publicKey);
    writeFileSync(join(dir, 'layout.json'), JSON.stringify(server.layout));
    const args = [
      'apply',
      'plan.json',
      '--terraform-bin',
      tf.bin,
      '--ssh-key',
      'key',
      '--ssh-port',
      String(server.ssh.port),
      '--ssh-user',
      server.ssh.username,
      '--layout',
      'layout.json',
    ];

    const refused = await ch(dir, { HCLOUD_TOKEN: '', TF_VAR_hcloud_token: '' }, ...args);
    expect(refused).toMatchObject({
      code: 1,
      stderr: 'ch: set HCLOUD_TOKEN (or TF_VAR_hcloud_token) in the environment\n',
    });
    // A secret the plan references must be given (CH_SECRET_<NAME> or --secrets-file) before anything runs.
    const withSecret = patchWorkload(
      plan,
      {
        name: 'api',
        repo_url: 'https://example.com/api.git',
        service_config: { command: 'node api.js', environment: { API_KEY: { secret: 'API_KEY' } } },
      },
      { createIfMissing: true },
    ).plan;
    writeFileSync(join(dir, 'secret-plan.json'), JSON.stringify(withSecret));
    const noSecret = await ch(
      dir,
      { HCLOUD_TOKEN, CH_SECRET_API_KEY: '' },
      ...args.map((a) => (a === 'plan.json' ? 'secret-plan.json' : a)),
    );
    expect(noSecret).toMatchObject({
      code: 1,
      stderr: 'ch: secret API_KEY is not set (CH_SECRET_API_KEY or --secrets-file)\n',
    });
    expect((await tf.calls()).length).toBe(0);

    const r = await ch(dir, { HCLOUD_TOKEN, TF_VAR_hcloud_token: '' }, ...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(HCLOUD_TOKEN);
    // On a real server nginx listens on 80 (the patch's URL); the local one listens on its own port.
    expect(accessUrls(null, null)).toEqual(['http://shop.test/']);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`http://shop.test:${server.nginxPort}/`);
    expect((await tf.calls()).map((c) => c.argv[0])).toEqual(['init', 'apply', 'output']);

    const page = await call(`http://127.0.0.1:${server.nginxPort}/f/${PUBLIC_ID}/landing`, {
      host: 'shop.test',
    });
    expect({ status: page.status, body: page.body }).toEqual({
      status: 200,
      body: `<html><body>funnel page /f/${PUBLIC_ID}/landing</body></html>`,
    });

    // The project's state under ./cloudhand: the spec as applied (ports assigned), the pinned key, the record.
    const root = join(dir, 'cloudhand');
    const applied = JSON.parse(readFileSync(join(root, 'spec.json'), 'utf8'));
    // printf 'web-1:funnel-pub_cli1' | sha256sum … the rule gives the funnel a port even with host names.
    expect(applied.instances[0].workloads[0].service_config.ports[0]).toBeGreaterThanOrEqual(20000);
    const pinned = JSON.parse(readFileSync(join(root, 'host-keys.json'), 'utf8')) as Record<string, string>;
    expect(Object.values(pinned)).toEqual([server.hostKeyFingerprint]);
    expect(existsSync(join(root, 'last-apply.json'))).toBe(true);

    const status = await ch(dir, {}, 'status');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      /^last apply \S+ \(release \d{8}T\d{6}Z\) of .*plan\.json\n {2}web-1\t127\.0\.0\.1\t/,
    );
    expect(status.stdout).toContain(`  http://shop.test:${server.nginxPort}/\n`);
    for (const f of ['spec.json', 'last-apply.json', 'host-keys.json'])
      expect(readFileSync(join(root, f), 'utf8')).not.toContain(HCLOUD_TOKEN);
  }, 120_000);

  it('without --ssh-key: makes the project key once (mode 600), and a failing terraform is exit 1', async () => {
    const failing = await terraformStandIn({ failOn: 'init' });
    try {
      const keys = join(dir, 'keys');
      writeFileSync(join(dir, 'plain.json'), JSON.stringify(bootstrapPlan({ instanceName: 'web-2' })));
      const env = { HCLOUD_TOKEN, CLOUDHAND_KEYS_DIR: keys };
      const args = [
        'apply',
        'plain.json',
        '--root',
        'other/cloudhand',
        '--project',
        'My Shop',
        '--terraform-bin',
        failing.bin,
      ];
      const r = await ch(dir, env, ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^ch: .*init/m);
      expect(r.stderr).not.toContain(HCLOUD_TOKEN);
      const key = join(keys, 'My_Shop_id_ed25519');
      expect(statSync(key).mode & 0o777).toBe(0o600);
      const pub = readFileSync(`${key}.pub`, 'utf8');
      expect(pub).toMatch(/^ssh-ed25519 \S+ cloudhand-My_Shop\n$/);
      // The same key on the next run, and terraform got its public half (names only are recorded).
      await ch(dir, env, ...args);
      expect(readFileSync(`${key}.pub`, 'utf8')).toBe(pub);
      const calls = await failing.calls();
      expect(calls.map((c) => c.argv[0])).toEqual(['init', 'init']);
      expect(calls[0]?.tfVars).toEqual(['TF_VAR_hcloud_token', 'TF_VAR_ssh_public_key']);
    } finally {
      await failing.remove();
    }
  });
});
