/**
 * `pnpm eval:export-labels --org <org id> [--out labels.jsonl] [--since 2026-01-01] [--decisions reject,edit]`
 *   writes every reviewer edit and rejection (approvals too when asked) of one org as labelled examples (JSONL):
 *   prompt id and version, input hash, model output, reviewer decision, feedback, edited document.
 * `pnpm eval:export-labels --org <org id> --outputs <prompt id> [--prompt-version N] [--out outputs.jsonl]`
 *   writes the org's successful answers to one prompt (input hash and output), the input of `pnpm eval:compare`.
 * The database is DATABASE_URL (a postgres:// URL or pglite:<dir>; default: the local `.mos/pglite` of `pnpm dev`).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APPROVAL_DECISIONS } from '@mos/db/contracts';
import { createDb } from '@mos/db/node';
import * as z from 'zod';
import { exportLabels, exportOutputs } from '../labels/export';

const Args = z.object({
  org: z.uuid({ error: 'must be the org id (uuid) whose decisions to export' }),
  out: z.string().min(1).nullable(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).nullable(),
  decisions: z
    .string()
    .transform((s) => s.split(',').map((d) => d.trim()))
    .pipe(z.array(z.enum(APPROVAL_DECISIONS)).min(1)),
  outputs: z.string().min(1).nullable(),
  'prompt-version': z.coerce.number().int().min(1).nullable(),
});

const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    out: { type: 'string' },
    since: { type: 'string' },
    decisions: { type: 'string', default: 'reject,edit' },
    outputs: { type: 'string' },
    'prompt-version': { type: 'string' },
  },
});
const parsed = Args.safeParse({
  org: values.org,
  out: values.out ?? null,
  since: values.since ?? null,
  decisions: values.decisions,
  outputs: values.outputs ?? null,
  'prompt-version': values['prompt-version'] ?? null,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const args = parsed.data;
const url = process.env.DATABASE_URL || `pglite:${resolve(import.meta.dirname, '../../../.mos/pglite')}`;
const database = await createDb(url);
try {
  const since = args.since ? { since: new Date(args.since) } : {};
  const { lines, jsonl } = args.outputs
    ? await exportOutputs(database.db, args.org, {
        promptId: args.outputs,
        ...(args['prompt-version'] === null ? {} : { promptVersion: args['prompt-version'] }),
        ...since,
      })
    : await exportLabels(database.db, args.org, { decisions: args.decisions, ...since });
  const what = args.outputs ? `answer(s) to ${args.outputs}` : 'labelled example(s)';
  if (args.out) {
    writeFileSync(args.out, jsonl);
    console.error(`${lines} ${what} written to ${args.out}`);
  } else {
    process.stdout.write(jsonl);
    console.error(`${lines} ${what}`);
  }
} finally {
  await database.close();
}
