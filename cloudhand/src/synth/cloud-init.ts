import { DEFAULT_ALLOWED_ORIGINS, type DesiredStateSpec, type InstanceSpec } from '../plan/schema';
import { toYaml, type YamlValue } from './yaml';

/**
 * First-boot cloud-init for a server (reference §7.3, adapted): nginx, unattended security upgrades with the
 * original's auto-reboot policy, root by key only, and only the runtimes the instance's workloads need
 * (Node 24 from NodeSource for nodejs and mos_worker, docker.io for docker, python3 for python).
 */

/** Terraform reads `${…}` and `%{…}` in any string as template syntax; literal text must escape them. */
export function escapeTerraformTemplate(text: string): string {
  // Replacer functions: in a replacement string `$$` would itself collapse to `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** The Terraform variable the root key comes from; cloud-init receives the key once Terraform renders it. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform expression, not a JS template
export const SSH_PUBLIC_KEY_REF = '${var.ssh_public_key}';

export interface MaintenanceSettings {
  enabled: boolean;
  allowed_origins: string[];
  auto_reboot: boolean;
  auto_reboot_time: string;
}

/** Stateful servers (labels `stateful=true`, `role=db|postgres`) are not rebooted behind their owner's back. */
export function autoRebootDefault(labels: Record<string, string>): boolean {
  const stateful = labels.stateful?.trim().toLowerCase() === 'true';
  const role = labels.role?.trim().toLowerCase();
  return !(stateful || role === 'db' || role === 'postgres');
}

/** The instance's maintenance policy, or the default one with the label-driven auto-reboot rule. */
export function maintenanceFor(instance: InstanceSpec): MaintenanceSettings {
  const policy = instance.maintenance?.unattended_upgrades;
  if (policy) return { ...policy, allowed_origins: [...policy.allowed_origins] };
  return {
    enabled: true,
    allowed_origins: [...DEFAULT_ALLOWED_ORIGINS],
    auto_reboot: autoRebootDefault(instance.labels),
    auto_reboot_time: '04:00',
  };
}

export interface RuntimeNeeds {
  node: boolean;
  docker: boolean;
  python: boolean;
  certbot: boolean;
}

/** Which runtimes the instance's workloads need; funnel publications are served by nginx and need none. */
export function runtimeNeeds(instance: InstanceSpec): RuntimeNeeds {
  const built = instance.workloads.filter((w) => w.source_type !== 'funnel_publication');
  return {
    node: built.some((w) => w.source_type === 'mos_worker' || w.runtime === 'nodejs'),
    docker: built.some((w) => w.source_type === 'git' && w.runtime === 'docker'),
    python: built.some((w) => w.source_type === 'git' && w.runtime === 'python'),
    certbot: instance.workloads.some((w) => w.service_config.https),
  };
}

const BASE_PACKAGES = ['git', 'curl', 'nginx', 'unattended-upgrades', 'ca-certificates'];

export function cloudInitPackages(instance: InstanceSpec): string[] {
  const needs = runtimeNeeds(instance);
  const extra = [
    ...(needs.docker ? ['docker.io'] : []),
    ...(needs.python ? ['python3', 'python3-pip', 'python3-venv'] : []),
    ...(needs.certbot ? ['certbot'] : []),
    ...instance.workloads.flatMap((w) => w.build_config.system_packages),
  ];
  return [...BASE_PACKAGES, ...[...new Set(extra)].filter((p) => !BASE_PACKAGES.includes(p)).sort()];
}

function autoUpgradesFile(m: MaintenanceSettings): string {
  const on = m.enabled ? '1' : '0';
  return `APT::Periodic::Update-Package-Lists "${on}";\nAPT::Periodic::Unattended-Upgrade "${on}";\n`;
}

function unattendedUpgradesFile(m: MaintenanceSettings): string {
  const origins = m.allowed_origins.map((o) => `        "${o.replace(/["\\]/g, '')}";`).join('\n');
  return [
    'Unattended-Upgrade::Allowed-Origins {',
    origins,
    '};',
    `Unattended-Upgrade::Automatic-Reboot "${m.auto_reboot ? 'true' : 'false'}";`,
    `Unattended-Upgrade::Automatic-Reboot-Time "${m.auto_reboot_time}";`,
    '',
  ].join('\n');
}

function timerOverride(time: string): string {
  return `[Timer]\nOnCalendar=\nOnCalendar=*-*-* ${time}\nRandomizedDelaySec=0\n`;
}

const SSHD_DROP_IN =
  'PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n';

const file = (path: string, content: string): YamlValue => ({
  path,
  owner: 'root:root',
  permissions: '0644',
  content,
});

/** The cloud-config document as a value (Terraform escaping not applied yet). */
export function cloudConfig(instance: InstanceSpec): { [key: string]: YamlValue } {
  const m = maintenanceFor(instance);
  const needs = runtimeNeeds(instance);
  const runcmd: string[] = [
    // Hetzner images can expire root's password on first login; root logs in by key only, password locked.
    'chage -I -1 -m 0 -M 99999 -E -1 root',
    'passwd -l root',
    'systemctl reload ssh || systemctl reload sshd || true',
    'systemctl daemon-reload',
    'systemctl restart apt-daily.timer apt-daily-upgrade.timer',
    ...(needs.node
      ? [
          'curl -fsSL https://deb.nodesource.com/setup_24.x -o /tmp/nodesource_setup_24.sh',
          'bash /tmp/nodesource_setup_24.sh',
          'apt-get install -y nodejs',
        ]
      : []),
    ...(needs.docker ? ['systemctl enable --now docker'] : []),
    'systemctl enable --now nginx',
  ];
  return {
    package_update: true,
    package_upgrade: true,
    packages: cloudInitPackages(instance),
    ssh_pwauth: false,
    disable_root: false,
    users: [{ name: 'root', ssh_authorized_keys: [SSH_PUBLIC_KEY_REF] }],
    write_files: [
      file('/etc/apt/apt.conf.d/20auto-upgrades', autoUpgradesFile(m)),
      file('/etc/apt/apt.conf.d/50unattended-upgrades', unattendedUpgradesFile(m)),
      file('/etc/systemd/system/apt-daily.timer.d/override.conf', timerOverride('02:00')),
      file('/etc/systemd/system/apt-daily-upgrade.timer.d/override.conf', timerOverride('02:15')),
      file('/etc/ssh/sshd_config.d/60-cloudhand.conf', SSHD_DROP_IN),
    ],
    runcmd,
  };
}

/**
 * The server's user_data as Terraform receives it: a `#cloud-config` document whose literal `${` and `%{` are
 * escaped, with `${var.ssh_public_key}` left for Terraform to fill in. `spec` is the plan the instance belongs to.
 */
export function cloudInit(instance: InstanceSpec, spec: DesiredStateSpec): string {
  if (!spec.instances.some((i) => i.name === instance.name))
    throw new Error(`instance ${instance.name} is not part of the plan`);
  const yaml = toYaml(cloudConfig(instance));
  // Escape everything, then restore the one reference Terraform must resolve.
  const escaped = escapeTerraformTemplate(yaml).replaceAll(
    escapeTerraformTemplate(SSH_PUBLIC_KEY_REF),
    SSH_PUBLIC_KEY_REF,
  );
  return `#cloud-config\n${escaped}`;
}
