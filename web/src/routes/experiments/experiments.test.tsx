import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { AdDataPanel } from '@/components/experiments/ad-data';
import {
  CLIENT,
  connectors,
  decisions,
  EXPERIMENT,
  experiment,
  labelsSpec,
  readings,
  SPEC_ARTIFACT,
} from '@/components/experiments/fixtures.test-utils';
import { setSession } from '@/lib/session';
import { json, type RecordedCall, stubFetch, trpcInputs, trpcPaths } from '@/test/http';
import ExperimentsRoutes from './index';

const me = (role: 'admin' | 'operator' | 'member') => ({
  userId: 'u',
  clerkUserId: 'user_1',
  email: 'op@mos.local',
  role,
  org: { id: 'o', externalId: 'org_1', name: 'Northstar Media' },
});

/** Answers each procedure of a batched tRPC request in tRPC's wire shape; an unknown procedure fails the test. */
function api(routes: Record<string, (input: unknown, call: RecordedCall) => unknown>) {
  return stubFetch((call) => {
    const paths = trpcPaths(call.url);
    const inputs =
      call.method === 'POST'
        ? Object.values(JSON.parse(call.body ?? '{}') as Record<string, unknown>)
        : trpcInputs(call.url);
    return json(
      paths.map((p, i) => {
        const route = routes[p];
        if (!route) throw new Error(`unexpected procedure ${p}`);
        return { result: { data: route(inputs[i], call) } };
      }),
    );
  });
}

function renderPage(path: string) {
  setSession({ token: 'tok', email: 'op@mos.local', orgId: 'org_1' });
  return render(
    <Providers>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="experiments/*" element={<ExperimentsRoutes />} />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

const spec = { id: SPEC_ARTIFACT, type: 'experiment_spec', version: 1, status: 'approved', data: labelsSpec };

describe('experiment page', () => {
  it('loads plan, results, chart and decisions for the phase in force, with the arms named from the spec', async () => {
    const { calls } = api({
      'me.get': () => me('operator'),
      'experiments.get': () => experiment,
      'experiments.readings': () => ({ items: readings(20) }),
      'experiments.decisions': () => ({ items: decisions }),
      'artifacts.get': () => spec,
    });
    renderPage(`/experiments/${EXPERIMENT}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Hero proof test' })).toBeInstanceOf(
      HTMLElement,
    );
    expect(await screen.findByText('Plan · phase 2')).toBeInstanceOf(HTMLElement);
    const table = await screen.findByRole('table', { name: 'Results per arm' });
    expect(within(table).getByText('30-day proof hero')).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('img', { name: /Lift of each arm/ })).toBeInstanceOf(SVGSVGElement);
    // The CPA guardrail of the video arm is breached by poll 20: said in a blocking alert.
    expect(screen.getByRole('alert').textContent).toMatch(/Customer video hero: Cost per acquisition/);
    const banner = screen.getByText(/The cycle proposes to/).closest('[role="status"]') as HTMLElement;
    expect(within(banner).getByRole('link', { name: 'Review in inbox' }).getAttribute('href')).toBe(
      `/runs/${decisions[0]?.workflowRunId}`,
    );
    const asked = calls.flatMap((c) => trpcPaths(c.url).map((p, i) => [p, trpcInputs(c.url)[i]] as const));
    expect(asked).toContainEqual(['experiments.readings', { id: EXPERIMENT, phase: 2 }]);
    expect(asked).toContainEqual(['artifacts.get', { id: SPEC_ARTIFACT }]);
    // Running: no start button; the plan can only change after the cycle stops (the dialog says so).
    expect(screen.queryByRole('button', { name: 'Start cycle' })).toBeNull();
  });

  it('reads an earlier phase’s numbers under that phase’s plan', async () => {
    const { calls } = api({
      'me.get': () => me('member'),
      'experiments.get': () => experiment,
      'experiments.readings': () => ({ items: [] }),
      'experiments.decisions': () => ({ items: [] }),
      'artifacts.get': () => spec,
    });
    renderPage(`/experiments/${EXPERIMENT}?phase=1`);
    expect(await screen.findByText('Plan · phase 1')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('34,000')).toBeInstanceOf(HTMLElement);
    await waitFor(() =>
      expect(
        calls.flatMap((c) => trpcPaths(c.url).map((p, i) => [p, trpcInputs(c.url)[i]] as const)),
      ).toContainEqual(['experiments.readings', { id: EXPERIMENT, phase: 1 }]),
    );
    expect(screen.queryByRole('button', { name: /Change plan/ })).toBeNull();
  });

  it('starts the cycle of a planned experiment with the poll interval and the locked stop rule', async () => {
    const user = userEvent.setup();
    let started: unknown = null;
    api({
      'me.get': () => me('operator'),
      'experiments.get': () => ({ ...experiment, status: 'planned', startedAt: null }),
      'experiments.readings': () => ({ items: [] }),
      'experiments.decisions': () => ({ items: [] }),
      'artifacts.get': () => spec,
      'experiments.startCycle': (input) => {
        started = input;
        return { runId: 'r1', workflowId: `experiment-cycle-${EXPERIMENT}` };
      },
    });
    renderPage(`/experiments/${EXPERIMENT}`);
    await user.click(await screen.findByRole('button', { name: 'Start cycle' }));
    const dialog = await screen.findByRole('dialog');
    await user.selectOptions(within(dialog).getByLabelText('Read the results'), 'Every 15 minutes');
    await user.click(within(dialog).getByRole('button', { name: 'Start cycle' }));
    await waitFor(() => expect(started).not.toBeNull());
    expect(started).toEqual({
      experimentId: EXPERIMENT,
      pollSeconds: 900,
      stopRule: experiment.plan?.stopRule,
    });
  });
});

describe('client page: ad data', () => {
  it('saves the Meta connector for the client through connectors.upsertMeta', async () => {
    const user = userEvent.setup();
    let saved: unknown = null;
    api({
      'me.get': () => me('admin'),
      'connectors.get': () => (saved ? connectors : { meta: null, secretNames: connectors.secretNames }),
      'snapshots.imports': () => ({ items: [] }),
      'assets.platformAds': () => ({ items: [] }),
      'assets.list': () => ({ items: [], nextCursor: null }),
      'connectors.upsertMeta': (input) => {
        saved = input;
        return { ok: true };
      },
    });
    setSession({ token: 'tok', email: 'op@mos.local', orgId: 'org_1' });
    render(
      <Providers>
        <MemoryRouter>
          <AdDataPanel clientId={CLIENT} />
        </MemoryRouter>
      </Providers>,
    );
    expect(await screen.findByText('No CSV uploaded for this client yet.')).toBeInstanceOf(HTMLElement);
    await user.type(await screen.findByLabelText('Ad account id'), 'act_20240318771');
    await user.selectOptions(screen.getByLabelText('Access token (org secret)'), 'META_GLOW_TOKEN');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Connect Meta' })).toHaveProperty('disabled', false),
    );
    await user.click(screen.getByRole('button', { name: 'Connect Meta' }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(saved).toEqual({ clientId: CLIENT, settings: connectors.meta?.settings, enabled: true });
    expect(await screen.findByText('Connected')).toBeInstanceOf(HTMLElement);
  });

  it('links a Meta ad to a client asset and unlinks it through the assets API', async () => {
    const user = userEvent.setup();
    const asset = {
      id: '00000000-0000-4000-8000-00000000a5e1',
      variantId: 'control',
      channelId: 'meta_feed',
      format: 'image',
      content: { headline: 'Every ingredient, on the jar' },
    };
    let links: unknown[] = [];
    const calls: { path: string; input: unknown }[] = [];
    api({
      'me.get': () => me('operator'),
      'connectors.get': () => ({ meta: null, secretNames: [] }),
      'snapshots.imports': () => ({ items: [] }),
      'assets.list': (input) => {
        calls.push({ path: 'assets.list', input });
        return { items: [asset], nextCursor: null };
      },
      'assets.platformAds': () => ({ items: links }),
      'assets.linkPlatformAd': (input) => {
        calls.push({ path: 'link', input });
        const i = input as { externalAdId: string };
        links = [
          {
            assetId: asset.id,
            headline: asset.content.headline,
            channelId: asset.channelId,
            format: asset.format,
            variantId: asset.variantId,
            experimentId: null,
            platform: 'meta',
            externalAdId: i.externalAdId,
            createdAt: '2026-11-30T10:00:00.000Z',
          },
        ];
        return { ...i, previousAssetId: null };
      },
      'assets.unlinkPlatformAd': (input) => {
        calls.push({ path: 'unlink', input });
        links = [];
        return { ...(input as object), assetId: asset.id };
      },
    });
    setSession({ token: 'tok', email: 'op@mos.local', orgId: 'org_1' });
    render(
      <Providers>
        <MemoryRouter>
          <AdDataPanel clientId={CLIENT} />
        </MemoryRouter>
      </Providers>,
    );
    const form = await screen.findByRole('form', { name: 'Link a Meta ad' });
    await user.type(within(form).getByLabelText('Meta ad id'), '120210001');
    await user.selectOptions(
      await within(form).findByRole('combobox', { name: 'Asset' }),
      await within(form).findByRole('option', { name: 'Arm Control · Every ingredient, on the jar' }),
    );
    await user.click(within(form).getByRole('button', { name: /Link ad/ }));
    const table = await screen.findByRole('table', { name: 'Ad links' });
    expect(within(table).getByText('Every ingredient, on the jar')).toBeInstanceOf(HTMLElement);
    await user.click(screen.getByRole('button', { name: 'Unlink ad 120210001' }));
    expect(await screen.findByText(/No ad linked/)).toBeInstanceOf(HTMLElement);
    expect(calls).toEqual([
      { path: 'assets.list', input: { clientId: CLIENT, limit: 100 } },
      { path: 'link', input: { assetId: asset.id, platform: 'meta', externalAdId: '120210001' } },
      { path: 'unlink', input: { platform: 'meta', externalAdId: '120210001' } },
    ]);
  });
});
