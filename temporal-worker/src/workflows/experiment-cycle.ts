import type { ExperimentDecision } from '@mos/db/artifacts';
import type { ExperimentCycleInput, ExperimentReading, ReviewSignal } from '@mos/db/contracts';
import {
  ActivityFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { CycleConfig, CycleRead } from '../activities/cycle/index';
import type { Activities } from '../activities/index';
import { acts, llmActs, NON_RETRYABLE_ERROR_TYPES, track } from './shared/activities';
import { type RunState, StopRequested, trackedRun } from './shared/run';
import { llmStep } from './shared/step-failure';

/** Default seconds between result reads. */
export const DEFAULT_POLL_SECONDS = 60;
/** Default reading period when the input sets no maxPolls: thirty days of polls. */
export const DEFAULT_CYCLE_SECONDS = 30 * 24 * 3600;
/** An ad connector is pulled at most this often (the platform's numbers move slowly; its rate limits do not). */
export const CONNECTOR_PULL_MS = 15 * 60 * 1000;
/**
 * Polls per workflow run before continuing as new with the state carried over: each poll adds about eleven
 * history events, so a run stays near 3,300 events (or less, when the server suggests continuing sooner).
 */
export const POLLS_PER_RUN = 300;

const GATE = 'experiment_decision';

/** A pull that keeps failing must not end the experiment: few attempts, then the cycle reads what is there. */
const pullActs = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    maximumAttempts: 3,
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
});

/** What one run of the cycle hands to the next when it continues as new. */
export interface CycleCarry {
  config: CycleConfig;
  polls: number;
  last: CycleRead | null;
  /** The data a person rejected a proposal on: no new proposal until the data changes. */
  rejectedFingerprint: string | null;
  /** The rejection's words, given to the next rationale. */
  feedback: string | null;
  /** Workflow time of the last connector pull (ms), null before the first. */
  lastPullAt: number | null;
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
  /** The approved proposal (null: the cycle ran out of polls or was stopped). */
  decisionId: string | null;
  reportArtifactId: string;
  polls: number;
}

/**
 * Runs an experiment on its locked plan (issue 11): configure (experiment → running) → every `pollSeconds`, pull
 * the client's ad connector when one is enabled (at most every 15 minutes), read the primary metric and each
 * guardrail per arm and apply the plan's rule (`decide()`: SRM, minimum data, guardrails, sequential or fixed
 * horizon), storing a reading when the data changed → a ship or stop is proposed with a rationale (numbers by
 * code, words by the LLM) and waits at the `experiment_decision` gate: approve applies it (funnel variant
 * weights, asset statuses), reject with feedback goes on reading → ExperimentReport (phase, metric, method,
 * numbers) → effects recorded for the playbook's priors → experiment completed.
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
        (c) => ({
          phase: c.phase,
          planSource: c.planSource,
          metric: c.plan.primaryMetric,
          rule: c.plan.stopRule,
        }),
        { pollSeconds, maxPolls },
      );
    }
    const cfg = config;
    let polls = input.carry?.polls ?? 0;
    let last = input.carry?.last ?? null;
    let rejectedFingerprint = input.carry?.rejectedFingerprint ?? null;
    let feedback = input.carry?.feedback ?? null;
    let lastPullAt = input.carry?.lastPullAt ?? null;
    let outcome: 'approved' | 'stopped' | 'exhausted' | null = null;
    let approved: { decisionId: string; reading: ExperimentReading } | null = null;
    let cancelled: unknown = null;

    try {
      // A fresh cycle reads at once; a continued one keeps the cadence and waits first.
      let wait = input.carry != null;
      for (let pollsThisRun = 0; outcome === null; ) {
        if (wait) {
          state.snapshot.step = `wait:poll ${polls + 1}/${maxPolls}`;
          if (await condition(() => state.stopRequested, pollSeconds * 1000)) {
            outcome = 'stopped';
            break;
          }
        }
        wait = true;
        if (state.stopRequested) {
          outcome = 'stopped';
          break;
        }
        state.snapshot.step = `poll:${polls + 1}/${maxPolls}`;
        const connector = last?.connector ?? cfg.connector;
        if (connector && (lastPullAt === null || Date.now() - lastPullAt >= CONNECTOR_PULL_MS)) {
          lastPullAt = Date.now();
          await pullConnector(input, cfg, polls + 1);
        }
        const read = await acts.readExperimentCycle({
          orgId: input.orgId,
          runId: input.runId,
          config: cfg,
          poll: polls + 1,
          previousFingerprint: last?.fingerprint ?? null,
        });
        polls += 1;
        pollsThisRun += 1;
        if (read.stored) await logPoll(state, polls, read);
        last = read;

        if (read.reading.action !== 'continue' && read.fingerprint !== rejectedFingerprint) {
          const decisionId = uuid4();
          await llmStep(state, {
            step: 'propose_decision',
            artifactType: null,
            stepKey: null,
            run: (retryFeedback) =>
              loggedStep(state, `propose_decision:${polls}`, () =>
                llmActs.proposeExperimentDecision({
                  orgId: input.orgId,
                  runId: input.runId,
                  config: cfg,
                  decisionId,
                  reading: read.reading,
                  feedback: retryFeedback ?? feedback,
                }),
              ),
          });
          state.snapshot.draftArtifactIds = [];
          const review = await decisionReview(state, decisionId);
          if (review === null) {
            outcome = 'stopped';
            break;
          }
          await loggedStep(state, `review_decision:${polls}`, () =>
            acts.reviewExperimentDecision({
              orgId: input.orgId,
              decisionId,
              approvalId: review.approvalId,
              approved: review.decision === 'approve',
            }),
          );
          if (review.decision === 'approve') {
            approved = { decisionId, reading: read.reading };
            outcome = 'approved';
            break;
          }
          // Rejected: keep reading; propose again only on new data, with the reviewer's words.
          rejectedFingerprint = read.fingerprint;
          feedback = review.feedback;
        }
        if (polls >= maxPolls) {
          outcome = 'exhausted';
        } else if (
          (pollsThisRun >= pollsPerRun || workflowInfo().continueAsNewSuggested) &&
          !state.stopRequested
        ) {
          await continueAsNew<typeof ExperimentCycle>({
            ...input,
            carry: { config: cfg, polls, last, rejectedFingerprint, feedback, lastPullAt },
          });
        }
      }
    } catch (err) {
      if (err instanceof StopRequested) outcome = 'stopped';
      else if (isCancellation(err)) {
        // Cancelled through Temporal rather than the stop signal: still leave a report behind.
        outcome = 'stopped';
        cancelled = err;
      } else throw err;
    }

    const finish = async (): Promise<ExperimentCycleResult> => {
      const final = outcome ?? 'exhausted';
      if (approved) {
        const target = approved;
        await loggedStep(state, 'apply_decision', () =>
          acts.applyExperimentDecision({ orgId: input.orgId, config: cfg, decisionId: target.decisionId }),
        );
      }
      // After a stop, read once more so the report carries everything measured until now.
      const reading =
        approved?.reading ??
        (final === 'stopped' || last === null
          ? (
              await acts.readExperimentCycle({
                orgId: input.orgId,
                runId: input.runId,
                config: cfg,
                poll: polls + 1,
                previousFingerprint: last?.fingerprint ?? null,
              })
            ).reading
          : last.reading);
      const report = await llmStep(state, {
        step: 'build_experiment_report',
        artifactType: 'experiment_report',
        stepKey: `experiment_report:${cfg.experimentId}`,
        run: (retryFeedback) =>
          loggedStep(state, 'experiment_report', () =>
            llmActs.writeExperimentReport({
              orgId: input.orgId,
              runId: input.runId,
              clientId: input.clientId,
              campaignId: input.campaignId,
              config: cfg,
              outcome: final,
              reading,
              decisionId: approved?.decisionId ?? null,
              polls,
              feedback: retryFeedback,
            }),
          ),
      });
      state.snapshot.draftArtifactIds = [report.artifactId];
      if (approved) {
        await loggedStep(state, 'record_effects', () =>
          acts.recordCycleEffects({
            orgId: input.orgId,
            config: cfg,
            reading,
            reportArtifactId: report.artifactId,
          }),
        );
      }
      await loggedStep(state, 'close_experiment', () =>
        acts.closeExperiment({
          orgId: input.orgId,
          experimentId: cfg.experimentId,
          status: final === 'stopped' ? 'cancelled' : 'completed',
        }),
      );
      return {
        experimentId: cfg.experimentId,
        decision: report.decision,
        winningVariantId: report.winningVariantId,
        decisionId: approved?.decisionId ?? null,
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
    if (outcome === 'stopped') throw new StopRequested();
    return result;
  });
}

/**
 * Waits at `experiment_decision` for approve or reject; an edit or a retry is refused (there is no document to
 * edit) and the gate keeps waiting. Null when a stop was requested while waiting.
 */
async function decisionReview(state: RunState, decisionId: string): Promise<ReviewSignal | null> {
  for (;;) {
    let review: ReviewSignal;
    try {
      review = await state.nextReview(GATE, state.draftKey(GATE, [decisionId]));
    } catch (err) {
      if (err instanceof StopRequested) return null;
      throw err;
    }
    if (review.decision === 'approve' || review.decision === 'reject') {
      state.snapshot.lastError = null;
      return review;
    }
    state.snapshot.lastError = `${review.decision} does not apply here: approve the proposal or reject it with feedback`;
  }
}

/** Pulls the client's ad connector; a failed pull is logged and the cycle reads what is stored. */
async function pullConnector(input: ExperimentCycleStart, cfg: CycleConfig, poll: number): Promise<void> {
  const step = { orgId: input.orgId, runId: input.runId, step: 'pull_connector', key: `cycle:pull:${poll}` };
  try {
    const summary = await pullActs.pullAdConnector({ orgId: input.orgId, clientId: cfg.clientId });
    await track.recordStep({ ...step, status: 'completed', payloadOut: summary });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await track.recordStep({ ...step, status: 'failed', error: err.cause?.message ?? err.message });
  }
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
async function logPoll(state: RunState, poll: number, read: CycleRead): Promise<void> {
  const r = read.reading;
  await track.recordStep({
    orgId: state.input.orgId,
    runId: state.input.runId,
    step: 'read_results',
    status: 'completed',
    key: `cycle:poll:${poll}`,
    payloadOut: {
      poll,
      metric: r.metric,
      arms: r.arms.map((a) => ({
        armId: a.armId,
        units: a.units,
        value: a.value,
        lift: a.lift,
        pValue: a.pValue,
      })),
      srmMismatch: r.srm.mismatch,
      minDataReached: r.minDataReached,
      action: r.action,
      reason: r.reason,
      winningArmId: r.winningArmId,
      banditWeights: read.banditWeights,
    },
  });
}
