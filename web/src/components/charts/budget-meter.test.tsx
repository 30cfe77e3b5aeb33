import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import SettingsPage from '@/routes/settings';
import { json, type RecordedCall, stubFetch, trpcPaths } from '@/test/http';
import { budgetPercent } from './budget-meter';

const me = (role: 'admin' | 'operator' | 'member') => ({
  userId: 'u',
  clerkUserId: 'user_1',
  email: 'me@agency.test',
  role,
  org: { id: 'o', externalId: 'org_ext_1', name: 'Northwind Agency' },
});

const budget = (over: Record<string, unknown> = {}) => ({
  limitUsd: 100,
  isDefault: true,
  spentUsd: 42.5,
  remainingUsd: 57.5,
  periodStart: '2026-12-01T00:00:00.000Z',
  ...over,
});

const usage = (b: Record<string, unknown>) => ({
  from: '2026-11-07T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  groupBy: 'day',
  totals: { calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, avgLatencyMs: null },
  rows: [],
  budget: b,
});

/** Answers me.get, llm.usage (with `current()`'s budget) and llm.setBudget (`onSet`), recording every call. */
function stubSettings(
  role: 'admin' | 'operator' | 'member',
  current: () => Record<string, unknown>,
  onSet?: (input: { limitUsd: number | null }) => unknown,
) {
  return stubFetch((call: RecordedCall) => {
    const paths = trpcPaths(call.url);
    const body = call.body ? (JSON.parse(call.body) as Record<string, unknown>) : {};
    let status = 200;
    const out = paths.map((p, i) => {
      if (p === 'me.get') return { result: { data: me(role) } };
      if (p === 'llm.usage') return { result: { data: usage(current()) } };
      if (p === 'llm.setBudget') {
        const answer = onSet?.(body[String(i)] as { limitUsd: number | null });
        if (answer && typeof answer === 'object' && 'error' in answer) {
          status = 400;
          return answer;
        }
        return { result: { data: answer } };
      }
      return { result: { data: null } };
    });
    return json(out, status);
  });
}

function renderSettings() {
  setSession({ token: 'tok', email: 'me@agency.test', orgId: 'org_ext_1' });
  render(
    <Providers>
      <MemoryRouter>
        <SettingsPage />
      </MemoryRouter>
    </Providers>,
  );
  return userEvent.setup();
}

const setBudgetInputs = (calls: RecordedCall[]) =>
  calls
    .filter((c) => c.method === 'POST' && trpcPaths(c.url).includes('llm.setBudget'))
    .map((c) => (JSON.parse(c.body ?? '{}') as Record<string, unknown>)['0']);

describe('LLM budget on the settings page', () => {
  it('shows this month’s spend against the budget as a bar', async () => {
    stubSettings('member', () => budget());
    renderSettings();
    const section = await screen.findByRole('region', { name: 'Monthly LLM budget' });
    expect(within(section).getByText('Default')).toBeInstanceOf(HTMLElement);
    expect(section.textContent).toContain('$42.50 of $100.00 spent');
    expect(section.textContent).toContain('$57.50 left');
    const meter = within(section).getByRole('meter', { name: 'Budget used' });
    expect(meter.getAttribute('aria-valuenow')).toBe('43');
    expect((meter.firstElementChild as HTMLElement).style.width).toBe('42.5%');
    // Members read it; only admins change it.
    expect(within(section).queryByRole('button', { name: 'Change budget' })).toBeNull();
    expect(within(section).getByText('Admins can change the budget.')).toBeInstanceOf(HTMLElement);
  });

  it('says when the budget is used up', async () => {
    stubSettings('admin', () => budget({ isDefault: false, limitUsd: 10, spentUsd: 12, remainingUsd: 0 }));
    renderSettings();
    const section = await screen.findByRole('region', { name: 'Monthly LLM budget' });
    expect(within(section).getByRole('alert').textContent).toMatch(/The budget is used up/);
    expect(within(section).getByRole('meter').getAttribute('aria-valuenow')).toBe('100');
  });

  it('lets an admin set the budget, refreshes the bar, and goes back to the default', async () => {
    let current = budget();
    const { calls } = stubSettings(
      'admin',
      () => current,
      ({ limitUsd }) => {
        current =
          limitUsd === null
            ? budget()
            : budget({ limitUsd, isDefault: false, remainingUsd: Math.max(0, limitUsd - 42.5) });
        return current;
      },
    );
    const user = renderSettings();
    await user.click(await screen.findByRole('button', { name: 'Change budget' }));
    const field = screen.getByLabelText('Monthly budget (USD)');
    await user.type(field, 'lots');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    expect(screen.getByText('Enter an amount in US dollars, like 250 or 99.50.')).toBeInstanceOf(HTMLElement);
    expect(setBudgetInputs(calls)).toEqual([]);

    await user.clear(field);
    await user.type(field, '250');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() => expect(setBudgetInputs(calls)).toEqual([{ limitUsd: 250 }]));
    const section = screen.getByRole('region', { name: 'Monthly LLM budget' });
    await waitFor(() => expect(section.textContent).toContain('$42.50 of $250.00 spent'));
    expect(within(section).queryByText('Default')).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Change budget' }));
    await user.click(screen.getByRole('button', { name: 'Use the default' }));
    await waitFor(() => expect(setBudgetInputs(calls)).toEqual([{ limitUsd: 250 }, { limitUsd: null }]));
    await waitFor(() => expect(section.textContent).toContain('$42.50 of $100.00 spent'));
  });

  it('shows the server’s field error at the field', async () => {
    stubSettings(
      'admin',
      () => budget(),
      () => ({
        error: {
          message: 'limitUsd: may be at most 100000 US dollars',
          code: -32600,
          data: {
            code: 'BAD_REQUEST',
            httpStatus: 400,
            path: 'llm.setBudget',
            fieldErrors: [{ path: ['limitUsd'], message: 'may be at most 100000 US dollars' }],
          },
        },
      }),
    );
    const user = renderSettings();
    await user.click(await screen.findByRole('button', { name: 'Change budget' }));
    await user.type(screen.getByLabelText('Monthly budget (USD)'), '200000');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    const field = screen.getByLabelText('Monthly budget (USD)');
    await waitFor(() =>
      expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
        'may be at most 100000 US dollars',
      ),
    );
  });

  it('computes the share spent within 0–100', () => {
    expect(budgetPercent({ limitUsd: 200, spentUsd: 50 })).toBe(25);
    expect(budgetPercent({ limitUsd: 10, spentUsd: 30 })).toBe(100);
    expect(budgetPercent({ limitUsd: 0, spentUsd: 0 })).toBe(100);
  });
});
