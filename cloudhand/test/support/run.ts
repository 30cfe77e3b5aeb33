import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'ch.mjs');

/** `ch <args>` spawned as a user runs it: exit code and both streams (never throws on a non-zero exit). */
export function runCh(
  args: readonly string[],
  opts: { cwd: string; env?: Record<string, string> },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: opts.cwd, env: { ...process.env, ...opts.env } },
      (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** What `fn` throws; fails the test when it throws nothing. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

/** A new git repository at `work` (branch main) with `files` committed once. */
export async function commitRepo(
  work: string,
  files: Record<string, string>,
  message = 'app',
): Promise<void> {
  await run('git', ['init', '-q', '-b', 'main', work]);
  for (const [name, content] of Object.entries(files)) await writeFile(join(work, name), content);
  await run('git', ['-C', work, 'add', '-A']);
  const git = (...a: string[]) =>
    run('git', ['-C', work, '-c', 'user.email=t@e.x', '-c', 'user.name=t', ...a]);
  await git('commit', '-q', '-m', message);
}
