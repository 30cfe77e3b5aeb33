// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions and apt placeholders, not JS templates
import {
  autoRebootDefault,
  cloudConfig,
  cloudInit,
  cloudInitPackages,
  maintenanceFor,
  toYaml,
  type YamlValue,
} from '@mos/cloudhand/synth';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstanceSpec } from '../src/plan/schema';
import {
  bootstrapPlan,
  existingNetworkPlan,
  maintenancePlan,
  spec,
  twoServersPlan,
} from './support/synth-plans';
import { readYaml, resolvePlain, type YamlRead } from './support/yaml-reader';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyKeyKey deploy@cloudhand';

/**
 * What Terraform does to user_data before the server sees it: `${var.ssh_public_key}` becomes the key, `$${` and
 * `%%{` become `${` and `%{`. Any other expression or directive would be a Terraform error, so it fails here.
 */
function renderLikeTerraform(template: string): string {
  return template.replace(/\$\$\{|%%\{|\$\{([^}]*)\}|%\{/g, (match, expr: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    if (expr?.trim() === 'var.ssh_public_key') return KEY;
    throw new Error(`Terraform would evaluate ${match}`);
  });
}

function instance(plan: { instances: InstanceSpec[] }, name: string): InstanceSpec {
  const found = plan.instances.find((i) => i.name === name);
  if (!found) throw new Error(`fixture has no ${name}`);
  return found;
}

/** The cloud-config a server boots with, read back with YAML 1.1's rules. */
function bootConfig(plan: Parameters<typeof cloudInit>[1], name: string): Record<string, YamlRead> {
  const rendered = renderLikeTerraform(cloudInit(instance(plan, name), plan));
  expect(rendered.startsWith('#cloud-config\n')).toBe(true);
  return readYaml(rendered) as Record<string, YamlRead>;
}

function file(config: Record<string, YamlRead>, path: string): string {
  const files = config.write_files as { path: string; content: string; permissions: string }[];
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} in write_files`);
  expect(found.permissions).toBe('0644');
  return found.content;
}

describe('cloudInit: the document a server boots with', () => {
  it('reads back (after Terraform renders it) as exactly the cloud-config it was built from', () => {
    for (const plan of [bootstrapPlan, twoServersPlan, existingNetworkPlan, maintenancePlan])
      for (const inst of plan.instances) {
        const expected = JSON.parse(
          JSON.stringify(cloudConfig(inst)).replaceAll('${var.ssh_public_key}', KEY),
        );
        expect(bootConfig(plan, inst.name)).toEqual(expected);
      }
  });

  it('updates and upgrades packages, installs the base set, and lets root in by key only', () => {
    const config = bootConfig(bootstrapPlan, 'mos-worker');
    expect(config).toMatchObject({
      package_update: true,
      package_upgrade: true,
      ssh_pwauth: false,
      disable_root: false,
      users: [{ name: 'root', ssh_authorized_keys: [KEY] }],
    });
    expect(file(config, '/etc/ssh/sshd_config.d/60-cloudhand.conf')).toContain(
      'PermitRootLogin prohibit-password',
    );
    expect(file(config, '/etc/ssh/sshd_config.d/60-cloudhand.conf')).toContain('PasswordAuthentication no');
    expect(config.runcmd).toContain('passwd -l root');
    expect(config.runcmd).toContain('systemctl enable --now nginx');
  });

  it('pins the apt timers to 02:00 and 02:15', () => {
    const config = bootConfig(twoServersPlan, 'web-1');
    expect(file(config, '/etc/systemd/system/apt-daily.timer.d/override.conf')).toBe(
      '[Timer]\nOnCalendar=\nOnCalendar=*-*-* 02:00\nRandomizedDelaySec=0\n',
    );
    expect(file(config, '/etc/systemd/system/apt-daily-upgrade.timer.d/override.conf')).toContain(
      'OnCalendar=*-*-* 02:15\n',
    );
  });

  it('writes apt’s own ${distro_id} placeholders through Terraform unchanged', () => {
    const template = cloudInit(instance(twoServersPlan, 'web-1'), twoServersPlan);
    expect(template).toContain('"$${distro_id}:$${distro_codename}-security";');
    const content = file(bootConfig(twoServersPlan, 'web-1'), '/etc/apt/apt.conf.d/50unattended-upgrades');
    expect(content).toBe(
      [
        'Unattended-Upgrade::Allowed-Origins {',
        '        "${distro_id}:${distro_codename}-security";',
        '        "${distro_id}ESMApps:${distro_codename}-apps-security";',
        '        "${distro_id}ESM:${distro_codename}-infra-security";',
        '};',
        'Unattended-Upgrade::Automatic-Reboot "true";',
        'Unattended-Upgrade::Automatic-Reboot-Time "04:00";',
        '',
      ].join('\n'),
    );
  });

  it('refuses an instance of another plan', () => {
    expect(() => cloudInit(instance(twoServersPlan, 'web-1'), bootstrapPlan)).toThrow(/not part of the plan/);
  });
});

describe('cloudInit: runtimes only where a workload needs them', () => {
  const git = (name: string, runtime: 'nodejs' | 'python' | 'docker' | 'static' | 'go') => ({
    name,
    repo_url: 'https://github.com/acme/app.git',
    runtime,
    service_config: { command: 'run' },
  });
  const funnel = {
    name: 'lp',
    source_type: 'funnel_publication' as const,
    source_ref: {
      public_id: 'abc',
      upstream_base_url: 'https://worker.example.com',
      upstream_api_base_url: 'https://worker.example.com/f/abc',
    },
    service_config: { https: true, server_names: ['lp.example.com'] },
  };
  const NODE = 'curl -fsSL https://deb.nodesource.com/setup_24.x -o /tmp/nodesource_setup_24.sh';

  it.each<[string, object[], string[], boolean]>([
    ['no workloads', [], [], false],
    ['a nodejs app', [git('a', 'nodejs')], [], true],
    ['a python app', [git('a', 'python')], ['python3', 'python3-pip', 'python3-venv'], false],
    ['a docker app', [git('a', 'docker')], ['docker.io'], false],
    ['a static site', [git('a', 'static')], [], false],
    ['a funnel publication with https (runtime defaults to nodejs)', [funnel], ['certbot'], false],
    ['the MOS worker', bootstrapPlan.instances[0]?.workloads ?? [], ['certbot'], true],
  ])('%s', (_name, workloads, extra, node) => {
    const plan = spec({
      provider: 'hetzner',
      region: 'nbg1',
      instances: [{ name: 's', size: 'cx23', workloads: workloads as never }],
    });
    const inst = instance(plan, 's');
    const base = ['git', 'curl', 'nginx', 'unattended-upgrades', 'ca-certificates'];
    expect(cloudInitPackages(inst)).toEqual([...base, ...extra]);
    const config = bootConfig(plan, 's');
    expect(config.packages).toEqual([...base, ...extra]);
    expect((config.runcmd as string[]).includes(NODE)).toBe(node);
    expect((config.runcmd as string[]).includes('apt-get install -y nodejs')).toBe(node);
    expect((config.runcmd as string[]).includes('systemctl enable --now docker')).toBe(
      extra.includes('docker.io'),
    );
  });

  it('adds the workloads’ system packages once', () => {
    const plan = spec({
      provider: 'hetzner',
      region: 'nbg1',
      instances: [
        {
          name: 's',
          size: 'cx23',
          workloads: [
            { ...git('a', 'static'), build_config: { system_packages: ['imagemagick', 'git'] } },
            { ...git('b', 'static'), build_config: { system_packages: ['imagemagick', 'ffmpeg'] } },
          ],
        },
      ],
    });
    expect(cloudInitPackages(instance(plan, 's'))).toEqual([
      'git',
      'curl',
      'nginx',
      'unattended-upgrades',
      'ca-certificates',
      'ffmpeg',
      'imagemagick',
    ]);
  });
});

describe('unattended upgrades and auto-reboot', () => {
  it.each<[Record<string, string>, boolean]>([
    [{}, true],
    [{ role: 'web' }, true],
    [{ stateful: 'false' }, true],
    [{ stateful: 'true' }, false],
    [{ stateful: 'TRUE' }, false],
    [{ role: 'db' }, false],
    [{ role: 'postgres' }, false],
    [{ role: 'Postgres' }, false],
    [{ role: 'postgres-exporter' }, true],
    [{ role: 'web', stateful: 'true' }, false],
  ])('labels %j → auto-reboot %s', (labels, expected) => {
    expect(autoRebootDefault(labels)).toBe(expected);
  });

  const settings = (name: string) => {
    const config = bootConfig(maintenancePlan, name);
    return {
      auto: file(config, '/etc/apt/apt.conf.d/20auto-upgrades'),
      unattended: file(config, '/etc/apt/apt.conf.d/50unattended-upgrades'),
    };
  };

  it.each<[string, boolean, string]>([
    ['plain', true, '04:00'],
    ['stateful', false, '04:00'],
    ['postgres', false, '04:00'],
    // A policy wins over the labels (role=db would say no reboot).
    ['policy', true, '03:30'],
    ['off', false, '04:00'],
  ])('%s reboots: %s at %s', (name, reboot, time) => {
    const { unattended } = settings(name);
    expect(unattended).toContain(`Unattended-Upgrade::Automatic-Reboot "${reboot}";`);
    expect(unattended).toContain(`Unattended-Upgrade::Automatic-Reboot-Time "${time}";`);
    expect(maintenanceFor(instance(maintenancePlan, name)).auto_reboot).toBe(reboot);
  });

  it('turns the periodic runs off when the policy disables unattended upgrades', () => {
    expect(settings('off').auto).toBe(
      'APT::Periodic::Update-Package-Lists "0";\nAPT::Periodic::Unattended-Upgrade "0";\n',
    );
    expect(settings('plain').auto).toBe(
      'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n',
    );
  });

  it('writes a policy’s own allowed origins', () => {
    expect(settings('policy').unattended).toContain(
      '        "${distro_id}:${distro_codename}-security";\n        "Docker:${distro_codename}";\n};',
    );
  });
});

describe('the YAML writer', () => {
  it('quotes what YAML 1.1 would read as something else', () => {
    // The reader resolves plain scalars as PyYAML does; unquoted, these would not come back as strings.
    expect(resolvePlain('0644')).toBe(420);
    expect(resolvePlain('2:00')).toBe(120);
    expect(resolvePlain('12:30')).toBe(750);
    expect(resolvePlain('yes')).toBe(true);
    expect(resolvePlain('1e3')).toBe('1e3');
    for (const s of [
      '0644',
      '02:00',
      'yes',
      'on',
      'null',
      '~',
      '1.5',
      '-',
      'a: b',
      'x #y',
      '#c',
      ' lead',
      'trail ',
      '',
    ])
      expect(readYaml(toYaml({ v: s }))).toEqual({ v: s });
    expect(toYaml({ permissions: '0644', time: '02:00' })).toBe('permissions: "0644"\ntime: "02:00"\n');
  });

  it('writes files as literal blocks with the right chomping', () => {
    expect(toYaml({ a: 'x\ny\n', b: 'x\ny', c: 'x\n\n', d: [] })).toBe(
      'a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\nd: []\n',
    );
    for (const s of [
      'x\ny\n',
      'x\ny',
      'x\n\n',
      'x\n\n\n',
      '\nx\n',
      'x\n  y\n',
      'x\n \ny',
      'x\n  ',
      ' x\ny',
      'a\r\nb',
    ])
      expect(readYaml(toYaml({ list: [s, { k: s }] }))).toEqual({ list: [s, { k: s }] });
  });

  it('round-trips any document through a YAML 1.1 reader', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom(
        'yes',
        'No',
        '02:00',
        '0644',
        '1e3',
        '~',
        'a: b',
        '#x',
        'x\n',
        'x\n\n',
        ' x\ny',
        '"q"',
        "'s'",
        '- a',
      ),
    );
    const value: fc.Arbitrary<YamlValue> = fc.letrec<{ v: YamlValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), value, { minKeys: 1, maxKeys: 5 }), (doc) => {
        // -0 is written as 0, which is the same number to YAML.
        const expected = JSON.parse(JSON.stringify(doc)) as unknown;
        expect(readYaml(toYaml(doc))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
