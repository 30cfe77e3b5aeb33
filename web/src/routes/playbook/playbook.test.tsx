import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, stubFetch, trpcPaths } from '@/test/http';
import PlaybookPage from '../playbook';

const REPORT = '00000000-0000-4000-8000-0000000000f1';
const CAMPAIGN = '00000000-0000-4000-8000-0000000000a1';

describe('Playbook', () => {
  it('renders sections with tags and report links, and links the run "Update now" starts', async () => {
    const { calls } = stubFetch((call) =>
      json(
        trpcPaths(call.url).map((p) => ({
          result: {
            data:
              p === 'playbook.get'
                ? {
                    playbook: {
                      id: 'p1',
                      clientId: null,
                      version: 3,
                      status: 'approved',
                      source: 'ai',
                      data: {
                        orgId: 'o',
                        clientId: null,
                        version: 3,
                        sections: [
                          {
                            title: 'UGC hooks beat studio shots',
                            content: 'Creator-style openers won 3 of 4 tests.',
                            tags: ['ugc', 'hooks'],
                            sourceReportIds: [REPORT],
                            evidence: [
                              {
                                reportArtifactId: REPORT,
                                experimentId: 'exp-1',
                                metric: 'cpa',
                                armId: 'ugc-hook',
                                lift: -0.214,
                                ci: [-0.3123, -0.1146],
                              },
                            ],
                          },
                        ],
                      },
                      workflowRunId: null,
                      createdByUser: null,
                      createdAt: '2026-11-01T10:00:00.000Z',
                      approvedAt: null,
                    },
                    sourceReports: [
                      {
                        id: REPORT,
                        clientId: 'c',
                        campaignId: CAMPAIGN,
                        campaignName: 'Spring launch',
                        version: 1,
                        createdAt: '2026-10-01T10:00:00.000Z',
                      },
                    ],
                  }
                : p === 'playbook.update'
                  ? { mode: 'regenerate', runId: 'run-9', workflowId: 'wf' }
                  : p === 'me.get'
                    ? {
                        userId: 'u',
                        clerkUserId: 'x',
                        email: 'a@b.c',
                        role: 'operator',
                        org: { id: 'o', externalId: 'e', name: 'N' },
                      }
                    : { items: [], nextCursor: null },
          },
        })),
      ),
    );
    setSession({ token: 'tok', email: 'a@b.c', orgId: 'e' });
    const user = userEvent.setup();
    render(
      <Providers>
        <MemoryRouter>
          <PlaybookPage />
        </MemoryRouter>
      </Providers>,
    );
    const heading = await screen.findByText('UGC hooks beat studio shots');
    const card = heading.closest('div.rounded-lg') as HTMLElement;
    expect(within(card).getByText('ugc')).toBeInstanceOf(HTMLElement);
    expect(within(card).getByText('hooks')).toBeInstanceOf(HTMLElement);
    expect(
      within(card)
        .getByRole('link', { name: /Spring launch · v1/ })
        .getAttribute('href'),
    ).toBe(`/campaigns/${CAMPAIGN}`);

    // The numbers the learning rests on, as code attached them: metric, arm, lift and its interval.
    expect(within(card).getByText(/The numbers/i)).toBeInstanceOf(HTMLElement);
    expect(card.textContent?.replace(/\s+/g, ' ')).toContain(
      'Cost per acquisition (CAC) · Ugc hook: lift −21.4 % (interval −31.2 % to −11.5 %)',
    );

    const update = screen.getByRole('button', { name: 'Update now' });
    // Enabled once me.get says the caller is an operator.
    await waitFor(() => expect((update as HTMLButtonElement).disabled).toBe(false));
    await user.click(update);
    const runLink = await screen.findByRole('link', { name: /Follow the update run/ });
    expect(runLink.getAttribute('href')).toBe('/runs/run-9');
    const call = calls.find((c) => trpcPaths(c.url).includes('playbook.update'));
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ 0: { mode: 'regenerate', clientId: null } });
  });
});
