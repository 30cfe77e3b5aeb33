import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, type RecordedCall, stubFetch, trpcPaths } from '@/test/http';
import { OnboardingWizard } from './onboarding-wizard';

const CLIENT_ID = '3f0e6a52-7c1b-4c55-9d3e-2a4b6c8d0e1f';
const ok = (data: unknown) => json([{ result: { data } }]);
const trpcError = (path: string, code: string, httpStatus: number, message: string, fieldErrors?: unknown) =>
  json(
    [
      {
        error: {
          message,
          code: -32600,
          data: { code, httpStatus, path, ...(fieldErrors ? { fieldErrors } : {}) },
        },
      },
    ],
    httpStatus,
  );

const createdClient = {
  id: CLIENT_ID,
  orgId: 'o',
  name: 'Acme Outdoor',
  industry: 'Outdoor gear',
  primaryMarkets: ['US', 'DE'],
  primaryLanguages: ['en'],
  status: 'active',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
};
const run = { runId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', workflowId: `client-onboarding-${CLIENT_ID}-x` };

function ClientMarker() {
  return <p>Detail of {useParams().clientId}</p>;
}

function renderWizard() {
  setSession({ token: 'tok', email: 'op@mos.local', orgId: 'org' });
  return render(
    <Providers>
      <MemoryRouter initialEntries={['/clients']}>
        <Routes>
          <Route path="/clients" element={<OnboardingWizard open onOpenChange={() => {}} />} />
          <Route path="/clients/:clientId" element={<ClientMarker />} />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

const bodyOf = (calls: RecordedCall[], path: string) => {
  const c = calls.find((x) => trpcPaths(x.url).includes(path));
  return c ? (JSON.parse(c.body ?? '{}') as Record<string, unknown>)['0'] : undefined;
};

type User = ReturnType<typeof userEvent.setup>;
const dialog = () => screen.getByRole('dialog');
const next = (user: User) => user.click(within(dialog()).getByRole('button', { name: 'Next' }));
const heading = (name: string) => within(dialog()).getByRole('heading', { name });

async function fillBasics(user: User) {
  await user.type(within(dialog()).getByLabelText('Client name'), 'Acme Outdoor');
  await user.type(within(dialog()).getByLabelText('Industry'), 'Outdoor gear');
  await user.selectOptions(within(dialog()).getByLabelText('Business type'), 'existing');
  await user.type(within(dialog()).getByLabelText('Brand story'), '  Tents built to last a lifetime.  ');
}

async function fillMarkets(user: User) {
  await user.type(within(dialog()).getByLabelText('Primary markets'), 'US{Enter}de{Enter}');
  await user.type(within(dialog()).getByLabelText('Languages'), 'en,');
}

describe('Onboarding wizard', () => {
  it('cannot advance past Basics with an empty brand story, and says why next to the field', async () => {
    const { calls } = stubFetch(() => ok(null));
    const user = userEvent.setup();
    renderWizard();
    await user.type(within(dialog()).getByLabelText('Client name'), 'Acme Outdoor');
    await next(user);

    expect(heading('Basics')).toBeInstanceOf(HTMLElement);
    const story = within(dialog()).getByLabelText('Brand story');
    expect(story.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(story.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'must be at least 10 characters',
    );
    // A short story is still refused; a real one lets the user through.
    await user.type(story, 'Tents');
    await next(user);
    expect(heading('Basics')).toBeInstanceOf(HTMLElement);
    await user.type(story, ' built to last.');
    await next(user);
    expect(heading('Markets')).toBeInstanceOf(HTMLElement);
    expect(calls).toHaveLength(0);
  });

  it('requires at least one market chip and one language chip', async () => {
    stubFetch(() => ok(null));
    const user = userEvent.setup();
    renderWizard();
    await fillBasics(user);
    await next(user);
    expect(heading('Markets')).toBeInstanceOf(HTMLElement);

    // Typed text that was never turned into a chip counts once it becomes one; nothing at all does not.
    await next(user);
    expect(within(dialog()).getByText('name at least one market')).toBeInstanceOf(HTMLElement);
    expect(within(dialog()).getByText('name at least one language')).toBeInstanceOf(HTMLElement);
    expect(heading('Markets')).toBeInstanceOf(HTMLElement);

    await user.type(within(dialog()).getByLabelText('Primary markets'), 'US{Enter}');
    expect(within(dialog()).getByRole('button', { name: 'Remove US' })).toBeInstanceOf(HTMLElement);
    await next(user);
    expect(heading('Markets')).toBeInstanceOf(HTMLElement);
    expect(within(dialog()).queryByText('name at least one market')).toBeNull();
    expect(within(dialog()).getByText('name at least one language')).toBeInstanceOf(HTMLElement);

    // A one-letter market is refused by the schema, naming the chip.
    await user.type(within(dialog()).getByLabelText('Primary markets'), 'X{Enter}');
    await user.type(within(dialog()).getByLabelText('Languages'), 'en{Enter}');
    await next(user);
    expect(within(dialog()).getByText(/^“X” Too small/)).toBeInstanceOf(HTMLElement);
    await user.click(within(dialog()).getByRole('button', { name: 'Remove X' }));
    await next(user);
    expect(heading('Offers')).toBeInstanceOf(HTMLElement);
  });

  it('submits exactly the intake the API expects from the review step, then opens the client', async () => {
    const { calls } = stubFetch((c) => {
      const [path] = trpcPaths(c.url);
      if (path === 'clients.create') return ok(createdClient);
      if (path === 'onboarding.start') return ok(run);
      return ok({ items: [], nextCursor: null });
    });
    const user = userEvent.setup();
    renderWizard();
    await fillBasics(user);
    // The ad vertical (which policy pack compliance QA applies) is chosen with the basics.
    await user.selectOptions(within(dialog()).getByLabelText('Ad vertical'), 'ecommerce');
    await next(user);
    await fillMarkets(user);
    await next(user);

    expect(heading('Offers')).toBeInstanceOf(HTMLElement);
    await next(user);
    expect(within(dialog()).getByLabelText('Offer name').getAttribute('aria-invalid')).toBe('true');
    await user.type(within(dialog()).getByLabelText('Offer name'), 'Trail tent');
    await user.click(within(dialog()).getByRole('button', { name: 'Add offer' }));
    await user.type(within(dialog()).getAllByLabelText('Offer name')[1] as HTMLElement, 'Repair kit');
    await next(user);

    expect(heading('Constraints')).toBeInstanceOf(HTMLElement);
    await user.type(within(dialog()).getByLabelText('Constraints'), 'No health claims');
    await user.type(within(dialog()).getByLabelText('Competitor domains'), 'https://rival.com{Enter}');
    await next(user);
    expect(within(dialog()).getByText(/must be a domain like example.com/)).toBeInstanceOf(HTMLElement);
    await user.click(within(dialog()).getByRole('button', { name: 'Remove https://rival.com' }));
    await user.type(within(dialog()).getByLabelText('Competitor domains'), 'Rival.com{Enter}');
    await next(user);

    expect(heading('Funnel')).toBeInstanceOf(HTMLElement);
    await user.type(within(dialog()).getByLabelText('Business model'), 'one-time purchase');
    await user.type(within(dialog()).getByLabelText('Goals'), 'CPA under 40 USD');
    await next(user);

    expect(heading('Review')).toBeInstanceOf(HTMLElement);
    expect(within(dialog()).getByText('Trail tent Repair kit')).toBeInstanceOf(HTMLElement);
    expect(within(dialog()).getByText('E-commerce')).toBeInstanceOf(HTMLElement);
    expect(calls).toHaveLength(0);
    await user.click(within(dialog()).getByRole('button', { name: 'Start onboarding' }));

    expect(await screen.findByText(`Detail of ${CLIENT_ID}`)).toBeInstanceOf(HTMLElement);
    expect(bodyOf(calls, 'clients.create')).toEqual({
      name: 'Acme Outdoor',
      industry: 'Outdoor gear',
      adVertical: 'ecommerce',
      primaryMarkets: ['US', 'de'],
      primaryLanguages: ['en'],
    });
    expect(bodyOf(calls, 'onboarding.start')).toEqual({
      clientId: CLIENT_ID,
      intake: {
        businessType: 'existing',
        brandStory: 'Tents built to last a lifetime.',
        offers: ['Trail tent', 'Repair kit'],
        constraints: 'No health claims',
        competitorDomains: ['rival.com'],
        funnelNotes: null,
        businessModel: 'one-time purchase',
        primaryMarkets: ['US', 'de'],
        primaryLanguages: ['en'],
        goals: 'CPA under 40 USD',
      },
    });
    const order = calls.map((c) => trpcPaths(c.url)[0]).filter((p) => p !== 'clients.list');
    expect(order).toEqual(['clients.create', 'onboarding.start']);
    expect(await screen.findByText('Onboarding started for “Acme Outdoor”')).toBeInstanceOf(HTMLElement);
  });

  async function toReview(user: User) {
    await fillBasics(user);
    await next(user);
    await fillMarkets(user);
    await next(user);
    await user.type(within(dialog()).getByLabelText('Offer name'), 'Trail tent');
    await next(user);
    await next(user);
    await next(user);
    expect(heading('Review')).toBeInstanceOf(HTMLElement);
  }

  it('puts a server field error on the step and field it belongs to, without creating the client twice', async () => {
    const { calls } = stubFetch((c) => {
      const [path] = trpcPaths(c.url);
      if (path === 'clients.create') return ok(createdClient);
      if (path === 'onboarding.start')
        return trpcError('onboarding.start', 'BAD_REQUEST', 400, 'invalid input', [
          { path: ['intake', 'primaryMarkets', 1], message: 'is not a market we know' },
        ]);
      return ok({ items: [], nextCursor: null });
    });
    const user = userEvent.setup();
    renderWizard();
    await toReview(user);
    await user.click(within(dialog()).getByRole('button', { name: 'Start onboarding' }));

    await waitFor(() => expect(heading('Markets')).toBeInstanceOf(HTMLElement));
    const markets = within(dialog()).getByLabelText('Primary markets');
    expect(markets.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(markets.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'is not a market we know',
    );

    // Fixing it and submitting again reuses the client created the first time.
    await user.click(within(dialog()).getByRole('button', { name: 'Remove de' }));
    for (let i = 0; i < 4; i++) await next(user);
    await user.click(within(dialog()).getByRole('button', { name: 'Start onboarding' }));
    await waitFor(() =>
      expect(calls.filter((c) => trpcPaths(c.url)[0] === 'onboarding.start')).toHaveLength(2),
    );
    expect(calls.filter((c) => trpcPaths(c.url)[0] === 'clients.create')).toHaveLength(1);
    expect(bodyOf(calls.slice(-1), 'onboarding.start')).toMatchObject({
      clientId: CLIENT_ID,
      intake: { primaryMarkets: ['US'] },
    });
  });

  it('tells a member that starting onboarding needs the operator role', async () => {
    stubFetch((c) => {
      const [path] = trpcPaths(c.url);
      if (path === 'clients.create') return ok(createdClient);
      if (path === 'onboarding.start')
        return trpcError('onboarding.start', 'FORBIDDEN', 403, 'operator role required');
      return ok({ items: [], nextCursor: null });
    });
    const user = userEvent.setup();
    renderWizard();
    await toReview(user);
    await user.click(within(dialog()).getByRole('button', { name: 'Start onboarding' }));
    expect(
      await within(dialog()).findByText(/Starting onboarding needs the operator or admin role/),
    ).toBeInstanceOf(HTMLElement);
    expect(heading('Review')).toBeInstanceOf(HTMLElement);
  });

  it('saves offers with price points through offers.create before onboarding starts', async () => {
    const { calls } = stubFetch((c) => {
      const [path] = trpcPaths(c.url);
      if (path === 'clients.create') return ok(createdClient);
      if (path === 'offers.create') return ok({ id: 'x' });
      if (path === 'onboarding.start') return ok(run);
      return ok({ items: [], nextCursor: null });
    });
    const user = userEvent.setup();
    renderWizard();
    await fillBasics(user);
    await next(user);
    await fillMarkets(user);
    await next(user);
    await user.type(within(dialog()).getByLabelText('Offer name'), 'Trail tent');
    await user.click(within(dialog()).getByRole('button', { name: 'Add price point' }));
    await user.type(within(dialog()).getByLabelText('Price label'), 'Standard');
    await user.type(within(dialog()).getByLabelText('Amount'), '49.9');
    await next(user);
    expect(within(dialog()).getByText('is required when you add price points')).toBeInstanceOf(HTMLElement);
    await user.type(within(dialog()).getByLabelText('Offer business model'), 'one-time purchase');
    await next(user);
    await next(user);
    await next(user);
    await user.click(within(dialog()).getByRole('button', { name: 'Start onboarding' }));
    expect(await screen.findByText(`Detail of ${CLIENT_ID}`)).toBeInstanceOf(HTMLElement);
    expect(bodyOf(calls, 'offers.create')).toEqual({
      clientId: CLIENT_ID,
      name: 'Trail tent',
      businessModel: 'one-time purchase',
      pricePoints: [{ label: 'Standard', amountCents: 4990, currency: 'USD' }],
    });
    const order = calls.map((c) => trpcPaths(c.url)[0]).filter((p) => p !== 'clients.list');
    expect(order).toEqual(['clients.create', 'offers.create', 'onboarding.start']);
  });
});
