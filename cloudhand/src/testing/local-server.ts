import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ResolvedServerLayout } from '../apply/types';
import { mainConf } from './nginx';
import { freePort, stopChild, waitFor } from './process';

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';
const NGINX = '/usr/sbin/nginx';

export interface SshKeyPair {
  privateKey: string;
  publicKey: string;
}

/** A fresh ed25519 key pair from ssh-keygen (OpenSSH format, which ssh2 reads). */
export async function generateSshKeyPair(comment = 'cloudhand-test'): Promise<SshKeyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'ch-key-'));
  try {
    const file = join(dir, 'id');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
    return {
      privateKey: await readFile(file, 'utf8'),
      publicKey: (await readFile(`${file}.pub`, 'utf8')).trim(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sshBanner(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = new Socket();
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('error', () => done(false));
    sock.once('data', (d) => done(d.toString().startsWith('SSH-')));
    sock.connect(port, '127.0.0.1');
  });
}

async function requireTool(path: string, hint: string): Promise<void> {
  try {
    await access(path, fsConstants.X_OK);
  } catch {
    throw new Error(`${path} is missing: ${hint}`);
  }
}

async function commandExists(name: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${name}`]).then(
    () => true,
    () => false,
  );
}

export interface LocalServerOptions {
  /** Public keys allowed to log in (the project's key); a key pair is generated when none is given. */
  authorizedKeys?: string[];
}

export interface LocalServer {
  /** Where the apply engine connects (`ServerStepOptions.ssh`). */
  ssh: { host: string; port: number; username: string; privateKey: string };
  /** The public key matching `ssh.privateKey`. */
  publicKey: string;
  /** sshd's own host key fingerprint (`SHA256:…`), what the engine pins. */
  hostKeyFingerprint: string;
  layout: ResolvedServerLayout;
  /** The port nginx listens on (the sites' `listen`). */
  nginxPort: number;
  /** The server's folder: apps go under `<root>/apps`, unit logs under `<root>/run/<unit>.log`. */
  root: string;
  appsDir: string;
  /** Gives sshd a different host key (as a rebuilt server would have), restarting it on the same port. */
  rotateHostKey(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A local "server" for end-to-end deploys without a cloud: sshd from apt on a free loopback port with its own host
 * key and config (root login by key only, no PAM), a real nginx with its own prefix and free port, and a
 * `systemctl` stand-in (this machine has no systemd; see stand-in-systemctl.mjs). Node 24 (this process's node)
 * comes first on the sessions' PATH, as cloud-init installs it on a real server.
 */
export async function startLocalServer(opts: LocalServerOptions = {}): Promise<LocalServer> {
  await requireTool(SSHD, 'install openssh-server (apt-get install openssh-server)');
  await requireTool(NGINX, 'install nginx (apt-get install nginx-light)');
  for (const tool of ['ss', 'git', 'curl', 'ssh-keygen'])
    if (!(await commandExists(tool)))
      throw new Error(
        `${tool} is missing on this machine: install it (ss: iproute2, git, curl, openssh-client)`,
      );

  const root = await mkdtemp(join(tmpdir(), 'ch-server-'));
  const dirs = {
    ssh: join(root, 'ssh'),
    nginx: join(root, 'nginx'),
    bin: join(root, 'bin'),
    run: join(root, 'run'),
    apps: join(root, 'apps'),
  };
  for (const d of Object.values(dirs)) await mkdir(d, { recursive: true });
  // sshd refuses to start without its privilege separation directory.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  const client = opts.authorizedKeys?.length ? null : await generateSshKeyPair();
  const authorized = client ? [client.publicKey] : (opts.authorizedKeys ?? []);
  await writeFile(join(dirs.ssh, 'authorized_keys'), `${authorized.join('\n')}\n`, { mode: 0o600 });

  const hostKey = join(dirs.ssh, 'ssh_host_ed25519_key');
  const makeHostKey = async () => {
    await rm(hostKey, { force: true });
    await rm(`${hostKey}.pub`, { force: true });
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`]);
    return stdout.split(/\s+/)[1] ?? '';
  };
  let fingerprint = await makeHostKey();

  const sshPort = await freePort();
  const nodeDir = dirname(process.execPath);
  const sessionPath = `${dirs.bin}:${nodeDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
  const sshdConfig = join(dirs.ssh, 'sshd_config');
  await writeFile(
    sshdConfig,
    [
      `Port ${sshPort}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dirs.ssh, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dirs.ssh, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PrintMotd no',
      'MaxSessions 100',
      'MaxStartups 100:30:200',
      `SetEnv PATH=${sessionPath}`,
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );

  let sshd: ChildProcess | null = null;
  const startSshd = async () => {
    sshd = spawn(SSHD, ['-D', '-e', '-f', sshdConfig], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    sshd.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await waitFor(() => sshBanner(sshPort), `sshd on 127.0.0.1:${sshPort}`).catch((err: Error) => {
      throw new Error(`${err.message}: ${stderr.trim()}`);
    });
  };
  const stopSshd = async () => {
    const p = sshd;
    sshd = null;
    if (p) await stopChild(p, 'SIGTERM');
  };
  await startSshd();

  const nginxPort = await freePort();
  const conf = join(dirs.nginx, 'nginx.conf');
  const layout: ResolvedServerLayout = {
    nginxSitesAvailable: join(dirs.nginx, 'sites-available'),
    nginxSitesEnabled: join(dirs.nginx, 'sites-enabled'),
    nginxTest: `${NGINX} -t -q -p ${dirs.nginx} -c ${conf}`,
    nginxReload: `${NGINX} -s reload -p ${dirs.nginx} -c ${conf}`,
    nginxCacheDir: join(dirs.nginx, 'cache'),
    systemdDir: join(root, 'systemd'),
    envDir: join(root, 'env'),
    systemctl: join(dirs.bin, 'systemctl'),
    httpPort: nginxPort,
    httpsPort: await freePort(),
    acmeWebroot: join(root, 'acme'),
    certDir: join(root, 'letsencrypt', 'live'),
    certbot: join(dirs.bin, 'certbot'),
    stateDir: join(root, 'state'),
  };
  for (const d of [
    layout.nginxSitesAvailable,
    layout.nginxSitesEnabled,
    layout.nginxCacheDir,
    layout.systemdDir,
    layout.acmeWebroot,
    join(dirs.nginx, 'logs'),
    join(dirs.nginx, 'tmp'),
  ])
    await mkdir(d, { recursive: true });
  await writeFile(
    conf,
    mainConf({ prefix: dirs.nginx, sitesDir: layout.nginxSitesEnabled }, { daemon: false, mimeTypes: true }),
  );
  const nginx = spawn(NGINX, ['-p', dirs.nginx, '-c', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let nginxErr = '';
  nginx.stderr?.on('data', (d: Buffer) => {
    nginxErr += d.toString();
  });
  // No site yet, so nginx listens nowhere until the first apply (as a fresh server's nginx without sites).
  await waitFor(
    async () =>
      nginx.exitCode === null && (await readFile(join(dirs.nginx, 'nginx.pid'), 'utf8')).trim() !== '',
    'nginx',
  ).catch((err: Error) => {
    throw new Error(`${err.message}: ${nginxErr.trim()}`);
  });

  await writeFile(
    layout.systemctl,
    [
      '#!/bin/sh',
      '# systemctl stand-in: this machine has no systemd (see stand-in-systemctl.mjs).',
      `export CH_STANDIN_SYSTEMD_DIR='${layout.systemdDir}'`,
      `export CH_STANDIN_RUN_DIR='${dirs.run}'`,
      `exec '${process.execPath}' '${fileURLToPath(new URL('./stand-in-systemctl.mjs', import.meta.url))}' "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(layout.systemctl, 0o755);

  // certbot stand-in: Let's Encrypt cannot be reached from here. It does what the CA's http-01 check does (puts a
  // token in the webroot and fetches it through nginx on port 80's stand-in for every name), then issues a
  // self-signed certificate where certbot keeps real ones. A name nginx does not route to the webroot fails.
  await writeFile(
    layout.certbot,
    [
      '#!/bin/sh',
      'webroot=; name=; domains=',
      'while [ $# -gt 0 ]; do case "$1" in -w) webroot=$2; shift;; --cert-name) name=$2; shift;; -d) domains="$domains $2"; shift;; esac; shift; done',
      '[ -n "$webroot" ] && [ -n "$name" ] && [ -n "$domains" ] || { echo "certbot stand-in: need -w, --cert-name and -d" >&2; exit 2; }',
      'token=$(od -An -N16 -tx1 /dev/urandom | tr -d " \n")',
      'mkdir -p "$webroot/.well-known/acme-challenge" && printf %s "$token" > "$webroot/.well-known/acme-challenge/$token"',
      'for d in $domains; do',
      `  got=$(curl -s --max-time 5 -H "Host: $d" "http://127.0.0.1:${nginxPort}/.well-known/acme-challenge/$token")`,
      '  [ "$got" = "$token" ] || { echo "Challenge failed for domain $d" >&2; rm -f "$webroot/.well-known/acme-challenge/$token"; exit 1; }',
      'done',
      'rm -f "$webroot/.well-known/acme-challenge/$token"',
      `live='${layout.certDir}'/"$name"; mkdir -p "$live"`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a JS template
      'san=$(for d in $domains; do printf "DNS:%s," "$d"; done); san=${san%,}',
      'openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$name" -addext "subjectAltName=$san" -keyout "$live/privkey.pem" -out "$live/fullchain.pem" 2>/dev/null',
      'echo "Successfully received certificate (stand-in) for$domains"',
      '',
    ].join('\n'),
  );
  await chmod(layout.certbot, 0o755);

  const { username } = userInfo();
  return {
    ssh: {
      host: '127.0.0.1',
      port: sshPort,
      username,
      privateKey: client?.privateKey ?? '',
    },
    publicKey: client?.publicKey ?? authorized[0] ?? '',
    get hostKeyFingerprint() {
      return fingerprint;
    },
    layout,
    nginxPort,
    root,
    appsDir: dirs.apps,
    async rotateHostKey() {
      await stopSshd();
      fingerprint = await makeHostKey();
      await startSshd();
      return fingerprint;
    },
    async stop() {
      await stopSshd();
      // Every unit the stand-in started (their process groups), then nginx.
      await run(layout.systemctl, ['stop', ...(await unitNames(layout.systemdDir))]).catch(() => undefined);
      await stopChild(nginx, 'SIGQUIT');
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function unitNames(systemdDir: string): Promise<string[]> {
  return (await readdir(systemdDir).catch(() => [] as string[])).filter((f) => f.endsWith('.service'));
}
