import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  CAMPAIGN_ID,
  CLIENT_ID,
  listRun,
  me,
  mutationInputs,
  queryInputs,
  RUN_ID,
  renderRuns,
  stubApi,
} from './fixtures.test-utils';

const lists = {
  'clients.list': { items: [{ id: CLIENT_ID, name: 'Glow Labs' }], nextCursor: null },
  'campaigns.list': {
    items: [{ id: CAMPAIGN_ID, name: 'Spring launch', clientId: CLIENT_ID }],
    nextCursor: null,
  },
};

const location = () => screen.getByTestId('location').textContent;

describe('Runs list', () => {
  it('reads its filters from the URL and sends them to workflows.list', async () => {
    const { calls } = stubApi({
      'me.get': me(),
      ...lists,
      'workflows.list': {
        items: [listRun({ status: 'failed', error: 'LLM refused the schema' })],
        nextCursor: null,
      },
    });
    renderRuns(`/runs?status=failed&kind=campaign_planning&client=${CLIENT_ID}&campaign=${CAMPAIGN_ID}`);

    expect(await screen.findByText('LLM refused the schema')).toBeInstanceOf(HTMLElement);
    expect(queryInputs(calls, 'workflows.list')[0]).toEqual({
      status: ['failed'],
      kind: ['campaign_planning'],
      clientId: CLIENT_ID,
      campaignId: CAMPAIGN_ID,
      limit: 25,
    });
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('failed');
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).value).toBe('campaign_planning');
    await waitFor(() => expect((screen.getByLabelText('Client') as HTMLSelectElement).value).toBe(CLIENT_ID));
  });

  it('writes filters to the URL, refetches, and restores them on back', async () => {
    const { calls } = stubApi({
      'me.get': me(),
      ...lists,
      'workflows.list': (input: unknown) => {
        const f = input as { status?: string[] };
        return {
          items: [
            listRun({
              status: f.status?.[0] ?? 'completed',
              id: f.status ? `${RUN_ID.slice(0, -1)}9` : RUN_ID,
            }),
          ],
          nextCursor: null,
        };
      },
    });
    const user = userEvent.setup();
    renderRuns('/runs');
    await screen.findByRole('table');
    expect(location()).toBe('/runs');

    await user.selectOptions(screen.getByLabelText('Status'), 'cancelled');
    expect(location()).toBe('/runs?status=cancelled');
    await user.selectOptions(screen.getByLabelText('Kind'), 'client_onboarding');
    expect(location()).toBe('/runs?status=cancelled&kind=client_onboarding');
    await waitFor(() =>
      expect(queryInputs(calls, 'workflows.list').at(-1)).toMatchObject({
        status: ['cancelled'],
        kind: ['client_onboarding'],
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Go back' }));
    expect(location()).toBe('/runs?status=cancelled');
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('cancelled');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(location()).toBe('/runs');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('');
  });

  it('polls while a visible run is active and stops polling once none is', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let status = 'running';
      const { calls } = stubApi({
        'me.get': me(),
        ...lists,
        'workflows.list': () => ({
          items: [listRun({ status, finishedAt: null, currentStep: 'build_canon' })],
          nextCursor: null,
        }),
      });
      renderRuns('/runs');
      expect(await screen.findByText('Build canon')).toBeInstanceOf(HTMLElement);
      const before = queryInputs(calls, 'workflows.list').length;
      status = 'completed';
      await act(async () => {
        await vi.advanceTimersByTimeAsync(3_100);
      });
      await waitFor(() => expect(queryInputs(calls, 'workflows.list').length).toBe(before + 1));
      await waitFor(() =>
        expect(within(screen.getByRole('table')).getByText('Completed')).toBeInstanceOf(HTMLElement),
      );
      await act(async () => {
        await vi.advanceTimersByTimeAsync(10_000);
      });
      expect(queryInputs(calls, 'workflows.list').length).toBe(before + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('loads more with the cursor', async () => {
    const { calls } = stubApi({
      'me.get': me(),
      ...lists,
      'workflows.list': (input: unknown) =>
        (input as { cursor: string | null }).cursor === 'cur_2'
          ? { items: [listRun({ id: `${RUN_ID.slice(0, -1)}7`, clientName: 'Beta Labs' })], nextCursor: null }
          : { items: [listRun()], nextCursor: 'cur_2' },
    });
    const user = userEvent.setup();
    renderRuns('/runs');
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Beta Labs')).toBeInstanceOf(HTMLElement);
    expect(queryInputs(calls, 'workflows.list').at(-1)).toMatchObject({ cursor: 'cur_2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('stops an active run after confirming (operators)', async () => {
    const { calls } = stubApi({
      'me.get': me('operator'),
      ...lists,
      'workflows.list': {
        items: [listRun({ status: 'waiting_for_approval', waitingGate: 'canon', finishedAt: null })],
        nextCursor: null,
      },
      'workflows.stop': { runId: RUN_ID, outcome: 'requested' },
    });
    const user = userEvent.setup();
    renderRuns('/runs');
    const stop = await screen.findByRole('button', { name: 'Stop client onboarding run' });
    await waitFor(() => expect((stop as HTMLButtonElement).disabled).toBe(false));
    await user.click(stop);
    const dialog = await screen.findByRole('dialog', { name: 'Stop this run?' });
    expect(mutationInputs(calls, 'workflows.stop')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Stop run' }));
    await waitFor(() => expect(mutationInputs(calls, 'workflows.stop')).toEqual([{ runId: RUN_ID }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('disables Stop for members and says why', async () => {
    stubApi({
      'me.get': me('member'),
      ...lists,
      'workflows.list': { items: [listRun({ status: 'running', finishedAt: null })], nextCursor: null },
    });
    renderRuns('/runs');
    const stop = (await screen.findByRole('button', {
      name: 'Stop client onboarding run',
    })) as HTMLButtonElement;
    await waitFor(() => expect(stop.getAttribute('aria-describedby')).toMatch(/\S/));
    expect(stop.disabled).toBe(true);
    expect(document.getElementById(stop.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Only operators and admins can do this.',
    );
  });
});
