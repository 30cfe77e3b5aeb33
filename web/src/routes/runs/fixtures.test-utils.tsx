import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, type RecordedCall, stubFetch, trpcPaths } from '@/test/http';
import RunsPage from '../runs';

export const me = (role: 'admin' | 'operator' | 'member' = 'operator') => ({
  userId: '00000000-0000-4000-8000-0000000000a1',
  clerkUserId: 'user_local_1',
  email: 'ops@agency.test',
  role,
  org: { id: '00000000-0000-4000-8000-0000000000b1', externalId: 'org_x', name: 'Northstar Media' },
});

export const RUN_ID = '00000000-0000-4000-8000-000000000101';
export const CLIENT_ID = '00000000-0000-4000-8000-000000000201';
export const CAMPAIGN_ID = '00000000-0000-4000-8000-000000000301';

/** A workflows.list item as the API sends it (dates as ISO strings). */
export function listRun(over: Record<string, unknown> = {}) {
  return {
    id: RUN_ID,
    orgId: '00000000-0000-4000-8000-0000000000b1',
    clientId: CLIENT_ID,
    campaignId: null,
    temporalWorkflowId: `client-onboarding-${CLIENT_ID}-p1`,
    temporalRunId: 'r1',
    kind: 'client_onboarding',
    status: 'completed',
    currentStep: 'done',
    waitingGate: null,
    error: null,
    startedBy: null,
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T10:04:05.000Z',
    updatedAt: '2026-11-20T10:04:05.000Z',
    clientName: 'Glow Labs',
    campaignName: null,
    ...over,
  };
}

type Handler = (input: unknown, call: RecordedCall) => unknown;

/**
 * Stubs the API by procedure name. GET batches read their inputs from the URL, POST (mutations) from the body;
 * a handler may return `{ error }` to answer with a tRPC error.
 */
export function stubApi(handlers: Record<string, Handler | unknown>) {
  return stubFetch((call) => {
    const paths = trpcPaths(call.url);
    const inputs: Record<string, unknown> =
      call.method === 'POST'
        ? (JSON.parse(call.body ?? '{}') as Record<string, unknown>)
        : (JSON.parse(call.url.searchParams.get('input') ?? '{}') as Record<string, unknown>);
    let status = 200;
    const out = paths.map((p, i) => {
      const h = handlers[p];
      const value = typeof h === 'function' ? (h as Handler)(inputs[String(i)], call) : h;
      if (value && typeof value === 'object' && 'error' in value) {
        status = 400;
        return value;
      }
      return { result: { data: value ?? null } };
    });
    return json(out, status);
  });
}

/** The body inputs of the mutation calls to `path`. */
export function mutationInputs(calls: RecordedCall[], path: string): unknown[] {
  return calls
    .filter((c) => c.method === 'POST' && trpcPaths(c.url).includes(path))
    .flatMap((c) => {
      const body = JSON.parse(c.body ?? '{}') as Record<string, unknown>;
      return trpcPaths(c.url).flatMap((p, i) => (p === path ? [body[String(i)]] : []));
    });
}

/** The inputs of the query calls to `path`, in order. */
export function queryInputs(calls: RecordedCall[], path: string): unknown[] {
  return calls
    .filter((c) => c.method !== 'POST' && trpcPaths(c.url).includes(path))
    .flatMap((c) => {
      const raw = JSON.parse(c.url.searchParams.get('input') ?? '{}') as Record<string, unknown>;
      return trpcPaths(c.url).flatMap((p, i) => (p === path ? [raw[String(i)]] : []));
    });
}

function LocationProbe() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <div>
      <output data-testid="location">{`${location.pathname}${location.search}`}</output>
      <button type="button" onClick={() => void navigate(-1)}>
        Go back
      </button>
    </div>
  );
}

export function renderRuns(path: string, extra?: ReactNode) {
  setSession({ token: 'tok_runs', email: 'ops@agency.test', orgId: 'org_x' });
  return render(
    <Providers>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="runs/*" element={<RunsPage />} />
        </Routes>
        <LocationProbe />
        {extra}
      </MemoryRouter>
    </Providers>,
  );
}
