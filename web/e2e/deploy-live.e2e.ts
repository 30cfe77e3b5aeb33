/**
 * Deploys that really happen, followed in Debian's Chromium: the real local stack (worker-api, the Temporal dev
 * server with the real worker and cloudhand's real apply engine, PostgreSQL, the production web build) deploying
 * to a local "server" (cloudhand's harness: sshd and nginx on loopback with their own ports and folders) through
 * the recording terraform stand-in. No part of the deploy is mocked past terraform's cloud.
 *
 * 1. Apply from the Deploy page: a git app from a local repository, with a secret in its environment; the page
 *    follows the run live to Succeeded (every step done, the log streaming, the access URL), and the app answers
 *    through the server's nginx with the secret's value in its environment (compared by hash).
 * 2. Publish + Deploy from the funnel page, for a funnel whose domain was added and verified through the API
 *    (its TXT record in a DNS-over-HTTPS stand-in): a name that is not the funnel's verified domain is refused in the
 *    dialog; with the funnel's domain, the dialog follows the publish, then the deploy run, to "Open deployed page";
 *    the funnel's landing page is served through the server's nginx in front of the worker's funnel proxy.
 * 3. The Versions tab compares the two applied versions (the funnel's workload added), and a setting saved on the
 *    Settings tab is still there after a reload.
 * Screenshots under web/e2e/screenshots/ (deploy-live-*.png).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  generateSshKeyPair,
  type LocalServer,
  startLocalServer,
  type TerraformStandIn,
  terraformStandIn,
} from '@mos/cloudhand/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAxeViolations } from './support/browser';
import { randomOrgId, startWebStack, type WebStack } from './support/stack';
import { pageHeading, screenshot, settled, signInLocally } from './support/ui';

const run = promisify(execFile);
const RUN_TIMEOUT = 120_000;
const API_KEY_VALUE = `sk_live_${crypto.randomUUID().replaceAll('-', '')}`;

let web: WebStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let server: LocalServer;
let tf: TerraformStandIn;
let sshPrivateKey: string;
let rootDir: string;
let repo: string;
let doh: Server;
/** TXT records the DNS-over-HTTPS stand-in answers (name → values), as a DNS provider would publish them. */
const txtRecords = new Map<string, string[]>();

/** A DNS-over-HTTPS JSON resolver (what the API asks when a domain is verified) answering from `txtRecords`. */
async function startDoh(): Promise<string> {
  doh = createServer((req, res) => {
    const name = (new URL(req.url ?? '/', 'http://doh.test').searchParams.get('name') ?? '').toLowerCase();
    const values = txtRecords.get(name) ?? [];
    res.writeHead(200, { 'content-type': 'application/dns-json' }).end(
      JSON.stringify({
        Status: values.length ? 0 : 3,
        Question: [{ name, type: 16 }],
        ...(values.length ? { Answer: values.map((data) => ({ name, type: 16, TTL: 300, data })) } : {}),
      }),
    );
  });
  await new Promise<void>((done) => doh.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(doh.address() as AddressInfo).port}/dns-query`;
}

/** A tiny app: answers its version, a greeting from its environment, and the hash of its API key. */
const APP = `import http from 'node:http';
import { createHash } from 'node:crypto';
http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const key = process.env.API_KEY ?? '';
    res.end(JSON.stringify({ app: 'shop', greeting: process.env.GREETING ?? null, keySha: createHash('sha256').update(key).digest('hex') }));
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
`;

beforeAll(async () => {
  rootDir = mkdtempSync(join(tmpdir(), 'mos-deploy-live-'));
  const pair = await generateSshKeyPair('mos-deploy-live');
  sshPrivateKey = pair.privateKey;
  [server, tf] = await Promise.all([
    startLocalServer({ authorizedKeys: [pair.publicKey] }),
    terraformStandIn(),
  ]);
  // The app's repository "on the network": a bare repository the server clones by path.
  const work = join(rootDir, 'work');
  repo = join(rootDir, 'shop.git');
  await mkdir(work, { recursive: true });
  await run('git', ['init', '-q', '--bare', '-b', 'main', repo]);
  await run('git', ['init', '-q', '-b', 'main', work]);
  await writeFile(
    join(work, 'package.json'),
    JSON.stringify({ name: 'shop', private: true, type: 'module' }),
  );
  await writeFile(join(work, 'server.mjs'), APP);
  const git = (...args: string[]) =>
    run('git', ['-C', work, '-c', 'user.email=t@example.com', '-c', 'user.name=test', ...args]);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'shop');
  await git('push', '-q', repo, 'main');

  const dohUrl = await startDoh();
  [web, browser] = await Promise.all([
    startWebStack({
      apiEnv: { DOH_RESOLVER_URL: dohUrl },
      deploy: {
        rootDir: join(rootDir, 'deploy'),
        terraformBin: tf.bin,
        // The only departure from production: the server's sshd on its loopback port instead of <ip>:22.
        ssh: { host: server.ssh.host, port: server.ssh.port, username: server.ssh.username },
        layout: server.layout,
      },
    }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.close();
  await server?.stop();
  await tf?.remove();
  await new Promise((done) => (doh ? doh.close(done) : done(undefined)));
  rmSync(rootDir, { recursive: true, force: true });
}, 60_000);

/** GET through the local server's nginx with a Host header (fetch cannot set one). */
function viaNginx(
  host: string,
  path = '/',
): Promise<{ status: number; body: string; location: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.nginxPort, path, headers: { host }, method: 'GET' },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            location: res.headers.location ?? null,
          }),
        );
      },
    );
    req.on('error', reject);
    req.setTimeout(20_000, () =>
      req.destroy(new Error(`GET ${host}${path} through nginx: no answer in 20 s`)),
    );
    req.end();
  });
}

/** Toasts that would cover the page in a screenshot are closed first. */
async function shot(name: string): Promise<void> {
  for (const close of await page.getByRole('button', { name: 'Close toast' }).all())
    await close.click().catch(() => undefined);
  await screenshot(page, name);
}

/** Waits for a run panel to end and fails with what the page shows when the run failed. */
async function runEnded(scope: ReturnType<Page['locator']>): Promise<string> {
  const ended = scope.locator(':is([data-run-status="failed"], [data-run-status="succeeded"])').first();
  await ended.waitFor({ timeout: RUN_TIMEOUT });
  const status = (await ended.getAttribute('data-run-status')) ?? '';
  if (status === 'failed') {
    const why = await ended.getByRole('alert').allTextContents();
    const log = await ended.getByRole('log').textContent();
    throw new Error(`the deploy run failed: ${why.join(' ')}\n--- log ---\n${log}`);
  }
  return status;
}

describe('deploys to a server, followed in the browser', () => {
  const orgId = randomOrgId();
  const admin = {
    email: `live-${orgId.slice(-8)}@agency.test`,
    orgId,
    orgName: 'E2E live deploy agency',
    role: 'admin' as const,
  };

  it('applies a git app from the Deploy page: live steps and log to Succeeded, then the app answers through nginx', async () => {
    await signInLocally(page, web.webUrl, admin);
    const api = web.api(await web.signIn(admin));
    // Set-up through the API the page itself uses: the secrets (by name), a project naming its SSH key, a plan.
    await api.secrets.set.mutate({ name: 'HCLOUD_TOKEN', value: `hc_${crypto.randomUUID()}` });
    await api.secrets.set.mutate({ name: 'SERVER_SSH_KEY', value: sshPrivateKey });
    await api.secrets.set.mutate({ name: 'SHOP_API_KEY', value: API_KEY_VALUE });
    const project = await api.deploy.createProject.mutate({
      name: 'live',
      description: 'The local server',
      settings: { sshKeySecret: 'SERVER_SSH_KEY' },
    });
    await api.deploy.savePlan.mutate({
      projectId: project.id,
      plan: {
        new_spec: {
          provider: 'hetzner',
          region: 'nbg1',
          instances: [
            {
              name: 'web-1',
              size: 'cx23',
              workloads: [
                {
                  name: 'shop',
                  repo_url: repo,
                  branch: 'main',
                  runtime: 'nodejs',
                  service_config: {
                    command: 'node server.mjs',
                    environment: { GREETING: 'hello from v1', API_KEY: { secret: 'SHOP_API_KEY' } },
                    server_names: ['shop.test'],
                  },
                  destination_path: server.appsDir,
                },
              ],
            },
          ],
        },
      },
    });

    await page.goto(`${web.webUrl}/deploy/${project.id}`);
    await pageHeading(page, 'live').waitFor();
    await settled(page);
    await page.getByRole('button', { name: /^Apply plan v1$/ }).click();
    await page.getByRole('tab', { name: 'Apply & runs' }).click();
    const panel = page.locator('section[data-run-id]').first();
    await panel.waitFor({ timeout: 20_000 });
    // Live: a step running with the log already streaming, before the run is done.
    await panel.locator('[data-step-status="running"]').first().waitFor({ timeout: RUN_TIMEOUT });
    await panel.getByRole('log').locator('[data-level]').first().waitFor({ timeout: RUN_TIMEOUT });
    await shot('deploy-live-apply-running');

    expect(await runEnded(page.locator('section[data-run-id]'))).toBe('succeeded');
    const steps = panel.locator('[data-step-status]');
    const statuses = await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-step-status')));
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((s) => s !== 'succeeded' && s !== 'skipped')).toEqual([]);
    const log = (await panel.getByRole('log').textContent()) ?? '';
    expect(log).toContain('nginx');
    expect(log).not.toContain(API_KEY_VALUE);
    const urls = await panel.getByRole('list', { name: 'Access URLs' }).getByRole('link').allTextContents();
    // The server's nginx listens on the local server's port (80 on a real server).
    expect(urls.map((u) => u.trim())).toEqual([`http://shop.test:${server.nginxPort}/`]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot('deploy-live-apply-succeeded');

    // The app runs on the server behind its nginx site, with the secret resolved into its environment.
    const res = await viaNginx('shop.test');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      app: 'shop',
      greeting: 'hello from v1',
      keySha: createHash('sha256').update(API_KEY_VALUE).digest('hex'),
    });
    // History shows the run, succeeded, with its plan version.
    const row = page.getByRole('table', { name: 'Deploy runs' }).locator('[data-run-row]').first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Succeeded.*v1/s);
  });

  it('Publish + Deploy from the funnel page ends with the landing page served through the server’s nginx', async () => {
    const api = web.api(await web.signIn(admin));
    const client = await api.clients.create.mutate({
      name: 'Lumen & Moss',
      primaryMarkets: ['US'],
      primaryLanguages: ['en'],
    });
    const funnel = await api.funnels.create.mutate({ clientId: client.id, name: 'Barrier guide' });
    const landing = await api.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Guide' });
    const headline = `Calm skin in 14 days ${crypto.randomUUID().slice(0, 6)}`;
    await api.funnels.savePage.mutate({
      pageId: landing.page.id,
      document: {
        root: { props: { title: 'Guide', description: '', ogImage: null, favicon: null } },
        content: [
          {
            type: 'Hero',
            props: {
              id: 'hero-1',
              eyebrow: '',
              headline,
              subheadline: '',
              image: null,
              ctaLabel: '',
              ctaTarget: null,
              align: 'center',
            },
          },
        ],
        zones: {},
      },
    });
    await api.funnels.approvePage.mutate({ pageId: landing.page.id });
    // The funnel's own domain, verified the way an agency does it: added, its TXT record published (here, in the
    // DNS-over-HTTPS stand-in the API asks), then verified. The funnel proxy finds the funnel by it, and Publish +
    // Deploy accepts only such names. Domains are unique across organizations: one of this run's own.
    const funnelHost = `go-${orgId.slice(-8).toLowerCase()}.test`;
    const domain = await api.domains.add.mutate({
      clientId: client.id,
      hostname: funnelHost,
      funnelId: funnel.id,
    });
    txtRecords.set(domain.verification.recordName, [`"${domain.verification.value}"`]);
    const verified = await api.domains.verify.mutate({ id: domain.id });
    expect([verified.verified, verified.domain.status]).toEqual([true, 'verified']);

    await page.goto(`${web.webUrl}/funnels/${funnel.id}`);
    await pageHeading(page, 'Barrier guide').waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Publish + Deploy' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Deploy project').inputValue()).toBe('live');
    const names = dialog.getByRole('textbox', { name: 'Server names' });
    // The funnel's verified domain is the default; a name the funnel proxy would not know is refused.
    expect(await names.inputValue()).toBe(funnelHost);
    await dialog.getByRole('checkbox', { name: /HTTPS/ }).uncheck();
    await names.fill('shop.test');
    await dialog.getByRole('button', { name: 'Publish + Deploy' }).click();
    await dialog.getByText('shop.test is not a verified domain of this funnel').first().waitFor();
    await screenshot(page, 'deploy-live-publish-deploy-refused');
    await names.fill(funnelHost);
    await dialog.getByRole('button', { name: 'Publish + Deploy' }).click();
    const progress = dialog.getByRole('region', { name: 'Publish + Deploy progress' });
    const refused = dialog.getByRole('alert');
    await progress.or(refused).first().waitFor({ timeout: 30_000 });
    if (await refused.count())
      throw new Error(`Publish + Deploy refused: ${await refused.allTextContents()}`);
    expect(await runEnded(progress)).toBe('succeeded');
    const open = dialog.getByRole('link', { name: 'Open deployed page' });
    await open.waitFor({ timeout: RUN_TIMEOUT });
    expect(await open.getAttribute('href')).toBe(`http://${funnelHost}:${server.nginxPort}/`);
    // The publish run ends with its deploy (it polls the run, so a few seconds later).
    await dialog.locator('[data-publish-status="completed"]').waitFor({ timeout: 30_000 });
    await screenshot(page, 'deploy-live-publish-deploy-done');

    // The page through the server's nginx (in front of the worker's funnel proxy), as a visitor gets it.
    // `/` redirects to the entry page's slug, which is the page.
    const root = await viaNginx(funnelHost);
    expect([root.status, root.location]).toEqual([302, '/guide']);
    const res = await viaNginx(funnelHost, '/guide');
    expect(res.status, res.body.slice(0, 500)).toBe(200);
    expect(res.body).toContain(headline);
    // The git app deployed before is still served: the funnel's apply kept the plan's other workload.
    expect(JSON.parse((await viaNginx('shop.test')).body)).toMatchObject({ app: 'shop' });
  });

  it('compares the applied versions (the funnel workload added) and saves a project setting that a reload keeps', async () => {
    const api = web.api(await web.signIn(admin));
    const [project] = await api.deploy.projects.query();
    if (!project) throw new Error('the project of the first test is missing');
    await page.goto(`${web.webUrl}/deploy/${project.id}?tab=versions`);
    await pageHeading(page, 'live').waitFor();
    await settled(page);
    await page.getByRole('tab', { name: 'Versions' }).click();
    // v2 is the Publish + Deploy's version: compared with v1, it adds the funnel's workload and changes nothing else.
    await page.getByRole('button', { name: 'Compare with v1' }).click();
    const summary = page.getByRole('region', { name: 'Summary of changes' });
    await summary.waitFor();
    const items = await summary
      .locator('[data-change]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-change'), e.getAttribute('data-item')]));
    expect(items).toEqual([
      ['changed', 'web-1'],
      ['added', expect.stringMatching(/^funnel-/)],
    ]);
    expect(
      await page.getByRole('table', { name: 'Line diff' }).locator('[data-line="add"]').count(),
    ).toBeGreaterThan(5);
    await screenshot(page, 'deploy-live-compare');

    // Settings: the certbot e-mail saved through the real API stays after a reload.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Certbot e-mail').fill('certs@agency.test');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.reload();
    await pageHeading(page, 'live').waitFor();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByLabel('Certbot e-mail').inputValue()).toBe('certs@agency.test');
    const [stored] = await api.deploy.projects.query();
    expect(stored?.settings).toMatchObject({
      certbotEmail: 'certs@agency.test',
      sshKeySecret: 'SERVER_SSH_KEY',
    });
  });
});
