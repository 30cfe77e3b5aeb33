import type { PlaybookUpdateInput, RunInput } from '@mos/db/contracts';
import { condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { acts, llmActs } from './shared/activities';
import { trackedRun } from './shared/run';
import { runNowSignal } from './shared/signals';
import { llmStep } from './shared/step-failure';
import { stoppable } from './shared/stoppable';

/**
 * How PlaybookUpdate is started: by worker-api (`playbook.update` regenerate: a run row exists, `trigger: 'manual'`)
 * or by the org's Temporal Schedule (no run row yet: `runId` absent, `trigger: 'schedule'`).
 */
export interface PlaybookUpdateStart extends Omit<PlaybookUpdateInput, 'runId'> {
  runId?: string | null;
  trigger?: 'manual' | 'schedule';
}

export type PlaybookUpdateResult =
  | { updated: true; artifactId: string; version: number; sections: number; sourceReportIds: string[] }
  | { updated: false; reason: string };

/**
 * Synthesizes the playbook (reference §4.7, built for real): the experiment reports of the client (or of the whole
 * org for the org playbook, clientId null) → an LLM synthesis into the next Playbook version, citing the reports
 * it draws on. Runs at once when started on demand or by the schedule; with `onDemand: false` it first waits for
 * `run_now` (or `stop`). A scheduled run with no report newer than the current playbook changes nothing.
 */
export async function PlaybookUpdate(
  input: PlaybookUpdateStart,
): Promise<PlaybookUpdateResult | { stopped: true }> {
  const runId = input.runId ?? (await ownRunRow(input));
  const run: RunInput = { ...input, runId };
  const trigger = input.trigger ?? (input.runId ? 'manual' : 'schedule');

  return trackedRun(run, async (state) => {
    if (input.onDemand === false) {
      let runNow = false;
      setHandler(runNowSignal, () => {
        runNow = true;
      });
      state.snapshot.step = 'wait:run_now';
      await condition(() => runNow || state.stopRequested);
      state.throwIfStopped();
    }

    const sources = await state.runStep(
      'collect_reports',
      () => acts.collectPlaybookSources({ orgId: input.orgId, clientId: input.clientId }),
      (s) => ({ reports: s.reports.length, newReports: s.newReports, current: s.current }),
      { trigger },
    );
    if (sources.reports.length === 0) {
      return { updated: false, reason: 'there are no experiment reports to learn from yet' };
    }
    if (trigger === 'schedule' && sources.current !== null && sources.newReports === 0) {
      return { updated: false, reason: 'no experiment report was written since the current playbook' };
    }

    const playbook = await llmStep(state, {
      step: 'synthesize_playbook',
      artifactType: 'playbook',
      stepKey: 'playbook',
      run: (feedback) =>
        state.runStep(
          'synthesize_playbook',
          () =>
            stoppable(state, () =>
              llmActs.synthesizePlaybook({
                orgId: input.orgId,
                runId,
                clientId: input.clientId,
                reportIds: sources.reports.map((r) => r.id),
                feedback,
              }),
            ),
          (p) => p,
        ),
    });
    state.snapshot.draftArtifactIds = [playbook.artifactId];
    return {
      updated: true,
      artifactId: playbook.artifactId,
      version: playbook.version,
      sections: playbook.sections,
      sourceReportIds: playbook.cited,
    };
  });
}

/** A scheduled start has no run row: the workflow records its own (id chosen here, so a retry finds it). */
async function ownRunRow(input: PlaybookUpdateStart): Promise<string> {
  const info = workflowInfo();
  const row = await acts.ensureRunRow({
    id: uuid4(),
    orgId: input.orgId,
    clientId: input.clientId,
    workflowId: info.workflowId,
    temporalRunId: info.runId,
    input: { ...input, trigger: input.trigger ?? 'schedule' },
  });
  return row.runId;
}
