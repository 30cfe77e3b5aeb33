import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentProps } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { parseCsvText } from './csv';
import { CsvUploadDialog } from './csv-upload';
import { DecisionHistory } from './decision-history';
import { CSV_TEXT, connectors, csvPreview, decisions, plan, reading, readings } from './fixtures.test-utils';
import { LiftChart } from './lift-chart';
import { MetaConnectorCard } from './meta-connector';
import { PlanCard } from './plan-card';
import { ChangePlanDialog, StartCycleDialog } from './plan-dialogs';
import { ReadingWarnings, ResultsTable } from './results';
import type { CsvPreview } from './types';

const labels = { control: 'Ingredient list', 'proof-hero': 'Proof hero', 'ugc-hero': 'Video hero' };

describe('parseCsvText', () => {
  it('gives every row the line it starts on, across blank lines and quoted cells that span lines', async () => {
    const parsed = await parseCsvText(
      '\uFEFFday,ad,note\n2026-11-01,1,"two\nlines"\n\n  \n2026-11-02,2,x\n2026-11-03,3,y',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.headers).toEqual(['day', 'ad', 'note']);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 6, 7]);
    expect(parsed.rows[0]?.cells).toEqual({ day: '2026-11-01', ad: '1', note: 'two\nlines' });
  });

  it('names the file-level problems: duplicate columns, no rows, too many rows', async () => {
    expect((await parseCsvText('a,b,a\n1,2,3')).problems).toEqual(['Columns named twice: a.']);
    expect((await parseCsvText('a,b\n')).problems).toEqual(['The file has a header but no rows.']);
    expect((await parseCsvText('')).problems).toEqual(['The file is empty.']);
    const big = `a\n${'1\n'.repeat(20_001)}`;
    expect((await parseCsvText(big)).problems[0]).toMatch(/more than 20,000 rows/);
  });

  it('reads the realistic export with the line numbers the API errors refer to', async () => {
    const parsed = await parseCsvText(CSV_TEXT);
    expect(parsed.rows.map((r) => r.line)).toEqual(csvPreview.rows.map((r) => r.line));
    expect(parsed.rows[3]?.cells['Link clicks']).toBe('');
  });
});

describe('results', () => {
  it('shows per arm the value, lift, interval, p-value, chance to win and risk, and marks the winner', () => {
    const r = reading(20);
    render(
      <ResultsTable reading={r} readAt={new Date().toISOString()} labels={labels} controlArmId="control" />,
    );
    const table = screen.getByRole('table', { name: 'Results per arm' });
    const proof = within(table).getByText('Proof hero').closest('tr') as HTMLElement;
    const arm = r.arms[1];
    expect(arm?.lift).toBeCloseTo(0.2038, 3);
    expect(within(proof).getByText('+20.4%')).toBeInstanceOf(HTMLElement);
    expect(within(proof).getByText('winner')).toBeInstanceOf(HTMLElement);
    expect(within(proof).getByText(/^\+\d+(\.\d)?% to \+\d+(\.\d)?%$/)).toBeInstanceOf(HTMLElement);
    const control = within(table).getByText('Ingredient list').closest('tr') as HTMLElement;
    expect(within(control).getByText('control')).toBeInstanceOf(HTMLElement);
    expect(within(control).queryByText('winner')).toBeNull();
    expect(screen.getByText('A treatment is better than control')).toBeInstanceOf(HTMLElement);
  });

  it('blocks with an SRM alert and a guardrail alert, and stays silent when both are fine', () => {
    const { rerender } = render(<ReadingWarnings reading={reading(3)} labels={labels} />);
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(
      <ReadingWarnings
        reading={reading(12, { srm: { chiSquare: 31.2, pValue: 0.00002, mismatch: true } })}
        labels={labels}
      />,
    );
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]?.textContent).toMatch(/Sample-ratio mismatch — no decision can be taken/);
    expect(alerts[0]?.textContent).toMatch(/χ² 31\.2, p < 0\.001/);
    expect(alerts[1]?.textContent).toMatch(/Video hero: Cost per acquisition \(CAC\) \+22%/);
  });
});

describe('LiftChart', () => {
  it('draws one series per treatment with a band per run of polls, and the MDE either side of zero', () => {
    const items = readings(6);
    // Poll 3 has no interval for the video arm: its band breaks there.
    const gap = items[2]?.data.arms[2];
    if (gap) Object.assign(gap, { lift: null, ci: null });
    const { container } = render(
      <LiftChart readings={items} controlArmId="control" labels={labels} mde={0.2} />,
    );
    const series = screen.getAllByTestId('lift-series');
    expect(series.map((s) => s.getAttribute('data-arm'))).toEqual(['proof-hero', 'ugc-hero']);
    expect(series[0]?.querySelectorAll('polygon')).toHaveLength(1);
    expect(series[1]?.querySelectorAll('polygon')).toHaveLength(2);
    expect(series[0]?.querySelectorAll('circle')).toHaveLength(6);
    expect(series[1]?.querySelectorAll('circle')).toHaveLength(5);
    expect(screen.getAllByTestId('mde-line')).toHaveLength(2);
    // The band of the first poll is wider than the last one's (intervals narrow as data comes in).
    const band = series[0]?.querySelector('polygon')?.getAttribute('points')?.split(' ') ?? [];
    const ys = band.map((p) => Number(p.split(',')[1]));
    const first = Math.abs((ys[ys.length - 1] ?? 0) - (ys[0] ?? 0));
    const last = Math.abs((ys[5] ?? 0) - (ys[6] ?? 0));
    expect(first).toBeGreaterThan(last);
    expect(container.querySelector('figcaption')?.textContent).toMatch(/Proof hero.*Video hero.*MDE ±20%/);
  });

  it('says so when no poll has an interval yet', () => {
    const items = readings(1).map((r) => ({
      ...r,
      data: { ...r.data, arms: r.data.arms.map((a) => ({ ...a, lift: null, ci: null })) },
    }));
    render(<LiftChart readings={items} controlArmId="control" labels={labels} />);
    expect(screen.getByText(/No interval yet/)).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('img')).toBeNull();
  });
});

/** The change-plan dialog, open on the fixture plan (phase 2) of experiment e1. */
function renderChangePlan(props: Pick<ComponentProps<typeof ChangePlanDialog>, 'cycleRunning' | 'onChange'>) {
  return render(<ChangePlanDialog open onOpenChange={() => {}} experimentId="e1" plan={plan} {...props} />);
}

describe('plan card and dialogs', () => {
  it('shows the locked plan: metric, MDE, sample, duration, stop rule, guardrails, prior, split', () => {
    render(<PlanCard plan={plan} lockedAt="2026-11-19T16:20:00.000Z" labels={labels} reason="MDE raised" />);
    expect(screen.getByText('Plan · phase 2')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Conversion rate')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('20% relative')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('9,200')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('12 days')).toBeInstanceOf(HTMLElement);
    expect(
      screen.getByText(
        /Sequential \(confidence sequence\), α 0\.05: decide once every arm has 1,000, end at 9,200 per arm/,
      ),
    ).toBeInstanceOf(HTMLElement);
    expect(
      screen.getByText(/Cost per acquisition \(CAC\) may not get worse by more than 15%/),
    ).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/\+6% ± 9% lift, pooled from 7 experiments in skincare/)).toBeInstanceOf(
      HTMLElement,
    );
    expect(screen.getAllByText('33.3%')).toHaveLength(3);
  });

  it('start cycle sends the chosen poll interval with the locked stop rule, and shows a refusal', async () => {
    const user = userEvent.setup();
    const onStart = vi
      .fn()
      .mockRejectedValueOnce(new Error('stopRule must be the locked plan’s; change the plan to use another'))
      .mockResolvedValueOnce(undefined);
    const onOpenChange = vi.fn();
    render(<StartCycleDialog open onOpenChange={onOpenChange} plan={plan} onStart={onStart} />);
    expect(screen.getByRole('group', { name: 'Stop rule (locked)' }).textContent).toMatch(
      /end at 9,200 per arm/,
    );
    await user.selectOptions(screen.getByLabelText('Read the results'), 'Every 6 hours');
    await user.click(screen.getByRole('button', { name: 'Start cycle' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'stopRule must be the locked plan’s; change the plan to use another',
    );
    expect(onOpenChange).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Start cycle' }));
    await waitFor(() => expect(onOpenChange).toHaveBeenCalledWith(false));
    expect(onStart).toHaveBeenLastCalledWith({ pollSeconds: 21_600, stopRule: plan.stopRule });
  });

  it('change plan needs a reason and a change, and sends only what changed', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn().mockResolvedValue(undefined);
    renderChangePlan({ cycleRunning: false, onChange });
    await user.click(screen.getByRole('button', { name: 'Lock as phase 3' }));
    expect(screen.getByText('Say why the plan changes: the report quotes it.')).toBeInstanceOf(HTMLElement);
    await user.type(
      screen.getByLabelText('Why does the plan change?'),
      'Traffic halved after the budget cut',
    );
    await user.click(screen.getByRole('button', { name: 'Lock as phase 3' }));
    expect(screen.getByText(/Nothing changed/)).toBeInstanceOf(HTMLElement);
    expect(onChange).not.toHaveBeenCalled();
    await user.clear(screen.getByLabelText('MDE (relative %)'));
    await user.type(screen.getByLabelText('MDE (relative %)'), '30');
    await user.selectOptions(screen.getByLabelText('Stop rule'), 'fixed');
    await user.click(screen.getByRole('button', { name: 'Lock as phase 3' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange).toHaveBeenCalledWith({
      id: 'e1',
      reason: 'Traffic halved after the budget cut',
      mde: 0.3,
      stopRule: 'fixed',
    });
  });

  it('change plan is refused in the form while a cycle runs', () => {
    renderChangePlan({ cycleRunning: true, onChange: vi.fn() });
    expect(screen.getByRole('alert').textContent).toMatch(/stop it before changing the plan/);
    expect(screen.getByRole('button', { name: 'Lock as phase 3' })).toHaveProperty('disabled', true);
  });
});

describe('decision history', () => {
  it('links a waiting proposal to its inbox item and shows who approved what was applied', () => {
    render(
      <MemoryRouter>
        <DecisionHistory items={decisions} labels={labels} />
      </MemoryRouter>,
    );
    const [proposed, applied] = screen
      .getAllByRole('listitem')
      .filter((li) => li.hasAttribute('data-decision'));
    expect(
      within(proposed as HTMLElement)
        .getByRole('link', { name: /Review in inbox/ })
        .getAttribute('href'),
    ).toBe(`/runs/${decisions[0]?.workflowRunId}`);
    expect(within(applied as HTMLElement).getByText(/Approved by Dana Ortiz/)).toBeInstanceOf(HTMLElement);
    expect(within(applied as HTMLElement).getByText('Video hero: traffic weight 33 → 0')).toBeInstanceOf(
      HTMLElement,
    );
    expect(within(applied as HTMLElement).getByText('Video hero: asset approved → rejected')).toBeInstanceOf(
      HTMLElement,
    );
  });
});

function csvFile(text: string, name = 'meta-export.csv') {
  return new File([text], name, { type: 'text/csv' });
}

describe('CSV upload', () => {
  it('parses in the browser, previews with the suggested mapping and row errors, and imports only when told to skip', async () => {
    const user = userEvent.setup();
    const preview = vi.fn(
      async (input: { mapping?: unknown }): Promise<CsvPreview> =>
        input.mapping ? { ...csvPreview, mapping: input.mapping as CsvPreview['mapping'] } : csvPreview,
    );
    const importRows = vi
      .fn()
      .mockResolvedValue({ importId: 'i1', imported: 3, revised: 1, errors: csvPreview.errors });
    const onImported = vi.fn();
    render(
      <CsvUploadDialog
        open
        onOpenChange={() => {}}
        clientId="c1"
        experimentId="e1"
        labels={labels}
        preview={preview}
        importRows={importRows}
        onImported={onImported}
      />,
    );
    await user.upload(screen.getByLabelText('CSV file'), csvFile(CSV_TEXT));
    await screen.findByRole('table', { name: 'Parsed rows' });
    const first = preview.mock.calls[0]?.[0] as unknown as Record<string, unknown>;
    expect(first).toMatchObject({ clientId: 'c1', experimentId: 'e1', fileName: 'meta-export.csv' });
    expect(first.mapping).toBeUndefined();
    expect((first.headers as string[])[1]).toBe('Ad ID');
    expect((first.rows as { line: number }[]).map((r) => r.line)).toEqual([2, 3, 4, 6, 7]);

    expect((screen.getByLabelText('Clicks') as HTMLSelectElement).value).toBe('Link clicks');
    const bad = document.querySelector('tr[data-line="6"]') as HTMLElement;
    expect(bad.getAttribute('aria-invalid')).toBe('true');
    expect(bad.nextElementSibling?.textContent).toBe('Clicks: is empty');
    expect(within(screen.getByRole('list', { name: 'Row errors' })).getByText(/Line 7/)).toBeInstanceOf(
      HTMLElement,
    );
    expect(screen.getByText('2 with errors')).toBeInstanceOf(HTMLElement);

    expect(screen.getByRole('button', { name: 'Fix or skip the 2 invalid rows' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(screen.getByLabelText(/Skip the 2 rows with errors/));
    expect(screen.getByRole('button', { name: 'Import 3 rows' })).toHaveProperty('disabled', false);

    // A changed column re-checks every row with the person's mapping.
    await user.selectOptions(screen.getByLabelText('Attribution window'), '1d_click');
    await waitFor(() => expect(preview).toHaveBeenCalledTimes(2));
    expect(preview.mock.calls[1]?.[0]).toMatchObject({
      mapping: { ...csvPreview.mapping, attributionWindow: '1d_click' },
    });

    await user.click(screen.getByRole('button', { name: 'Import 3 rows' }));
    await waitFor(() => expect(importRows).toHaveBeenCalledTimes(1));
    expect(importRows.mock.calls[0]?.[0]).toMatchObject({
      clientId: 'c1',
      skipInvalidRows: true,
      mapping: { ...csvPreview.mapping, attributionWindow: '1d_click' },
    });
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(expect.objectContaining({ imported: 3 })));
  });

  it('stops at a file-level problem before anything is sent', async () => {
    const user = userEvent.setup();
    const preview = vi.fn();
    render(
      <CsvUploadDialog open onOpenChange={() => {}} clientId="c1" preview={preview} importRows={vi.fn()} />,
    );
    await user.upload(screen.getByLabelText('CSV file'), csvFile('Day,Day\n2026-11-01,1'));
    expect((await screen.findByRole('alert')).textContent).toBe('Columns named twice: Day.');
    expect(preview).not.toHaveBeenCalled();
  });
});

describe('Meta connector settings', () => {
  it('validates the ad account and saves with the token chosen by secret name', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(
      <MetaConnectorCard
        view={{ meta: null, secretNames: ['META_TOKEN', 'HCLOUD_TOKEN'] }}
        canEdit
        onSave={onSave}
        onRemove={vi.fn()}
        onCreateSecret={vi.fn()}
      />,
    );
    await user.type(screen.getByLabelText('Ad account id'), '1234567');
    await user.click(screen.getByRole('button', { name: 'Connect Meta' }));
    expect(screen.getByText('must look like act_1234567890')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Choose the secret that holds the token')).toBeInstanceOf(HTMLElement);
    expect(onSave).not.toHaveBeenCalled();
    await user.clear(screen.getByLabelText('Ad account id'));
    await user.type(screen.getByLabelText('Ad account id'), 'act_1234567');
    await user.selectOptions(screen.getByLabelText('Access token (org secret)'), 'META_TOKEN');
    await user.click(screen.getByLabelText('28-day click'));
    await user.clear(screen.getByLabelText('Days re-pulled each time'));
    await user.type(screen.getByLabelText('Days re-pulled each time'), '14');
    await user.click(screen.getByRole('button', { name: 'Connect Meta' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith(
      {
        adAccountId: 'act_1234567',
        tokenSecret: 'META_TOKEN',
        attributionWindows: ['7d_click', '1d_view', '28d_click'],
        trailingDays: 14,
        apiVersion: 'v21.0',
      },
      true,
    );
  });

  it('stores a new token as an org secret first, then saves the connector with its name only', async () => {
    const user = userEvent.setup();
    const order: string[] = [];
    const onCreateSecret = vi.fn(async () => void order.push('secret'));
    const onSave = vi.fn(async () => void order.push('save'));
    render(
      <MetaConnectorCard
        view={{ meta: null, secretNames: [] }}
        canEdit
        onSave={onSave}
        onRemove={vi.fn()}
        onCreateSecret={onCreateSecret}
      />,
    );
    await user.type(screen.getByLabelText('Ad account id'), 'act_99');
    await user.selectOptions(screen.getByLabelText('Access token (org secret)'), 'Add a new secret…');
    await user.type(screen.getByLabelText('Token value'), 'EAAB-secret-value');
    await user.click(screen.getByRole('button', { name: 'Connect Meta' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(order).toEqual(['secret', 'save']);
    expect(onCreateSecret).toHaveBeenCalledWith('META_ACCESS_TOKEN', 'EAAB-secret-value');
    expect(JSON.stringify(onSave.mock.calls)).not.toContain('EAAB-secret-value');
  });

  it('says what to do when the last pull failed, by its reason code', () => {
    const meta = connectors.meta;
    if (!meta?.lastResult) throw new Error('fixture has a pull');
    render(
      <MetaConnectorCard
        view={{
          ...connectors,
          meta: {
            ...meta,
            lastResult: { ...meta.lastResult, error: '(#200) Permissions error', errorReason: 'permission' },
          },
        }}
        canEdit
        onSave={vi.fn()}
        onRemove={vi.fn()}
        onCreateSecret={vi.fn()}
      />,
    );
    expect(screen.getByText('Last pull failed')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('(#200) Permissions error')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/give its system user access to the account/)).toBeInstanceOf(HTMLElement);
  });

  it('shows members the settings and the last pull, without the controls to change them', () => {
    render(
      <MetaConnectorCard
        view={connectors}
        canEdit={false}
        onSave={vi.fn()}
        onRemove={vi.fn()}
        onCreateSecret={vi.fn()}
      />,
    );
    expect(screen.getByText('Connected')).toBeInstanceOf(HTMLElement);
    expect(
      screen.getByText(
        /412 rows over 3 pages · 58 new · 17 revised · 2 ads not linked to an asset · waited 1×/,
      ),
    ).toBeInstanceOf(HTMLElement);
    expect(screen.getByLabelText('Ad account id').matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
    expect(screen.getByText('Only admins change connector settings.')).toBeInstanceOf(HTMLElement);
  });
});
