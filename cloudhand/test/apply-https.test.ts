import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverStep } from '../src/apply/index';
import { parsePlan } from '../src/plan/schema';
import { type LocalServer, startLocalServer } from '../src/testing/index';
import { collectingReporter, fetchUntil, memoryHostKeys } from './support/apply-fixtures';
import { commitRepo } from './support/run';

function httpsGet(
  port: number,
  servername: string,
): Promise<{ status: number; body: string; subject: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        servername,
        headers: { host: servername },
        rejectUnauthorized: false,
      },
      (res) => {
        const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, subject: String(cert.subject?.CN ?? '') });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// Let's Encrypt cannot be reached here: the local server's certbot stand-in checks the http-01 challenge through
// nginx as the CA would and issues a self-signed certificate. What is under test is the engine's two passes.
describe('https: certbot for names without a certificate, then the sites again with TLS', () => {
  let server: LocalServer;
  let dir: string;
  beforeAll(async () => {
    server = await startLocalServer();
    dir = await mkdtemp(join(tmpdir(), 'ch-tls-'));
    await commitRepo(dir, {
      'server.mjs':
        "import http from 'node:http';\nhttp.createServer((q, s) => s.end('secure app ' + (q.headers['x-forwarded-proto'] ?? ''))).listen(Number(process.env.PORT), '127.0.0.1');\n",
    });
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('issues the certificate through the webroot challenge and serves the site over TLS', async () => {
    const spec = parsePlan({
      new_spec: {
        provider: 'hetzner',
        region: 'nbg1',
        instances: [
          {
            name: 'tls-1',
            size: 'cx23',
            workloads: [
              {
                name: 'secure',
                repo_url: dir,
                service_config: {
                  command: 'node server.mjs',
                  ports: [await (await import('../src/testing/index')).freePort()],
                  server_names: ['secure.test', 'www.secure.test'],
                  https: true,
                },
                destination_path: server.appsDir,
              },
            ],
          },
        ],
      },
    }).new_spec;
    const w = spec.instances[0]?.workloads[0];
    if (!w) throw new Error('no workload');
    w.service_config.environment.PORT = String(w.service_config.ports[0]);
    const reporter = collectingReporter();
    const opts = {
      spec,
      instance: 'tls-1',
      ssh: server.ssh,
      hostKeys: memoryHostKeys(),
      secrets: async () => '',
      nginxMode: 'per-app' as const,
      gitToken: null,
      certbotEmail: 'ops@example.com',
      layout: server.layout,
      reporter,
    };
    const result = await serverStep({ ...opts, releaseId: 't1' });
    expect(reporter.text()).toContain('Requesting a certificate for secure.test, www.secure.test');
    expect(reporter.text()).toContain('Successfully received certificate (stand-in)');
    const res = await httpsGet(server.layout.httpsPort, 'secure.test');
    expect(res.status).toBe(200);
    expect(res.body).toBe('secure app https');
    expect(res.subject).toBe('secure.test');
    expect(result.accessUrls).toContain(`https://secure.test:${server.layout.httpsPort}/`);
    // Plain http on the name now redirects to https.
    const plain = await fetchUntil(`http://127.0.0.1:${server.nginxPort}/`, 'secure.test', (_b, s) => s > 0);
    expect([301, 308]).toContain(plain.status);

    // The next apply finds the certificate and asks for none.
    const again = collectingReporter();
    await serverStep({ ...opts, reporter: again, releaseId: 't2' });
    expect(again.text()).not.toContain('Requesting a certificate');
    expect((await httpsGet(server.layout.httpsPort, 'www.secure.test')).body).toBe('secure app https');
  }, 90_000);
});
