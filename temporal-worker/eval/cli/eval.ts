/**
 * `pnpm eval [--json report.json]`: runs the offline prompt-evaluation harness, prints its report and exits 1 when
 * a contract fails (see temporal-worker/eval/README.md).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, runEval } from '../run';

const { values } = parseArgs({ options: { json: { type: 'string' } } });
const report = await runEval();
console.log(formatReport(report));
if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
process.exitCode = report.failures.length === 0 ? 0 : 1;
