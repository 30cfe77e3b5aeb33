import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as pgliteMigrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db-type';
import { createDb, MIGRATIONS_DIR } from '../src/node';

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** The committed migrations up to (not including) the one that adds `campaigns.markets`, in a folder of their own. */
function migrationsBeforeMarkets(): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal;
  const adding = journal.entries.find((e) =>
    /ADD COLUMN "markets"/.test(readFileSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), 'utf8')),
  );
  if (!adding) throw new Error('no migration adds campaigns.markets');
  const dir = mkdtempSync(join(tmpdir(), 'mos-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const kept = journal.entries.filter((e) => e.idx < adding.idx);
  for (const e of journal.entries.filter((x) => x.idx >= adding.idx)) rmSync(join(dir, `${e.tag}.sql`));
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  expect(readdirSync(dir).filter((f) => f.endsWith('.sql'))).toHaveLength(kept.length);
  return dir;
}

let database: Database | undefined;
afterAll(async () => {
  await database?.close();
});

describe('campaigns.markets migration', () => {
  it("gives existing campaigns their client's first primary market as an ISO code, else none; currency stays derived", async () => {
    database = await createDb('pglite:memory');
    const db = database.db;
    // PGlite's result: rows as objects.
    const rowsOf = async <T>(q: ReturnType<typeof sql>) =>
      ((await db.execute(q)) as unknown as { rows: T[] }).rows;
    const before = migrationsBeforeMarkets();
    await pgliteMigrate(db as never, { migrationsFolder: before });
    const [org] = await rowsOf<{ id: string }>(sql`INSERT INTO orgs (name) VALUES ('Agency') RETURNING id`);
    const client = async (name: string, markets: string[]) => {
      const rows = await rowsOf<{ id: string }>(
        sql`INSERT INTO clients (org_id, name, primary_markets) VALUES (${org?.id}, ${name}, string_to_array(${markets.join('|')}, '|')) RETURNING id`,
      );
      const id = rows[0]?.id;
      await db.execute(
        sql`INSERT INTO campaigns (org_id, client_id, name) VALUES (${org?.id}, ${id}, ${name})`,
      );
    };
    await client('de-first', [' de', 'US']);
    await client('usa', ['USA', 'DE']);
    await client('uk', ['UK']);
    await client('none', []);
    await client('free-text', ['Germany']);

    await pgliteMigrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
    const rows = await rowsOf(sql`SELECT name, markets, currency FROM campaigns ORDER BY name`);
    expect(rows).toEqual([
      { name: 'de-first', markets: ['DE'], currency: null },
      { name: 'free-text', markets: [], currency: null },
      { name: 'none', markets: [], currency: null },
      { name: 'uk', markets: ['GB'], currency: null },
      { name: 'usa', markets: ['US'], currency: null },
    ]);
    rmSync(before, { recursive: true, force: true });
  });
});
