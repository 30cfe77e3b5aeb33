/**
 * `pnpm eval:export-labels --org <org id> [--out labels.jsonl] [--since 2026-01-01] [--decisions reject,edit,approve]`
 * Writes every reviewer edit and rejection (approvals too when asked) of one org as labelled examples (JSONL).
 * The database is DATABASE_URL (a postgres:// URL or pglite:<dir>; default: the local `.mos/pglite` of `pnpm dev`).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APPROVAL_DECISIONS, type ApprovalDecision } from '@mos/db/contracts';
import { createDb } from '@mos/db/node';
import * as z from 'zod';
import { exportLabels } from '../labels/export';

const Args = z.object({
  org: z.uuid({ error: '--org must be the org id (uuid) whose decisions to export' }),
  out: z.string().min(1).nullable(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).nullable(),
  decisions: z
    .string()
    .transform((s) => s.split(',').map((d) => d.trim()))
    .pipe(z.array(z.enum(APPROVAL_DECISIONS)).min(1)),
});

const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    out: { type: 'string' },
    since: { type: 'string' },
    decisions: { type: 'string', default: 'reject,edit' },
  },
});
const parsed = Args.safeParse({
  org: values.org,
  out: values.out ?? null,
  since: values.since ?? null,
  decisions: values.decisions,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const args = parsed.data;
const url = process.env.DATABASE_URL || `pglite:${resolve(import.meta.dirname, '../../../.mos/pglite')}`;
const database = await createDb(url);
try {
  const { lines, jsonl } = await exportLabels(database.db, args.org, {
    decisions: args.decisions as ApprovalDecision[],
    ...(args.since ? { since: new Date(args.since) } : {}),
  });
  if (args.out) {
    writeFileSync(args.out, jsonl);
    console.error(`${lines} labelled example(s) written to ${args.out}`);
  } else {
    process.stdout.write(jsonl);
    console.error(`${lines} labelled example(s)`);
  }
} finally {
  await database.close();
}
