export interface LogLike {
  id: string;
  step: string;
  status: string;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
}

export interface TimelineStep {
  key: string;
  step: string;
  status: 'running' | 'completed' | 'failed' | 'decision';
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  /** For review entries: approve / edit / reject. */
  detail?: string;
  error?: string | null;
}

const ENDS = new Set(['completed', 'failed', 'cancelled', 'error']);

/**
 * Steps from the activity log (which the API sends newest first): each `started` opens a step, the next end record
 * of the same step closes it, and review decisions appear as their own entries. Durations come from the log's own
 * `durationMs` when the worker recorded one, else from the timestamps.
 */
export function buildTimeline(logs: readonly LogLike[]): TimelineStep[] {
  const chronological = [...logs].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const steps: TimelineStep[] = [];
  const open = new Map<string, TimelineStep>();
  for (const log of chronological) {
    if (log.step.startsWith('review:')) {
      steps.push({
        key: log.id,
        step: log.step,
        status: 'decision',
        startedAt: log.createdAt,
        endedAt: log.createdAt,
        durationMs: null,
        detail: log.status,
      });
      continue;
    }
    if (log.status === 'started') {
      const entry: TimelineStep = {
        key: log.id,
        step: log.step,
        status: 'running',
        startedAt: log.createdAt,
        endedAt: null,
        durationMs: null,
      };
      steps.push(entry);
      open.set(log.step, entry);
      continue;
    }
    if (ENDS.has(log.status)) {
      const entry = open.get(log.step);
      if (entry) {
        open.delete(log.step);
        entry.status = log.status === 'completed' ? 'completed' : 'failed';
        entry.endedAt = log.createdAt;
        entry.durationMs =
          log.durationMs ?? new Date(log.createdAt).getTime() - new Date(entry.startedAt).getTime();
        entry.error = log.error;
      } else {
        // An end without a recorded start (e.g. logged in one go): a step of its own.
        steps.push({
          key: log.id,
          step: log.step,
          status: log.status === 'completed' ? 'completed' : 'failed',
          startedAt: log.createdAt,
          endedAt: log.createdAt,
          durationMs: log.durationMs,
          error: log.error,
        });
      }
    }
  }
  return steps;
}

/** "build_canon" → "Build canon", "wait:canon" → "Waiting for canon review", "research:06" → "Research 06". */
export function stepLabel(step: string): string {
  const [head = '', rest] = step.split(':', 2);
  if (step === 'wait:step_failed') return 'Waiting for you: a step failed';
  if (head === 'wait' && rest) return `Waiting for ${rest.replace(/_/g, ' ')} review`;
  if (head === 'review' && rest) return `Review: ${rest.replace(/_/g, ' ')}`;
  const text = [head, rest].filter(Boolean).join(' ').replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
