#!/usr/bin/env node
// The README's two commands go through here: `npm run dev` and `npm test` (also `pnpm dev` / `pnpm test`).
// Runs on the machine's own Node (20 is enough): puts Node 24 and pnpm 12.4.2 on PATH, fetching both from
// the npm registry into ~/.cache/mos-toolchain when missing (the layout .ci/toolchain.sh uses), runs
// `pnpm install`, then the real command under Node 24:
//   node scripts/bootstrap.mjs dev    → tsx scripts/dev.ts      (the local stack)
//   node scripts/bootstrap.mjs test   → node scripts/test.mjs   (every suite, then `N passed, N failed`)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const NODE_VERSION = process.env.MOS_NODE_VERSION || '24.21.0';
const NODE_MAJOR = 24;
const PNPM_VERSION = '12.4.2';
const root = resolve(import.meta.dirname, '..');
const toolchainDir = process.env.MOS_TOOLCHAIN_DIR || join(homedir(), '.cache', 'mos-toolchain');

const commands = {
  dev: ['pnpm', ['exec', 'tsx', 'scripts/dev.ts']],
  test: ['node', ['scripts/test.mjs']],
};
const target = process.argv[2];
if (!(target in commands)) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(commands).join('|')}> [args...]`);
  process.exit(2);
}

// npm/pnpm run-script variables (npm_config_*, npm_execpath, ...) would configure the inner pnpm as
// the outer npm was configured; the child gets the user's environment without them.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

// The machine's own npm fetches the toolchain (before PATH points at Node 24, whose bundled npm has other config).
const machinePath = env.PATH ?? '';

function log(message) {
  console.log(`[bootstrap] ${message}`);
}

/** Output of `cmd args` (trimmed), or null when it cannot run. */
function probe(cmd, args, path = env.PATH) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...env, PATH: path } });
  return r.status === 0 ? r.stdout.trim() : null;
}

const npmSetting = (name) => {
  const value = probe('npm', ['config', 'get', name], machinePath);
  return value && value !== 'null' && value !== 'undefined' ? value : null;
};
// --prefix would also move npm's global config (${prefix}/etc/npmrc): keep the machine's (registry, cafile).
const npmGlobalconfig = npmSetting('globalconfig');
// A CA the machine's npm is told to trust (corporate proxies): Node 24 and pnpm trust it too.
const npmCafile = npmSetting('cafile');
if (npmCafile && !env.NODE_EXTRA_CA_CERTS && existsSync(npmCafile)) env.NODE_EXTRA_CA_CERTS = npmCafile;

function npmInstall(dir, spec) {
  mkdirSync(dir, { recursive: true });
  log(`fetching ${spec} from the npm registry into ${dir}`);
  const r = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      ...(npmGlobalconfig ? ['--globalconfig', npmGlobalconfig] : []),
      '--prefix',
      dir,
      spec,
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, PATH: machinePath, npm_config_update_notifier: 'false' },
    },
  );
  if (r.status !== 0) {
    console.error(`[bootstrap] npm install ${spec} failed (exit ${r.status ?? r.signal}); is npm on PATH?`);
    process.exit(1);
  }
}

function prependPath(dir) {
  env.PATH = `${dir}${delimiter}${env.PATH ?? ''}`;
}

// Node >= 24: the machine's own, else node-<platform>-<arch> from the npm registry (a package that ships
// the official binary).
if (Number(process.versions.node.split('.')[0]) < NODE_MAJOR) {
  if (process.platform === 'win32') {
    console.error(`[bootstrap] MOS needs Node >= ${NODE_MAJOR}; install it, then run pnpm directly`);
    process.exit(1);
  }
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(toolchainDir, `node-${NODE_VERSION}`);
  const bin = join(dir, 'node_modules', pkg, 'bin');
  if (!existsSync(join(bin, 'node'))) npmInstall(dir, `${pkg}@${NODE_VERSION}`);
  prependPath(bin);
}

// pnpm 12.4.2 (packageManager in package.json): the one on PATH when it is that version, else from npm.
if (probe('pnpm', ['--version']) !== PNPM_VERSION) {
  const dir = join(toolchainDir, `pnpm-${PNPM_VERSION}`);
  const bin = join(dir, 'node_modules', '.bin');
  if (!existsSync(join(bin, 'pnpm'))) npmInstall(dir, `pnpm@${PNPM_VERSION}`);
  prependPath(bin);
}
log(`node ${probe('node', ['--version'])}, pnpm ${probe('pnpm', ['--version'])}`);

/** Runs a command to its end under the prepared environment; resolves with its exit code. */
function run(cmd, args) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    // Ctrl-C in a terminal reaches the child too; a signal sent to this process alone (npm forwards one)
    // is passed on. Either way this process waits for the child to finish.
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      console.error(`[bootstrap] ${cmd}: ${err.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      done(code ?? (signal ? 1 : 0));
    });
  });
}

const installed = await run('pnpm', ['install']);
if (installed !== 0) {
  console.error(`[bootstrap] pnpm install failed (exit ${installed})`);
  process.exit(installed);
}
const [cmd, args] = commands[target];
process.exit(await run(cmd, [...args, ...process.argv.slice(3)]));
