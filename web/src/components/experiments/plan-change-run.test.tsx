import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { plan } from './fixtures.test-utils';
import { followRun, RunFailedError, type RunLook } from './follow-run';
import { ChangePlanDialog } from './plan-dialogs';

/** The looks a run answers in turn (the last one repeats). */
const looks = (...states: RunLook[]) => {
  let i = 0;
  return vi.fn(async () => states[Math.min(i++, states.length - 1)] as RunLook);
};
const noWait = { intervalMs: 0, sleep: async () => {} };

describe('followRun (changePlan answers with a run)', () => {
  it('resolves once the run completed, after the looks it took', async () => {
    const look = looks(
      { status: 'running', error: null },
      { status: 'running', error: null },
      { status: 'completed', error: null },
    );
    await followRun(look, noWait);
    expect(look).toHaveBeenCalledTimes(3);
  });

  it("throws the run's error when it failed, and says so when it was stopped or is still running", async () => {
    const message = 'no baseline for cvr: nothing measured in the last 28 days';
    const failed = await followRun(
      looks({ status: 'running', error: null }, { status: 'failed', error: message }),
      noWait,
    ).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RunFailedError);
    expect((failed as RunFailedError).message).toBe(message);
    await expect(followRun(looks({ status: 'cancelled', error: null }), noWait)).rejects.toThrow('stopped');
    await expect(
      followRun(looks({ status: 'running', error: null }), { ...noWait, timeoutMs: 0 }),
    ).rejects.toThrow('still running');
  });
});

describe('change-plan dialog while the run computes the plan', () => {
  it("stays open and busy until the run ends, then shows the run's error in the form", async () => {
    const user = userEvent.setup();
    let fail: (e: Error) => void = () => {};
    const onChange = vi.fn(
      () =>
        new Promise<void>((_, reject) => {
          fail = reject;
        }),
    );
    const onOpenChange = vi.fn();
    render(
      <ChangePlanDialog
        open
        onOpenChange={onOpenChange}
        experimentId="e1"
        plan={plan}
        cycleRunning={false}
        onChange={onChange}
      />,
    );
    await user.type(screen.getByLabelText('Why does the plan change?'), 'Decide on conversion rate');
    await user.selectOptions(screen.getByLabelText('Primary metric'), 'ctr');
    await user.click(screen.getByRole('button', { name: 'Lock as phase 3' }));
    const busy = await screen.findByRole('button', { name: 'Computing the plan…' });
    expect(busy).toHaveProperty('disabled', true);
    fail(
      new RunFailedError(
        'no baseline for ctr: set the campaign\'s baseline to { metric: "ctr", value }',
        'failed',
      ),
    );
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/no baseline for ctr/));
    expect(onOpenChange).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Lock as phase 3' })).toHaveProperty('disabled', false);
  });
});
