import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { type History, historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';

/** Recorded histories of real runs, replayed by test/replay.test.ts to catch non-determinism. */
export const HISTORIES_DIR = fileURLToPath(new URL('../histories', import.meta.url));

/** Whether this run refreshes the recorded histories (`MOS_RECORD_HISTORIES=1`); otherwise they stay as committed. */
export const RECORDING = process.env.MOS_RECORD_HISTORIES === '1';

/** Saves a finished run's history as `test/histories/<name>.json` (Temporal's JSON history format), when recording. */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!RECORDING) return;
  const history = await handle.fetchHistory();
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
}

/** Every recorded history, by file name (without `.json`). */
export function loadHistories(): { name: string; workflowId: string; history: History }[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.slice(0, -'.json'.length),
      workflowId: f.slice(0, -'.json'.length),
      history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, f), 'utf8'))),
    }));
}
