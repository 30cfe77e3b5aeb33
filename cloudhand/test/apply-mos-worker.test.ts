import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverStep } from '../src/apply/index';
import { parsePlan } from '../src/plan/schema';
import { freePort, type LocalServer, startLocalServer } from '../src/testing/index';
import { collectingReporter, fetchUntil, fileMode, memoryHostKeys } from './support/apply-fixtures';
import { commitRepo } from './support/run';

const RELAY_SECRET = 'relay-secret-value-never-logged-77';
const DB_URL = 'postgres://mos:db-password-never-logged@db.internal/mos';

// The three processes of a MOS checkout, reduced to what the deploy can observe: each listens where its env says.
const FILES: Record<string, string> = {
  'package.json': '{"name":"mos","private":true,"type":"module"}\n',
  'start.mjs': 'setInterval(() => undefined, 1 << 30);\n',
  'relay.mjs': `import http from 'node:http';
http.createServer((q, s) => s.end('relay secret length ' + (process.env.WORKFLOW_RELAY_SECRET ?? '').length + ' db ' + (process.env.DATABASE_URL ? 'set' : 'unset')))
  .listen(Number(process.env.RELAY_PORT), process.env.RELAY_HOST);
`,
  'funnel-proxy.mjs': `import http from 'node:http';
http.createServer((q, s) => { s.setHeader('x-accel-expires', '0'); s.end('funnel proxy for ' + q.headers.host + q.url); })
  .listen(Number(process.env.FUNNEL_PROXY_PORT), process.env.FUNNEL_PROXY_HOST);
`,
};

describe('a mos_worker workload on the local server', () => {
  let server: LocalServer;
  let dir: string;
  beforeAll(async () => {
    server = await startLocalServer();
    dir = await mkdtemp(join(tmpdir(), 'ch-mos-'));
    const work = join(dir, 'work');
    await commitRepo(work, FILES, 'mos');
    // `pnpm --filter @mos/temporal-worker <script>` on this server runs <script>.mjs of the checkout (no pnpm here).
    const shim = join(server.root, 'bin', 'pnpm');
    await writeFile(shim, '#!/bin/sh\nexec node "$3.mjs"\n');
    await chmod(shim, 0o755);
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('one checkout, one unit and env file per service, relay and funnel domains through nginx', async () => {
    const [relayPort, proxyPort] = [await freePort(), await freePort()];
    const spec = parsePlan({
      new_spec: {
        provider: 'hetzner',
        region: 'nbg1',
        instances: [
          {
            name: 'mos-worker',
            size: 'cx23',
            workloads: [
              {
                name: 'mos-worker',
                source_type: 'mos_worker',
                repo_url: join(dir, 'work'),
                mos_worker: {
                  relay_port: relayPort,
                  funnel_proxy_port: proxyPort,
                  relay_server_name: 'relay.mos.test',
                  funnel_server_names: ['shop.customer.test'],
                },
                service_config: {
                  environment: {
                    NODE_ENV: 'production',
                    WORKFLOW_RELAY_SECRET: { secret: 'WORKFLOW_RELAY_SECRET' },
                    DATABASE_URL: { secret: 'DATABASE_URL' },
                  },
                },
                destination_path: server.appsDir,
              },
            ],
          },
        ],
      },
    }).new_spec;
    const reporter = collectingReporter();
    const values: Record<string, string> = { WORKFLOW_RELAY_SECRET: RELAY_SECRET, DATABASE_URL: DB_URL };
    const result = await serverStep({
      spec,
      instance: 'mos-worker',
      ssh: server.ssh,
      hostKeys: memoryHostKeys(),
      secrets: async (n) => values[n] ?? Promise.reject(new Error(`no ${n}`)),
      releaseId: 'm1',
      nginxMode: 'per-app',
      gitToken: null,
      certbotEmail: null,
      layout: server.layout,
      reporter,
      healthTimeoutMs: 15_000,
    });
    expect(result.releases).toEqual([
      { workload: 'mos-worker', releaseId: 'm1', path: join(server.appsDir, 'mos-worker', 'releases', 'm1') },
    ]);
    const relay = await fetchUntil(`http://127.0.0.1:${server.nginxPort}/`, 'relay.mos.test', (b) =>
      b.startsWith('relay'),
    );
    expect(relay.body).toBe(`relay secret length ${RELAY_SECRET.length} db unset`);
    const funnel = await fetchUntil(
      `http://127.0.0.1:${server.nginxPort}/landing`,
      'shop.customer.test',
      (b) => b.startsWith('funnel proxy'),
    );
    expect(funnel.body).toBe('funnel proxy for shop.customer.test/landing');

    // Each service its own env file (600) with only its variables; the worker's lacks the relay secret.
    const env = (u: string) => readFile(join(server.layout.envDir, `${u}.env`), 'utf8');
    for (const u of ['mos-worker', 'mos-worker-relay', 'mos-worker-funnel-proxy'])
      expect(await fileMode(join(server.layout.envDir, `${u}.env`))).toBe(0o600);
    expect(await env('mos-worker-relay')).toContain(RELAY_SECRET);
    expect(await env('mos-worker-funnel-proxy')).toContain(DB_URL);
    expect(await env('mos-worker')).not.toContain(RELAY_SECRET);
    const text = reporter.text();
    expect(text).not.toContain(RELAY_SECRET);
    expect(text).not.toContain('db-password-never-logged');
    expect(result.accessUrls).toEqual(
      expect.arrayContaining([
        `http://relay.mos.test:${server.nginxPort}/`,
        `http://shop.customer.test:${server.nginxPort}/`,
      ]),
    );
  }, 90_000);
});
