// The production Worker bundle as wrangler builds it for `wrangler deploy` (minified, dry run), measured:
// raw and gzip size of the script against the 250 KB gzip budget, and the inputs that weigh most.
// Used by `pnpm bench:api`; alone: `tsx bench/worker-bundle.ts`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** 250 KB gzip, counted in KiB as wrangler prints sizes. */
export const BUNDLE_GZIP_BUDGET_BYTES = 250 * 1024;

export interface WorkerBundleSize {
  rawBytes: number;
  gzipBytes: number;
  /** The largest inputs by bytes in the minified output: package (or file) → bytes. */
  heaviest: { input: string; bytes: number }[];
}

const wranglerConfig = fileURLToPath(new URL('../../wrangler.toml', import.meta.url));
const workerApiDir = fileURLToPath(new URL('..', import.meta.url));

/** Groups an esbuild input path by its npm package (pnpm's store layout included), else by workspace folder. */
function groupOf(input: string): string {
  const parts = input.split('node_modules/');
  const last = parts[parts.length - 1] ?? input;
  if (parts.length > 1) {
    const segs = last.split('/');
    return segs[0]?.startsWith('@') ? `${segs[0]}/${segs[1]}` : (segs[0] ?? last);
  }
  const m = /(?:^|\/)(db|worker-api)\/src\//.exec(input);
  return m ? `@mos/${m[1]}` : input;
}

/** Builds with `wrangler deploy --dry-run --minify` into a temporary folder; throws with wrangler's output on failure. */
export function buildWorkerBundle(): WorkerBundleSize {
  const outdir = mkdtempSync(join(tmpdir(), 'mos-worker-bundle-'));
  try {
    const res = spawnSync(
      'pnpm',
      [
        'exec',
        'wrangler',
        'deploy',
        '--dry-run',
        '--minify',
        '--outdir',
        outdir,
        '--metafile',
        join(outdir, 'meta.json'),
        '--config',
        wranglerConfig,
      ],
      {
        cwd: workerApiDir,
        encoding: 'utf8',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      },
    );
    if (res.status !== 0) {
      throw new Error(`wrangler deploy --dry-run failed (exit ${res.status}):\n${res.stdout}${res.stderr}`);
    }
    const script = readFileSync(join(outdir, 'worker.js'));
    const meta = JSON.parse(readFileSync(join(outdir, 'meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs?: Record<string, { bytesInOutput: number }> }>;
    };
    const byGroup = new Map<string, number>();
    for (const output of Object.values(meta.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
        const g = groupOf(input);
        byGroup.set(g, (byGroup.get(g) ?? 0) + bytesInOutput);
      }
    }
    const heaviest = [...byGroup.entries()]
      .map(([input, bytes]) => ({ input, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8);
    return { rawBytes: script.length, gzipBytes: gzipSync(script, { level: 9 }).length, heaviest };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The report bench:api prints. */
export function printWorkerBundle(size: WorkerBundleSize): void {
  const within = size.gzipBytes <= BUNDLE_GZIP_BUDGET_BYTES;
  console.log('\nWorker bundle (wrangler deploy --dry-run --minify)');
  console.log(`  raw ${kib(size.rawBytes)}, gzip ${kib(size.gzipBytes)}`);
  console.log(
    `  gzip budget ≤ ${kib(BUNDLE_GZIP_BUDGET_BYTES)}: ${within ? 'within' : 'OVER'} (${((100 * size.gzipBytes) / BUNDLE_GZIP_BUDGET_BYTES).toFixed(0)}% of budget)`,
  );
  console.log('  heaviest inputs (minified bytes):');
  for (const h of size.heaviest) console.log(`    ${h.input.padEnd(34)} ${kib(h.bytes)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printWorkerBundle(buildWorkerBundle());
}
