#!/usr/bin/env node
// `pnpm deploy:web`: builds the web app for production and uploads web/dist to Cloudflare Pages.
//   CLOUDFLARE_PAGES_PROJECT     the Pages project name (required)
//   VITE_API_BASE_URL            worker-api's https origin, baked into the build (required)
//   VITE_CLERK_PUBLISHABLE_KEY   Clerk's publishable key, baked into the build (required: production signs in with Clerk)
//   CLOUDFLARE_PAGES_BRANCH      optional: deploy as this branch (a preview unless it is the production branch)
//   CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID   read by wrangler itself (or `wrangler login` on a workstation)
// `--build-only` builds and checks web/dist without uploading. The SPA fallback (web/public/_redirects) and
// the response headers (web/public/_headers) ship inside web/dist; Pages reads them from there.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'web', 'dist');
const buildOnly = process.argv.includes('--build-only');

function fail(message) {
  console.error(`[deploy:web] ${message}`);
  process.exit(1);
}

/** Names every missing or invalid variable (never a value). */
function checkEnv(env) {
  const problems = [];
  if (!buildOnly && !env.CLOUDFLARE_PAGES_PROJECT?.trim())
    problems.push('CLOUDFLARE_PAGES_PROJECT: required');
  const api = env.VITE_API_BASE_URL?.trim();
  if (!api) problems.push('VITE_API_BASE_URL: required (worker-api origin, e.g. https://api.example.com)');
  else {
    let url = null;
    try {
      url = new URL(api);
    } catch {
      problems.push('VITE_API_BASE_URL: must be a URL');
    }
    if (url && url.protocol !== 'https:') problems.push('VITE_API_BASE_URL: must be https');
  }
  const clerk = env.VITE_CLERK_PUBLISHABLE_KEY?.trim();
  if (!clerk) problems.push('VITE_CLERK_PUBLISHABLE_KEY: required (production signs in with Clerk)');
  else if (!/^pk_(live|test)_/.test(clerk)) {
    problems.push('VITE_CLERK_PUBLISHABLE_KEY: must be a Clerk publishable key (pk_live_… or pk_test_…)');
  }
  return problems;
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

const problems = checkEnv(process.env);
if (problems.length) fail(`environment is invalid:\n  ${problems.join('\n  ')}`);

run('pnpm', ['--filter', '@mos/web', 'build']);

// What Pages needs from the build: the entry page, the SPA fallback and the headers.
for (const file of ['index.html', '_redirects', '_headers']) {
  if (!existsSync(join(dist, file))) fail(`web/dist/${file} is missing after the build`);
}
if (!readFileSync(join(dist, '_redirects'), 'utf8').includes('/* /index.html 200')) {
  fail('web/dist/_redirects lacks the SPA fallback `/* /index.html 200`');
}
if (buildOnly) {
  console.log('[deploy:web] built web/dist (not uploaded: --build-only)');
  process.exit(0);
}

const git = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
const commit = git(['rev-parse', 'HEAD']);
const dirty = git(['status', '--porcelain']).stdout?.trim() !== '';
const args = [
  '--filter',
  '@mos/worker-api',
  'exec',
  'wrangler',
  'pages',
  'deploy',
  dist,
  '--project-name',
  process.env.CLOUDFLARE_PAGES_PROJECT.trim(),
  ...(process.env.CLOUDFLARE_PAGES_BRANCH ? ['--branch', process.env.CLOUDFLARE_PAGES_BRANCH] : []),
  ...(commit.status === 0 ? ['--commit-hash', commit.stdout.trim()] : []),
  ...(dirty ? ['--commit-dirty=true'] : []),
];
run('pnpm', args, { ...process.env, WRANGLER_SEND_METRICS: 'false' });
