/**
 * The compliance corpora (JSON Lines, format in the compliance contract) and their scoring. The deterministic check
 * and `scoreCorpus` come from `temporal-worker/src/compliance` (the compliance helper's module); the harness loads it
 * at run time, so a checkout without it reports "not available" instead of failing to compile. The binary scores
 * are also recomputed here from `checkCompliance` itself, so the figures reported do not rest on one implementation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { EVAL_ROOT, WORKER_ROOT } from '../paths';

export const POLICY_CATEGORIES = [
  'personal_attributes',
  'health_claims',
  'before_after',
  'income_claims',
  'weight_loss',
  'unsubstantiated_superlatives',
  'false_urgency',
  'auto_renewal_disclosure',
  'special_ad_category',
] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

export const CorpusLine = z
  .strictObject({
    id: z.string().min(1),
    text: z.string().min(1),
    field: z.enum([
      'headline',
      'primary_text',
      'description',
      'hook',
      'script',
      'image_prompt',
      'landing_page',
    ]),
    language: z.enum(['en', 'de']),
    vertical: z.enum([
      'skincare',
      'supplements',
      'weight_loss',
      'finance',
      'b2b_saas',
      'ecommerce',
      'coaching',
      'real_estate',
      'recruiting',
      'fitness',
      'other',
    ]),
    platform: z.enum(['meta', 'google', 'tiktok']),
    context: z.strictObject({
      subscription: z.boolean(),
      specialAdCategory: z.enum(['credit', 'employment', 'housing', 'social_issues']).nullable(),
      substantiatedClaims: z.array(z.string()),
    }),
    label: z.enum(['violating', 'compliant']),
    categories: z.array(z.enum(POLICY_CATEGORIES)),
    note: z.string(),
  })
  .superRefine((line, ctx) => {
    if (line.label === 'violating' && line.categories.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message: 'a violating line names its categories',
      });
    if (line.label === 'compliant' && line.categories.length > 0)
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'a compliant line names no category' });
  });
export type CorpusLine = z.infer<typeof CorpusLine>;

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

/** Parses a corpus file; every problem names its line. */
export function readCorpus(file: string): CorpusLine[] {
  const lines: CorpusLine[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (err) {
        problems.push(`line ${i + 1}: ${(err as Error).message}`);
        return;
      }
      const parsed = CorpusLine.safeParse(json);
      if (!parsed.success) {
        problems.push(
          `line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
        );
        return;
      }
      if (seen.has(parsed.data.id)) problems.push(`line ${i + 1}: duplicate id ${parsed.data.id}`);
      seen.add(parsed.data.id);
      lines.push(parsed.data);
    });
  if (problems.length > 0) throw new Error(`${file}:\n${problems.slice(0, 20).join('\n')}`);
  return lines;
}

export interface CorpusScore {
  total: number;
  violating: number;
  compliant: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  perCategory: Record<string, { lines: number; caught: number; recall: number }>;
  misses: string[];
  falseAlarms: string[];
}

export const COMPLIANCE_BUDGET = { recall: 0.95, precision: 0.8 } as const;

/** The compliance module's API as the contract states it (checked at run time: it is another helper's code). */
const ComplianceModule = z.object({
  checkCompliance: z.custom<(input: unknown) => unknown[]>((v) => typeof v === 'function'),
  checkAsset: z.custom<(fields: Record<string, unknown>[]) => unknown[]>((v) => typeof v === 'function'),
  scoreCorpus: z.custom<(lines: CorpusLine[]) => CorpusScore>((v) => typeof v === 'function'),
});
export type ComplianceModule = z.infer<typeof ComplianceModule>;

export const COMPLIANCE_MODULE = join(WORKER_ROOT, 'src', 'compliance', 'index.ts');

/** The compliance helper's module, or why it cannot be used. */
export async function loadComplianceModule(
  file = COMPLIANCE_MODULE,
): Promise<{ ok: true; module: ComplianceModule } | { ok: false; reason: string }> {
  if (!existsSync(file))
    return { ok: false, reason: `${file} does not exist (the compliance check is not merged)` };
  const mod: unknown = await import(pathToFileURL(file).href);
  const parsed = ComplianceModule.safeParse(mod);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'the compliance module does not export checkCompliance, checkAsset and scoreCorpus',
    };
  }
  return { ok: true, module: parsed.data };
}

/** Scores a corpus from the check's findings alone (a line is flagged when it has at least one finding). */
export function scoreWith(check: (input: unknown) => unknown[], lines: readonly CorpusLine[]): CorpusScore {
  const perCategory: CorpusScore['perCategory'] = {};
  for (const c of POLICY_CATEGORIES) perCategory[c] = { lines: 0, caught: 0, recall: 0 };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const line of lines) {
    const { id: _id, label, categories, note: _note, ...input } = line;
    const flagged = check(input).length > 0;
    if (label === 'violating') {
      if (flagged) tp++;
      else {
        fn++;
        misses.push(line.id);
      }
      for (const c of categories) {
        const entry = perCategory[c];
        if (!entry) continue;
        entry.lines++;
        if (flagged) entry.caught++;
      }
    } else if (flagged) {
      fp++;
      falseAlarms.push(line.id);
    }
  }
  for (const entry of Object.values(perCategory))
    entry.recall = entry.lines === 0 ? 1 : entry.caught / entry.lines;
  const violating = lines.filter((l) => l.label === 'violating').length;
  return {
    total: lines.length,
    violating,
    compliant: lines.length - violating,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    perCategory,
    misses,
    falseAlarms,
  };
}

export const meetsBudget = (s: Pick<CorpusScore, 'precision' | 'recall'>) =>
  s.recall >= COMPLIANCE_BUDGET.recall && s.precision >= COMPLIANCE_BUDGET.precision;
