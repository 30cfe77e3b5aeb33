/**
 * Playbook (`playbook`): what the agency learned, synthesized from experiment reports (reference §3).
 * `clientId` null = the org-wide playbook.
 */
import * as z from 'zod';
import { DecisionMetricId } from '../contracts/experiments';
import { list, longText, positiveInt, shortText, uuid } from './common';

/**
 * A number a learning rests on, filled by code from the experiment reports a section cites (the recorded effects of
 * their experiments), never written by the model: the report, the experiment (its row id; the spec's experiment id
 * for reports from before effects were recorded), the metric, the arm, its relative lift over control and the
 * interval the report gave (null when it gave none).
 */
export const PlaybookEvidence = z.strictObject({
  reportArtifactId: uuid(),
  experimentId: shortText(100),
  metric: DecisionMetricId,
  armId: shortText(100),
  lift: z.number().finite(),
  /** [low, high]; an array (not a tuple) so the stored schema stays a strict structured-output schema. */
  ci: z.array(z.number()).length(2).nullable(),
});
export type PlaybookEvidence = z.infer<typeof PlaybookEvidence>;

export const PlaybookSection = z.strictObject({
  title: shortText(),
  content: longText(10_000),
  tags: list(shortText(60), 20),
  /** Ids of the `experiment_report` artifacts this section draws on. */
  sourceReportIds: list(uuid(), 50),
  /** The numbers of the cited reports (code's; see PlaybookEvidence). */
  evidence: list(PlaybookEvidence, 100),
});
export type PlaybookSection = z.infer<typeof PlaybookSection>;

export const Playbook = z.strictObject({
  orgId: uuid(),
  clientId: uuid().nullable(),
  sections: list(PlaybookSection, 50),
  version: positiveInt(),
});
export type Playbook = z.infer<typeof Playbook>;
