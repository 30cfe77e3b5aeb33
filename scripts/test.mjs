#!/usr/bin/env node
// `pnpm test`: every suite of the repository, then one totals line ("N passed, N failed").
// Needs PostgreSQL: uses MOS_TEST_DATABASE_URL when set, otherwise starts a throwaway cluster
// from the machine's PostgreSQL binaries (Debian's postgresql package) and removes it afterwards.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const failedChecks = [];

function run(cmd, args, opts = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function freePort() {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
    srv.on('error', fail);
  });
}

function pgBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  return null;
}

/** Starts a private PostgreSQL cluster on a free port; returns its URL and a stop function. */
async function startThrowawayPostgres() {
  const bin = pgBinDir();
  if (!bin) {
    throw new Error(
      'PostgreSQL is needed for the tests: set MOS_TEST_DATABASE_URL, or install PostgreSQL (apt-get install postgresql)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'mos-test-pg-'));
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root, so the cluster belongs to the postgres system user then.
  const as = (args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0], args.slice(1)]);
  if (asRoot) {
    chmodSync(dir, 0o777);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  // Password auth like a real server (a test checks that a wrong password is refused).
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'mos\n', { mode: 0o644 });
  const init = spawnSync(
    ...as([
      join(bin, 'initdb'),
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'scram-sha-256',
      `--pwfile=${pwfile}`,
      '-E',
      'UTF8',
      '--no-sync',
    ]),
    { encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200`;
  const start = spawnSync(
    ...as([join(bin, 'pg_ctl'), '-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']),
    {
      encoding: 'utf8',
    },
  );
  if (start.status !== 0)
    throw new Error(`pg_ctl start failed: ${start.stderr}${readFileSync(join(dir, 'log'), 'utf8')}`);
  const create = spawnSync(
    join(bin, 'createdb'),
    ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'mos_test'],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: 'mos' } },
  );
  if (create.status !== 0) throw new Error(`createdb failed: ${create.stderr}`);
  return {
    url: `postgres://postgres:mos@127.0.0.1:${port}/mos_test`,
    stop() {
      spawnSync(...as([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function vitest(label, args) {
  const out = join(root, `.vitest-results-${label}.json`);
  rmSync(out, { force: true });
  const code = await run('pnpm', [
    'exec',
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ]);
  if (!existsSync(out)) {
    totals.failed += 1;
    failures.push(`${label}: vitest produced no results (exit ${code})`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A file that failed to load has no failed tests but must still fail the run.
  const broken = r.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  );
  totals.failed += broken.length;
  for (const f of broken)
    failures.push(`${label}: ${f.name} failed to run: ${f.message?.split('\n')[0] ?? ''}`);
  if (code !== 0 && r.numFailedTests === 0 && broken.length === 0) {
    totals.failed += 1;
    failures.push(`${label}: vitest exited ${code}`);
  }
}

/**
 * Lint, typecheck and the Worker build are checks, not tests: they are left out of the totals, and a
 * failed one fails the run and is named above the totals line.
 */
async function check(label, cmd, args, opts = {}) {
  const code = await run(cmd, args, opts);
  if (code !== 0) failedChecks.push(`${label} failed (exit ${code})`);
}

/** The production Worker bundle, built as `wrangler deploy` builds it (dry run, minified, nothing uploaded). */
async function workerBuild() {
  const outdir = mkdtempSync(join(tmpdir(), 'mos-worker-build-'));
  try {
    await check(
      'Worker build (wrangler deploy --dry-run --minify)',
      'pnpm',
      [
        '--filter',
        '@mos/worker-api',
        'exec',
        'wrangler',
        'deploy',
        '--dry-run',
        '--minify',
        '--outdir',
        outdir,
        '--config',
        join(root, 'wrangler.toml'),
      ],
      { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

let pg = null;
// Interrupted (Ctrl-C, a CI timeout): the throwaway cluster still goes away.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    pg?.stop();
    process.exit(130);
  });
}
try {
  if (!process.env.MOS_TEST_DATABASE_URL) {
    pg = await startThrowawayPostgres();
    process.env.MOS_TEST_DATABASE_URL = pg.url;
    console.log(`[test] started a throwaway PostgreSQL at ${pg.url}`);
  }
  await check('lint (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
  await check('typecheck', 'pnpm', ['typecheck']);
  await workerBuild();
  await vitest('node', ['--config', 'vitest.config.ts']);
  if (existsSync(join(root, 'worker-api/vitest.workerd.config.ts'))) {
    await vitest('workerd', ['--config', 'worker-api/vitest.workerd.config.ts']);
  }
  // The browser suite: Debian's Chromium against the real local stack (web/e2e/support/stack.ts).
  await vitest('e2e', ['--config', 'web/vitest.e2e.config.ts']);
} catch (err) {
  totals.failed += 1;
  failures.push(err instanceof Error ? err.message : String(err));
} finally {
  pg?.stop();
}

if (failures.length) {
  console.log('\nFailures:');
  for (const f of failures) console.log(`  - ${f}`);
}
if (failedChecks.length) {
  console.log('\nFailed checks (not counted as tests; the run fails):');
  for (const f of failedChecks) console.log(`  - ${f}`);
}
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 || failedChecks.length > 0 ? 1 : 0);
