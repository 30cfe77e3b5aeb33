import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApplyError,
  certbotCommand,
  createMasker,
  envFileLine,
  gitAuthHeader,
  gitEnv,
  MASK,
  maskSecrets,
  nodeInstallCommand,
  nodeMajor,
  parseServerIps,
  renderUnit,
  SshExecutor,
  StepLog,
  systemdQuote,
  terraformEnv,
  terraformStep,
  unitsOf,
} from '../src/apply/index';
import { parsePlan } from '../src/plan/schema';
import { freePort, terraformStandIn } from '../src/testing/index';
import { collectingReporter, memoryHostKeys } from './support/apply-fixtures';

const run = promisify(execFile);

describe('masking', () => {
  it('masks secrets, their base64 and lines, URL credentials and Authorization headers', () => {
    const token = 'ghp_abcdefghijklmnop';
    const pem = '-----BEGIN KEY-----\nAAAABBBBCCCCDDDD\n-----END KEY-----';
    const text = [
      `token ${token} here`,
      `b64 ${Buffer.from(token).toString('base64')}`,
      'line AAAABBBBCCCCDDDD of a key',
      'clone https://user:pass123@github.com/o/r.git',
      `header ${gitAuthHeader('other-token-xyz')}`,
    ].join('\n');
    const out = maskSecrets(text, [token, pem]);
    expect(out).not.toContain(token);
    expect(out).not.toContain(Buffer.from(token).toString('base64'));
    expect(out).not.toContain('AAAABBBBCCCCDDDD');
    expect(out).not.toContain('pass123');
    expect(out).toContain(`https://${MASK}@github.com/o/r.git`);
    expect(out).not.toContain(Buffer.from('x-access-token:other-token-xyz').toString('base64'));
  });

  it('masks the URL-encoded and base64 (UTF-8) forms of a non-ASCII secret', () => {
    const secret = 'pä/ss+wörd=1';
    const out = maskSecrets(
      `q=${encodeURIComponent(secret)} b=${Buffer.from(secret).toString('base64')} raw=${secret}`,
      [secret],
    );
    expect(out).toBe(`q=${MASK} b=${MASK} raw=${MASK}`);
  });

  it('a step log masks values registered later and keeps order with an async reporter', async () => {
    const lines: string[] = [];
    const log = new StepLog(
      {
        log: async (l) => {
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          lines.push(l.message);
        },
      },
      createMasker(),
    );
    log.mask.add('late-secret-1234');
    for (let i = 0; i < 20; i++) log.line('s', `line ${i} late-secret-1234`);
    await log.flush();
    expect(lines).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i} ${MASK}`));
  });
});

describe('command builders', () => {
  it('certbot: certonly by webroot for every name, email or explicit no-email', () => {
    expect(
      certbotCommand({
        certbot: 'certbot',
        names: ['a.example.com', 'b.example.com'],
        webroot: '/var/www/letsencrypt',
        email: 'ops@example.com',
      }),
    ).toBe(
      "certbot certonly --webroot -w '/var/www/letsencrypt' --cert-name 'a.example.com' -d 'a.example.com' -d 'b.example.com' --non-interactive --agree-tos --keep-until-expiring --email 'ops@example.com'",
    );
    expect(
      certbotCommand({ certbot: 'certbot', names: ['a.example.com'], webroot: '/w', email: null }),
    ).toContain('--register-unsafely-without-email');
  });

  it('Node 24 from NodeSource only when node is missing or older', () => {
    expect(nodeInstallCommand()).toContain('https://deb.nodesource.com/setup_24.x');
    expect(nodeMajor('v24.21.0\n')).toBe(24);
    expect(nodeMajor('v20.19.2')).toBe(20);
    expect(nodeMajor('')).toBeNull();
  });

  it('a unit with the reference fields, the command literal through /bin/sh', () => {
    const unit = renderUnit({
      unit: 'shop',
      description: 'shop',
      workingDirectory: '/opt/apps/shop/current',
      command: 'node server.mjs --name "a b" 100% $HOME',
      envFiles: ['/etc/cloudhand/env/shop.env', '-/opt/apps/shop/current/.env'],
    });
    for (const l of [
      'Description=shop',
      'After=network.target',
      'Type=simple',
      'User=root',
      'WorkingDirectory=/opt/apps/shop/current',
      'Restart=always',
      'EnvironmentFile=/etc/cloudhand/env/shop.env',
      'EnvironmentFile=-/opt/apps/shop/current/.env',
      'WantedBy=multi-user.target',
    ])
      expect(unit.split('\n')).toContain(l);
    expect(unit).toContain(`ExecStart=/bin/sh -c "node server.mjs --name \\"a b\\" 100%% $$HOME"`);
    expect(systemdQuote('a\\b')).toBe('"a\\\\b"');
    expect(envFileLine('K', 'say "hi" $X `y` \\')).toBe('K="say \\"hi\\" \\$X \\`y\\` \\\\"');
  });

  it('the git token is sent only to the repository origin, as an extra header', () => {
    const env = gitEnv('https://github.com/acme/shop.git', 'tok123');
    expect(env.GIT_CONFIG_KEY_0).toBe('http.https://github.com/.extraheader');
    expect(env.GIT_CONFIG_VALUE_0).toBe(gitAuthHeader('tok123'));
    expect(gitEnv('git@github.com:acme/shop.git', 'tok123')).toEqual({ GIT_TERMINAL_PROMPT: '0' });
    expect(gitEnv('https://github.com/acme/shop.git', null)).toEqual({ GIT_TERMINAL_PROMPT: '0' });
  });
});

describe('terraform step', () => {
  const spec = parsePlan({
    new_spec: {
      provider: 'hetzner',
      region: 'nbg1',
      instances: [
        { name: 'a', size: 'cx23' },
        { name: 'b', size: 'cx23' },
      ],
    },
  }).new_spec;

  it('parses server_ips and refuses anything else', () => {
    expect(parseServerIps('{"server_ips":{"value":{"a":"1.2.3.4"}}}')).toEqual({ a: '1.2.3.4' });
    expect(parseServerIps('{}')).toEqual({});
    expect(() => parseServerIps('nope')).toThrow(ApplyError);
    expect(() => parseServerIps('{"server_ips":{"value":{"a":1}}}')).toThrow(/server_ips\.a/);
  });

  it('a failing terraform command fails the step with its reason', async () => {
    const tf = await terraformStandIn({ failOn: 'apply' });
    const dir = await mkdtemp(join(tmpdir(), 'ch-tfw-'));
    try {
      const reporter = collectingReporter();
      const err = await terraformStep({
        spec,
        workDir: dir,
        terraformBin: tf.bin,
        hcloudToken: 'h',
        sshPublicKey: 'k',
        reporter,
      }).catch((e: unknown) => e);
      expect((err as ApplyError).reason).toBe('terraform_failed');
      expect((err as ApplyError).message).toContain(
        'terraform apply -auto-approve -input=false failed (exit 1)',
      );
      expect((await tf.calls()).map((c) => c.argv[0])).toEqual(['init', 'apply']);
    } finally {
      await tf.remove();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the stand-in refuses a config that is not JSON, and returns every server at 127.0.0.1', async () => {
    const tf = await terraformStandIn();
    const dir = await mkdtemp(join(tmpdir(), 'ch-tfw-'));
    try {
      await writeFile(join(dir, 'cdk.tf.json'), '{ not json');
      await expect(run(tf.bin, ['apply', '-auto-approve'], { cwd: dir })).rejects.toThrow(/Invalid JSON/);
      const r = await terraformStep({
        spec,
        workDir: dir,
        terraformBin: tf.bin,
        hcloudToken: 'h',
        sshPublicKey: 'k',
        reporter: collectingReporter(),
      });
      expect(r.serverIps).toEqual({ a: '127.0.0.1', b: '127.0.0.1' });
    } finally {
      await tf.remove();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the hcloud token reaches terraform only through its env and never a log line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ch-tfw-'));
    const bin = join(dir, 'tf');
    // A terraform that prints what it got: the token from TF_VAR_hcloud_token and its own argv.
    await writeFile(
      bin,
      `#!/bin/sh\nif [ "$1" = output ]; then echo '{"server_ips":{"value":{}}}'; exit 0; fi\necho "argv: $*"\necho "token is $TF_VAR_hcloud_token" >&2\n`,
    );
    await chmod(bin, 0o755);
    try {
      const reporter = collectingReporter();
      await terraformStep({
        spec,
        workDir: join(dir, 'w'),
        terraformBin: bin,
        hcloudToken: 'hc-secret-token-42',
        sshPublicKey: 'k',
        reporter,
      });
      const text = reporter.text();
      expect(text).toContain(`token is ${MASK}`);
      expect(text).not.toContain('hc-secret-token-42');
      expect(text).toContain('argv: init -input=false');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ssh executor', () => {
  it('retries a server that does not answer, then gives up with ssh_connect', async () => {
    const port = await freePort();
    const reporter = collectingReporter();
    const log = new StepLog(reporter, createMasker());
    const err = await SshExecutor.connect({
      target: { host: '127.0.0.1', port, username: 'root', privateKey: 'x' },
      hostKeys: memoryHostKeys(),
      log,
      connect: { attempts: 3, delayMs: 10 },
    }).catch((e: unknown) => e);
    await log.flush();
    expect((err as ApplyError).reason).toBe('ssh_connect');
    expect((err as ApplyError).message).toContain('after 3 attempts');
    expect(reporter.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });
});

describe('units of a workload', () => {
  it('a mos_worker workload runs one unit per service of mosWorkerServices, a git workload one', () => {
    const spec = parsePlan({
      new_spec: {
        provider: 'hetzner',
        region: 'nbg1',
        instances: [
          {
            name: 'w',
            size: 'cx23',
            workloads: [
              {
                name: 'mos-worker',
                source_type: 'mos_worker',
                repo_url: 'https://github.com/acme/mos.git',
                mos_worker: { relay_port: 8787, funnel_proxy_port: 8790 },
                service_config: {
                  environment: { NODE_ENV: 'production', DATABASE_URL: { secret: 'DATABASE_URL' } },
                },
              },
              {
                name: 'app',
                repo_url: '/srv/app.git',
                service_config: { command: 'node s.mjs', ports: [3000] },
              },
            ],
          },
        ],
      },
    }).new_spec;
    const [mw, app] = spec.instances[0]?.workloads ?? [];
    if (!mw || !app) throw new Error('workloads missing');
    const units = unitsOf(mw);
    expect(units.map((u) => [u.unit, u.port])).toEqual([
      ['mos-worker', null],
      ['mos-worker-relay', 8787],
      ['mos-worker-funnel-proxy', 8790],
    ]);
    expect(units[2]?.environment.DATABASE_URL).toEqual({ secret: 'DATABASE_URL' });
    expect(unitsOf(app).map((u) => [u.unit, u.command, u.port])).toEqual([['app', 'node s.mjs', 3000]]);
  });
});

describe('terraform env', () => {
  it('passes what terraform needs and none of the parent process secrets', () => {
    const env = terraformEnv({
      PATH: '/usr/bin',
      HOME: '/root',
      HTTPS_PROXY: 'http://proxy:3128',
      TF_PLUGIN_CACHE_DIR: '/cache',
      TF_VAR_hcloud_token: 'stale',
      DATABASE_URL: 'postgres://secret',
      MOS_SECRETS_KEY: 'k',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/root',
      HTTPS_PROXY: 'http://proxy:3128',
      TF_PLUGIN_CACHE_DIR: '/cache',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
    });
  });
});
