import type { ExperimentDecision } from '@mos/db/artifacts';
import type { ExperimentCycleInput } from '@mos/db/contracts';
import {
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  workflowInfo,
} from '@temporalio/workflow';
import type { CycleConfig, CycleReading } from '../activities/cycle';
import { acts, llmActs, track } from './shared/activities';
import { type RunState, StopRequested, trackedRun } from './shared/run';
import { llmStep } from './shared/step-failure';

/** Default seconds between result reads. */
export const DEFAULT_POLL_SECONDS = 60;
/** Default reading period when the input sets no maxPolls: seven days of polls. */
export const DEFAULT_CYCLE_SECONDS = 7 * 24 * 3600;
/**
 * Polls per workflow run before continuing as new with the state carried over: each poll adds about eleven
 * history events, so a run stays near 3,300 events (or less, when the server suggests continuing sooner).
 */
export const POLLS_PER_RUN = 300;

/** What one run of the cycle hands to the next when it continues as new. */
export interface CycleCarry {
  config: CycleConfig;
  polls: number;
  last: CycleReading | null;
}

export interface ExperimentCycleStart extends ExperimentCycleInput {
  /** Set by the workflow itself on continue-as-new; never by callers. */
  carry?: CycleCarry | null;
  /** Overrides POLLS_PER_RUN (tests use a small number to exercise continue-as-new). */
  pollsPerRun?: number;
}

export interface ExperimentCycleResult {
  experimentId: string;
  decision: ExperimentDecision;
  winningVariantId: string | null;
  reportArtifactId: string;
  polls: number;
}

/**
 * Runs an experiment (reference §4.6, built for real): configure (experiment → running) → read the experiment's
 * performance snapshots at once and then every `pollSeconds`, summed per variant, and test them (two-proportion z-test, best variant vs
 * the rest) → decide: `winner` as soon as p < 0.05 with every variant at its minimum sample; after `maxPolls`,
 * `no_significant_difference` (sample reached) or `inconclusive` → ExperimentReport artifact (numbers by code,
 * insights by the LLM) → experiment completed.
 *
 * A `stop` signal (or a Temporal cancellation) ends the reading early: the report is still written, with decision
 * `stopped` and the data read so far, the experiment becomes `cancelled`, and the run is recorded `cancelled`.
 * History stays bounded: after POLLS_PER_RUN polls the workflow continues as new, carrying its state.
 */
export async function ExperimentCycle(
  input: ExperimentCycleStart,
): Promise<ExperimentCycleResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const pollSeconds = Math.min(
      Math.max(Math.round(input.pollSeconds ?? DEFAULT_POLL_SECONDS), 1),
      24 * 3600,
    );
    const maxPolls = Math.max(1, input.maxPolls ?? Math.ceil(DEFAULT_CYCLE_SECONDS / pollSeconds));
    const pollsPerRun = Math.max(1, input.pollsPerRun ?? POLLS_PER_RUN);

    let config = input.carry?.config ?? null;
    if (config === null) {
      config = await state.runStep(
        'configure',
        () => acts.configureExperimentCycle({ orgId: input.orgId, experimentId: input.experimentId }),
        (c) => c,
        { pollSeconds, maxPolls },
      );
    }
    const cfg = config;
    let polls = input.carry?.polls ?? 0;
    let last = input.carry?.last ?? null;
    let decision: ExperimentDecision | null = null;
    let cancelled: unknown = null;

    try {
      // A fresh cycle reads at once; a continued one keeps the cadence and waits first.
      let wait = input.carry != null;
      for (let pollsThisRun = 0; decision === null; ) {
        if (wait) {
          state.snapshot.step = `wait:poll ${polls + 1}/${maxPolls}`;
          if (await condition(() => state.stopRequested, pollSeconds * 1000)) {
            decision = 'stopped';
            break;
          }
        }
        wait = true;
        if (state.stopRequested) {
          decision = 'stopped';
          break;
        }
        state.snapshot.step = `poll:${polls + 1}/${maxPolls}`;
        const reading = await acts.readExperimentResults({ orgId: input.orgId, config: cfg });
        polls += 1;
        pollsThisRun += 1;
        if (reading.fingerprint !== last?.fingerprint) await logPoll(state, polls, reading);
        last = reading;
        if (reading.stats.decision === 'winner') decision = 'winner';
        else if (polls >= maxPolls) {
          decision =
            reading.stats.minSampleReached && reading.stats.comparison
              ? 'no_significant_difference'
              : 'inconclusive';
        } else if (
          (pollsThisRun >= pollsPerRun || workflowInfo().continueAsNewSuggested) &&
          !state.stopRequested
        ) {
          await continueAsNew<typeof ExperimentCycle>({ ...input, carry: { config: cfg, polls, last } });
        }
      }
    } catch (err) {
      if (!isCancellation(err)) throw err;
      // Cancelled through Temporal rather than the stop signal: still leave a report behind.
      decision = 'stopped';
      cancelled = err;
    }

    const finish = async (): Promise<ExperimentCycleResult> => {
      const stopped = decision === 'stopped';
      // After a stop, read once more so the report carries everything measured until now.
      const reading =
        stopped || last === null
          ? await acts.readExperimentResults({ orgId: input.orgId, config: cfg })
          : last;
      const final: ExperimentDecision = decision ?? 'inconclusive';
      const report = await llmStep(state, {
        step: 'build_experiment_report',
        artifactType: 'experiment_report',
        stepKey: `experiment_report:${cfg.experimentId}`,
        run: (feedback) =>
          loggedStep(state, 'experiment_report', () =>
            llmActs.writeExperimentReport({
              orgId: input.orgId,
              runId: input.runId,
              clientId: input.clientId,
              campaignId: input.campaignId,
              config: cfg,
              decision: final,
              reading,
              polls,
              feedback,
            }),
          ),
      });
      state.snapshot.draftArtifactIds = [report.artifactId];
      await loggedStep(state, 'close_experiment', () =>
        acts.closeExperiment({
          orgId: input.orgId,
          experimentId: cfg.experimentId,
          status: stopped ? 'cancelled' : 'completed',
        }),
      );
      return {
        experimentId: cfg.experimentId,
        decision: final,
        winningVariantId: final === 'winner' ? reading.stats.winnerVariantId : null,
        reportArtifactId: report.artifactId,
        polls,
      };
    };

    if (cancelled !== null) {
      await CancellationScope.nonCancellable(finish);
      throw cancelled;
    }
    const result = await finish();
    // A stopped cycle has its report, and the run is recorded as cancelled (trackedRun turns this into that).
    if (decision === 'stopped') throw new StopRequested();
    return result;
  });
}

/**
 * A logged step that also runs after a stop was requested (the report of a stopped cycle): `state.step` refuses
 * to start steps once stopped, so these logs are written directly, keyed by step name (each runs once per run).
 */
async function loggedStep<T>(state: RunState, name: string, body: () => Promise<T>): Promise<T> {
  const { orgId, runId } = state.input;
  state.snapshot.step = name;
  await track.recordStep({ orgId, runId, step: name, status: 'started', key: `cycle:${name}:started` });
  const result = await body();
  state.snapshot.completedSteps.push(name);
  await track.recordStep({
    orgId,
    runId,
    step: name,
    status: 'completed',
    payloadOut: result,
    key: `cycle:${name}:completed`,
  });
  return result;
}

/** One log per poll that saw new data (polls without change are not logged, so logs stay bounded). */
async function logPoll(state: RunState, poll: number, reading: CycleReading): Promise<void> {
  const c = reading.stats.comparison;
  await track.recordStep({
    orgId: state.input.orgId,
    runId: state.input.runId,
    step: 'read_results',
    status: 'completed',
    key: `cycle:poll:${poll}`,
    payloadOut: {
      poll,
      variants: reading.totals.map((t) => ({
        variantId: t.variantId,
        clicks: t.clicks,
        conversions: t.conversions,
      })),
      pValue: c?.pValue ?? null,
      bestVariantId: c?.bestVariantId ?? null,
      minSampleReached: reading.stats.minSampleReached,
      decision: reading.stats.decision,
    },
  });
}
