import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { type History, historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';

/** Recorded histories of real runs, replayed by test/replay.test.ts to catch non-determinism. */
export const HISTORIES_DIR = fileURLToPath(new URL('../histories', import.meta.url));

const BIOME = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));

/** Whether this run refreshes the recorded histories (`MOS_RECORD_HISTORIES=1`); otherwise they stay as committed. */
export const RECORDING = process.env.MOS_RECORD_HISTORIES === '1';

/**
 * Saves a finished run's history as `test/histories/<name>.json`, when recording: `{ workflowId, history }` with
 * the history in Temporal's JSON format (replay needs the original workflow id: child ids derive from it).
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!RECORDING) return;
  const history = await handle.fetchHistory();
  const file = { workflowId: handle.workflowId, history: JSON.parse(historyToJSON(history)) as unknown };
  const path = join(HISTORIES_DIR, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  // Committed files pass the repository's `biome check`: format them the way it expects.
  const formatted = spawnSync(BIOME, ['format', '--write', path], { encoding: 'utf8' });
  if (formatted.status !== 0) console.warn(`could not format ${path} with biome: ${formatted.stderr}`);
}

/** Every recorded history, by file name (without `.json`). */
export function loadHistories(): { name: string; workflowId: string; history: History }[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = JSON.parse(readFileSync(join(HISTORIES_DIR, f), 'utf8')) as {
        workflowId: string;
        history: unknown;
      };
      return {
        name: f.slice(0, -'.json'.length),
        workflowId: file.workflowId,
        history: historyFromJSON(file.history),
      };
    });
}
