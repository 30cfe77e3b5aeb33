import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPLOY_WORKFLOW_TYPE, SYSTEM_WORKFLOW_TYPE_NAMES, WORKFLOW_TYPE_NAMES } from '@mos/db/contracts';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../src/worker';
import { loadHistories } from './support/histories';

const CHANGED_WORKFLOWS = fileURLToPath(new URL('./support/changed-workflows.ts', import.meta.url));
/** The histories this suite must hold: one per workflow outcome the end-to-end tests record. */
const EXPECTED = [
  'campaign-planning',
  'campaign-planning-stopped',
  'client-onboarding',
  'client-onboarding-stopped',
  'client-research',
  'creative-production',
  'creative-production-stopped',
  'deploy-project',
  'deploy-project-parallel',
  // Recorded once by the sequential DeployProject (before 'deploy-servers-in-parallel'), two servers a run: no
  // test re-records it; it keeps the patch's old branch replayable.
  'deploy-project-sequential',
  'experiment-cycle',
  'experiment-cycle-stopped',
  'experiment-design',
  'experiment-design-edited',
  'experiment-plan-change',
  'experiment-plan-change-refused',
  'event-forwarding',
  'funnel-page-draft',
  'funnel-page-draft-edited',
  'funnel-publish',
  'funnel-publish-deploy',
  'funnel-publish-refused',
  'funnel-sweep',
  'lead-delivery',
  'playbook-update',
  'swipe-media-import',
  'test-campaign',
  'test-campaign-stopped',
];

const silent = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

let code: string;
beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed already in this process
  }
  code = (await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent })).code;
}, 120_000);

describe('workflow bundle', () => {
  it('bundles every workflow under its Temporal type name', async () => {
    const exported = Object.keys(await import('../src/workflows/index'));
    const mine = ['ClientOnboarding', 'ClientResearch', 'CampaignPlanning', 'ExperimentDesign'];
    expect(exported).toEqual(expect.arrayContaining(mine));
    const typeNames: string[] = [
      ...Object.values(WORKFLOW_TYPE_NAMES),
      ...Object.values(SYSTEM_WORKFLOW_TYPE_NAMES),
      DEPLOY_WORKFLOW_TYPE,
    ];
    for (const name of exported) expect(typeNames).toContain(name);
    for (const name of mine) expect(code).toContain(name);
  });

  it('fails to bundle workflow code that imports a Node module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mos-bundle-'));
    try {
      const file = join(dir, 'stray.ts');
      writeFileSync(
        file,
        "import { readFileSync } from 'node:fs';\nexport async function Stray() { return readFileSync('x'); }\n",
      );
      const errors: string[] = [];
      const logger = { ...silent, error: (message: string) => errors.push(message) };
      await expect(bundleWorkflowCode({ workflowsPath: file, logger })).rejects.toThrow(
        /Webpack finished with errors/,
      );
      expect(errors.join('\n')).toMatch(/node:fs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('replay of recorded histories', () => {
  const histories = loadHistories();

  it('holds a history of every workflow outcome', () => {
    expect(histories.map((h) => h.name)).toEqual(expect.arrayContaining(EXPECTED));
  });

  it('replays every recorded history without non-determinism', async () => {
    const results = Worker.runReplayHistories(
      { workflowBundle: { code }, replayName: 'mos-replay' },
      histories.map((h) => ({ workflowId: h.workflowId, history: h.history })),
    );
    const outcomes: { workflowId: string; error: string | null }[] = [];
    for await (const r of results)
      outcomes.push({ workflowId: r.workflowId, error: r.error ? String(r.error) : null });
    expect(outcomes.map((o) => o.workflowId).sort()).toEqual(histories.map((h) => h.workflowId).sort());
    expect(outcomes.filter((o) => o.error !== null)).toEqual([]);
  }, 60_000);

  it('fails a replay when the workflow code no longer matches its history', async () => {
    const recorded = histories.find((h) => h.name === 'client-onboarding');
    expect(recorded).toBeDefined();
    if (!recorded) return;
    const changed = await bundleWorkflowCode({ workflowsPath: CHANGED_WORKFLOWS, logger: silent });
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: changed, replayName: 'mos-replay-changed' },
        recorded.history,
        recorded.workflowId,
      ),
    ).rejects.toThrow(/[Nn]ondetermin|DeterminismViolation/);
  }, 60_000);
});
