import type { Masker } from '../mask';
import type { ApplyLogLevel, ApplyReporter } from './types';

const MAX_LINE = 4000;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences are control characters
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * The one path from a step to its reporter: masks every message, keeps lines in order even when the reporter is
 * async (a database insert per line), and lets the step wait until everything was delivered.
 */
export class StepLog {
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly reporter: ApplyReporter,
    readonly mask: Masker,
    private readonly base: { instance?: string } = {},
  ) {}

  line(step: string, message: string, level: ApplyLogLevel = 'info', workload?: string): void {
    let text = this.mask(message.replace(ANSI, ''));
    if (text.length > MAX_LINE) text = `${text.slice(0, MAX_LINE)}…`;
    const entry = { step, level, message: text, ...this.base, ...(workload ? { workload } : {}) };
    this.chain = this.chain.then(async () => {
      try {
        await this.reporter.log(entry);
      } catch (err) {
        this.failure ??= err;
      }
    });
  }

  /** Waits for every line handed over so far; rethrows the first reporter failure. */
  async flush(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }
}

/** Splits a byte stream into lines (\n or \r), calling `onLine` for every non-empty one. */
export function lineSplitter(onLine: (line: string) => void): {
  push(chunk: Buffer | string): void;
  end(): void;
} {
  let rest = '';
  return {
    push(chunk) {
      rest += chunk.toString();
      const parts = rest.split(/\r\n|\n|\r/);
      rest = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) onLine(p);
      // A line longer than any real one is flushed in pieces rather than buffered forever.
      if (rest.length > 64 * 1024) {
        onLine(rest);
        rest = '';
      }
    },
    end() {
      if (rest.trim()) onLine(rest);
      rest = '';
    },
  };
}
