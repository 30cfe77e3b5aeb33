import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { runView, versionView, whoDid } from './adapters';
import { PlanVersions } from './history';
import { LineDiffView, PlanCompare } from './plan-compare';

const plan = (over: {
  size?: string;
  command?: string;
  secret?: string;
  token?: string;
  extraWorkload?: boolean;
}) => ({
  operations: [],
  new_spec: {
    provider: 'hetzner',
    region: 'nbg1',
    instances: [
      {
        name: 'web-1',
        size: over.size ?? 'cx23',
        workloads: [
          {
            name: 'shop',
            repo_url: 'https://github.com/acme/shop.git',
            service_config: {
              command: over.command ?? 'node server.js',
              environment: {
                NODE_ENV: 'production',
                API_TOKEN: over.token ?? 'tok-value-old',
                STRIPE_KEY: { secret: over.secret ?? 'STRIPE_KEY' },
              },
              ports: [3000],
              // Many lines that do not change, so the line diff has something to fold.
              server_names: Array.from({ length: 30 }, (_, i) => `s${i}.example.com`),
            },
          },
          ...(over.extraWorkload
            ? [
                {
                  name: 'api',
                  repo_url: 'https://github.com/acme/api.git',
                  service_config: { command: 'node api.js' },
                },
              ]
            : []),
        ],
      },
    ],
  },
});

const V2 = plan({});
const V3 = plan({
  size: 'cx33',
  command: 'node dist/server.js',
  secret: 'STRIPE_LIVE_KEY',
  token: 'tok-value-new',
  extraWorkload: true,
});

describe('PlanCompare', () => {
  it('summarises what changed by resource, secrets by name, and shows the JSON lines with folds', async () => {
    const user = userEvent.setup();
    render(
      <PlanCompare
        versions={[1, 2, 3]}
        from={2}
        to={3}
        before={{ plan: V2 }}
        after={{ plan: V3 }}
        onChange={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    const summary = screen.getByRole('region', { name: 'Summary of changes' });
    const server = within(summary).getByRole('region', { name: 'Servers' });
    const web1 = server.querySelector('[data-item="web-1"]');
    expect(web1?.getAttribute('data-change')).toBe('changed');
    expect(web1?.querySelector('[data-field="server type"]')?.textContent).toMatch(/cx23.*cx33/);
    const workloads = within(server).getByRole('list', { name: 'Workloads of web-1' });
    expect(workloads.querySelector('[data-item="api"]')?.getAttribute('data-change')).toBe('added');
    const shop = workloads.querySelector('[data-item="shop"]');
    expect(shop?.querySelector('[data-field="command"]')?.textContent).toContain('node dist/server.js');
    const stripe = shop?.querySelector('[data-field="env STRIPE_KEY"]');
    expect(stripe?.querySelector('[data-secret-ref="STRIPE_KEY"]')).toBeInstanceOf(HTMLElement);
    expect(stripe?.querySelector('[data-secret-ref="STRIPE_LIVE_KEY"]')).toBeInstanceOf(HTMLElement);
    // A literal value changed is said without either value; the summary never holds one.
    expect(shop?.querySelector('[data-field="env API_TOKEN"]')?.textContent).toContain('value changed');
    expect(summary.textContent).not.toContain('tok-value');

    const table = screen.getByRole('table', { name: 'Line diff' });
    const added = [...table.querySelectorAll('[data-line="add"]')].map((r) => r.textContent ?? '');
    const removed = [...table.querySelectorAll('[data-line="remove"]')].map((r) => r.textContent ?? '');
    expect(added.some((t) => t.includes('"size": "cx33"'))).toBe(true);
    expect(removed.some((t) => t.includes('"size": "cx23"'))).toBe(true);
    // The 30 unchanged server names are folded; opening the fold shows them.
    const folds = within(table).getAllByRole('button', { name: /unchanged lines/ });
    const biggest = folds.sort(
      (a, b) =>
        Number.parseInt(b.textContent?.slice(2) ?? '', 10) -
        Number.parseInt(a.textContent?.slice(2) ?? '', 10),
    )[0];
    expect(biggest?.textContent).toMatch(/^… \d+ unchanged lines$/);
    expect(table.textContent).not.toContain('s15.example.com');
    if (biggest) await user.click(biggest);
    expect(table.textContent).toContain('s15.example.com');
  });

  it('picks any two versions, says when they are identical, and shows a failed load', () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <PlanCompare
        versions={[3, 1, 2]}
        from={2}
        to={3}
        before={{ plan: V2 }}
        after={{ plan: V2 }}
        onChange={onChange}
        onClose={vi.fn()}
      />,
    );
    expect(screen.getByText('v2 and v3 are identical.')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('table', { name: 'Line diff' })).toBeNull();
    const from = screen.getByLabelText('From') as HTMLSelectElement;
    expect([...from.options].map((o) => o.value)).toEqual(['3', '2', '1']);
    fireEvent.change(from, { target: { value: '1' } });
    expect(onChange).toHaveBeenLastCalledWith(1, 3);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2' } });
    expect(onChange).toHaveBeenLastCalledWith(2, 2);
    rerender(
      <PlanCompare
        versions={[1, 2, 3]}
        from={2}
        to={3}
        before={{ error: 'There is no plan v2.' }}
        after="loading"
        onChange={onChange}
        onClose={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('There is no plan v2.');
  });
});

describe('PlanVersions compare entry points', () => {
  it('offers "Compare with" the next older version on every version but the oldest, and a free pick', async () => {
    const user = userEvent.setup();
    const onCompare = vi.fn();
    const at = new Date().toISOString();
    render(
      <PlanVersions
        versions={[5, 3, 2].map((version) => ({
          version,
          source: 'editor',
          note: null,
          createdBy: version === 5 ? 'you' : 'Dana Ops',
          createdAt: at,
        }))}
        current={5}
        onExport={vi.fn()}
        onLoad={vi.fn()}
        onCompare={onCompare}
      />,
    );
    const table = screen.getByRole('table', { name: 'Plan versions' });
    // Versions need not be contiguous: each is compared with the next older one the list has.
    expect(
      within(table)
        .getAllByRole('button', { name: /Compare with/ })
        .map((b) => b.textContent),
    ).toEqual(['Compare with v3', 'Compare with v2']);
    await user.click(within(table).getByRole('button', { name: 'Compare with v3' }));
    expect(onCompare).toHaveBeenLastCalledWith(3, 5);
    expect(table.querySelector('[data-version="2"]')?.textContent).toContain('Dana Ops');
    expect(table.querySelector('[data-version="5"]')?.textContent).toContain('you');
    await user.click(screen.getByRole('button', { name: /Compare versions/ }));
    expect(onCompare).toHaveBeenLastCalledWith(3, 5);
  });
});

describe('who did it', () => {
  it('is "you" for the caller, else the name the API sends, else nothing', () => {
    const me = { userId: 'u1' };
    expect(whoDid('u1', 'Ada Lovelace', me)).toBe('you');
    expect(whoDid('u2', 'Ada Lovelace', me)).toBe('Ada Lovelace');
    expect(whoDid('u2', null, me)).toBeNull();
    expect(whoDid('u2', undefined, me)).toBeNull();
    expect(whoDid(null, null, me)).toBeNull();
    expect(whoDid('u1', 'Ada', undefined)).toBe('Ada');
  });

  it('is read from the API’s rows: the version’s saver and the run’s requester', () => {
    const me = { userId: 'u1' };
    const at = new Date().toISOString();
    const version = (createdBy: string | null, createdByName: string | null) =>
      versionView(
        { id: 'p', version: 2, source: 'editor', note: null, createdBy, createdByName, createdAt: at },
        me,
      ).createdBy;
    expect(version('u1', 'Me Myself')).toBe('you');
    expect(version('u2', 'Dana Ops')).toBe('Dana Ops');
    expect(version(null, null)).toBeNull();
    const run = (requestedBy: string | null, requestedByName: string | null) =>
      runView(
        {
          id: 'r',
          projectId: 'p',
          planId: 'p',
          planVersion: 2,
          kind: 'apply',
          status: 'succeeded',
          rollbackOfRunId: null,
          funnelId: null,
          requestedBy,
          requestedByName,
          steps: [],
          serverIps: {},
          accessUrls: [],
          error: null,
          workflowId: 'w',
          position: null,
          createdAt: at,
          startedAt: at,
          finishedAt: at,
        },
        me,
      ).requestedBy;
    expect(run('u1', 'Me Myself')).toBe('you');
    expect(run('u3', 'dana@agency.test')).toBe('dana@agency.test');
    expect(run('u3', null)).toBeNull();
  });
});

describe('LineDiffView', () => {
  it('gives each indented line a hanging indent of its own depth, so a wrapped line keeps it', () => {
    const before = '{\n  "a": 1\n}';
    const after = '{\n  "a": 2,\n      "deep": "a long value that wraps on a phone"\n}';
    render(<LineDiffView before={before} after={after} />);
    const cells = [
      ...screen.getByRole('table', { name: 'Line diff' }).querySelectorAll('tbody tr[data-line]'),
    ].map((tr) => tr.lastElementChild as HTMLElement);
    const styles = cells.map((td) => [td.textContent, td.style.paddingLeft, td.style.textIndent]);
    expect(styles).toContainEqual(['      "deep": "a long value that wraps on a phone"', '6ch', '-6ch']);
    expect(styles).toContainEqual(['  "a": 2,', '2ch', '-2ch']);
    expect(styles).toContainEqual(['{', '', '']);
  });
});
