/**
 * The compliance corpora (JSON Lines, format in the compliance contract) the harness scores, and the budget. Reading
 * and scoring are the compliance module's own (`loadCorpus`, `scoreCorpus` in `src/compliance`).
 */
import { join } from 'node:path';
import type { CorpusScore } from '../../src/compliance';
import { EVAL_ROOT } from '../paths';

export type { CorpusLine, CorpusScore } from '../../src/compliance';
export { loadCorpus as readCorpus } from '../../src/compliance';

/** The check's development set: it was tuned on every line. */
export const DEV_FILE = join(EVAL_ROOT, 'compliance', 'dev.jsonl');
/** Written independently of the check; used for tuning since the rules were generalised on its misses. */
export const RED_TEAM_FILE = join(EVAL_ROOT, 'compliance', 'red-team.jsonl');
/**
 * Written independently of the check; used for tuning since the warning-level review signals were added on its
 * misses (it was the held-out set before that change).
 */
export const RED_TEAM_2_FILE = join(EVAL_ROOT, 'compliance', 'red-team-2.jsonl');
/**
 * Written independently of the check; used for tuning since the review signals were widened on its misses and
 * false alarms (it was the held-out set before that change).
 */
export const RED_TEAM_3_FILE = join(EVAL_ROOT, 'compliance', 'red-team-3.jsonl');
/**
 * The held-out set (written by someone who cannot see the rules, never read while tuning): the budget applies to
 * it. Nobody tuning the check reads its lines or its scores; the harness loads and scores it in code. It lands on
 * main separately, so the harness reports its absence instead of failing.
 */
export const HELD_OUT_FILE = join(EVAL_ROOT, 'compliance', 'red-team-4.jsonl');

export const COMPLIANCE_BUDGET = { recall: 0.95, precision: 0.8 } as const;

export const meetsBudget = (s: Pick<CorpusScore, 'precision' | 'recall'>) =>
  s.recall >= COMPLIANCE_BUDGET.recall && s.precision >= COMPLIANCE_BUDGET.precision;
