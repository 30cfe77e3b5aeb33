import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, stubFetch, trpcPaths } from '@/test/http';
import { RunProgress } from './run-progress';

const RUN = '00000000-0000-4000-8000-000000000777';
const detail = (status: string, error: string | null = null) => ({
  run: { id: RUN, kind: 'funnel_publish', status, currentStep: 'render_pages', error },
  logs: [],
  approvals: [],
  artifacts: [],
  live: null,
  liveError: null,
});

describe('publish progress', () => {
  it('polls the run until it ends, shows its step, and tells the page once', async () => {
    setSession({ token: 't', email: 'ops@agency.test', orgId: 'org_x' });
    let calls = 0;
    stubFetch((call) => {
      const paths = trpcPaths(call.url);
      calls += 1;
      const body = calls < 2 ? detail('running') : detail('completed');
      return json(paths.map(() => ({ result: { data: body } })));
    });
    const onDone = vi.fn();
    const { rerender } = render(
      <Providers>
        <MemoryRouter>
          <RunProgress runId={RUN} onDone={onDone} />
        </MemoryRouter>
      </Providers>,
    );
    expect((await screen.findByText(/render pages/i)).textContent).toBe('Funnel publish: render pages…');
    await waitFor(
      () => expect(screen.getByRole('status').getAttribute('data-run-status')).toBe('completed'),
      {
        timeout: 5000,
      },
    );
    expect(screen.getByRole('status').textContent).toContain('Funnel publish: done');
    rerender(
      <Providers>
        <MemoryRouter>
          <RunProgress runId={RUN} onDone={onDone} />
        </MemoryRouter>
      </Providers>,
    );
    await new Promise((r) => setTimeout(r, 1800));
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(onDone).toHaveBeenCalledWith('completed');
    // No polling after the end: the request count stays where it was.
    expect(calls).toBe(2);
  });

  it('shows the error of a failed run in words', async () => {
    setSession({ token: 't', email: 'ops@agency.test', orgId: 'org_x' });
    stubFetch((call) =>
      json(
        trpcPaths(call.url).map(() => ({
          result: { data: detail('failed', "Page 'Landing' is not approved.") },
        })),
      ),
    );
    render(
      <Providers>
        <MemoryRouter>
          <RunProgress runId={RUN} />
        </MemoryRouter>
      </Providers>,
    );
    expect((await screen.findByText("Page 'Landing' is not approved.")).textContent).toBe(
      "Page 'Landing' is not approved.",
    );
    expect(screen.getByRole('link', { name: 'Open the run' }).getAttribute('href')).toBe(`/runs/${RUN}`);
  });
});
