import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '.');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Every module specifier: `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')`. */
const SPECIFIER = /(?:^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?|import\()\s*['"]([^'"]+)['"]/gm;

function importsOf(file: string) {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((m) => ({
    typeOnly: Boolean(m[2]),
    spec: m[3] ?? '',
  }));
}

/** Server code must never reach the browser bundle, and other packages are reached by name only. */
describe('web runtime boundary', () => {
  const files = sourceFiles(SRC);

  it('finds the sources and the imports it checks', () => {
    expect(files.some((f) => f.endsWith('trpc.ts'))).toBe(true);
    const all = files.flatMap(importsOf).map((i) => i.spec);
    expect(all).toContain('@mos/db/contracts');
    expect(all).toContain('@mos/worker-api/schemas/clients');
  });

  it('imports worker-api as a type or its zod schemas, and db only through its client-safe contracts', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const { typeOnly, spec } of importsOf(file)) {
        if (/^@mos\/worker-api(\/router)?$/.test(spec) && !typeOnly)
          offences.push(`${file}: value import ${spec}`);
        if (spec.startsWith('@mos/worker-api/') && !/^@mos\/worker-api\/(router|schemas\/)/.test(spec))
          offences.push(`${file}: ${spec}`);
        if (
          spec.startsWith('@mos/db') &&
          !['@mos/db/contracts', '@mos/db/artifacts'].includes(spec) &&
          !(spec === '@mos/db/testing/v1-examples' && /\.test\.tsx?$/.test(file)) &&
          !typeOnly
        )
          offences.push(`${file}: ${spec}`);
        if (
          /^(drizzle-orm|@neondatabase|@electric-sql|pg$|@temporalio|hono|node:)/.test(spec) &&
          !file.endsWith('.test.ts')
        )
          offences.push(`${file}: ${spec}`);
        if (spec.startsWith('@mos/temporal-worker')) offences.push(`${file}: ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('never reaches into another package by a relative path', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const { spec } of importsOf(file)) {
        if (/^\.\.?\//.test(spec) && /(^|\/)(db|worker-api|temporal-worker|cloudhand)\/src\//.test(spec))
          offences.push(`${file}: ${spec}`);
        // From web/src, climbing out of the web package at all means another package's files.
        const depth = file.slice(SRC.length).split('/').length - 2;
        const ups = spec.match(/\.\.\//g)?.length ?? 0;
        if (ups > depth + 1) offences.push(`${file}: ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
