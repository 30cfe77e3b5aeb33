/**
 * Runs the REAL @neondatabase/serverless driver (HTTP and WebSocket) and drizzle's neon-http /
 * neon-serverless adapters against a real PostgreSQL server through the Neon stand-in.
 *
 * Needs MOS_TEST_DATABASE_URL, e.g. postgres://mos:mos@127.0.0.1:5432/mos_test
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { NeonDbError, neon, neonConfig, Pool, types } from '@neondatabase/serverless';
import { eq, like } from 'drizzle-orm';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle as drizzleWs } from 'drizzle-orm/neon-serverless';
import { integer, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ws from 'ws';
import { type NeonStandIn, neonConfigFor, startNeonStandIn } from '../src/testing/neon-stand-in';
import { testPostgresUrl } from '../src/testing/postgres';

const table = `neon_stand_in_${randomBytes(6).toString('hex')}`;

const items = pgTable(table, {
  id: serial('id').primaryKey(),
  n: integer('n').notNull(),
  label: text('label').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  meta: jsonb('meta').$type<Record<string, unknown>>(),
  tags: text('tags').array(),
  ref: uuid('ref'),
  note: text('note'),
});

/** neonConfig is global: remember what the test changes and put it back. */
const savedNeonConfig = {
  webSocketConstructor: neonConfig.webSocketConstructor,
  wsProxy: neonConfig.wsProxy,
  useSecureWebSocket: neonConfig.useSecureWebSocket,
  pipelineConnect: neonConfig.pipelineConnect,
  pipelineTLS: neonConfig.pipelineTLS,
  fetchEndpoint: neonConfig.fetchEndpoint,
};

let standIn: NeonStandIn;
/** Plain `pg` straight to Postgres: checks what really got committed, independently of the stand-in. */
let admin: pg.Pool;

async function labels(pattern: string): Promise<string[]> {
  const { rows } = await admin.query<{ label: string }>(
    `select label from ${table} where label like $1 order by label`,
    [pattern],
  );
  return rows.map((r) => r.label);
}

/** SQLSTATE of a driver error, also when drizzle wraps it (DrizzleQueryError.cause). */
function pgCode(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return undefined;
  if ('code' in err && typeof err.code === 'string') return err.code;
  return 'cause' in err ? pgCode(err.cause) : undefined;
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

beforeAll(async () => {
  const postgresUrl = testPostgresUrl();
  admin = new pg.Pool({ connectionString: postgresUrl, max: 2 });
  await admin.query(`
    create table ${table} (
      id serial primary key,
      n integer not null,
      label text not null unique,
      created_at timestamptz not null default now(),
      meta jsonb,
      tags text[],
      ref uuid,
      note text
    )`);
  standIn = await startNeonStandIn({ postgresUrl });
  neonConfig.webSocketConstructor = ws;
  Object.assign(neonConfig, neonConfigFor(standIn));
});

afterAll(async () => {
  await standIn?.close();
  Object.assign(neonConfig, savedNeonConfig);
  await admin?.query(`drop table if exists ${table}`);
  await admin?.end();
});

describe('HTTP (neon())', () => {
  test('single query with params returns values typed by the driver', async () => {
    const sql = neon(standIn.connectionString);
    const before = standIn.stats.httpQueries;
    const ref = randomUUID();
    const createdAt = new Date('2024-05-06T07:08:09.123Z');
    const meta = { a: 1, nested: { b: [1, 'two', null] }, s: 'quote " and \\ backslash' };
    const tags = ['x', 'y,z', 'q"uote', 'NULL', ''];

    const rows = await sql.query(
      `insert into ${table} (n, label, created_at, meta, tags, ref, note)
       values ($1, $2, $3, $4, $5, $6, $7) returning *`,
      [42, 'http-typed', createdAt, meta, tags, ref, null],
    );
    expect(rows).toEqual([
      {
        id: expect.any(Number),
        n: 42,
        label: 'http-typed',
        created_at: createdAt,
        meta,
        tags,
        ref,
        note: null,
      },
    ]);
    expect(rows[0]?.created_at).toBeInstanceOf(Date);

    // Tagged template, with an interpolated identifier.
    const selected = await sql`select n, label, ref from ${sql.unsafe(table)} where label = ${'http-typed'}`;
    expect(selected).toEqual([{ n: 42, label: 'http-typed', ref }]);

    // arrayMode + fullResults: driver-side row shaping and the field metadata.
    const full = await sql.query(
      'select $1::int as a, $2::text as b, null::uuid as c, true as d, 9007199254740993::int8 as e',
      [7, 'seven'],
      { arrayMode: true, fullResults: true },
    );
    expect(full.rows).toEqual([[7, 'seven', null, true, '9007199254740993']]);
    expect(full.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ['a', 23],
      ['b', 25],
      ['c', 2950],
      ['d', 16],
      ['e', 20],
    ]);
    expect(full.command).toBe('SELECT');
    expect(full.rowCount).toBe(1);

    // Non-SELECT command tags.
    const updated = await sql.query(`update ${table} set n = n + 1 where label = $1`, ['http-typed'], {
      fullResults: true,
    });
    expect(updated).toMatchObject({ command: 'UPDATE', rowCount: 1, rows: [] });

    expect(standIn.stats.httpQueries).toBe(before + 4);
  });

  test('sql.transaction() commits all queries together', async () => {
    const sql = neon(standIn.connectionString);
    const t = sql.unsafe(table);
    const results = await sql.transaction([
      sql`insert into ${t} (n, label) values (${1}, ${'tx-commit-1'}) returning n`,
      sql`insert into ${t} (n, label) values (${2}, ${'tx-commit-2'}) returning n`,
      sql`select count(*)::int as c from ${t} where label like ${'tx-commit-%'}`,
    ]);
    expect(results).toEqual([[{ n: 1 }], [{ n: 2 }], [{ c: 2 }]]);
    expect(await labels('tx-commit-%')).toEqual(['tx-commit-1', 'tx-commit-2']);
  });

  test('a failing query rolls back the whole sql.transaction()', async () => {
    const sql = neon(standIn.connectionString);
    const t = sql.unsafe(table);
    await sql`insert into ${t} (n, label) values (${0}, ${'tx-rollback-existing'})`;

    const err = await rejection(
      sql.transaction([
        sql`insert into ${t} (n, label) values (${1}, ${'tx-rollback-1'})`,
        sql`insert into ${t} (n, label) values (${2}, ${'tx-rollback-existing'})`,
        sql`insert into ${t} (n, label) values (${3}, ${'tx-rollback-3'})`,
      ]),
    );
    expect(err).toBeInstanceOf(NeonDbError);
    expect(err).toMatchObject({ code: '23505', constraint: `${table}_label_key` });
    expect(await labels('tx-rollback-%')).toEqual(['tx-rollback-existing']);

    // The pooled connection was left clean: the next batch works and commits.
    await sql.transaction([sql`insert into ${t} (n, label) values (${4}, ${'tx-rollback-after'})`]);
    expect(await labels('tx-rollback-after')).toEqual(['tx-rollback-after']);
  });

  test('transaction options reach Postgres', async () => {
    const sql = neon(standIn.connectionString);
    const [settings] = await sql.transaction(
      [
        sql`select current_setting('transaction_isolation') as iso,
                   current_setting('transaction_read_only') as ro,
                   current_setting('transaction_deferrable') as d`,
      ],
      { isolationLevel: 'Serializable', readOnly: true, deferrable: true },
    );
    expect(settings).toEqual([{ iso: 'serializable', ro: 'on', d: 'on' }]);

    const err = await rejection(
      sql.transaction([sql`insert into ${sql.unsafe(table)} (n, label) values (${1}, ${'ro-insert'})`], {
        readOnly: true,
      }),
    );
    expect(err).toMatchObject({ name: 'NeonDbError', code: '25006' });
    expect(await labels('ro-insert')).toEqual([]);
  });

  test('Postgres errors surface as NeonDbError with their SQLSTATE and details', async () => {
    const sql = neon(standIn.connectionString);
    await sql.query(`insert into ${table} (n, label) values ($1, $2)`, [1, 'dup-key']);

    const dup = await rejection(sql.query(`insert into ${table} (n, label) values ($1, $2)`, [2, 'dup-key']));
    expect(dup).toBeInstanceOf(NeonDbError);
    expect(dup).toMatchObject({
      code: '23505',
      severity: 'ERROR',
      table,
      schema: 'public',
      constraint: `${table}_label_key`,
      detail: 'Key (label)=(dup-key) already exists.',
    });

    const syntax = await rejection(sql.query('selec 1'));
    expect(syntax).toMatchObject({ name: 'NeonDbError', code: '42601', position: '1' });

    // Like Neon (extended protocol), one statement per query.
    const multi = await rejection(sql.query('select 1; select 2'));
    expect(multi).toMatchObject({ name: 'NeonDbError', code: '42601' });

    // Credentials are checked by the real server.
    const wrongPassword = standIn.connectionString.replace(/:[^:@/]*@/, ':definitely-wrong@');
    const auth = await rejection(neon(wrongPassword).query('select 1'));
    expect(auth).toMatchObject({ name: 'NeonDbError', code: '28P01' });
  });

  test('the endpoint speaks Neon’s wire format (object rows, raw text, JSON errors)', async () => {
    const endpoint = neonConfigFor(standIn).fetchEndpoint;
    const headers = {
      'Neon-Connection-String': standIn.connectionString,
      'Neon-Raw-Text-Output': 'true',
    };

    const res = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: 'select $1::int as a, $2::int[] as b, $3::jsonb as c',
        params: [1, [1, 2], { k: 1 }],
      }),
    });
    expect(res.status).toBe(200);
    const field = { tableID: 0, columnID: 0, dataTypeModifier: -1, format: 'text' };
    expect(await res.json()).toEqual({
      command: 'SELECT',
      rowCount: 1,
      rowAsArray: false,
      rows: [{ a: '1', b: '{1,2}', c: '{"k": 1}' }],
      fields: [
        { name: 'a', dataTypeID: 23, dataTypeSize: 4, ...field },
        { name: 'b', dataTypeID: 1007, dataTypeSize: -1, ...field },
        { name: 'c', dataTypeID: 3802, dataTypeSize: -1, ...field },
      ],
    });

    const bad = await fetch(endpoint, { method: 'POST', headers, body: 'not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: expect.any(String) });

    const missing = await fetch(endpoint, { method: 'POST', body: JSON.stringify({ query: 'select 1' }) });
    expect(missing.status).toBe(400);
  });
});

describe('WebSocket (Pool / Client)', () => {
  test('interactive transaction: BEGIN … ROLLBACK discards, BEGIN … COMMIT persists', async () => {
    const pool = new Pool({ connectionString: standIn.connectionString });
    const wsBefore = standIn.stats.wsConnections;
    const httpBefore = standIn.stats.httpQueries;
    try {
      const createdAt = new Date('2023-01-02T03:04:05.678Z');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const inserted = await client.query(
          `insert into ${table} (n, label, created_at, meta, tags) values ($1, $2, $3, $4, $5) returning *`,
          [5, 'ws-rollback', createdAt, { k: 'v' }, ['a', 'b']],
        );
        expect(inserted.rows).toEqual([
          expect.objectContaining({
            n: 5,
            label: 'ws-rollback',
            created_at: createdAt,
            meta: { k: 'v' },
            tags: ['a', 'b'],
          }),
        ]);
        const inside = await client.query(`select count(*)::int as c from ${table} where label = $1`, [
          'ws-rollback',
        ]);
        expect(inside.rows).toEqual([{ c: 1 }]);
        // Uncommitted: invisible to other sessions.
        expect(await labels('ws-rollback')).toEqual([]);

        // An error aborts the transaction; the SQLSTATE comes through the relay too.
        await client.query(`insert into ${table} (n, label) values ($1, $2)`, [0, 'ws-dup']);
        expect(
          pgCode(await rejection(client.query(`insert into ${table} (n, label) values (1, 'ws-dup')`))),
        ).toBe('23505');
        expect(pgCode(await rejection(client.query('select 1')))).toBe('25P02');
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      expect(await labels('ws-rollback')).toEqual([]);
      expect(await labels('ws-dup')).toEqual([]);

      const client2 = await pool.connect();
      try {
        await client2.query('BEGIN');
        await client2.query(`insert into ${table} (n, label) values ($1, $2)`, [6, 'ws-commit']);
        await client2.query('COMMIT');
      } finally {
        client2.release();
      }
      expect(await labels('ws-commit')).toEqual(['ws-commit']);

      expect(standIn.stats.wsConnections).toBeGreaterThan(wsBefore);
      expect(standIn.stats.httpQueries).toBe(httpBefore); // really went over the WebSocket
    } finally {
      await pool.end();
    }
  });
});

describe('drizzle-orm', () => {
  test('neon-serverless: db.transaction() rolls back on a thrown error and commits otherwise', async () => {
    const pool = new Pool({ connectionString: standIn.connectionString });
    try {
      const db = drizzleWs({ client: pool });

      const boom = await rejection(
        db.transaction(async (tx) => {
          await tx.insert(items).values({ n: 1, label: 'dz-ws-rollback' });
          const seen = await tx
            .select({ label: items.label })
            .from(items)
            .where(eq(items.label, 'dz-ws-rollback'));
          expect(seen).toEqual([{ label: 'dz-ws-rollback' }]);
          throw new Error('boom');
        }),
      );
      expect(boom).toBeInstanceOf(Error);
      expect((boom as Error).message).toBe('boom');
      expect(await labels('dz-ws-rollback')).toEqual([]);

      await db.transaction(async (tx) => {
        await tx
          .insert(items)
          .values({ n: 2, label: 'dz-ws-commit', meta: { deep: { x: [1] } }, tags: ['t'] });
      });
      const [row] = await db.select().from(items).where(eq(items.label, 'dz-ws-commit'));
      expect(row).toMatchObject({ n: 2, meta: { deep: { x: [1] } }, tags: ['t'], ref: null });
      expect(row?.createdAt).toBeInstanceOf(Date);

      const dup = await rejection(db.insert(items).values({ n: 3, label: 'dz-ws-commit' }));
      expect(pgCode(dup)).toBe('23505');
    } finally {
      await pool.end();
    }
  });

  describe('neon-http', () => {
    // drizzle's neon-http driver replaces the driver's GLOBAL date/time type parsers with identity
    // functions when constructed; restore them so the rest of the process is unaffected.
    const overridden = [1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182];
    const savedParsers = new Map<number, (value: string) => unknown>();
    beforeAll(() => {
      for (const oid of overridden) savedParsers.set(oid, types.getTypeParser(oid));
    });
    afterAll(() => {
      for (const [oid, parser] of savedParsers) types.setTypeParser(oid, parser);
    });

    test('typed insert/select, batch commit, batch rollback on unique violation', async () => {
      const db = drizzleHttp({ client: neon(standIn.connectionString) });
      const ref = randomUUID();
      const createdAt = new Date('2022-02-03T04:05:06.789Z');

      const [inserted] = await db
        .insert(items)
        .values({ n: 3, label: 'dz-http', createdAt, meta: { a: [1, 2] }, tags: ['p', 'q r'], ref })
        .returning();
      expect(inserted).toEqual({
        id: expect.any(Number),
        n: 3,
        label: 'dz-http',
        createdAt,
        meta: { a: [1, 2] },
        tags: ['p', 'q r'],
        ref,
        note: null,
      });

      await db.batch([
        db.insert(items).values({ n: 4, label: 'dz-batch-1' }),
        db.insert(items).values({ n: 5, label: 'dz-batch-2' }),
      ]);
      expect(await labels('dz-batch-%')).toEqual(['dz-batch-1', 'dz-batch-2']);

      const err = await rejection(
        db.batch([
          db.insert(items).values({ n: 6, label: 'dz-batch-3' }),
          db.insert(items).values({ n: 7, label: 'dz-http' }),
        ]),
      );
      expect(pgCode(err)).toBe('23505');
      expect(await labels('dz-batch-%')).toEqual(['dz-batch-1', 'dz-batch-2']);

      const single = await rejection(db.insert(items).values({ n: 8, label: 'dz-http' }));
      expect(pgCode(single)).toBe('23505');

      const found = await db.select({ n: items.n }).from(items).where(like(items.label, 'dz-batch-%'));
      expect(found.map((r) => r.n).sort()).toEqual([4, 5]);
    });
  });
});

describe('lifecycle', () => {
  test('close() ends open WebSocket sessions and pooled HTTP connections promptly', async () => {
    const other = await startNeonStandIn({
      postgresUrl: testPostgresUrl(),
      host: 'ep-stand-in.example.neon.tech',
    });
    expect(other.connectionString).toMatch(/^postgres:\/\/[^@]+@ep-stand-in\.example\.neon\.tech\/[^/?]+$/);
    Object.assign(neonConfig, neonConfigFor(other));
    const pool = new Pool({ connectionString: other.connectionString });
    const errors: unknown[] = [];
    pool.on('error', (e: unknown) => errors.push(e));
    let release: (() => void) | undefined;
    try {
      const client = await pool.connect();
      release = () => client.release(true);
      client.on('error', (e) => errors.push(e));
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);

      const sql = neon(other.connectionString);
      expect(await sql`select 2 as two`).toEqual([{ two: 2 }]);
      expect(other.stats).toEqual({ httpQueries: 1, wsConnections: 1 });

      await other.close(); // must not wait for the client to hang up
      await ended;
      expect(errors).toEqual([expect.objectContaining({ message: 'Connection terminated unexpectedly' })]);
      await expect(client.query('select 1')).rejects.toThrow();

      await expect(sql`select 3`).rejects.toThrow(/Error connecting to database/);
      await other.close(); // idempotent
    } finally {
      release?.(); // a checked-out client would make pool.end() wait forever
      await pool.end();
      await other.close();
      Object.assign(neonConfig, neonConfigFor(standIn));
    }
  });
});
