/**
 * ResearchStep (`research_step`): the output of one pre-canon market research step (reference §4.2), stored as
 * an artifact instead of a Google Drive document. The canon refers to these through `ClientCanon.research`.
 */
import * as z from 'zod';
import { httpUrl, list, longText, sha256Hex, shortText } from './common';

/** Research steps in the order they run. Step 02 (ads context) is input, not a stored step. */
export const RESEARCH_STEP_KEYS = ['01', '03', '04', '06', '07', '08', '09'] as const;
export const ResearchStepKey = z.enum(RESEARCH_STEP_KEYS);
export type ResearchStepKey = z.infer<typeof ResearchStepKey>;

/** Display title of every research step. */
export const RESEARCH_STEP_TITLES: { readonly [K in ResearchStepKey]: string } = {
  '01': 'Competitor research',
  '03': 'Deep research prompt',
  '04': 'Deep research execution',
  '06': 'Avatar brief',
  '07': 'Offer brief',
  '08': 'Necessary beliefs',
  '09': '"I believe" statements',
};

/** Limits from the original research pipeline. */
export const RESEARCH_SUMMARY_MAX = 1500;
export const RESEARCH_CONTENT_MAX = 60_000;
export const RESEARCH_HANDOFF_MAX = 1800;

/** A web source the step cited (web-search steps). */
export const ResearchSource = z.strictObject({
  title: shortText(300).nullable(),
  url: httpUrl(),
});
export type ResearchSource = z.infer<typeof ResearchSource>;

export const ResearchStep = z
  .strictObject({
    stepKey: ResearchStepKey,
    title: shortText(),
    /** The `<SUMMARY>` block: what later steps and the canon read. */
    summary: longText(RESEARCH_SUMMARY_MAX),
    /** The `<CONTENT>` block: the full research document (markdown). */
    content: longText(RESEARCH_CONTENT_MAX),
    /** Step 03 only: the `<STEP4_PROMPT>` it writes for the deep-research execution; null for every other step. */
    handoff: longText(RESEARCH_HANDOFF_MAX).nullable(),
    /** SHA-256 of the fully rendered prompt (prompt files are versioned; this pins the exact text). */
    promptSha256: sha256Hex(),
    model: shortText(100),
    webSearchUsed: z.boolean(),
    /** Sources cited by the step; empty when no web search ran. */
    sources: list(ResearchSource, 100),
  })
  .superRefine((step, ctx) => {
    if (step.stepKey === '03' && step.handoff === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['handoff'],
        message: 'Step 03 must hand off the deep-research prompt',
      });
    }
    if (step.stepKey !== '03' && step.handoff !== null) {
      ctx.addIssue({ code: 'custom', path: ['handoff'], message: 'Only step 03 has a handoff; use null' });
    }
  });
export type ResearchStep = z.infer<typeof ResearchStep>;
