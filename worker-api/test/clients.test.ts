import { listAudit } from '@mos/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('clients', () => {
  it('creates, lists with search and status filter, paginates with a cursor', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.member);
    const names = ['Acme Skincare', 'Bolt Bikes', 'Acme Pets'];
    for (const name of names) {
      await api.clients.create.mutate({
        name,
        industry: 'DTC',
        primaryMarkets: ['US'],
        primaryLanguages: ['en'],
      });
    }
    const all = await api.clients.list.query({ limit: 2 });
    expect(all.items.map((c) => c.name)).toEqual(['Acme Pets', 'Bolt Bikes']);
    expect(all.nextCursor).toBeTypeOf('string');
    const rest = await api.clients.list.query({ limit: 2, cursor: all.nextCursor });
    expect(rest.items.map((c) => c.name)).toEqual(['Acme Skincare']);
    expect(rest.nextCursor).toBeNull();
    const acme = await api.clients.list.query({ search: 'acme' });
    expect(acme.items.map((c) => c.name).sort()).toEqual(['Acme Pets', 'Acme Skincare']);
    expect(typeof acme.items[0]?.createdAt).toBe('string');
  });

  it('gets, updates and archives a client; archived ones filter by status', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.operator);
    const c = await api.clients.create.mutate({
      name: 'Northwind',
      primaryMarkets: [],
      primaryLanguages: [],
    });
    const got = await api.clients.get.query({ id: c.id });
    expect(got.name).toBe('Northwind');
    const updated = await api.clients.update.mutate({
      id: c.id,
      name: 'Northwind Coffee',
      primaryMarkets: ['DE'],
    });
    expect(updated).toMatchObject({ name: 'Northwind Coffee', primaryMarkets: ['DE'], status: 'active' });
    const archived = await api.clients.archive.mutate({ id: c.id });
    expect(archived.status).toBe('archived');
    const list = await api.clients.list.query({ status: 'archived' });
    expect(list.items.map((x) => x.id)).toEqual([c.id]);
    expect((await api.clients.list.query({ status: 'active' })).items).toHaveLength(0);
  });

  it('removes a client (admin) and writes an audit record', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.admin);
    const c = await api.clients.create.mutate({ name: 'Doomed', primaryMarkets: [], primaryLanguages: [] });
    expect(await api.clients.remove.mutate({ id: c.id })).toEqual({ id: c.id, removed: true });
    expect((await failure(api.clients.get.query({ id: c.id }))).code).toBe('NOT_FOUND');
    const audit = await listAudit(t.database.db, (await t.client(tenant.admin).me.get.query()).org.id, {
      targetId: c.id,
    });
    expect(audit.map((r) => r.action)).toEqual(['client.remove']);
  });

  it('refuses bad input naming the field', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.member);
    const empty = await failure(
      api.clients.create.mutate({ name: '   ', primaryMarkets: [], primaryLanguages: [] }),
    );
    expect(empty.code).toBe('BAD_REQUEST');
    expect(fieldPaths(empty)).toContain('name');
    const long = await failure(
      api.clients.create.mutate({ name: 'x'.repeat(201), primaryMarkets: [], primaryLanguages: [] }),
    );
    expect(fieldPaths(long)).toContain('name');
    const badId = await failure(api.clients.get.query({ id: 'not-a-uuid' }));
    expect(fieldPaths(badId)).toContain('id');
    const badCursor = await failure(api.clients.list.query({ cursor: 'garbage' }));
    expect(badCursor.code).toBe('BAD_REQUEST');
    expect(fieldPaths(badCursor)).toContain('cursor');
  });

  it('keeps tenants apart: another org id answers NOT_FOUND everywhere', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const mine = await t
      .client(a.admin)
      .clients.create.mutate({ name: 'Private', primaryMarkets: [], primaryLanguages: [] });
    const other = t.client(b.admin);
    expect((await failure(other.clients.get.query({ id: mine.id }))).code).toBe('NOT_FOUND');
    expect((await failure(other.clients.update.mutate({ id: mine.id, name: 'Stolen' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await failure(other.clients.archive.mutate({ id: mine.id }))).code).toBe('NOT_FOUND');
    expect((await failure(other.clients.remove.mutate({ id: mine.id }))).code).toBe('NOT_FOUND');
    expect((await other.clients.list.query({})).items).toHaveLength(0);
    expect((await t.client(a.admin).clients.get.query({ id: mine.id })).name).toBe('Private');
  });

  it('enforces roles: members cannot archive or remove', async () => {
    const tenant = await newTenant(t);
    const c = await t
      .client(tenant.admin)
      .clients.create.mutate({ name: 'Kept', primaryMarkets: [], primaryLanguages: [] });
    const member = t.client(tenant.member);
    expect((await failure(member.clients.remove.mutate({ id: c.id }))).code).toBe('FORBIDDEN');
    expect((await failure(member.clients.archive.mutate({ id: c.id }))).code).toBe('FORBIDDEN');
    expect((await failure(t.client(tenant.operator).clients.remove.mutate({ id: c.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(t.client(null).clients.list.query({}))).code).toBe('UNAUTHORIZED');
  });
});
