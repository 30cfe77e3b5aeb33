/** `pnpm eval:snapshots`: rewrites the committed snapshots of the JSON Schema each LLM step sends. */
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { SNAPSHOT_DIR, writeSnapshots } from '../contracts/step-schemas';
import { REPO_ROOT } from '../paths';

const steps = writeSnapshots();
// Formatted as the repository's lint expects, so a regenerated snapshot is a reviewable, lint-clean diff.
execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', SNAPSHOT_DIR], {
  stdio: 'ignore',
});
console.log(
  `${steps.length} step schemas written to ${relative(REPO_ROOT, SNAPSHOT_DIR)}: ${steps.join(', ')}`,
);
