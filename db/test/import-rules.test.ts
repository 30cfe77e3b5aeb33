/**
 * The import rules of the monorepo, checked over every source and test file of every package: each import,
 * `export … from`, dynamic import, require, vi.mock path and `new URL(relative, import.meta.url)`. It lives in
 * db because db is the package every other builds on and its suite runs in plain Node.
 *
 *   - no relative path leaves its package (other packages are imported by name);
 *   - no package imports temporal-worker; worker-api and temporal-worker never import each other; nothing imports
 *     the web app; the block library `@mos/funnel-blocks` (web/funnel-blocks) imports no other @mos package;
 *   - cloudhand imports no other @mos package (its CLI runs without MOS; MOS imports it);
 *   - the statistics engine `@mos/stats` imports no other @mos package, and its source nothing of Node (pure: the
 *     API, the worker, the web app and a benchmark all run the very same functions);
 *   - routers (worker-api/src/routers) never import `@mos/db` (only `@mos/db/contracts` and `@mos/db/artifacts`);
 *   - web imports db only as `@mos/db/contracts` / `@mos/db/artifacts` (its tests also `@mos/db/testing/v1-examples`,
 *     documents in the shapes stored before issue 8), no database driver, worker-api only with
 *     `import type`, and its app code (not tests) nothing of Node, Hono or Temporal;
 *   - workflows (temporal-worker/src/workflows) import only `@temporalio/workflow`, `@mos/db/contracts`,
 *     `@mos/db/artifacts`, other workflow modules, and activity modules with `import type`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PACKAGES = [
  'db',
  'worker-api',
  'web',
  'temporal-worker',
  'cloudhand',
  'stats',
  'funnel-blocks',
] as const;
/** Packages that sit inside another's folder (`@mos/funnel-blocks` in `web/`), by their folder. */
const NESTED: Record<string, Pkg> = { 'web/funnel-blocks/': 'funnel-blocks' };
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  '.wrangler',
  'coverage',
  'test-results',
  'playwright-report',
]);

export interface SourceFile {
  /** Repository-relative, with forward slashes, e.g. `web/src/app.tsx`. */
  path: string;
  text: string;
}

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
  line: number;
  kind: 'import' | 'export' | 'dynamic' | 'require' | 'mock' | 'url';
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : listFiles(join(dir, entry.name));
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [];
  });
}

/** Comments blanked (newlines kept, so line numbers hold); `//` right after `:` (URLs) is left alone. */
function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:\\'"`])\/\/[^\n]*/g, (_m, before: string) => before);
}

const PATTERNS: { kind: ImportRef['kind']; re: RegExp; typeGroup?: number; specGroup: number }[] = [
  // import x from 'y' / import type { x } from 'y' / import * as x from 'y' (across lines)
  {
    kind: 'import',
    re: /\bimport\s+(type\s+)?(?!type\b)[\w$*{}\s,]*?\s*from\s*['"]([^'"]+)['"]/g,
    typeGroup: 1,
    specGroup: 2,
  },
  // import 'y' (side effects); not the end of a path such as './swipe-media-import', nor the string 'import'
  { kind: 'import', re: /(?<![\w$./'"`-])import\s*['"]([^'"]+)['"]/g, specGroup: 1 },
  // export * from 'y' / export { x } from 'y' / export type { x } from 'y'
  {
    kind: 'export',
    re: /\bexport\s+(type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g,
    typeGroup: 1,
    specGroup: 2,
  },
  // import('y') — `typeof import('y')` in a type position is type-only
  { kind: 'dynamic', re: /(typeof\s+)?\bimport\(\s*['"`]([^'"`$]+)['"`]/g, typeGroup: 1, specGroup: 2 },
  { kind: 'require', re: /\brequire(?:\.resolve)?\(\s*['"]([^'"]+)['"]/g, specGroup: 1 },
  {
    kind: 'mock',
    re: /\bvi\.(?:mock|doMock|unmock|importActual|importMock)\(\s*['"]([^'"]+)['"]/g,
    specGroup: 1,
  },
  { kind: 'url', re: /\bnew\s+URL\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*,\s*import\.meta\.url/g, specGroup: 1 },
];

export function findImports(text: string): ImportRef[] {
  const code = stripComments(text);
  const refs: ImportRef[] = [];
  for (const { kind, re, typeGroup, specGroup } of PATTERNS) {
    for (const m of code.matchAll(re)) {
      const specifier = m[specGroup] ?? '';
      const line = code.slice(0, m.index).split('\n').length;
      refs.push({ specifier, typeOnly: typeGroup !== undefined && Boolean(m[typeGroup]), line, kind });
    }
  }
  return refs;
}

type Pkg = (typeof PACKAGES)[number];

function packageOf(path: string): Pkg | null {
  for (const [folder, pkg] of Object.entries(NESTED)) if (path.startsWith(folder)) return pkg;
  const first = path.split('/')[0];
  return (PACKAGES as readonly string[]).includes(first ?? '') ? (first as Pkg) : null;
}

/** What a specifier points at: a workspace package (and subpath), a repository path (relative), or a module. */
function target(file: string, specifier: string): { pkg: Pkg | null; sub: string; path: string | null } {
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const abs = resolve(ROOT, dirname(file), specifier);
    const rel = relative(ROOT, abs).split(sep).join('/');
    return { pkg: rel.startsWith('..') ? null : packageOf(rel), sub: '', path: rel };
  }
  const m = /^@mos\/([^/]+)(\/.*)?$/.exec(specifier);
  if (m) return { pkg: (m[1] as Pkg) ?? null, sub: m[2] ?? '', path: null };
  return { pkg: null, sub: '', path: null };
}

const DB_DRIVERS = /^(drizzle-orm|drizzle-kit|@neondatabase\/|@electric-sql\/pglite|pg$|pg\/|postgres$)/;
const WEB_APP_FORBIDDEN = /^(node:|hono($|\/)|@hono\/|@temporalio\/)/;

/** Every broken rule, as `file:line  'specifier' — rule`. */
export function checkImports(files: SourceFile[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const own = packageOf(file.path);
    if (!own) continue;
    const isTest =
      /(^|\/)(test|tests|e2e|__tests__)\//.test(file.path) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file.path);
    const inRouters = file.path.startsWith('worker-api/src/routers/');
    const inWorkflows = file.path.startsWith('temporal-worker/src/workflows/');
    for (const ref of findImports(file.text)) {
      const to = target(file.path, ref.specifier);
      const add = (rule: string) => violations.push(`${file.path}:${ref.line}  '${ref.specifier}' — ${rule}`);
      const relativeSpec = to.path !== null;

      // Into another package is never fine; to the repository root (wrangler.toml, node_modules/.bin) only as a
      // file path (`new URL(…, import.meta.url)`), never as code.
      if (relativeSpec && to.pkg !== own && (to.pkg !== null || ref.kind !== 'url')) {
        add(`relative path leaves ${own}${to.pkg ? ` (import @mos/${to.pkg} by package name)` : ''}`);
      }
      if (to.pkg === 'temporal-worker' && own !== 'temporal-worker')
        add('no package imports temporal-worker');
      if (to.pkg === 'web' && own !== 'web') add('nothing depends on the web app');
      if (own === 'funnel-blocks' && to.pkg !== null && to.pkg !== 'funnel-blocks') {
        add('the block library is a leaf: it imports no other @mos package');
      }
      if (own === 'cloudhand' && to.pkg !== null && to.pkg !== 'cloudhand') {
        add('cloudhand is a leaf: it imports no other @mos package');
      }
      if (own === 'stats' && to.pkg !== null && to.pkg !== 'stats') {
        add('stats is a leaf: it imports no other @mos package');
      }
      if (file.path.startsWith('stats/src/') && ref.specifier.startsWith('node:')) {
        add('stats is pure: its source imports nothing of Node');
      }
      if (to.pkg === 'worker-api' && own === 'temporal-worker')
        add('temporal-worker never imports worker-api');

      if (
        inRouters &&
        !relativeSpec &&
        to.pkg === 'db' &&
        to.sub !== '/contracts' &&
        to.sub !== '/artifacts'
      ) {
        add('routers never import @mos/db (services do; @mos/db/contracts and @mos/db/artifacts are fine)');
      }

      if (own === 'web') {
        // Web tests may also read the documents stored in the shapes before issue 8 (plain data, no driver).
        const oldShapes = to.sub === '/testing/v1-examples' && isTest;
        if (
          !relativeSpec &&
          to.pkg === 'db' &&
          to.sub !== '/contracts' &&
          to.sub !== '/artifacts' &&
          !oldShapes
        ) {
          add('web imports db only as @mos/db/contracts or @mos/db/artifacts');
        }
        if (DB_DRIVERS.test(ref.specifier)) add('web never imports a database driver or drizzle');
        // The API's input schemas are zod-only and client-safe (rule below), so forms validate with the very schema.
        const inputSchemas = !relativeSpec && to.sub.startsWith('/schemas/');
        if (to.pkg === 'worker-api' && !ref.typeOnly && !inputSchemas) {
          add('web imports worker-api with `import type` only (values: @mos/worker-api/schemas/* only)');
        }
        if (file.path.startsWith('web/src/') && !isTest && WEB_APP_FORBIDDEN.test(ref.specifier)) {
          add('web app code never imports Node, Hono or Temporal');
        }
      }

      if (file.path.startsWith('worker-api/src/schemas/') && !ref.typeOnly) {
        const fine =
          ref.specifier === 'zod' ||
          ref.specifier === '@mos/db/contracts' ||
          ref.specifier === '@mos/db/artifacts' ||
          (to.path?.startsWith('worker-api/src/schemas/') ?? false);
        if (!fine)
          add('API input schemas import only zod, @mos/db/contracts, @mos/db/artifacts and each other');
      }

      if (inWorkflows) {
        const intoWorkflows = to.path?.startsWith('temporal-worker/src/workflows/') ?? false;
        const intoActivities = to.path?.startsWith('temporal-worker/src/activities/') ?? false;
        const allowedModule =
          ref.specifier === '@temporalio/workflow' ||
          ref.specifier === '@mos/db/contracts' ||
          ref.specifier === '@mos/db/artifacts';
        if (intoActivities && !ref.typeOnly) add('workflows import activity modules with `import type` only');
        else if (!allowedModule && !intoWorkflows && !intoActivities) {
          add(
            'workflows import only @temporalio/workflow, @mos/db/contracts, @mos/db/artifacts and workflow modules',
          );
        }
      }
    }
  }
  return violations;
}

const SELF = 'db/test/import-rules.test.ts';

/** Every source and test file of every package; this file is left out, its examples are violations on purpose. */
function repositoryFiles(): SourceFile[] {
  const topLevel = PACKAGES.filter((pkg) => !Object.values(NESTED).includes(pkg));
  return topLevel
    .flatMap((pkg) =>
      listFiles(join(ROOT, pkg)).map((abs) => ({
        path: relative(ROOT, abs).split(sep).join('/'),
        text: readFileSync(abs, 'utf8'),
      })),
    )
    .filter((f) => f.path !== SELF);
}

describe('import rules', () => {
  it('hold across every package', () => {
    const files = repositoryFiles();
    // The walk really covers the repository: a broken walk would pass vacuously.
    for (const known of [
      'worker-api/src/routers/index.ts',
      'web/src/lib/trpc.ts',
      'temporal-worker/src/workflows/index.ts',
      'temporal-worker/src/relay/server.ts',
    ]) {
      expect(files.map((f) => f.path)).toContain(known);
    }
    const violations = checkImports(files);
    expect(violations, `import rule violations:\n  ${violations.join('\n  ')}`).toEqual([]);
  });

  it('finds imports in every form, with line numbers and type-only flags', () => {
    const refs = findImports(
      [
        'import { a,',
        "  b } from '@x/one';",
        "import type { T } from '@x/two';",
        "import '@x/three';",
        "export * from './four';",
        "export type { U } from '@x/five';",
        "const m = await import('@x/six');",
        "type M = typeof import('@x/seven');",
        "const r = require('@x/eight');",
        "vi.mock('@x/nine');",
        "const u = new URL('../ten/file.ts', import.meta.url);",
        "// import { c } from '@x/commented';",
        "const s = 'http://example.com/x'; import { d } from '@x/eleven';",
        "export { E } from './media-import';",
        "export { F } from './sixteen';",
        "const source = z.enum(['editor', 'import']).default('editor');",
      ].join('\n'),
    );
    const seen = refs
      .map((r) => `${r.line}:${r.kind}:${r.typeOnly ? 'type' : 'value'}:${r.specifier}`)
      .sort();
    expect(seen).toEqual(
      [
        '1:import:value:@x/one',
        '3:import:type:@x/two',
        '4:import:value:@x/three',
        '5:export:value:./four',
        '6:export:type:@x/five',
        '7:dynamic:value:@x/six',
        '8:dynamic:type:@x/seven',
        '9:require:value:@x/eight',
        '10:mock:value:@x/nine',
        '11:url:value:../ten/file.ts',
        '13:import:value:@x/eleven',
        '14:export:value:./media-import',
        '15:export:value:./sixteen',
      ].sort(),
    );
  });

  it('reports each kind of violation, readably', () => {
    const violations = checkImports([
      {
        path: 'worker-api/src/routers/me/get.ts',
        text: "import { getOrg } from '@mos/db';\nimport { X } from '@mos/db/contracts';",
      },
      { path: 'web/src/a.tsx', text: "import { ClientCreate } from '../../worker-api/src/schemas/clients';" },
      {
        path: 'web/src/b.ts',
        text: "import { AppRouter } from '@mos/worker-api';\nimport type { R } from '@mos/worker-api';",
      },
      {
        path: 'web/src/c.ts',
        text: "import { clients } from '@mos/db';\nimport { sql } from 'drizzle-orm';\nimport { z } from '@mos/db/contracts';",
      },
      { path: 'web/src/d.ts', text: "import { readFileSync } from 'node:fs';" },
      { path: 'web/src/e.ts', text: "import { ClientCreate } from '@mos/worker-api/schemas/clients';" },
      {
        path: 'worker-api/src/schemas/bad.ts',
        text: "import { clients } from '@mos/db';\nimport { z } from 'zod';",
      },
      { path: 'web/src/d.test.ts', text: "import { readFileSync } from 'node:fs';" },
      { path: 'web/vite.config.ts', text: "import { fileURLToPath } from 'node:url';" },
      { path: 'worker-api/x.config.ts', text: "const c = new URL('../wrangler.toml', import.meta.url);" },
      {
        path: 'worker-api/test/y.ts',
        text: "const f = new URL('../../db/fixtures/x.json', import.meta.url);",
      },
      { path: 'worker-api/test/z.ts', text: "import { x } from '../../scripts/dev';" },
      {
        path: 'web/e2e/stack.ts',
        text: "import { freePort } from '../../temporal-worker/src/testing/temporal';",
      },
      {
        path: 'temporal-worker/src/main.ts',
        text: "import { TemporalClientGateway } from '@mos/worker-api/gateway/client';",
      },
      { path: 'cloudhand/src/x.ts', text: "const w = await import('@mos/temporal-worker');" },
      {
        path: 'stats/src/x.ts',
        text: "import { z } from '@mos/db/contracts';\nimport { readFileSync } from 'node:fs';",
      },
      { path: 'stats/test/x.test.ts', text: "import { readFileSync } from 'node:fs';" },
      {
        path: 'web/funnel-blocks/src/x.ts',
        text: "import { PublicEvent } from '@mos/db/contracts';\nimport { cn } from '../../src/lib/utils';",
      },
      { path: 'worker-api/src/y.ts', text: "import { App } from '@mos/web';" },
      { path: 'web/src/f.tsx', text: "import { PageView } from '@mos/funnel-blocks/components';" },
      {
        path: 'temporal-worker/src/workflows/x.ts',
        text: [
          "import { proxyActivities } from '@temporalio/workflow';",
          "import type { Activities } from '../activities/index';",
          "import { createActivities } from '../activities/index';",
          "import { gate } from './shared/gate';",
          "import { readFileSync } from 'node:fs';",
          "import { createDb } from '@mos/db/node';",
        ].join('\n'),
      },
    ]);
    expect(violations).toEqual([
      "worker-api/src/routers/me/get.ts:1  '@mos/db' — routers never import @mos/db (services do; @mos/db/contracts and @mos/db/artifacts are fine)",
      "web/src/a.tsx:1  '../../worker-api/src/schemas/clients' — relative path leaves web (import @mos/worker-api by package name)",
      "web/src/a.tsx:1  '../../worker-api/src/schemas/clients' — web imports worker-api with `import type` only (values: @mos/worker-api/schemas/* only)",
      "web/src/b.ts:1  '@mos/worker-api' — web imports worker-api with `import type` only (values: @mos/worker-api/schemas/* only)",
      "web/src/c.ts:1  '@mos/db' — web imports db only as @mos/db/contracts or @mos/db/artifacts",
      "web/src/c.ts:2  'drizzle-orm' — web never imports a database driver or drizzle",
      "web/src/d.ts:1  'node:fs' — web app code never imports Node, Hono or Temporal",
      "worker-api/src/schemas/bad.ts:1  '@mos/db' — API input schemas import only zod, @mos/db/contracts, @mos/db/artifacts and each other",
      "worker-api/test/y.ts:1  '../../db/fixtures/x.json' — relative path leaves worker-api (import @mos/db by package name)",
      "worker-api/test/z.ts:1  '../../scripts/dev' — relative path leaves worker-api",
      "web/e2e/stack.ts:1  '../../temporal-worker/src/testing/temporal' — relative path leaves web (import @mos/temporal-worker by package name)",
      "web/e2e/stack.ts:1  '../../temporal-worker/src/testing/temporal' — no package imports temporal-worker",
      "temporal-worker/src/main.ts:1  '@mos/worker-api/gateway/client' — temporal-worker never imports worker-api",
      "cloudhand/src/x.ts:1  '@mos/temporal-worker' — no package imports temporal-worker",
      "cloudhand/src/x.ts:1  '@mos/temporal-worker' — cloudhand is a leaf: it imports no other @mos package",
      "stats/src/x.ts:1  '@mos/db/contracts' — stats is a leaf: it imports no other @mos package",
      "stats/src/x.ts:2  'node:fs' — stats is pure: its source imports nothing of Node",
      "web/funnel-blocks/src/x.ts:1  '@mos/db/contracts' — the block library is a leaf: it imports no other @mos package",
      "web/funnel-blocks/src/x.ts:2  '../../src/lib/utils' — relative path leaves funnel-blocks (import @mos/web by package name)",
      "web/funnel-blocks/src/x.ts:2  '../../src/lib/utils' — nothing depends on the web app",
      "web/funnel-blocks/src/x.ts:2  '../../src/lib/utils' — the block library is a leaf: it imports no other @mos package",
      "worker-api/src/y.ts:1  '@mos/web' — nothing depends on the web app",
      "temporal-worker/src/workflows/x.ts:3  '../activities/index' — workflows import activity modules with `import type` only",
      "temporal-worker/src/workflows/x.ts:5  'node:fs' — workflows import only @temporalio/workflow, @mos/db/contracts, @mos/db/artifacts and workflow modules",
      "temporal-worker/src/workflows/x.ts:6  '@mos/db/node' — workflows import only @temporalio/workflow, @mos/db/contracts, @mos/db/artifacts and workflow modules",
    ]);
  });
});
