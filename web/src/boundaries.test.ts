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

const IMPORT = /^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;

/** Server code must never reach the browser bundle: the router is a type, db only its zod artifact schemas. */
describe('web runtime boundary', () => {
  const files = sourceFiles(SRC);

  it('finds the sources it checks', () => {
    expect(files.some((f) => f.endsWith('trpc.ts'))).toBe(true);
  });

  it('imports @mos/worker-api as a type only and @mos/db only through @mos/db/artifacts', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const typeOnly = Boolean(m[1]);
        const spec = m[2] ?? '';
        if (/^@mos\/worker-api(\/router)?$/.test(spec) && !typeOnly)
          offences.push(`${file}: value import ${spec}`);
        if (spec.startsWith('@mos/worker-api/') && !/^@mos\/worker-api\/(router|schemas\/)/.test(spec))
          offences.push(`${file}: ${spec}`);
        if (spec.startsWith('@mos/db') && spec !== '@mos/db/artifacts' && !typeOnly)
          offences.push(`${file}: ${spec}`);
        if (/^(drizzle-orm|@neondatabase|@temporalio|hono|node:)/.test(spec) && !file.endsWith('.test.ts'))
          offences.push(`${file}: ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
