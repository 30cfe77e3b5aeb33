/**
 * The deploy screens the real stack cannot reach (it runs no DeployProject workflow and has no server to apply
 * to), in Chromium against the contract-typed API stand-in (support/screens.ts): an apply that runs while the page
 * polls `deploy.run` with `afterSeq` (steps tick, the log grows and follows, access URLs at the end), a queued run
 * waiting behind it, the history with rollback, and the funnel page's Publish + Deploy dialog following a publish
 * run into its deploy run. The stand-in is stateful: each `deploy.run` call advances the simulated run.
 * Screenshots at 1280×800 and 390×844 under web/e2e/screenshots/.
 */
import { DeployProjectSettings, type DeployStep, FunnelSettings } from '@mos/db/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../src/lib/trpc';
import { seriousAxeViolations } from './support/browser';
import { type Screens, startScreens } from './support/screens';
import { screenshot } from './support/ui';

// Distinct first segments, as real ids have: the screens show runs by their first eight characters.
const uuid = (n: number) =>
  `${((n * 2654435761) % 2 ** 32).toString(16).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ORG = uuid(1);
const ME = uuid(5);
const PROJECT = uuid(200);
const CLIENT = uuid(2);
const FUNNEL = uuid(10);
const PUBLIC_ID = '7d3c1b9e-52a4-4f0e-9a51-3f6b2c8d1e07';
const RUN_LIVE = uuid(303);
const RUN_QUEUED = uuid(304);
const RUN_FUNNEL = uuid(305);
const PUBLISH_RUN = uuid(400);
const now = Date.now();
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

const me = {
  userId: ME,
  clerkUserId: 'user_local_1',
  email: 'ops@northstar.test',
  role: 'admin',
  org: { id: ORG, externalId: 'org_northstar', name: 'Northstar Media' },
} satisfies RouterOutputs['me']['get'];

const plan = {
  operations: [],
  new_spec: {
    provider: 'hetzner',
    region: 'nbg1',
    networks: [{ name: 'default', cidr: '10.0.0.0/16', network_zone: 'eu-central', existing: false }],
    instances: [
      {
        name: 'web-1',
        size: 'cx33',
        network: 'default',
        image: 'ubuntu-24.04',
        labels: {},
        workloads: [
          {
            name: 'shop',
            source_type: 'git',
            repo_url: 'https://github.com/glowlabs/shop.git',
            branch: 'main',
            runtime: 'nodejs',
            build_config: { install_command: 'npm ci', build_command: 'npm run build', system_packages: [] },
            service_config: {
              command: 'node dist/server.js',
              environment: { NODE_ENV: 'production', STRIPE_KEY: { secret: 'STRIPE_KEY' } },
              ports: [20417],
              server_names: ['shop.glowlabs.com'],
              https: true,
            },
            destination_path: '/opt/apps',
          },
          {
            name: `funnel-${PUBLIC_ID.slice(0, 8)}`,
            source_type: 'funnel_publication',
            source_ref: {
              public_id: PUBLIC_ID,
              upstream_base_url: 'https://worker.northstar.test',
              upstream_api_base_url: 'https://api.northstar.test',
            },
            branch: 'main',
            runtime: 'static',
            build_config: { system_packages: [] },
            service_config: { environment: {}, ports: [], server_names: ['go.glowlabs.com'], https: true },
            destination_path: '/opt/apps',
          },
        ],
      },
    ],
    firewalls: [
      {
        name: 'web-1-fw',
        rules: [
          { direction: 'in', protocol: 'tcp', port: 22, cidr: '0.0.0.0/0' },
          { direction: 'in', protocol: 'tcp', port: 443, cidr: '0.0.0.0/0' },
        ],
        targets: [{ type: 'server', selector: 'web-1' }],
      },
    ],
    load_balancers: [],
    dns_records: [{ zone: 'glowlabs.com', name: 'shop', type: 'A', target: 'server:web-1' }],
    containers: [],
  },
};

type PlanJson = typeof plan;
type WorkloadJson = PlanJson['new_spec']['instances'][number]['workloads'][number];
const shop = plan.new_spec.instances[0]?.workloads[0] as WorkloadJson;
const funnelWorkload = plan.new_spec.instances[0]?.workloads[1] as WorkloadJson;
const withWorkloads = (p: PlanJson, size: string, workloads: unknown[]): PlanJson => {
  const next = structuredClone(p);
  Object.assign(next.new_spec.instances[0] as object, { size, workloads });
  return next;
};
/** v1: the bootstrap (one server, no apps); v2: the shop; v3: + the funnel (`plan`); v4: an edit after the last apply. */
const PLAN_V1 = (() => {
  const p = withWorkloads(plan, 'cx23', []);
  p.new_spec.dns_records = [];
  Object.assign(p.new_spec.firewalls[0] as object, {
    rules: [22, 80, 443].map((port) => ({ direction: 'in', protocol: 'tcp', port, cidr: '0.0.0.0/0' })),
  });
  return p;
})();
const PLAN_V2 = withWorkloads(plan, 'cx23', [shop]);
const PLAN_V4 = (() => {
  const p = withWorkloads(plan, 'cx43', [
    {
      ...shop,
      branch: 'release',
      service_config: {
        ...shop.service_config,
        command: 'node dist/server.js --cluster',
        environment: {
          NODE_ENV: 'production',
          STRIPE_KEY: { secret: 'STRIPE_LIVE_KEY' },
          SENTRY_DSN: { secret: 'SENTRY_DSN' },
        },
        server_names: ['shop.glowlabs.com', 'www.glowlabs.com'],
      },
    },
    funnelWorkload,
    {
      name: 'api',
      source_type: 'git',
      repo_url: 'https://github.com/glowlabs/api.git',
      branch: 'main',
      runtime: 'nodejs',
      build_config: { install_command: 'npm ci', system_packages: [] },
      service_config: {
        command: 'node api.js',
        environment: { DATABASE_URL: { secret: 'GLOW_DATABASE_URL' } },
        ports: [],
        server_names: ['api.glowlabs.com'],
        https: true,
      },
      destination_path: '/opt/apps',
    },
  ]);
  p.new_spec.dns_records.push({ zone: 'glowlabs.com', name: 'api', type: 'A', target: 'server:web-1' });
  (p.new_spec.firewalls[0] as { rules: unknown[] }).rules.push({
    direction: 'in',
    protocol: 'tcp',
    port: 80,
    cidr: '0.0.0.0/0',
  });
  return p;
})();
const PLANS: Record<number, PlanJson> = { 1: PLAN_V1, 2: PLAN_V2, 3: plan, 4: PLAN_V4 };
/** The project's newest version: 3, or 4 once the comparison spec has saved an edit after the last apply. */
let currentVersion = 3;

const project = {
  id: PROJECT,
  name: 'production',
  description: 'Client apps and funnels, Nuremberg',
  settings: DeployProjectSettings.parse({}),
  createdAt: ago(60 * 24 * 10),
  updatedAt: ago(60),
  currentVersion: 3,
  lastRun: { id: RUN_LIVE, kind: 'apply', status: 'running', createdAt: ago(1), finishedAt: null },
} satisfies RouterOutputs['deploy']['projects'][number];
/** What `deploy.updateProject` has saved (the Settings spec); the project list answers with it. */
let projectEdits: { description?: string | null; settings?: Record<string, unknown> } = {};
const projectNow = (): RouterOutputs['deploy']['projects'][number] => ({
  ...project,
  currentVersion,
  ...(projectEdits.description !== undefined ? { description: projectEdits.description } : {}),
  settings: { ...project.settings, ...projectEdits.settings },
  updatedAt: projectEdits.settings || projectEdits.description !== undefined ? ago(0) : project.updatedAt,
});

type RunOut = RouterOutputs['deploy']['runs'][number];
const run = (over: Partial<RunOut> & { id: string }): RunOut => ({
  projectId: PROJECT,
  planId: uuid(500),
  planVersion: 3,
  kind: 'apply',
  status: 'succeeded',
  rollbackOfRunId: null,
  funnelId: null,
  requestedBy: ME,
  requestedByName: 'Olivia Park',
  steps: [],
  serverIps: {},
  accessUrls: [],
  error: null,
  workflowId: `deploy-${ORG}-${PROJECT}`,
  position: null,
  createdAt: ago(60),
  startedAt: ago(60),
  finishedAt: ago(57),
  ...over,
});

/** The simulated apply: its steps and log, revealed a few lines per `deploy.run` call. */
const STEP_PLAN: [key: string, label: string, lines: string[]][] = [
  [
    'terraform',
    'Terraform: servers, network, firewall, DNS',
    [
      'terraform init -input=false',
      'Initializing provider plugins... hetznercloud/hcloud v1.68.0',
      'terraform apply -auto-approve -input=false',
      'hcloud_network.default: Refreshing state... [id=4211873]',
      'hcloud_server.web-1: Refreshing state... [id=61728391]',
      'Apply complete! Resources: 0 added, 1 changed, 0 destroyed.',
      'terraform output -json server_ips → web-1 = 203.0.113.17',
    ],
  ],
  [
    'web-1:preflight',
    'web-1: preflight',
    [
      'ssh root@203.0.113.17 (host key SHA256:q2Yk…Lw pinned)',
      'port 20417 free for shop',
      'nginx -v: nginx/1.24.0',
    ],
  ],
  [
    'web-1:shop',
    'web-1: shop (git)',
    [
      'git fetch https://***@github.com/glowlabs/shop.git main',
      'HEAD is now at 9c1e2f4 Checkout: Apple Pay button',
      'release 20261206-190412 in /opt/apps/shop/releases',
      'npm ci (312 packages in 14.2s)',
      'npm run build → dist/ (1.8 MB)',
      'env file /etc/mos/shop.env written (mode 600, 2 keys, 1 from secrets)',
      'systemctl restart shop.service',
      'GET http://127.0.0.1:20417/ → 200',
    ],
  ],
  [
    'web-1:funnel',
    'web-1: funnel go.glowlabs.com',
    [
      'nginx site funnel-7d3c1b9e: proxy_cache on, upstream https://worker.northstar.test',
      'certbot certonly --webroot -d go.glowlabs.com: certificate not due for renewal',
    ],
  ],
  ['web-1:nginx', 'web-1: nginx check and reload', ['nginx -t: syntax is ok', 'nginx -s reload']],
];
const ALL_LINES = STEP_PLAN.flatMap(([key, , lines]) => lines.map((line) => ({ step: key, line })));
const LINES_PER_POLL = 3;

function simulated(id: string, polls: number, opts: { funnel?: boolean } = {}) {
  const shown = Math.min(ALL_LINES.length, polls * LINES_PER_POLL);
  const done = shown >= ALL_LINES.length && polls * LINES_PER_POLL >= ALL_LINES.length + LINES_PER_POLL;
  const started = now - 95_000;
  let cursor = 0;
  const steps: DeployStep[] = STEP_PLAN.map(([key, label, lines], i) => {
    const first = cursor;
    cursor += lines.length;
    const status = done || shown >= cursor ? 'succeeded' : shown > first ? 'running' : 'pending';
    return {
      key,
      label,
      status: opts.funnel && i === 2 ? 'skipped' : status,
      startedAt: status === 'pending' ? null : new Date(started + first * 4_000).toISOString(),
      finishedAt: status === 'succeeded' ? new Date(started + cursor * 4_000).toISOString() : null,
      detail: key === 'terraform' && status === 'succeeded' ? '0 added, 1 changed, 0 destroyed' : null,
    };
  });
  return run({
    id,
    status: done ? 'succeeded' : 'running',
    steps,
    funnelId: opts.funnel ? FUNNEL : null,
    planVersion: opts.funnel ? 4 : 3,
    serverIps: { 'web-1': '203.0.113.17' },
    accessUrls: done
      ? opts.funnel
        ? ['https://go.glowlabs.com']
        : ['https://shop.glowlabs.com', 'https://go.glowlabs.com']
      : [],
    position: done ? null : 0,
    createdAt: new Date(started).toISOString(),
    startedAt: new Date(started).toISOString(),
    finishedAt: done ? new Date(started + ALL_LINES.length * 4_000).toISOString() : null,
  });
}

const history = (): RunOut[] => [
  run({
    id: RUN_QUEUED,
    status: 'queued',
    position: 1,
    createdAt: ago(0.5),
    startedAt: null,
    finishedAt: null,
  }),
  simulated(RUN_LIVE, polls.get(RUN_LIVE) ?? 0),
  run({
    id: uuid(302),
    status: 'succeeded',
    planVersion: 3,
    createdAt: ago(60 * 3),
    startedAt: ago(60 * 3),
    finishedAt: ago(60 * 3 - 1.6),
    accessUrls: ['https://shop.glowlabs.com'],
  }),
  run({
    id: uuid(301),
    status: 'failed',
    planVersion: 2,
    createdAt: ago(60 * 26),
    startedAt: ago(60 * 26),
    finishedAt: ago(60 * 26 - 0.7),
    error: 'web-1: shop: npm run build exited 1 (the previous release keeps serving)',
    requestedBy: uuid(6),
    requestedByName: 'Dana Ops',
  }),
  run({
    id: uuid(300),
    status: 'succeeded',
    planVersion: 2,
    createdAt: ago(60 * 24 * 3),
    startedAt: ago(60 * 24 * 3),
    finishedAt: ago(60 * 24 * 3 - 2.3),
  }),
  run({
    id: uuid(299),
    kind: 'rollback',
    rollbackOfRunId: uuid(298),
    status: 'succeeded',
    planVersion: 1,
    createdAt: ago(60 * 24 * 5),
    startedAt: ago(60 * 24 * 5),
    finishedAt: ago(60 * 24 * 5 - 0.2),
  }),
];

const polls = new Map<string, number>();
let runCalls = 0;

const detail = {
  funnel: {
    id: FUNNEL,
    orgId: ORG,
    clientId: CLIENT,
    campaignId: null,
    experimentId: null,
    offerId: null,
    name: 'Barrier serum launch',
    description: null,
    status: 'published',
    publicId: PUBLIC_ID,
    entryPageId: uuid(20),
    activePublicationId: uuid(40),
    routingVersion: 0,
    settings: FunnelSettings.parse({}),
    createdBy: null,
    createdAt: ago(60 * 24 * 5),
    updatedAt: ago(30),
  },
  pages: [
    {
      id: uuid(20),
      orgId: ORG,
      funnelId: FUNNEL,
      name: 'Landing',
      slug: 'start',
      nextPageId: null,
      templateId: 'lead_capture',
      ordering: 0,
      createdAt: ago(60 * 24 * 5),
      updatedAt: ago(30),
      latestDraftVersionId: uuid(100),
      latestApprovedVersionId: uuid(100),
      hasUnapprovedChanges: false,
      latestSource: 'human',
      isEntry: true,
      publicPath: `/f/${PUBLIC_ID}/start`,
      variants: [],
    },
  ],
  entryPage: { id: uuid(20), name: 'Landing', slug: 'start' },
  canPublish: true,
  publishProblems: [],
  publicPath: `/f/${PUBLIC_ID}`,
  activePublication: { id: uuid(40), number: 2, entrySlug: 'start', createdAt: ago(60 * 26) },
} satisfies RouterOutputs['funnels']['get'];

const domain = (n: number, hostname: string, status: 'verified' | 'pending') => ({
  id: uuid(60 + n),
  orgId: ORG,
  clientId: CLIENT,
  funnelId: FUNNEL,
  hostname,
  status,
  verificationToken: '5f0c1e2d3a4b5c6d7e8f9a0b1c2d3e4f',
  verifiedAt: status === 'verified' ? ago(120) : null,
  lastCheckedAt: ago(3),
  lastError: null,
  createdAt: ago(600),
  updatedAt: ago(3),
  verification: { recordType: 'TXT', recordName: `_mos-verify.${hostname}`, value: 'mos-verify=5f0c' },
});

let publishPolls = 0;

function answer(path: string, input: unknown): unknown {
  const i = (input ?? {}) as Record<string, unknown>;
  switch (path) {
    case 'me.get':
      return me;
    case 'deploy.projects':
      return [projectNow()];
    case 'deploy.updateProject': {
      const change = i as typeof projectEdits;
      projectEdits = {
        ...(change.description !== undefined ? { description: change.description } : projectEdits),
        settings: { ...projectEdits.settings, ...change.settings },
      };
      return projectNow();
    }
    case 'deploy.plan': {
      const version = typeof i.version === 'number' ? i.version : currentVersion;
      const stored = PLANS[version];
      return stored
        ? {
            projectId: PROJECT,
            planId: uuid(500 + 4 - version),
            version,
            source: 'editor',
            note: null,
            createdBy: ME,
            createdAt: ago(60 * 4),
            plan: stored,
            issues: [],
          }
        : null;
    }
    case 'deploy.planVersions':
      return [
        ...(currentVersion === 4
          ? [
              {
                id: uuid(499),
                version: 4,
                source: 'editor',
                note: 'api service, cx43, live Stripe key',
                createdBy: uuid(6),
                createdByName: 'Dana Ops',
                createdAt: ago(20),
              },
            ]
          : []),
        {
          id: uuid(500),
          version: 3,
          source: 'funnel_publish',
          note: 'Publish + Deploy of Barrier serum launch',
          createdBy: ME,
          createdByName: 'Olivia Park',
          createdAt: ago(60 * 4),
        },
        {
          id: uuid(501),
          version: 2,
          source: 'editor',
          note: null,
          createdBy: ME,
          createdByName: 'Olivia Park',
          createdAt: ago(60 * 30),
        },
        {
          id: uuid(502),
          version: 1,
          source: 'bootstrap',
          note: 'first-run plan',
          createdBy: uuid(6),
          createdByName: 'Dana Ops',
          createdAt: ago(60 * 24 * 6),
        },
      ] satisfies RouterOutputs['deploy']['planVersions'];
    case 'deploy.runs':
      return history();
    case 'deploy.run': {
      runCalls++;
      const id = String(i.runId);
      const afterSeq = typeof i.afterSeq === 'number' ? i.afterSeq : -1;
      if (id === RUN_LIVE || id === RUN_FUNNEL) {
        const n = (polls.get(id) ?? 0) + 1;
        polls.set(id, n);
        const r = simulated(id, n, { funnel: id === RUN_FUNNEL });
        const shown = Math.min(ALL_LINES.length, n * LINES_PER_POLL);
        const logs = ALL_LINES.slice(0, shown)
          .map((l, seq) => ({
            seq,
            step: l.step,
            level: l.line.includes('not due') ? 'warn' : 'info',
            line: l.line,
            at: ago(1),
          }))
          .filter((l) => l.seq > afterSeq);
        return {
          run: r,
          logs,
          nextSeq: logs.at(-1)?.seq ?? afterSeq,
          moreLogs: false,
        } satisfies RouterOutputs['deploy']['run'];
      }
      const r = history().find((h) => h.id === id) ?? history()[0];
      return { run: r, logs: [], nextSeq: afterSeq, moreLogs: false };
    }
    case 'deploy.queue':
      return {
        projectId: PROJECT,
        current: simulated(RUN_LIVE, polls.get(RUN_LIVE) ?? 0),
        waiting: history().filter((h) => h.status === 'queued'),
      };
    case 'secrets.list':
      return [{ name: 'STRIPE_KEY', createdAt: ago(600), updatedAt: ago(600) }];
    case 'funnels.get':
      return detail;
    case 'clients.get':
      return {
        id: CLIENT,
        orgId: ORG,
        name: 'Glow Labs',
        status: 'active',
        createdAt: ago(600),
        updatedAt: ago(600),
      };
    case 'offers.list':
      return { items: [], nextCursor: null };
    case 'artifacts.latest':
      return null;
    case 'domains.list':
      return [domain(0, 'go.glowlabs.com', 'verified'), domain(1, 'try.glowlabs.com', 'pending')];
    case 'funnels.publish':
      return { runId: PUBLISH_RUN };
    case 'workflows.get': {
      publishPolls++;
      const waiting = publishPolls > 1;
      // The publish run ends when the deploy it waits for has ended.
      const deployed = simulated(RUN_FUNNEL, polls.get(RUN_FUNNEL) ?? 0).status === 'succeeded';
      return {
        run: {
          id: PUBLISH_RUN,
          kind: 'funnel_publish',
          status: deployed ? 'completed' : 'running',
          currentStep: waiting ? 'deploy:apply' : 'render_and_store',
          error: null,
        },
        live: {
          workflow: 'FunnelPublish',
          step: waiting ? 'deploy:apply' : 'render_and_store',
          waitingFor: null,
          draftKey: null,
          draftArtifactIds: [],
          attempt: 1,
          maxAttempts: 1,
          lastError: null,
          stepFailure: null,
          completedSteps: waiting
            ? ['check', 'render_and_store', 'activate', 'deploy:plan', 'deploy:enqueue']
            : ['check'],
          stopRequested: false,
          // The funnel's own URL, as the publish reports it (the run's list holds every workload's).
          deploy: waiting
            ? {
                runId: RUN_FUNNEL,
                status: deployed ? 'succeeded' : 'running',
                accessUrls: deployed ? ['https://go.glowlabs.com/'] : [],
              }
            : null,
        },
        liveError: null,
        artifacts: [],
        logs: [],
        approvals: [],
      };
    }
    default:
      throw new Error(`the stand-in does not answer ${path}`);
  }
}

let screens: Screens;

beforeAll(async () => {
  screens = await startScreens(answer, { token: 'tok_screens', email: me.email, orgId: me.org.externalId });
});

afterAll(async () => {
  await screens?.close();
});

async function closeToasts(p: Page): Promise<void> {
  for (const close of await p.getByRole('button', { name: 'Close toast' }).all())
    await close.click().catch(() => undefined);
  await p
    .locator('[data-sonner-toast]')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
}

describe('deploy screens (contract-shaped API stand-in)', () => {
  it('an apply followed live: steps tick, the log grows and follows, URLs at the end; queue and history', async () => {
    const p = await screens.signedInPage(`/deploy/${PROJECT}?tab=runs&run=${RUN_LIVE}`, {
      width: 1280,
      height: 800,
    });
    const panel = p.locator(`section[data-run-id="${RUN_LIVE}"]`);
    await panel.waitFor();
    // Live: the page polls about once a second, asking only for lines after the last one it has.
    await panel.locator('[data-step="web-1:shop"][data-step-status="running"]').waitFor({ timeout: 20_000 });
    const log = p.getByRole('log', { name: 'Deploy log' });
    expect(await log.textContent()).toContain('terraform init');
    expect(await log.textContent()).not.toContain('nginx -s reload');
    await screenshot(p, 'deploy-apply-running', { fullPage: false });
    await panel.locator('[data-run-status="succeeded"]').first().waitFor({ timeout: 30_000 });
    await panel.getByRole('link', { name: /https:\/\/shop\.glowlabs\.com/ }).waitFor();
    const text = (await log.textContent()) ?? '';
    // Every line once: `afterSeq` paging appends, never repeats.
    expect(text.split('terraform init -input=false').length).toBe(2);
    expect(text).toContain('nginx -s reload');
    // The tail followed the new lines to the bottom.
    const atBottom = await log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 30);
    expect(atBottom).toBe(true);
    expect(runCalls).toBeGreaterThan(5);
    await closeToasts(p);
    await screenshot(p, 'deploy-apply-done');
    expect(await seriousAxeViolations(p)).toEqual([]);

    // History: rollback offered on the succeeded runs before the newest succeeded one (now the live run, done),
    // behind a confirmation; not on the failed or queued ones.
    const table = p.getByRole('table', { name: 'Deploy runs' });
    expect(await table.getByRole('button', { name: /Roll back to run/ }).count()).toBe(3);
    expect(
      await table
        .locator(`[data-run-row="${RUN_LIVE}"]`)
        .getByRole('button', { name: /Roll back/ })
        .count(),
    ).toBe(0);
    expect(
      await table
        .locator(`[data-run-row="${uuid(301)}"]`)
        .getByRole('button', { name: /Roll back/ })
        .count(),
    ).toBe(0);
    // Who asked for each run: "you", or the API's name for another member.
    expect(await table.locator(`[data-run-row="${uuid(301)}"]`).textContent()).toContain('Dana Ops');
    expect(await table.locator(`[data-run-row="${uuid(300)}"]`).textContent()).toContain('you');
    await table.getByRole('button', { name: `Roll back to run ${uuid(300).slice(0, 8)}` }).click();
    const confirm = p.getByRole('dialog');
    expect(await confirm.textContent()).toContain('plan v2');
    await screenshot(p, 'deploy-rollback-confirm', { fullPage: false });
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    // A queued run says what it waits behind.
    await table.getByRole('button', { name: `Show run ${RUN_QUEUED.slice(0, 8)}` }).click();
    await p.getByText(`waiting behind run ${RUN_LIVE.slice(0, 8)}`).waitFor();
    await screenshot(p, 'deploy-run-queued', { fullPage: false });

    await p.setViewportSize({ width: 390, height: 844 });
    await table.getByRole('button', { name: `Show run ${RUN_LIVE.slice(0, 8)}` }).click();
    await p.locator(`section[data-run-id="${RUN_LIVE}"]`).waitFor();
    await p.evaluate(() => window.scrollTo(0, 0));
    await screenshot(p, 'deploy-apply-narrow');
    await p.context().close();
  });

  it('projects, versions and the plan overview', async () => {
    const list = await screens.signedInPage('/deploy', { width: 1280, height: 800 });
    const card = list.getByRole('list', { name: 'Deploy projects' }).getByRole('listitem');
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain('Plan v3');
    await screenshot(list, 'deploy-projects');
    await list.context().close();
    const p = await screens.signedInPage(`/deploy/${PROJECT}?tab=versions`, { width: 1280, height: 800 });
    const versions = p.getByRole('table', { name: 'Plan versions' });
    await versions.locator('[data-version="3"]').waitFor();
    expect(await versions.locator('[data-version="3"]').textContent()).toContain('Funnel publish');
    await screenshot(p, 'deploy-versions-screen');
    await p.goto(p.url().replace('tab=versions', 'tab=plan'));
    await p.locator('[data-workload="shop"]').waitFor();
    await screenshot(p, 'deploy-plan-screen');
    await p.setViewportSize({ width: 390, height: 844 });
    await screenshot(p, 'deploy-plan-screen-narrow');
    await p.context().close();
  });

  it('Publish + Deploy: the dialog follows the publish into its deploy run and ends with the page URL', async () => {
    const p = await screens.signedInPage(`/funnels/${FUNNEL}`, { width: 1280, height: 800 });
    await p.getByRole('button', { name: 'Publish + Deploy' }).click();
    const dialog = p.getByRole('dialog');
    // Projects and domains load as the dialog opens; the verified domain (not the pending one) fills the field.
    await expect
      .poll(() => dialog.getByLabel('Server names', { exact: true }).inputValue())
      .toBe('go.glowlabs.com');
    await expect.poll(() => dialog.getByLabel('Deploy project').inputValue()).toBe('production');
    await screenshot(p, 'deploy-publish-dialog', { fullPage: false });
    await p.setViewportSize({ width: 390, height: 844 });
    await screenshot(p, 'deploy-publish-dialog-narrow', { fullPage: false });
    await p.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByRole('button', { name: 'Publish + Deploy' }).click();
    // The publish's own steps first, then its deploy run's steps and log once it has handed over.
    await dialog.getByRole('list', { name: 'Publish steps' }).waitFor({ timeout: 20_000 });
    const deployRun = dialog.locator(`section[data-run-id="${RUN_FUNNEL}"]`);
    await deployRun.locator('[data-step-status="running"]').first().waitFor({ timeout: 20_000 });
    expect(
      await dialog
        .getByRole('list', { name: 'Publish steps' })
        .locator('[data-step="activate"]')
        .getAttribute('data-step-status'),
    ).toBe('succeeded');
    await screenshot(p, 'deploy-publish-dialog-running', { fullPage: false });
    const open = dialog.getByRole('link', { name: 'Open deployed page' });
    await open.waitFor({ timeout: 30_000 });
    // The publish's own report of the funnel's URL wins over the run's list of every workload's URLs.
    await expect.poll(() => open.getAttribute('href')).toBe('https://go.glowlabs.com/');
    await closeToasts(p);
    await screenshot(p, 'deploy-publish-dialog-done', { fullPage: false });
    expect(await seriousAxeViolations(p)).toEqual([]);
    await p.context().close();
  });
  it('plan versions compared: the change since the last apply, any two versions, at 1280 and 390 px', async () => {
    // An edit saved after the last successful apply (which applied v3).
    currentVersion = 4;
    try {
      const p = await screens.signedInPage(`/deploy/${PROJECT}?tab=plan`, { width: 1280, height: 800 });
      const since = p.getByRole('button', { name: 'Changes since last apply (v3 → v4)' });
      await since.waitFor();
      expect(await p.getByText(/^Live: plan v3, applied/).count()).toBe(1);
      await screenshot(p, 'deploy-changes-since-apply', { fullPage: false });
      await since.click();
      const compare = p.getByRole('region', { name: 'Changes since the last apply' });
      const summary = compare.getByRole('region', { name: 'Summary of changes' });
      await summary.getByRole('region', { name: 'Servers' }).waitFor();
      expect(new URL(p.url()).searchParams.get('tab')).toBe('versions');
      const web1 = summary.locator('[data-item="web-1"]').first();
      expect(await web1.locator('[data-field="server type"]').textContent()).toMatch(/cx33.*cx43/);
      expect(await summary.locator('[data-item="api"]').getAttribute('data-change')).toBe('added');
      const shop = summary.locator('[data-item="shop"]');
      expect(await shop.locator('[data-field="branch"]').textContent()).toMatch(/main.*release/);
      expect(
        await shop.locator('[data-field="env STRIPE_KEY"] [data-secret-ref="STRIPE_LIVE_KEY"]').count(),
      ).toBe(1);
      expect(await summary.locator('[data-item="api.glowlabs.com A"]').getAttribute('data-change')).toBe(
        'added',
      );
      const diff = compare.getByRole('table', { name: 'Line diff' });
      expect(await diff.locator('[data-line="add"]').count()).toBeGreaterThan(10);
      expect(await diff.getByRole('button', { name: /unchanged lines/ }).count()).toBeGreaterThan(0);
      // Who saved each version: "you", or the API's name for someone else.
      const versions = p.getByRole('table', { name: 'Plan versions' });
      expect(await versions.locator('[data-version="4"]').textContent()).toContain('Dana Ops');
      expect(await versions.locator('[data-version="3"]').textContent()).toContain('you');
      await p.evaluate(() => window.scrollTo(0, 0));
      await screenshot(p, 'deploy-compare');
      expect(await seriousAxeViolations(p)).toEqual([]);
      await p.setViewportSize({ width: 390, height: 844 });
      await p.evaluate(() => window.scrollTo(0, 0));
      await screenshot(p, 'deploy-compare-narrow');
      // Any two versions: v1 (the bootstrap) against v4.
      await p.setViewportSize({ width: 1280, height: 800 });
      await compare.getByLabel('From').selectOption('1');
      await expect.poll(() => new URL(p.url()).searchParams.get('from')).toBe('1');
      const picked = p.getByRole('region', { name: 'Compare plan versions' });
      await picked.locator('[data-item="shop"][data-change="added"]').waitFor();
      expect(await picked.locator('[data-item="web-1"] [data-field="server type"]').textContent()).toMatch(
        /cx23.*cx43/,
      );
      // From the versions list: v3 against the version before it.
      await versions.locator('[data-version="3"]').getByRole('button', { name: 'Compare with v2' }).click();
      await expect.poll(() => new URL(p.url()).searchParams.get('from')).toBe('2');
      await picked.locator('[data-item="funnel-7d3c1b9e"][data-change="added"]').waitFor();
      await p.context().close();
    } finally {
      currentVersion = 3;
    }
  });

  it('project settings: a field error at its field, then a save that updates the header and the banner', async () => {
    const p = await screens.signedInPage(`/deploy/${PROJECT}?tab=settings`, { width: 1280, height: 800 });
    const form = p.getByRole('form', { name: 'Project settings' });
    await form.waitFor();
    expect(await form.getByLabel('Hetzner token secret').inputValue()).toBe('HCLOUD_TOKEN');
    await form.getByLabel('Git token secret').fill('glow_git_token');
    await form.getByLabel('Certbot e-mail').fill('ops@glowlabs');
    await form.getByLabel('Description').fill('Client apps and funnels, Nuremberg and Helsinki');
    await form.getByRole('button', { name: 'Save settings' }).click();
    const email = form.getByLabel('Certbot e-mail');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await form.getByText('Must be an e-mail address').waitFor();
    expect(projectEdits).toEqual({});
    // Full-page shots from the top: a scrolled page draws its sticky header mid-page.
    await p.evaluate(() => window.scrollTo(0, 0));
    await screenshot(p, 'deploy-settings-error');
    await email.fill('ops@glowlabs.com');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await p.getByText('Settings saved').waitFor();
    expect(projectEdits).toEqual({
      description: 'Client apps and funnels, Nuremberg and Helsinki',
      settings: { gitTokenSecret: 'GLOW_GIT_TOKEN', certbotEmail: 'ops@glowlabs.com' },
    });
    // The project is fetched again: its description in the header, its new secret in the missing-secrets banner.
    await p.getByText('Plan v3 · Client apps and funnels, Nuremberg and Helsinki').waitFor();
    await expect
      .poll(async () => p.getByRole('status').filter({ hasText: 'An apply needs' }).textContent())
      .toContain('GLOW_GIT_TOKEN');
    expect(await seriousAxeViolations(p)).toEqual([]);
    await p.context().close();

    // On a phone: the tab row scrolls sideways and keeps the open tab (the last one) in sight.
    const phone = await screens.signedInPage(`/deploy/${PROJECT}?tab=settings`, { width: 390, height: 844 });
    const settingsTab = phone.getByRole('tab', { name: 'Settings' });
    await settingsTab.waitFor();
    await expect
      .poll(async () => {
        const box = await settingsTab.boundingBox();
        return box ? box.x + box.width <= 390 : false;
      })
      .toBe(true);
    const phoneForm = phone.getByRole('form', { name: 'Project settings' });
    await phoneForm.getByLabel('Certbot e-mail').fill('not an address');
    await phoneForm.getByRole('button', { name: 'Save settings' }).click();
    await phoneForm.getByText('Must be an e-mail address').waitFor();
    await phone.evaluate(() => window.scrollTo(0, 0));
    await screenshot(phone, 'deploy-settings-narrow');
    await phone.context().close();
    projectEdits = {};
  });
});
