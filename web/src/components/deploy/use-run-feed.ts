import { useEffect, useRef, useState } from 'react';
import { useMe } from '@/lib/me';
import { trpc } from '@/lib/trpc';
import { logView, runView } from './adapters';
import { type DeployLogLineView, type DeployRunView, isRunActive, type QueuePlace } from './types';

/** The log tail keeps this many lines in memory; older ones are in the database (and the export of a run). */
const KEEP_LINES = 5000;
const POLL_MS = 1000;

export interface RunFeed {
  run: DeployRunView | null;
  logs: DeployLogLineView[];
  queue: QueuePlace | null;
  error: string | null;
}

/**
 * A run followed live: `deploy.run` every second while it is queued or running, asking only for log lines after
 * the last one seen (`afterSeq`), so each poll carries the new lines and the steps. Stops when the run ends; a
 * queued run also asks `deploy.queue` which run it waits behind.
 */
export function useRunFeed(runId: string | null, onDone?: (run: DeployRunView) => void): RunFeed {
  const utils = trpc.useUtils();
  const me = useMe().data;
  const [feed, setFeed] = useState<RunFeed>({ run: null, logs: [], queue: null, error: null });
  const latestDone = useRef(onDone);
  latestDone.current = onDone;
  const meRef = useRef(me);
  meRef.current = me;

  useEffect(() => {
    setFeed({ run: null, logs: [], queue: null, error: null });
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let afterSeq = -1;
    let logs: DeployLogLineView[] = [];
    let wasActive = false;
    const tick = async () => {
      try {
        const r = await utils.client.deploy.run.query({ runId, afterSeq });
        if (stopped) return;
        const run = runView(r.run, meRef.current);
        if (r.logs.length > 0) {
          logs = [...logs, ...r.logs.map(logView)].slice(-KEEP_LINES);
          afterSeq = r.nextSeq;
        }
        let queue: QueuePlace | null = null;
        if (run.status === 'queued') {
          const q = await utils.client.deploy.queue.query({ projectId: r.run.projectId }).catch(() => null);
          if (stopped) return;
          queue = { current: q?.current?.id ?? null, ahead: r.run.position ?? 0 };
        }
        setFeed({ run, logs, queue, error: null });
        const active = isRunActive(run.status);
        if (active) wasActive = true;
        if (r.moreLogs) timer = setTimeout(() => void tick(), 0);
        else if (active) timer = setTimeout(() => void tick(), POLL_MS);
        else if (wasActive) latestDone.current?.(run);
      } catch (err) {
        if (stopped) return;
        setFeed((f) => ({ ...f, error: err instanceof Error ? err.message : 'The run could not be read' }));
        timer = setTimeout(() => void tick(), POLL_MS * 3);
      }
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, utils]);
  return feed;
}
