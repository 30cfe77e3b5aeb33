import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate } from '@mos/db/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../src/node';

type Running = Awaited<ReturnType<typeof startNodeServer>>;

let database: Awaited<ReturnType<typeof createDb>>;
let api: Running;
let external: Running | null = null;
const localDir = mkdtempSync(join(tmpdir(), 'mos-node-entry-'));

const source = (host: string) => ({
  MOS_ENV: 'test',
  AUTH_MODE: 'local',
  DATABASE_URL: 'pglite:memory',
  WORKFLOW_GATEWAY: 'none',
  MOS_LOCAL_DIR: localDir,
  HOST: host,
  PORT: '0',
});

beforeAll(async () => {
  database = await createDb('pglite:memory');
  await migrate(database);
  api = await startNodeServer(source('127.0.0.1'), { database });
});
afterAll(async () => {
  await api.close();
  await external?.close();
  await database.close();
  rmSync(localDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** One request through `agent` (keep-alive), answering the status or the socket error it met. */
function send(
  agent: http.Agent,
  opts: { host?: string; port: number; method: string; path: string; body?: Buffer | string },
): Promise<Answer | { error: string }> {
  return new Promise((done) => {
    const req = http.request(
      {
        agent,
        host: opts.host ?? '127.0.0.1',
        port: opts.port,
        method: opts.method,
        path: opts.path,
        headers: opts.body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(opts.body) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', (err) => done({ error: err.message }));
      },
    );
    // The server may answer (and close) before the whole body is written; that is the case under test.
    req.on('error', (err) => done({ error: err.message }));
    req.end(opts.body);
  });
}

describe('Node entry: refused bodies', () => {
  it('answers 413 without promising keep-alive, and the next two requests on the same agent are answered', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = Buffer.alloc(1_500_000, 'x');
      const refused = await send(agent, {
        port: api.port,
        method: 'POST',
        path: '/trpc/clients.create',
        body: big,
      });
      expect(refused).toMatchObject({ status: 413, connection: 'close' });
      for (let i = 0; i < 2; i++) {
        const next = await send(agent, { port: api.port, method: 'GET', path: '/health' });
        expect(next).toEqual({ status: 200, connection: 'keep-alive', body: '{"ok":true}' });
      }
    } finally {
      agent.destroy();
    }
  });
});

const tokenBody = JSON.stringify({ email: 'dev@agency.test', orgId: 'org_node_entry', role: 'admin' });

describe('Node entry: local sign-in from the socket peer', () => {
  it('issues a token to a loopback caller over a real socket', async () => {
    const agent = new http.Agent();
    const res = await send(agent, {
      port: api.port,
      method: 'POST',
      path: '/auth/local/token',
      body: tokenBody,
    });
    expect(res).toMatchObject({ status: 200 });
    expect(JSON.parse((res as Answer).body)).toEqual({ token: expect.stringMatching(/^ey/) });
  });

  it('refuses a caller whose socket is not loopback, even with a forwarded-for header', async () => {
    // Reached through this machine's own network address, the peer is that address, not loopback.
    const address = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    expect(address, 'this test needs a non-loopback IPv4 interface').toBeDefined();
    external = await startNodeServer(source('0.0.0.0'), { database });
    const agent = new http.Agent();
    const res = await new Promise<Answer>((done, fail) => {
      const req = http.request(
        {
          agent,
          host: address,
          port: external?.port,
          method: 'POST',
          path: '/auth/local/token',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
        },
        (r) => {
          let body = '';
          r.on('data', (c: Buffer) => {
            body += c.toString();
          });
          r.on('end', () => done({ status: r.statusCode ?? 0, connection: r.headers.connection, body }));
        },
      );
      req.on('error', fail);
      req.end(tokenBody);
    });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('token"');
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'FORBIDDEN', message: 'local sign-in answers loopback callers only' },
    });
  });
});
