/**
 * Playbook (`playbook`): what the agency learned, synthesized from experiment reports (reference §3).
 * `clientId` null = the org-wide playbook.
 */
import * as z from 'zod';
import { list, longText, positiveInt, shortText, uuid } from './common';

export const PlaybookSection = z.strictObject({
  title: shortText(),
  content: longText(10_000),
  tags: list(shortText(60), 20),
  /** Ids of the `experiment_report` artifacts this section draws on. */
  sourceReportIds: list(uuid(), 50),
});
export type PlaybookSection = z.infer<typeof PlaybookSection>;

export const Playbook = z.strictObject({
  orgId: uuid(),
  clientId: uuid().nullable(),
  sections: list(PlaybookSection, 50),
  version: positiveInt(),
});
export type Playbook = z.infer<typeof Playbook>;
