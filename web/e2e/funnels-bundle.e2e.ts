/**
 * The page editor's weight stays with the page editor: the production build is read back (Vite's manifest and the
 * emitted files) and every file carrying Puck's code or CSS must be reachable only through the editor route's
 * chunk, never from index.html or any other route.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from './support/stack';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const EDITOR_SRC = 'src/routes/funnels/editor.tsx';
/** Text only the editor route renders: finds its chunk when Rollup keys it by chunk name (it is in an import cycle). */
const EDITOR_TEXT = 'The draft was not saved:';
/** Strings only Puck's runtime and its stylesheet contain (attribute names and CSS-module class prefixes). */
const PUCK_JS = ['data-puck-component', 'data-puck-dropzone'];
const PUCK_CSS = ['_Puck_', '_PuckFields_'];

let dist = '';
let manifest: Manifest = {};
let EDITOR = '';

function editorKey(): string {
  const bySrc = Object.keys(manifest).find((k) => manifest[k]?.src === EDITOR_SRC);
  if (bySrc) return bySrc;
  const byText = Object.entries(manifest).filter(
    ([, c]) => c.file.endsWith('.js') && readFileSync(join(dist, c.file), 'utf8').includes(EDITOR_TEXT),
  );
  if (byText.length !== 1) throw new Error(`expected one editor chunk, found ${byText.length}`);
  return byText[0]?.[0] ?? '';
}

/** Files a manifest key loads: itself, its static imports and their CSS; with `dynamic`, lazy imports too. */
function closure(key: string, dynamic: boolean, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imp of chunk.imports ?? []) closure(imp, dynamic, into);
  if (dynamic) for (const imp of chunk.dynamicImports ?? []) closure(imp, dynamic, into);
  return into;
}

const filesWith = (ext: string, needles: string[]) =>
  readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith(ext))
    .map((f) => `assets/${f}`)
    .filter((f) => {
      const text = readFileSync(join(dist, f), 'utf8');
      return needles.some((n) => text.includes(n));
    });

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'mos-bundle-'));
  await buildWeb(dist, 'http://127.0.0.1:9');
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  EDITOR = editorKey();
}, 240_000);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the Puck editor bundle', () => {
  it('is its own lazy chunk, and Puck’s code and CSS are only reachable through it', () => {
    const editor = manifest[EDITOR];
    expect(editor?.isDynamicEntry).toBe(true);
    // index.html's entry loads it only lazily.
    expect(manifest['index.html']?.dynamicImports).toContain(EDITOR);
    expect(manifest['index.html']?.imports ?? []).not.toContain(EDITOR);
    const editorAll = closure(EDITOR, true);
    const puckJs = filesWith('.js', PUCK_JS);
    const puckCss = filesWith('.css', PUCK_CSS);
    // The markers are found at all (the check below would pass vacuously otherwise), and only under the editor.
    expect(puckJs.length).toBeGreaterThan(0);
    expect(puckCss.length).toBeGreaterThan(0);
    for (const f of [...puckJs, ...puckCss])
      expect(editorAll.has(f), `${f} outside the editor's chunks`).toBe(true);

    // No other entry (index.html's, each route's) reaches a Puck file without going through the editor's chunk.
    // Puck's own lazy parts are dynamic entries too: they may hold Puck, but only the editor's chunks import them.
    const offenders: string[] = [];
    for (const [key, chunk] of Object.entries(manifest)) {
      if (key === EDITOR || !(chunk.isEntry || chunk.isDynamicEntry)) continue;
      if (key.includes('@puckeditor')) {
        for (const [, c] of Object.entries(manifest))
          if (c.dynamicImports?.includes(key) && !editorAll.has(c.file))
            offenders.push(`${c.file} imports ${key}`);
        continue;
      }
      const reach = closure(key, false);
      for (const f of [...puckJs, ...puckCss]) if (reach.has(f)) offenders.push(`${key} → ${f}`);
    }
    expect(offenders).toEqual([]);
  });

  it('keeps Puck out of index.html: no script, preload or stylesheet of it', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(referenced.length).toBeGreaterThan(0);
    const puck = new Set([...filesWith('.js', PUCK_JS), ...filesWith('.css', PUCK_CSS)]);
    expect(referenced.filter((f) => puck.has(f))).toEqual([]);
    // Nor inline: the shell's own CSS has none of Puck's classes.
    for (const n of PUCK_CSS) expect(html.includes(n)).toBe(false);
  });
});
