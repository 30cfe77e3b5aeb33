/**
 * The Deploy page end to end in Debian's Chromium against the real local stack (worker-api on Node with a secrets
 * key, PostgreSQL, the production build of the web app):
 *
 * 1. an admin finds Deploy in the sidebar, creates a project and bootstraps its first plan;
 * 2. a bad edit in the plan's JSON is reported at its field (the list names the path, the gutter marks the line,
 *    the list's button puts the cursor on it), and Save stays off;
 * 3. a workload that reads a secret the org lacks: the server refuses the save, at the environment field;
 * 4. the secret is set by name on the Secrets tab (the value never shows again), the save goes through as v2, and
 *    the Secrets tab shows the plan's reference as set; the Versions tab lists both versions;
 * 5. Apply is refused while the project's Hetzner token secret is missing (the page says so); set by name from
 *    the plan's references, the apply queues a run through the real API and the page follows it (the stack has no
 *    cloud or server, so the run ends wherever the worker takes it: queued, or failed at terraform);
 * 6. a member sees no Deploy entry and an "Admins only" page at /deploy.
 * A run's live steps, log and URLs, the history with rollback and the Publish + Deploy dialog are looked at in
 * deploy-screens.e2e.ts against the API stand-in, and tested as components in src/components/deploy/.
 * Screenshots at 1280×800 and 390×844 under web/e2e/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAxeViolations } from './support/browser';
import { randomOrgId, startWebStack, type WebStack } from './support/stack';
import { mainNav, pageHeading, screenshot, settled, signInLocally } from './support/ui';

const SECRET_VALUE = `sk_live_${crypto.randomUUID().replaceAll('-', '')}`;

let web: WebStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebStack(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.close();
});

const editor = () => page.getByLabel('Plan JSON');
const problems = () => page.getByRole('list', { name: 'Plan problems' });

/** Toasts that would cover the page in a screenshot are closed first. */
async function shot(name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  for (const close of await page.getByRole('button', { name: 'Close toast' }).all())
    await close.click().catch(() => undefined);
  await page
    .locator('[data-sonner-toast]')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await screenshot(page, name, opts);
}

/** The same screen on a phone (390 px), from the top of the page. */
async function narrow(name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await shot(name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function tab(name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('[role="tab"]')].some(
        (t) => t.textContent === n && t.getAttribute('aria-selected') === 'true',
      ),
    name,
  );
}

describe('the Deploy page', () => {
  it('bootstraps a plan, reports a bad edit at its field, saves, and sets a secret by name', async () => {
    const orgId = randomOrgId();
    const admin = { email: `deploy-${orgId.slice(-8)}@agency.test`, orgId, orgName: 'E2E deploy agency' };
    await signInLocally(page, web.webUrl, { ...admin, role: 'admin' });

    // 1. Deploy in the sidebar; a project and its first plan.
    await mainNav(page).getByRole('link', { name: 'Deploy', exact: true }).click();
    await pageHeading(page, 'Deploy').waitFor();
    await settled(page);
    await page.getByText('No deploy projects yet').waitFor();
    await page.getByRole('button', { name: 'New project' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('Name').fill('Production!');
    await create.getByRole('button', { name: 'Create project' }).click();
    await create.getByRole('alert').filter({ hasText: 'lower-case' }).waitFor();
    await create.getByLabel('Name').fill('production');
    await create.getByLabel('Description').fill('Funnels and the client apps, Nuremberg');
    await create.getByRole('button', { name: 'Create project' }).click();
    await pageHeading(page, 'production').waitFor();
    await page.getByRole('button', { name: 'Bootstrap plan' }).click();
    await page.getByRole('button', { name: /^Apply plan v1$/ }).waitFor();
    const overview = page.getByRole('region', { name: 'Plan overview' });
    await overview.locator('[data-instance="web-1"]').waitFor();
    expect(await overview.textContent()).toContain('cx23');

    // 2. A bad edit, reported at its field.
    await page.getByRole('button', { name: 'Edit JSON' }).click();
    const saved = await editor().inputValue();
    expect(saved).toContain('"size": "cx23"');
    await editor().fill(saved.replace('"size": "cx23"', '"size": "CX 23"'));
    const bad = problems().getByRole('button', { name: /new_spec\.instances\[0\]\.size/ });
    await bad.waitFor();
    expect(await bad.textContent()).toContain('must be a Hetzner server type such as cx23');
    const sizeLine = saved.split('\n').findIndex((l) => l.includes('"size"')) + 1;
    expect(await page.locator(`[data-problem-line="${sizeLine}"]`).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save as new version' }).isDisabled()).toBe(true);
    await bad.click();
    const selected = await editor().evaluate((el) => {
      const t = el as HTMLTextAreaElement;
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    expect(selected).toBe('"size": "CX 23"');
    await shot('deploy-plan-field-error', { fullPage: false });
    await narrow('deploy-plan-field-error-narrow');

    // 3. A workload that reads STRIPE_KEY, which the org does not have yet: the server refuses, at the field.
    const plan = JSON.parse(saved) as { new_spec: { instances: { size: string; workloads: unknown[] }[] } };
    const instance = plan.new_spec.instances[0];
    if (!instance) throw new Error('the bootstrap plan has no instance');
    instance.size = 'cx33';
    instance.workloads.push({
      name: 'shop',
      repo_url: 'https://github.com/acme/shop.git',
      service_config: {
        command: 'node server.js',
        environment: { NODE_ENV: 'production', STRIPE_KEY: { secret: 'STRIPE_KEY' } },
        server_names: ['shop.glow.test'],
        https: true,
      },
    });
    await editor().fill(JSON.stringify(plan, null, 2));
    // The plan model accepts it; the server's check (deploy.validatePlan, as the draft settles) names the secret.
    const refused = problems().getByRole('button', { name: /service_config\.environment\.STRIPE_KEY/ });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('(server)');
    expect(await refused.textContent()).toContain('which this organization does not have');
    // Saving anyway is refused by the server at the same field, and no version is written.
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('the server refused the save', { exact: false }).waitFor();
    await refused.waitFor();
    expect(await page.getByRole('button', { name: /^Apply plan v1$/ }).count()).toBe(1);

    // 4. The secret by name; the draft is still there; saved as v2.
    await tab('Secrets');
    await page.getByLabel('Secret name').fill('STRIPE_KEY');
    await page.getByLabel('Value', { exact: true }).fill(SECRET_VALUE);
    await page.getByRole('button', { name: 'Set secret' }).click();
    await page.getByRole('list', { name: 'Org secrets' }).getByText('STRIPE_KEY').waitFor();
    expect(await page.getByLabel('Value', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET_VALUE);

    await tab('Plan');
    expect(await editor().inputValue()).toContain('"STRIPE_KEY"');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByRole('button', { name: /^Apply plan v2$/ }).waitFor();
    await page.getByText('The plan is valid.').waitFor();
    await page.getByRole('button', { name: 'Overview' }).click();
    const shop = page.locator('[data-workload="shop"]');
    await shop.waitFor();
    expect(await shop.textContent()).toContain('STRIPE_KEY=secret STRIPE_KEY');
    await shot('deploy-plan-overview');
    await narrow('deploy-plan-overview-narrow');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tab('Secrets');
    const refs = page.getByRole('list', { name: 'Secrets the plan references' });
    await refs.locator('[data-secret-ref="STRIPE_KEY"]').getByText('set', { exact: true }).waitFor();
    // The project's Hetzner token is referenced by name too, and not set in this org.
    await refs
      .locator('[data-secret-ref="HCLOUD_TOKEN"]')
      .getByText(/missing/)
      .waitFor();
    expect(await page.content()).not.toContain(SECRET_VALUE);
    await shot('deploy-secrets');
    await narrow('deploy-secrets-narrow');

    await tab('Versions');
    // Away from the Secrets tab, a banner names the secrets an apply needs that are not set.
    const needs = page.getByRole('status').filter({ hasText: 'has not set' });
    expect(await needs.textContent()).toContain('HCLOUD_TOKEN');
    const versions = page.getByRole('table', { name: 'Plan versions' });
    await versions.locator('[data-version="2"]').waitFor();
    expect(await versions.locator('[data-version]').count()).toBe(2);
    expect(await versions.locator('[data-version="1"]').textContent()).toContain('Bootstrap');
    expect(await versions.locator('[data-version="2"]').textContent()).toContain('Editor');
    await shot('deploy-versions');

    // 5. Apply: a run queued through the real API (a deploy_runs row and a signal-with-start of the project's
    // workflow), followed with `deploy.run`. There is no cloud here, so whatever state the worker takes the run to
    // is what the page must show.
    // The project's Hetzner token is not set: the API refuses the apply, and the page says why.
    const refusal = page.locator('[data-sonner-toast][data-type="error"]');
    await page.getByRole('button', { name: /^Apply plan v2$/ }).click();
    await refusal.filter({ hasText: 'HCLOUD_TOKEN' }).waitFor();
    for (const close of await page.getByRole('button', { name: 'Close toast' }).all()) await close.click();
    await refusal.first().waitFor({ state: 'detached' });
    await tab('Secrets');
    await page.getByRole('button', { name: 'Set HCLOUD_TOKEN' }).click();
    expect(await page.getByLabel('Secret name').inputValue()).toBe('HCLOUD_TOKEN');
    await page.getByLabel('Value', { exact: true }).fill(`hc_${SECRET_VALUE}`);
    await page.getByRole('button', { name: 'Set secret' }).click();
    await refs.locator('[data-secret-ref="HCLOUD_TOKEN"]').getByText('set', { exact: true }).waitFor();

    await page.getByRole('button', { name: /^Apply plan v2$/ }).click();
    await tab('Apply & runs');
    expect(await needs.count()).toBe(0);
    const runPanel = page.locator('section[data-run-id]');
    // A refused apply is an error toast: fail with its words rather than a timeout.
    await runPanel.or(refusal).first().waitFor({ timeout: 20_000 });
    if (await refusal.count())
      throw new Error(`the apply was refused: ${await refusal.first().textContent()}`);
    const runId = (await runPanel.getAttribute('data-run-id')) ?? '';
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await runPanel.textContent()).toContain('plan v2');
    // The worker's DeployProject workflow takes the run to its end; the page, polling, shows that end.
    await page
      .locator(
        `section[data-run-id="${runId}"]:is([data-run-status="failed"], [data-run-status="succeeded"])`,
      )
      .waitFor({ timeout: 60_000 });
    if ((await runPanel.getAttribute('data-run-status')) === 'failed') {
      // No cloud here: the run fails, and the page says why in the run, at the failed step and in the log.
      const why = (await runPanel.getByRole('alert').textContent()) ?? '';
      expect(why.length).toBeGreaterThan(10);
      expect(await runPanel.locator('[data-step-status="failed"]').count()).toBe(1);
      expect(await runPanel.getByRole('log').locator('[data-level="error"]').count()).toBeGreaterThan(0);
    } else {
      expect(
        await runPanel.getByRole('list', { name: 'Access URLs' }).getByRole('link').count(),
      ).toBeGreaterThan(0);
    }
    const runs = page.getByRole('table', { name: 'Deploy runs' });
    await runs.locator(`[data-run-row="${runId}"]`).waitFor();
    expect(await runs.locator('[data-run-row]').count()).toBe(1);
    expect(await runs.locator(`[data-run-row="${runId}"]`).textContent()).toContain('v2');
    await shot('deploy-apply-real-stack', { fullPage: false });

    // 6. A member: no Deploy entry, and the page says admins only.
    const memberContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const member = await memberContext.newPage();
    await signInLocally(member, web.webUrl, {
      ...admin,
      email: `member-${orgId.slice(-8)}@agency.test`,
      role: 'member',
    });
    await mainNav(member).getByRole('link', { name: 'Inbox', exact: true }).waitFor();
    expect(await mainNav(member).getByRole('link', { name: 'Deploy', exact: true }).count()).toBe(0);
    await member.goto(`${web.webUrl}/deploy`);
    await member.getByText('Admins only').waitFor();
    await screenshot(member, 'deploy-admins-only');
    await memberContext.close();
  });
});
