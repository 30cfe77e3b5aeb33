import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import SettingsPage, { rangeStart } from '@/routes/settings';
import { json, stubFetch, trpcInputs, trpcPaths } from '@/test/http';
import { fillDays } from './usage-chart';

const ok = (...data: unknown[]) => json(data.map((d) => ({ result: { data: d } })));
const row = (key: string, calls: number, costUsd: number) => ({
  key,
  calls,
  errors: 0,
  inputTokens: calls * 1000,
  outputTokens: calls * 200,
  costUsd,
});

describe('LLM usage chart', () => {
  it('renders one bar per day of the range, with the totals the API reported', async () => {
    const usage = {
      from: '2026-11-21T00:00:00.000Z',
      to: '2026-11-28T00:00:00.000Z',
      groupBy: 'day',
      totals: { calls: 9, errors: 1, inputTokens: 9000, outputTokens: 1800, costUsd: 1.5, avgLatencyMs: 820 },
      rows: [row('2026-11-21', 2, 0.25), row('2026-11-24', 3, 0.5), row('2026-11-27', 4, 0.75)],
      budget: {
        limitUsd: 100,
        isDefault: true,
        spentUsd: 1.5,
        remainingUsd: 98.5,
        periodStart: '2026-11-01T00:00:00.000Z',
      },
    };
    const { calls } = stubFetch((call) =>
      ok(
        ...trpcPaths(call.url).map((p) =>
          p === 'llm.usage'
            ? usage
            : {
                userId: 'u',
                clerkUserId: 'user_1',
                email: 'me@agency.test',
                role: 'admin',
                org: { id: 'o', externalId: 'org_ext_1', name: 'Northwind Agency' },
              },
        ),
      ),
    );
    setSession({ token: 'tok', email: 'me@agency.test', orgId: 'org_ext_1' });
    const user = userEvent.setup();
    render(
      <Providers>
        <MemoryRouter>
          <SettingsPage />
        </MemoryRouter>
      </Providers>,
    );

    const chart = await screen.findByRole('img', { name: 'Cost per day' });
    const bars = within(chart).getAllByTestId('usage-bar');
    expect(bars.map((b) => b.getAttribute('data-day'))).toEqual([
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    expect(bars.map((b) => Number(b.getAttribute('data-value')))).toEqual([0.25, 0, 0, 0.5, 0, 0, 0.75]);
    // The tallest bar is the 0.75 day; the others scale against it.
    const heights = bars.map((b) => Number(b.querySelector('rect')?.getAttribute('height')));
    expect(heights[6]).toBeGreaterThan(heights[3] ?? 0);
    expect((heights[3] ?? 0) / (heights[6] ?? 1)).toBeCloseTo(2 / 3, 5);

    const totals = screen.getByLabelText('Usage totals');
    expect(within(totals).getByText('Calls').nextElementSibling?.textContent).toBe('9');
    expect(within(totals).getByText('Tokens').nextElementSibling?.textContent).toBe(
      (10_800).toLocaleString(),
    );
    expect(within(totals).getByText('Cost').nextElementSibling?.textContent).toContain('1.50');

    expect(screen.getByText('Northwind Agency')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('org_ext_1')).toBeInstanceOf(HTMLElement);

    const first = calls.find((c) => trpcPaths(c.url).includes('llm.usage'));
    const input =
      first && (trpcInputs(first.url)[trpcPaths(first.url).indexOf('llm.usage')] as { from: string });
    expect(input?.from).toBe(rangeStart(30));

    await user.selectOptions(screen.getByLabelText('Range'), '7');
    await waitFor(() =>
      expect(
        calls.some((c) =>
          trpcInputs(c.url).some((i) => (i as { from?: string } | undefined)?.from === rangeStart(7)),
        ),
      ).toBe(true),
    );
  });

  it('fills the days without calls between from and an exclusive to', () => {
    const days = fillDays([], '2026-01-30T00:00:00.000Z', '2026-02-02T00:00:00.000Z');
    expect(days.map((d) => d.key)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01']);
  });
});
