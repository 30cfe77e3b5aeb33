/**
 * The deploy screens stay out of the first route: the production build is read back (Vite's manifest) and the
 * Deploy route must be a lazy chunk, and neither its code nor the plan model's (`@mos/cloudhand/plan`) may be
 * reachable from index.html or the route a signed-in user lands on (/inbox) without a lazy import in between.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const DEPLOY_ROUTE = 'src/routes/deploy/index.tsx';
const FIRST_ROUTE = 'src/routes/inbox.tsx';

let dist = '';
let manifest: Manifest = {};

/** Files a manifest key loads before it runs: itself and its static imports. */
function staticClosure(key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imp of chunk.imports ?? []) staticClosure(imp, into);
  return into;
}

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'mos-deploy-bundle-'));
  await buildWeb(dist, 'http://127.0.0.1:9');
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
}, 240_000);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the deploy bundle', () => {
  it('is a lazy route, and neither it nor the plan model loads with the first route', () => {
    const deploy = manifest[DEPLOY_ROUTE];
    expect(deploy?.isDynamicEntry).toBe(true);
    expect(manifest['index.html']?.dynamicImports).toContain(DEPLOY_ROUTE);
    expect(manifest['index.html']?.imports ?? []).not.toContain(DEPLOY_ROUTE);

    const first = staticClosure('index.html');
    staticClosure(FIRST_ROUTE, first);
    // Files holding deploy code: the route's own chunk and any chunk whose text has the plan model's messages.
    const deployFiles = Object.values(manifest)
      .map((c) => c.file)
      .filter((f) => f.endsWith('.js'))
      .filter((f) => {
        const text = readFileSync(join(dist, f), 'utf8');
        return (
          text.includes('must be a Hetzner server type') || text.includes('Waiting for the first log line')
        );
      });
    // The markers are found (else the check below would pass vacuously), and none is in the first route.
    expect(deployFiles).not.toEqual([]);
    expect(deployFiles.filter((f) => first.has(f))).toEqual([]);
  });
});
