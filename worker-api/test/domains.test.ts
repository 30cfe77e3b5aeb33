import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { funnelDomains, listAudit } from '@mos/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { txtText } from '../src/services/domains/doh';
import { funnelTenant } from './support/funnels';
import { createTestApp, failure, fieldPaths, type TestApp } from './support/harness';

/**
 * Custom domains against a local DNS-over-HTTPS server speaking the JSON API (Cloudflare's and Google's
 * `application/dns-json`): TXT answers as configured per name, an HTTP failure on demand, and requests recorded.
 */
interface DohServer {
  url: string;
  records: Map<string, string[]>;
  requests: Array<{ name: string | null; type: string | null; accept: string | undefined }>;
  failWith: number | null;
  close(): Promise<void>;
}

async function startDoh(): Promise<DohServer> {
  const state = {
    records: new Map<string, string[]>(),
    requests: [] as DohServer['requests'],
    failWith: null as number | null,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://doh.test');
    const name = url.searchParams.get('name');
    const type = url.searchParams.get('type');
    state.requests.push({ name, type, accept: req.headers.accept });
    if (doh.failWith !== null) {
      res.writeHead(doh.failWith).end('unavailable');
      return;
    }
    const values = (name && state.records.get(name.toLowerCase())) || [];
    const body = {
      Status: values.length > 0 ? 0 : 3,
      TC: false,
      RD: true,
      RA: true,
      AD: false,
      CD: false,
      Question: [{ name, type: 16 }],
      ...(values.length > 0 ? { Answer: values.map((data) => ({ name, type: 16, TTL: 300, data })) } : {}),
    };
    res.writeHead(200, { 'content-type': 'application/dns-json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const doh: DohServer = {
    url: `http://127.0.0.1:${port}/dns-query`,
    ...state,
    failWith: null,
    close: () => new Promise((done) => server.close(() => done())),
  };
  return doh;
}

let doh: DohServer;
let t: TestApp;
beforeAll(async () => {
  doh = await startDoh();
  t = await createTestApp({ env: { DOH_RESOLVER_URL: doh.url } });
});
afterAll(async () => {
  await t.close();
  await doh.close();
});

const host = () => `shop-${crypto.randomUUID().slice(0, 8)}.example.com`;

describe('domains', () => {
  it('adds a hostname normalised, shows the TXT record to create, and lists it', async () => {
    const f = await funnelTenant(t);
    const name = host();
    const funnel = await f.operator.funnels.create.mutate({ clientId: f.clientId, name: 'Launch' });
    const added = await f.operator.domains.add.mutate({
      clientId: f.clientId,
      hostname: ` ${name.toUpperCase()}. `,
      funnelId: funnel.id,
    });
    expect(added).toMatchObject({ hostname: name, status: 'pending', funnelId: funnel.id, lastError: null });
    expect(added.verification).toEqual({
      recordType: 'TXT',
      recordName: `_mos-verify.${name}`,
      value: `mos-verify=${added.verificationToken}`,
    });
    expect(added.verificationToken).toMatch(/^[0-9a-f]{32}$/);
    const listed = await f.member.domains.list.query({ clientId: f.clientId });
    expect(listed.map((d) => d.id)).toEqual([added.id]);
    expect((await f.member.domains.list.query({ funnelId: funnel.id })).map((d) => d.id)).toEqual([added.id]);
    const audit = await listAudit(t.database.db, f.orgId, { targetId: added.id });
    expect(audit.map((a) => a.action)).toEqual(['domain.add']);
  });

  it('refuses a scheme, port, path, IP address or bare name, naming the hostname field', async () => {
    const f = await funnelTenant(t);
    for (const bad of [
      'https://shop.example.com',
      'shop.example.com:8443',
      'shop.example.com/landing',
      '10.0.0.1',
      'localhost',
      'bad_host.example.com',
      'münchen.example',
    ]) {
      const refused = await failure(f.operator.domains.add.mutate({ clientId: f.clientId, hostname: bad }));
      expect({ bad, code: refused.code, paths: fieldPaths(refused) }).toEqual({
        bad,
        code: 'BAD_REQUEST',
        paths: ['hostname'],
      });
    }
  });

  it('keeps a hostname unique across organizations (CONFLICT, without saying whose)', async () => {
    const one = await funnelTenant(t, 'One');
    const two = await funnelTenant(t, 'Two');
    const name = host();
    await one.operator.domains.add.mutate({ clientId: one.clientId, hostname: name });
    const taken = await failure(
      two.operator.domains.add.mutate({ clientId: two.clientId, hostname: name.toUpperCase() }),
    );
    expect(taken.code).toBe('CONFLICT');
    expect(fieldPaths(taken)).toEqual(['hostname']);
    expect(taken.message).not.toContain('One');
  });

  it('verifies through DNS-over-HTTPS: match → verified, mismatch and resolver failures keep the reason', async () => {
    const f = await funnelTenant(t);
    const name = host();
    const domain = await f.operator.domains.add.mutate({ clientId: f.clientId, hostname: name });
    const recordName = `_mos-verify.${name}`;

    const missing = await f.operator.domains.verify.mutate({ id: domain.id });
    expect(missing).toMatchObject({ verified: false, domain: { status: 'pending' } });
    expect(missing.error).toContain('no TXT record');
    expect(missing.domain.lastError).toBe(missing.error);
    const asked = doh.requests.at(-1);
    expect(asked).toEqual({ name: recordName, type: 'TXT', accept: 'application/dns-json' });

    doh.records.set(recordName, ['"mos-verify=somebody-else"', '"v=spf1 -all"']);
    const mismatch = await f.operator.domains.verify.mutate({ id: domain.id });
    expect(mismatch).toMatchObject({ verified: false, domain: { status: 'pending' } });
    expect(mismatch.error).toContain('does not hold');

    doh.failWith = 503;
    try {
      const down = await f.operator.domains.verify.mutate({ id: domain.id });
      expect(down).toMatchObject({ verified: false, domain: { status: 'pending' } });
      expect(down.error).toContain('HTTP 503');
    } finally {
      doh.failWith = null;
    }

    // A long value split into character-strings, as DNS servers return them, is joined before comparing.
    const value = domain.verification.value;
    doh.records.set(recordName, ['"v=spf1 -all"', `"${value.slice(0, 20)}" "${value.slice(20)}"`]);
    const ok = await f.operator.domains.verify.mutate({ id: domain.id });
    expect(ok).toMatchObject({
      verified: true,
      error: null,
      domain: { status: 'verified', lastError: null },
    });
    const [row] = await t.database.db.select().from(funnelDomains).where(eq(funnelDomains.id, domain.id));
    expect(row?.verifiedAt).toBeInstanceOf(Date);
    expect(row?.lastCheckedAt).toBeInstanceOf(Date);
  });

  it('records an unreachable resolver as the reason, changing nothing else', async () => {
    const closed = await startDoh();
    await closed.close();
    const down = await createTestApp({ env: { DOH_RESOLVER_URL: closed.url } });
    try {
      const f = await funnelTenant(down);
      const domain = await f.operator.domains.add.mutate({ clientId: f.clientId, hostname: host() });
      const result = await f.operator.domains.verify.mutate({ id: domain.id });
      expect(result).toMatchObject({ verified: false, domain: { status: 'pending' } });
      expect(result.error).toContain('could not be reached');
    } finally {
      await down.close();
    }
  });

  it('assigns a domain to a funnel of its client only, and removes it', async () => {
    const f = await funnelTenant(t);
    const domain = await f.operator.domains.add.mutate({ clientId: f.clientId, hostname: host() });
    const funnel = await f.operator.funnels.create.mutate({ clientId: f.clientId, name: 'Launch' });
    const other = await f.admin.clients.create.mutate({
      name: 'Other',
      primaryMarkets: [],
      primaryLanguages: [],
    });
    const otherFunnel = await f.operator.funnels.create.mutate({ clientId: other.id, name: 'Elsewhere' });
    expect((await f.operator.domains.assign.mutate({ id: domain.id, funnelId: funnel.id })).funnelId).toBe(
      funnel.id,
    );
    const wrong = await failure(
      f.operator.domains.assign.mutate({ id: domain.id, funnelId: otherFunnel.id }),
    );
    expect(fieldPaths(wrong)).toEqual(['funnelId']);
    expect((await f.operator.domains.assign.mutate({ id: domain.id, funnelId: null })).funnelId).toBeNull();
    expect(await f.operator.domains.remove.mutate({ id: domain.id })).toEqual({
      id: domain.id,
      deleted: true,
    });
    expect(await f.member.domains.list.query({ clientId: f.clientId })).toEqual([]);
    const again = await failure(f.operator.domains.remove.mutate({ id: domain.id }));
    expect(again.code).toBe('NOT_FOUND');
  });
});

describe('TXT data', () => {
  it('joins quoted character-strings and unescapes them', () => {
    expect(txtText('"mos-verify=abc"')).toBe('mos-verify=abc');
    expect(txtText('"mos-verify=" "abc"')).toBe('mos-verify=abc');
    expect(txtText('"say \\"hi\\""')).toBe('say "hi"');
    expect(txtText('unquoted')).toBe('unquoted');
  });
});
