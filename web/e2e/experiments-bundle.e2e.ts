/**
 * The experiment screens stay out of the first route, and the CSV parser out of every route until a file is picked:
 * the production build is read back (Vite's manifest and the emitted files). The first route (index.html and
 * /inbox) is held to the same gzip budget `pnpm bench:web` reports against.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './support/stack';

interface ManifestChunk {
  file: string;
  src?: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const EXPERIMENTS_ROUTE = 'src/routes/experiments/index.tsx';
const FIRST_ROUTE = 'src/routes/inbox.tsx';
/** bench/web.ts's budget for the first route's JavaScript. */
const BUDGET_GZIP_BYTES = 200 * 1024;
/** A message only papaparse's code carries. */
const PAPAPARSE_TEXT = 'UndetectableDelimiter';
/** Text only the experiment page renders. */
const EXPERIMENT_TEXT = 'No interval yet: the chart starts';

let dist = '';
let manifest: Manifest = {};

function staticClosure(key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imp of chunk.imports ?? []) staticClosure(imp, into);
  return into;
}

const jsFiles = () =>
  [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith('.js'));
const filesWith = (text: string) =>
  jsFiles().filter((f) => readFileSync(join(dist, f), 'utf8').includes(text));

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'mos-experiments-bundle-'));
  await buildWeb(dist, 'http://127.0.0.1:9');
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
}, 240_000);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the experiments bundle', () => {
  it('is a lazy route whose code is not in the first route', () => {
    expect(manifest[EXPERIMENTS_ROUTE]?.isDynamicEntry).toBe(true);
    expect(manifest['index.html']?.dynamicImports).toContain(EXPERIMENTS_ROUTE);
    const first = staticClosure('index.html');
    staticClosure(FIRST_ROUTE, first);
    const pageFiles = filesWith(EXPERIMENT_TEXT);
    expect(pageFiles).not.toEqual([]);
    expect(pageFiles.filter((f) => first.has(f))).toEqual([]);
  });

  it('loads papaparse only when a file is picked: a chunk of its own, reached by a dynamic import', () => {
    const parser = filesWith(PAPAPARSE_TEXT);
    expect(parser).toHaveLength(1);
    const key = Object.keys(manifest).find((k) => manifest[k]?.file === parser[0]);
    expect(key).toBeDefined();
    // No chunk imports it statically: every route, the experiment page included, reaches it only on demand.
    const staticImporters = Object.values(manifest).filter((c) => c.imports?.includes(key ?? ''));
    expect(staticImporters).toEqual([]);
    expect(manifest[key ?? '']?.isDynamicEntry).toBe(true);
  });

  it('keeps the first route within the bench budget', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const first = new Set<string>();
    for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g))
      if (m[1]) first.add(m[1]);
    for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g))
      if (m[1]) first.add(m[1]);
    staticClosure(FIRST_ROUTE, first);
    const gzip = [...first].reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);
    console.log(`first route: ${first.size} files, ${(gzip / 1024).toFixed(1)} KB gzip (budget 200 KB)`);
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
});
