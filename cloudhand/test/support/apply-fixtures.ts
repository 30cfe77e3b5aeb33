import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { promisify } from 'node:util';
import type { ApplyLogLine, HostKeyStore } from '../../src/apply/types';
import { sleep } from '../../src/testing/process';
import { call } from './nginx-fixtures';

const run = promisify(execFile);

export function memoryHostKeys(): HostKeyStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: async (h) => map.get(h) ?? null,
    pin: async (h, f) => {
      map.set(h, f);
    },
  };
}

export function collectingReporter(): { lines: ApplyLogLine[]; log(l: ApplyLogLine): void; text(): string } {
  const lines: ApplyLogLine[] = [];
  return { lines, log: (l) => void lines.push(l), text: () => lines.map((l) => l.message).join('\n') };
}

const APP = `import http from 'node:http';
import { readFileSync } from 'node:fs';
const build = readFileSync(new URL('./build.txt', import.meta.url), 'utf8').trim();
http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url, greeting: process.env.GREETING ?? null, secretLength: (process.env.API_KEY ?? '').length, build, cwd: process.cwd() }));
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
`;

/**
 * A git repository served over git's dumb HTTP protocol by a tiny server that demands the token as the
 * Authorization header (as GitHub does), so a deploy that clones proves the token went through http.extraheader.
 */
export async function gitRemote(expectedAuthorization: string): Promise<{
  url: string;
  commit(files: Record<string, string>, message: string): Promise<string>;
  requests: { authorized: number; refused: number };
  close(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'ch-git-'));
  const bare = join(dir, 'app.git');
  const work = join(dir, 'work');
  await run('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  await run('git', ['init', '-q', '-b', 'main', work]);
  const git = (...args: string[]) =>
    run('git', ['-C', work, '-c', 'user.email=t@example.com', '-c', 'user.name=test', ...args]);
  const requests = { authorized: 0, refused: 0 };
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== expectedAuthorization) {
      requests.refused++;
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      return;
    }
    requests.authorized++;
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
    const file = join(dir, path);
    readFile(file).then(
      (data) => res.writeHead(200).end(data),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/app.git`,
    requests,
    async commit(files, message) {
      for (const [name, content] of Object.entries(files)) {
        await mkdir(join(work, name, '..'), { recursive: true });
        await writeFile(join(work, name), content);
      }
      await git('add', '-A');
      await git('commit', '-q', '-m', message);
      await git('push', '-q', bare, 'main');
      await run('git', ['-C', bare, 'update-server-info']);
      return (await git('rev-parse', 'HEAD')).stdout.trim();
    },
    async close() {
      await new Promise((r) => server.close(r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function appFiles(buildOk = true): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'tiny', private: true, type: 'module' }),
    'server.mjs': APP,
    'build.mjs': buildOk
      ? `import { writeFileSync } from 'node:fs';\nwriteFileSync('build.txt', 'built ' + Date.now());\n`
      : `console.error('build broke: syntax error in src/index.ts');\nprocess.exit(2);\n`,
  };
}

/** Stands in for MOS's funnel proxy: answers /f/<publicId>/… with a page naming the path. */
export async function funnelUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<html><body>funnel page ${req.url}</body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return {
    url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export async function fileMode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** GET through nginx (with a Host header), retried briefly: `nginx -s reload` swaps workers asynchronously. */
export async function fetchUntil(
  url: string,
  host: string | null,
  accept: (body: string, status: number) => boolean,
  timeoutMs = 5000,
): Promise<{ status: number; body: string }> {
  const get = () => call(url, host ? { host } : {});
  const until = Date.now() + timeoutMs;
  let last: { status: number; body: string } = { status: 0, body: '' };
  while (Date.now() < until) {
    last = await get().catch((e: Error) => ({ status: 0, body: e.message }));
    if (accept(last.body, last.status)) return last;
    await sleep(100);
  }
  return last;
}
