import type { Masker } from '@mos/cloudhand/mask';
import { appendDeployLogs, type Db, type NewDeployLogLine, updateDeployStep } from '@mos/db';
import type { DeployStep } from '@mos/db/contracts';
import { asyncLocalStorage } from '@temporalio/activity';
import type { ApplyLogLine, ApplyReporter } from './engine';

/**
 * One step of a run as an activity lives it: its row in `steps` (running → succeeded | failed) and the engine's
 * log lines streamed to `deploy_logs` under the step's key, masked before they are written, in order (one write
 * at a time, batched while a write is in flight). Every line is also a heartbeat, with the lines so far as progress.
 */
export class StepLog implements ApplyReporter {
  private pending: NewDeployLogLine[] = [];
  private writing: Promise<void> = Promise.resolve();
  private writeError: unknown = null;
  private lines = 0;

  constructor(
    private readonly db: Db,
    private readonly orgId: string,
    private readonly runId: string,
    readonly key: string,
    private readonly mask: Masker,
    private readonly clock: () => Date,
  ) {}

  log(line: ApplyLogLine): Promise<void> {
    const where = [line.instance, line.workload].filter(Boolean).join('/');
    const text = `${line.step && line.step !== this.key ? `[${line.step}] ` : ''}${where ? `${where}: ` : ''}${line.message}`;
    this.pending.push({ step: this.key, level: line.level, line: text });
    this.lines += 1;
    asyncLocalStorage.getStore()?.heartbeat({ step: this.key, lines: this.lines });
    return this.flushSoon();
  }

  info(message: string): Promise<void> {
    return this.log({ step: this.key, level: 'info', message });
  }

  private flushSoon(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const batch = this.pending;
      if (batch.length === 0) return;
      this.pending = [];
      try {
        await appendDeployLogs(this.db, this.orgId, this.runId, batch, this.mask);
      } catch (err) {
        this.writeError ??= err;
      }
    });
    return this.writing;
  }

  /** Waits for every line to be written; a failed write fails the step (the lines must not be lost silently). */
  async flush(): Promise<void> {
    await this.flushSoon();
    if (this.writeError) throw this.writeError;
  }

  async start(label: string): Promise<void> {
    await updateDeployStep(this.db, this.orgId, this.runId, this.key, {
      label,
      status: 'running',
      startedAt: this.clock().toISOString(),
      finishedAt: null,
      detail: null,
    });
  }

  async end(
    status: Extract<DeployStep['status'], 'succeeded' | 'failed' | 'skipped'>,
    detail: string | null,
  ) {
    await this.flush().catch(() => undefined);
    await updateDeployStep(this.db, this.orgId, this.runId, this.key, {
      status,
      finishedAt: this.clock().toISOString(),
      detail: detail === null ? null : this.mask(detail).slice(0, 2000),
    });
  }
}
