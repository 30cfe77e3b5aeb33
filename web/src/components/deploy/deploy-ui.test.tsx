import { parsePlan } from '@mos/cloudhand/plan';
import type { DeployStep } from '@mos/db/contracts';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { navItemsFor } from '@/components/layout/nav';
import { formatDuration } from '@/lib/format';
import { publishSteps } from '@/routes/funnels/detail/publish-deploy';
import { planIssuesOfError } from './adapters';
import { AdminOnly } from './admin-only';
import { RunsHistory, rollbackTargets } from './history';
import { PlanEditorPanel } from './plan-editor';
import { PlanStructure } from './plan-structure';
import { jsonSpots, validatePlanText } from './plan-text';
import { PublishDeployDialog, parseServerNames } from './publish-deploy-dialog';
import { DeployRunPanel } from './run-view';
import { SecretsPanel } from './secrets-panel';
import type { DeployLogLineView, DeployRunView } from './types';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const PLAN = {
  operations: [],
  new_spec: {
    provider: 'hetzner',
    region: 'nbg1',
    instances: [
      {
        name: 'web-1',
        size: 'cx23',
        workloads: [
          {
            name: 'shop',
            repo_url: 'https://github.com/acme/shop.git',
            service_config: {
              command: 'node server.js',
              environment: { NODE_ENV: 'production', STRIPE_KEY: { secret: 'STRIPE_KEY' } },
              server_names: ['shop.example.com'],
              https: true,
              ports: [3000],
            },
          },
        ],
      },
    ],
  },
};
const TEXT = JSON.stringify(PLAN, null, 2);

function EditorHarness({ initial, onSave }: { initial: string; onSave: (plan: unknown) => void }) {
  const [draft, setDraft] = useState(initial);
  return (
    <PlanEditorPanel
      draft={draft}
      onDraftChange={setDraft}
      savedText={TEXT}
      onSave={onSave}
      saving={false}
      serverIssues={null}
    />
  );
}

describe('plan text locations', () => {
  it('finds every value by the plan model’s path format, pointing object members at their key', () => {
    const spots = jsonSpots(TEXT);
    const repo = spots.get('new_spec.instances[0].workloads[0].repo_url');
    expect(typeof repo?.start).toBe('number');
    expect(TEXT.slice(repo?.start, repo?.start ? repo.start + 10 : 0)).toBe('"repo_url"');
    expect(TEXT.split('\n')[(repo?.line ?? 0) - 1]).toContain('"repo_url"');
    expect(spots.get('new_spec.instances[0].workloads[0].service_config.ports[0]')?.line).toBeGreaterThan(
      repo?.line ?? Number.POSITIVE_INFINITY,
    );
  });

  it('reports bad JSON at the line JSON.parse stopped at, and plan problems at their field', () => {
    const broken = TEXT.replace('"region": "nbg1",', '"region": "nbg1"');
    const bad = validatePlanText(broken);
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]?.message).toMatch(/^is not valid JSON/);
    const brokenLine = broken.split('\n').findIndex((l) => l.includes('"instances"')) + 1;
    expect(bad.issues[0]?.spot?.line).toBe(brokenLine);

    const noRepo = validatePlanText(TEXT.replace('"repo_url": "https://github.com/acme/shop.git",', ''));
    expect(noRepo.issues.map((i) => i.path)).toEqual(['new_spec.instances[0].workloads[0].repo_url']);
    // The missing field is located at its workload (the nearest enclosing value in the text).
    const workloadLine = TEXT.split('\n').findIndex((l) => l.includes('"name": "shop"'));
    expect(noRepo.issues[0]?.spot?.line).toBe(workloadLine);
  });
});

describe('PlanEditorPanel', () => {
  it('shows a bad edit’s message at its field, jumps to the line, and saves only a valid change', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    render(<EditorHarness initial={TEXT} onSave={onSave} />);
    expect(screen.getAllByText('The plan is valid.')).toHaveLength(1);
    const save = screen.getByRole('button', { name: 'Save as new version' });
    expect((save as HTMLButtonElement).disabled).toBe(true);

    const area = screen.getByLabelText('Plan JSON') as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: TEXT.replace('"size": "cx23"', '"size": "CX 23"') } });
    const problems = screen.getByRole('list', { name: 'Plan problems' });
    const item = within(problems).getByRole('button', { name: /new_spec\.instances\[0\]\.size/ });
    expect(item.textContent).toContain('must be a Hetzner server type such as cx23');
    expect((save as HTMLButtonElement).disabled).toBe(true);
    expect(area.getAttribute('aria-invalid')).toBe('true');

    // The gutter marks the line; the list's button selects the field's text in the editor.
    const sizeLine = TEXT.split('\n').findIndex((l) => l.includes('"size"')) + 1;
    const marked = document.querySelector(`[data-problem-line="${sizeLine}"]`);
    expect(marked?.getAttribute('title')).toContain(
      'new_spec.instances[0].size: must be a Hetzner server type',
    );
    await user.click(item);
    expect(document.activeElement).toBe(area);
    // The whole member is selected: key and value.
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('"size": "CX 23"');

    fireEvent.change(area, { target: { value: TEXT.replace('"size": "cx23"', '"size": "cx33"') } });
    expect(screen.getAllByText('The plan is valid.')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Save as new version' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(onSave.mock.calls[0]?.[0])).toContain('"cx33"');
  });

  it('lists what the server refused at the field too', () => {
    render(
      <PlanEditorPanel
        draft={TEXT}
        onDraftChange={() => undefined}
        savedText=""
        onSave={() => undefined}
        saving={false}
        serverIssues={[
          { path: 'new_spec.instances[0].workloads[0].service_config.ports[0]', message: 'is reserved' },
        ]}
      />,
    );
    const item = within(screen.getByRole('list', { name: 'Plan problems' })).getByRole('button');
    expect(item.textContent).toContain('service_config.ports[0]: is reserved');
    expect(item.textContent).toContain('(server)');
    const portLine = TEXT.split('\n').findIndex((l) => l.trim() === '3000') + 1;
    expect(item.textContent).toContain(`line ${portLine}`);
  });
});

describe('PlanStructure', () => {
  it('shows instances and workloads with kind, ports, names, https and env keys, secrets by name only', () => {
    render(<PlanStructure plan={parsePlan(PLAN)} />);
    const shop = document.querySelector('[data-workload="shop"]') as HTMLElement;
    expect(within(shop).getAllByText('Git app')).toHaveLength(1);
    expect(within(shop).getAllByText('https')).toHaveLength(1);
    expect(within(shop).getAllByText('3000')).toHaveLength(1);
    expect(within(shop).getAllByText('shop.example.com')).toHaveLength(1);
    const env = within(shop).getByRole('list', { name: 'Environment' });
    expect(env.textContent).toContain('STRIPE_KEY=secret STRIPE_KEY');
    expect(env.querySelectorAll('[data-secret-ref="STRIPE_KEY"] svg')).toHaveLength(1);
    // A plain value's key is shown, its value is not.
    expect(env.textContent).toContain('NODE_ENV');
    expect(env.textContent).not.toContain('production');
  });
});

describe('SecretsPanel', () => {
  it('sets a secret by name with a write-only value, and never renders a value it was given to send', async () => {
    const user = userEvent.setup();
    const onSet = vi.fn(async () => undefined);
    const { container } = render(
      <SecretsPanel
        secrets={[{ name: 'HCLOUD_TOKEN', updatedAt: new Date().toISOString() }]}
        referenced={['HCLOUD_TOKEN', 'STRIPE_KEY']}
        onSet={onSet}
        onDelete={vi.fn(async () => undefined)}
      />,
    );
    const refs = screen.getByRole('list', { name: 'Secrets the plan references' });
    expect(
      within(refs)
        .getByText(/missing/)
        .closest('li')
        ?.getAttribute('data-secret-ref'),
    ).toBe('STRIPE_KEY');
    await user.click(within(refs).getByRole('button', { name: 'Set STRIPE_KEY' }));
    expect((screen.getByLabelText('Secret name') as HTMLInputElement).value).toBe('STRIPE_KEY');
    const value = screen.getByLabelText('Value') as HTMLInputElement;
    expect(value.type).toBe('password');
    await user.type(value, 'sk_live_supersecret');
    await user.click(screen.getByRole('button', { name: 'Set secret' }));
    expect(onSet).toHaveBeenCalledWith('STRIPE_KEY', 'sk_live_supersecret');
    // Emptied after it was sent, and nowhere in the DOM (text or attributes).
    expect(value.value).toBe('');
    expect(container.innerHTML).not.toContain('sk_live_supersecret');
    expect(document.body.innerHTML).not.toContain('sk_live_supersecret');
  });

  it('rotates an existing secret and deletes one only after a confirmation', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn(async () => undefined);
    render(
      <SecretsPanel
        secrets={[{ name: 'HCLOUD_TOKEN', updatedAt: new Date().toISOString() }]}
        referenced={['HCLOUD_TOKEN']}
        onSet={vi.fn(async () => undefined)}
        onDelete={onDelete}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Rotate HCLOUD_TOKEN' }));
    expect(screen.getAllByRole('button', { name: 'Rotate secret' })).toHaveLength(1);
    expect(screen.getAllByLabelText('New value')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Delete HCLOUD_TOKEN' }));
    expect(onDelete).not.toHaveBeenCalled();
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('The plan references this secret');
    await user.click(within(dialog).getByRole('button', { name: 'Delete secret' }));
    expect(onDelete).toHaveBeenCalledWith('HCLOUD_TOKEN');
  });

  it('refuses a name that is not an org secret name at the field', async () => {
    const user = userEvent.setup();
    const onSet = vi.fn(async () => undefined);
    render(<SecretsPanel secrets={[]} referenced={[]} onSet={onSet} onDelete={vi.fn()} />);
    await user.type(screen.getByLabelText('Secret name'), '9abc');
    await user.type(screen.getByLabelText('Value'), 'x');
    await user.click(screen.getByRole('button', { name: 'Set secret' }));
    expect(onSet).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/upper-case letters/);
  });
});

const step = (over: Partial<DeployStep> & { key: string }): DeployStep => ({
  label: over.key,
  status: 'pending',
  startedAt: null,
  finishedAt: null,
  detail: null,
  ...over,
});
const t0 = Date.parse('2026-12-06T10:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000).toISOString();
const run = (over: Partial<DeployRunView>): DeployRunView => ({
  id: id(1),
  kind: 'apply',
  status: 'running',
  planVersion: 3,
  steps: [],
  accessUrls: [],
  error: null,
  rollbackOfRunId: null,
  requestedBy: null,
  createdAt: at(0),
  startedAt: at(0),
  finishedAt: null,
  ...over,
});
const log = (seq: number, line: string, level = 'info'): DeployLogLineView => ({
  seq,
  step: 'terraform',
  level,
  line,
  at: at(seq),
});

describe('DeployRunPanel', () => {
  it('shows steps as a checklist with durations, the log, and access URLs when done', () => {
    const r = run({
      status: 'succeeded',
      finishedAt: at(95),
      accessUrls: ['https://shop.example.com'],
      steps: [
        step({
          key: 'terraform',
          label: 'Terraform apply',
          status: 'succeeded',
          startedAt: at(0),
          finishedAt: at(42),
        }),
        step({
          key: 'web-1',
          label: 'Deploy web-1',
          status: 'succeeded',
          startedAt: at(42),
          finishedAt: at(44.5),
        }),
        step({ key: 'dns', label: 'DNS', status: 'skipped' }),
      ],
    });
    render(<DeployRunPanel run={r} logs={[log(1, 'terraform init'), log(2, 'port 3000 busy', 'warn')]} />);
    const steps = screen.getByRole('list', { name: 'Steps' });
    const items = within(steps).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-step-status'))).toEqual([
      'succeeded',
      'succeeded',
      'skipped',
    ]);
    expect(items[0]?.textContent).toContain('Terraform apply');
    expect(items[0]?.textContent).toContain('42s');
    expect(items[1]?.textContent).toContain('3s');
    expect(screen.getByRole('log', { name: 'Deploy log' }).textContent).toContain('port 3000 busy');
    const url = screen.getByRole('link', { name: /shop\.example\.com/ });
    expect(url.getAttribute('href')).toBe('https://shop.example.com');
    expect(screen.getAllByText('1m 35s')).toHaveLength(1);
  });

  it('says which run a queued run waits behind, and shows no URLs before success', () => {
    render(
      <DeployRunPanel
        run={run({ status: 'queued', startedAt: null, accessUrls: ['http://1.2.3.4:3000'] })}
        logs={[]}
        queue={{ current: id(77), ahead: 1 }}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain(`waiting behind run ${id(77).slice(0, 8)}`);
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('follows the log tail as lines arrive', () => {
    const { rerender } = render(<DeployRunPanel run={run({})} logs={[log(1, 'a')]} />);
    const box = screen.getByRole('log');
    Object.defineProperty(box, 'scrollHeight', { configurable: true, value: 900 });
    rerender(<DeployRunPanel run={run({})} logs={[log(1, 'a'), log(2, 'b')]} />);
    expect(box.scrollTop).toBe(900);
  });

  it('formats durations', () => {
    expect(formatDuration(1234)).toBe('1s');
    expect(formatDuration(14_000)).toBe('14s');
    expect(formatDuration(185_000)).toBe('3m 5s');
  });
});

describe('RunsHistory', () => {
  const runs = [
    run({ id: id(3), status: 'succeeded', createdAt: at(300), finishedAt: at(360) }),
    run({ id: id(2), status: 'failed', createdAt: at(200), finishedAt: at(230) }),
    run({ id: id(1), status: 'succeeded', createdAt: at(100), finishedAt: at(160), planVersion: 2 }),
  ];

  it('offers rollback only on earlier succeeded runs, after a confirmation', async () => {
    expect([...rollbackTargets(runs)]).toEqual([id(1)]);
    const user = userEvent.setup();
    const onRollback = vi.fn(async () => undefined);
    render(
      <RunsHistory runs={runs} selectedId={null} onSelect={vi.fn()} onRollback={onRollback} busy={false} />,
    );
    const buttons = screen.getAllByRole('button', { name: /Roll back to run/ });
    expect(buttons).toHaveLength(1);
    await user.click(buttons[0] as HTMLElement);
    expect(onRollback).not.toHaveBeenCalled();
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('plan v2');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(onRollback).toHaveBeenCalledWith(id(1));
  });
});

describe('AdminOnly', () => {
  it('shows the page to admins and a clear admins-only state to everyone else', () => {
    const { rerender } = render(
      <AdminOnly memberRole="admin">
        <p>deploy page</p>
      </AdminOnly>,
    );
    expect(screen.getAllByText('deploy page')).toHaveLength(1);
    for (const role of ['operator', 'member']) {
      rerender(
        <AdminOnly memberRole={role}>
          <p>deploy page</p>
        </AdminOnly>,
      );
      expect(screen.queryByText('deploy page')).toBeNull();
      expect(screen.getAllByText('Admins only')).toHaveLength(1);
    }
  });
});

describe('PublishDeployDialog', () => {
  it('prefills the verified domains, checks them, and starts with the chosen project and https', async () => {
    expect(parseServerNames('a.example.com, b.example.com\nA.example.com').names).toEqual([
      'a.example.com',
      'b.example.com',
    ]);
    expect(parseServerNames('https://x.com').problem).toMatch(/must be a host name/);
    const user = userEvent.setup();
    const onStart = vi.fn();
    render(
      <PublishDeployDialog
        projects={[
          { id: id(1), name: 'prod' },
          { id: id(2), name: 'staging' },
        ]}
        defaultServerNames={['go.glow.test']}
        disabled={false}
        onStart={onStart}
        progress={null}
        error={null}
        starting={false}
        onReset={vi.fn()}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Publish + Deploy' }));
    const dialog = screen.getByRole('dialog');
    const names = within(dialog).getByLabelText('Server names') as HTMLTextAreaElement;
    expect(names.value).toBe('go.glow.test');
    await user.selectOptions(within(dialog).getByLabelText('Deploy project'), 'staging');
    await user.clear(names);
    await user.type(names, 'go.glow.test:8080');
    await user.click(within(dialog).getByRole('button', { name: 'Publish + Deploy' }));
    expect(onStart).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('alert').textContent).toMatch(
      /^go\.glow\.test:8080: must be a host name/,
    );
    await user.clear(names);
    await user.type(names, 'go.glow.test');
    await user.click(within(dialog).getByLabelText(/HTTPS/));
    await user.click(within(dialog).getByRole('button', { name: 'Publish + Deploy' }));
    expect(onStart).toHaveBeenCalledWith({ project: 'staging', serverNames: ['go.glow.test'], https: false });
  });

  it('shows both runs live, the error, and the deployed URL when it is up', async () => {
    const user = userEvent.setup();
    const props = {
      projects: [{ id: id(1), name: 'prod' }],
      defaultServerNames: [],
      disabled: false,
      onStart: vi.fn(),
      error: null,
      starting: false,
      onReset: vi.fn(),
    };
    const { rerender } = render(
      <PublishDeployDialog
        {...props}
        progress={{ publish: { status: 'running', step: 'render', error: null }, deploy: null, url: null }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Publish + Deploy' }));
    expect(screen.getAllByText('Publish: render…')).toHaveLength(1);
    rerender(
      <PublishDeployDialog
        {...props}
        progress={{
          publish: { status: 'completed', step: null, error: null },
          deploy: {
            run: run({
              status: 'succeeded',
              finishedAt: at(30),
              accessUrls: ['http://10.0.0.5:8123'],
              steps: [
                step({
                  key: 'web-1',
                  label: 'Deploy web-1',
                  status: 'succeeded',
                  startedAt: at(1),
                  finishedAt: at(30),
                }),
              ],
            }),
            logs: [log(1, 'nginx -t ok')],
            queue: null,
          },
          url: 'http://10.0.0.5:8123/landing',
        }}
        error="DNS for go.glow.test does not point at the server yet"
      />,
    );
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getAllByText('Publish: done')).toHaveLength(1);
    expect(within(dialog).getByRole('list', { name: 'Steps' }).textContent).toContain('Deploy web-1');
    expect(within(dialog).getByRole('log').textContent).toContain('nginx -t ok');
    expect(within(dialog).getByRole('link', { name: 'Open deployed page' }).getAttribute('href')).toBe(
      'http://10.0.0.5:8123/landing',
    );
    expect(within(dialog).getByRole('alert').textContent).toContain('does not point at the server');
  });
});

describe('admin gating of the navigation', () => {
  it('lists Deploy for admins only (and not while the role is loading)', () => {
    const labels = (role: string | undefined) => navItemsFor(role).map((i) => i.label);
    expect(labels('admin')).toContain('Deploy');
    for (const role of ['operator', 'member', undefined]) {
      expect(labels(role)).not.toContain('Deploy');
      expect(labels(role)).toContain('Funnels');
    }
  });
});

describe('server plan problems', () => {
  it('are read from the API’s field errors under `plan` and put in the plan model’s path format', () => {
    const err = TRPCClientError.from({
      error: {
        code: -32600,
        message: 'the plan is not valid',
        data: {
          code: 'BAD_REQUEST',
          httpStatus: 400,
          fieldErrors: [
            {
              path: [
                'plan',
                'new_spec',
                'instances',
                0,
                'workloads',
                1,
                'service_config',
                'environment',
                'KEY',
              ],
              message: 'names the secret KEY, which this organization does not have',
            },
            { path: ['projectId'], message: 'is not a project' },
          ],
        },
      },
    });
    expect(planIssuesOfError(err)).toEqual([
      {
        path: 'new_spec.instances[0].workloads[1].service_config.environment.KEY',
        message: 'names the secret KEY, which this organization does not have',
      },
    ]);
    expect(planIssuesOfError(new Error('network down'))).toEqual([]);
  });
});

describe('publish steps of a Publish + Deploy', () => {
  it('are done, running, failed or pending from the run status and its live snapshot', () => {
    const status = (run: string | undefined, done: string[], current: string | null) =>
      Object.fromEntries(publishSteps(run, done, current).map((s) => [s.key, s.status]));
    expect(status('running', ['check', 'render_and_store', 'activate'], 'deploy:plan')).toEqual({
      check: 'succeeded',
      render_and_store: 'succeeded',
      activate: 'succeeded',
      'deploy:plan': 'running',
      'deploy:enqueue': 'pending',
      'deploy:apply': 'pending',
    });
    expect(status('failed', ['check'], 'render_and_store')).toMatchObject({
      check: 'succeeded',
      render_and_store: 'failed',
      activate: 'pending',
    });
    expect(new Set(Object.values(status('completed', [], null)))).toEqual(new Set(['succeeded']));
  });
});
