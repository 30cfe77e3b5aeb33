/**
 * `pnpm eval [--json report.json] [--held-out file|none]`: runs the offline prompt-evaluation harness, prints its
 * report and exits 1 when a contract fails (see temporal-worker/eval/README.md). `--held-out` scores another file as
 * the held-out compliance set (tests), or none (while tuning the check, so its held-out score is not seen).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, runEval } from '../run';

const { values } = parseArgs({ options: { json: { type: 'string' }, 'held-out': { type: 'string' } } });
const heldOut = values['held-out'];
const report = await runEval(
  heldOut === undefined ? {} : { heldOutFile: heldOut === 'none' ? null : heldOut },
);
console.log(formatReport(report));
if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
process.exitCode = report.failures.length === 0 ? 0 : 1;
