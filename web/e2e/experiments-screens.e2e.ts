/**
 * The experiment screens in real headless Chromium against the contract-shaped API stand-in: the experiment page
 * with twenty polls (plan, results, lift chart, guardrail warning, decisions), its dialogs, the CSV upload's preview
 * with row errors (and linking an unlinked ad id from its row), and the Meta connector and ad links on the client page. Screenshots land in e2e/screenshots/experiments-*.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CAMPAIGN,
  CLIENT,
  CSV_TEXT,
  connectors,
  csvPreview,
  decisions,
  EXPERIMENT,
  experiment,
  labelsSpec,
  ORG,
  readings,
  SPEC_ARTIFACT,
} from '../src/components/experiments/fixtures.test-utils';
import type { RouterOutputs } from '../src/lib/trpc';
import { seriousAxeViolations } from './support/browser';
import { type Screens, startScreens } from './support/screens';
import { SCREENSHOT_DIR, screenshot } from './support/ui';

const me = {
  userId: '00000000-0000-4000-8000-0000000000a1',
  clerkUserId: 'user_local_1',
  email: 'dana@northstar.test',
  role: 'admin',
  org: { id: ORG, externalId: 'org_northstar', name: 'Northstar Media' },
} satisfies RouterOutputs['me']['get'];

const created = '2026-10-02T09:00:00.000Z';
const client = {
  id: CLIENT,
  orgId: ORG,
  name: 'Glow Labs',
  industry: 'Skincare',
  adVertical: 'skincare',
  primaryMarkets: ['US', 'GB'],
  primaryLanguages: ['en'],
  status: 'active',
  createdAt: created,
  updatedAt: created,
} as RouterOutputs['clients']['get'];

const imports = {
  items: [
    {
      id: '00000000-0000-4000-8000-000000000a01',
      fileName: 'meta-ads-2026-11-week47.csv',
      experimentId: EXPERIMENT,
      rowsImported: 84,
      rowsRevised: 12,
      errors: [{ line: 40, field: 'adId', message: 'not linked to an asset of this client' }],
      createdAt: '2026-11-24T10:12:00.000Z',
    },
  ],
};

/** The client's assets as `assets.list` serves them (only the fields the link forms read matter here). */
const assetRow = (id: string, variantId: string, headline: string) =>
  ({
    id,
    orgId: ORG,
    clientId: CLIENT,
    campaignId: CAMPAIGN,
    experimentId: EXPERIMENT,
    variantId,
    channelId: 'meta_feed',
    format: 'image',
    status: 'live',
    content: { headline },
    createdAt: created,
    updatedAt: created,
  }) as unknown as RouterOutputs['assets']['list']['items'][number];
const clientAssets = [
  assetRow('00000000-0000-4000-8000-00000000a5e1', 'control', 'Every ingredient, on the front of the jar'),
  assetRow('00000000-0000-4000-8000-00000000a5e2', 'proof-hero', 'Proof, not promises: 8 weeks, 212 people'),
  assetRow('00000000-0000-4000-8000-00000000a5e3', 'ugc-hero', 'Dana tried it for a month (video)'),
];
const adLinks = clientAssets.map((a, n) => ({
  assetId: a.id,
  headline: (a.content as { headline: string }).headline,
  channelId: a.channelId,
  format: a.format,
  variantId: a.variantId,
  experimentId: EXPERIMENT,
  platform: 'meta',
  externalAdId: `12021000${n + 1}`,
  createdAt: `2026-11-1${n}T08:30:00.000Z`,
})) satisfies RouterOutputs['assets']['platformAds']['items'];

let mode: 'running' | 'srm' | 'planned' = 'running';
const previews: unknown[] = [];
const links: unknown[] = [];

function answer(path: string, input: unknown): unknown {
  const i = (input ?? {}) as Record<string, unknown>;
  switch (path) {
    case 'me.get':
      return me;
    case 'experiments.get':
      return mode === 'planned' ? { ...experiment, status: 'planned', startedAt: null } : experiment;
    case 'experiments.readings': {
      const items = readings(20);
      if (mode === 'srm') {
        const last = items.at(-1);
        if (last)
          last.data = {
            ...last.data,
            srm: { chiSquare: 38.6, pValue: 0.0000041, mismatch: true },
            action: 'continue',
            reason: 'srm',
            winningArmId: null,
          };
      }
      return { items: i.phase === 1 || mode === 'planned' ? [] : items };
    }
    case 'experiments.decisions':
      // Under a mismatch nothing is proposed: only the applied decision of phase 1 is there.
      if (mode === 'planned') return { items: [] };
      return { items: mode === 'srm' ? decisions.filter((d) => d.status !== 'proposed') : decisions };
    case 'artifacts.get':
      return { id: SPEC_ARTIFACT, type: 'experiment_spec', version: 1, status: 'approved', data: labelsSpec };
    case 'snapshots.previewCsv':
      previews.push(input);
      // Once line 7's ad id is linked, its row checks out like the others.
      return links.length
        ? {
            ...csvPreview,
            rows: csvPreview.rows.map((r) =>
              r.line === 7
                ? { ...r, assetId: clientAssets[1]?.id ?? null, armId: 'proof-hero', error: null }
                : r,
            ),
            errors: csvPreview.errors.filter((e) => e.line !== 7),
            validRows: csvPreview.validRows + 1,
          }
        : csvPreview;
    case 'assets.list':
      return { items: clientAssets, nextCursor: null };
    case 'assets.platformAds':
      return { items: adLinks };
    case 'assets.linkPlatformAd':
      links.push(input);
      return { ...i, previousAssetId: null };
    case 'snapshots.imports':
      return imports;
    case 'clients.get':
      return client;
    case 'connectors.get':
      return connectors;
    default:
      throw new Error(`the stand-in does not answer ${path} (campaign ${CAMPAIGN})`);
  }
}

let screens: Screens;

beforeAll(async () => {
  screens = await startScreens(answer, { token: 'tok_screens', email: me.email, orgId: me.org.externalId });
});

afterAll(async () => {
  await screens?.close();
});

describe('experiment screens (contract-shaped API stand-in)', () => {
  it('experiment page: locked plan, results per arm, lift intervals over time, guardrail warning, decisions', async () => {
    mode = 'running';
    const page = await screens.signedInPage(`/experiments/${EXPERIMENT}`, { width: 1360, height: 900 });
    await page.getByRole('table', { name: 'Results per arm' }).waitFor();
    await page.getByRole('img', { name: /Lift of each arm/ }).waitFor();
    expect(await page.getByTestId('lift-series').count()).toBe(2);
    expect(await page.getByRole('alert').first().textContent()).toMatch(/Guardrail breached/);
    await screenshot(page, 'experiments-page');
    // The chart alone at the device's scale, to read its ticks and bands.
    await page
      .getByRole('img', { name: /Lift of each arm/ })
      .screenshot({ path: join(SCREENSHOT_DIR, 'experiments-lift-chart.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('experiment page with a sample-ratio mismatch: the block is said first', async () => {
    mode = 'srm';
    const page = await screens.signedInPage(`/experiments/${EXPERIMENT}`);
    const block = page.getByText('Sample-ratio mismatch — no decision can be taken');
    await block.waitFor();
    await block.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.mouse.wheel(0, -120);
    await screenshot(page, 'experiments-srm', { fullPage: false });
    mode = 'running';
    await page.context().close();
  });

  it('planned experiment: the start-cycle dialog with the locked stop rule, and the change-plan dialog', async () => {
    mode = 'planned';
    const page = await screens.signedInPage(`/experiments/${EXPERIMENT}`);
    await page.getByRole('button', { name: 'Start cycle' }).click();
    const start = page.getByRole('dialog');
    await start.getByRole('group', { name: 'Stop rule (locked)' }).waitFor();
    await screenshot(page, 'experiments-start-cycle', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await start.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Change plan' }).click();
    const change = page.getByRole('dialog');
    await change.getByLabel('Why does the plan change?').fill('Traffic halved after the November budget cut');
    await change.getByLabel('MDE (relative %)').fill('30');
    await screenshot(page, 'experiments-change-plan', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    mode = 'running';
    await page.context().close();
  });

  it('CSV upload: column mapping, preview of parsed rows and the rows with errors', async () => {
    const page = await screens.signedInPage(`/experiments/${EXPERIMENT}`);
    await page.getByRole('button', { name: 'Upload CSV' }).click();
    await page.locator('#csv-file').setInputFiles({
      name: 'meta-ads-2026-11-week48.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV_TEXT),
    });
    await page.getByRole('table', { name: 'Parsed rows' }).waitFor();
    const sent = previews.at(-1) as { headers: string[]; rows: { line: number }[] };
    expect(sent.rows.map((r) => r.line)).toEqual([2, 3, 4, 6, 7]);
    expect(await page.getByRole('list', { name: 'Row errors' }).textContent()).toMatch(
      /Line 6.*Clicks: is empty/,
    );
    await screenshot(page, 'experiments-csv-preview', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Line 7's ad id is linked to no asset: link it from its row, and the preview runs again.
    await page.getByRole('button', { name: 'Link to asset… for ad 120219999' }).click();
    const linkGroup = page.getByRole('group', { name: 'Link ad 120219999' });
    await linkGroup.getByLabel('Asset for ad 120219999').selectOption({ index: 2 });
    await linkGroup.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'experiments-csv-link', { fullPage: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    const before = previews.length;
    await linkGroup.getByRole('button', { name: 'Link', exact: true }).click();
    await linkGroup.waitFor({ state: 'detached' });
    expect(links).toEqual([{ assetId: clientAssets[1]?.id, platform: 'meta', externalAdId: '120219999' }]);
    expect(previews.length).toBe(before + 1);
    expect(await page.locator('tr[data-line="7"]').getAttribute('aria-invalid')).toBeNull();
    await page.getByText('4 valid').waitFor();
    await screenshot(page, 'experiments-csv-linked', { fullPage: false });
    await page.context().close();
  });

  it('client page: Meta connector settings with the token by secret name and the last pull, and the ad links', async () => {
    const page = await screens.signedInPage(`/clients/${CLIENT}?tab=ad-data`);
    await page.getByRole('form', { name: 'Meta connector settings' }).waitFor();
    expect(await page.getByLabel('Access token (org secret)').inputValue()).toBe('META_GLOW_TOKEN');
    await page.getByRole('table', { name: 'CSV uploads' }).waitFor();
    await page.getByRole('table', { name: 'Ad links' }).waitFor();
    expect(await page.getByRole('button', { name: /^Unlink ad / }).count()).toBe(3);
    // The whole page before typing (filling the field scrolls, which a full-page capture shows as a torn layout).
    await screenshot(page, 'experiments-connector');
    const linkForm = page.getByRole('form', { name: 'Link a Meta ad' });
    await linkForm.getByLabel('Meta ad id').fill('120210004');
    await linkForm.getByLabel('Asset').selectOption({ index: 3 });
    expect(await linkForm.getByRole('button', { name: 'Link ad' }).isEnabled()).toBe(true);
    await page.getByTestId('ad-links').screenshot({ path: join(SCREENSHOT_DIR, 'experiments-ad-links.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
