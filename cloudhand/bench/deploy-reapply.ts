/**
 * bench: a no-change re-apply against the local server (sshd + nginx on loopback), the engine's wall time against
 * the raw SSH commands it ran, replayed over one plain ssh2 connection in the same run. Budget: ≤ 2×.
 * Run alone: `pnpm exec tsx bench/deploy-reapply.ts` (from cloudhand/).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'ssh2';
import { type RemoteCommandRecord, serverStep } from '../src/apply/index';
import { parsePlan } from '../src/plan/schema';
import { freePort, startLocalServer } from '../src/testing/index';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
export const REAPPLY_BUDGET = 2;

async function localRepo(dir: string): Promise<string> {
  const bare = join(dir, 'app.git');
  const work = join(dir, 'work');
  await run('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  await run('git', ['init', '-q', '-b', 'main', work]);
  await writeFile(
    join(work, 'server.mjs'),
    "import http from 'node:http';\nhttp.createServer((q, s) => s.end('ok ' + process.env.GREETING)).listen(Number(process.env.PORT), '127.0.0.1');\n",
  );
  await writeFile(join(work, 'package.json'), '{"name":"bench-app","private":true,"type":"module"}\n');
  const git = (...a: string[]) =>
    run('git', ['-C', work, '-c', 'user.email=b@example.com', '-c', 'user.name=bench', ...a]);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'app');
  await git('push', '-q', bare, 'main');
  return bare;
}

function replay(
  target: { host: string; port: number; username: string; privateKey: string },
  cmds: RemoteCommandRecord[],
) {
  return new Promise<void>((resolve, reject) => {
    const c = new Client();
    c.once('error', reject);
    c.once('ready', async () => {
      try {
        for (const cmd of cmds)
          await new Promise<void>((res, rej) =>
            c.exec(cmd.command, (err, stream) => {
              if (err) return rej(err);
              stream.on('data', () => undefined);
              stream.stderr.on('data', () => undefined);
              stream.on('close', () => res());
              stream.end(cmd.stdin);
            }),
          );
        c.end();
        resolve();
      } catch (err) {
        c.end();
        reject(err);
      }
    });
    c.connect({ ...target, hostVerifier: () => true });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchReapply(): Promise<{
  engineMs: number;
  rawMs: number;
  ratio: number;
  commands: number;
}> {
  const server = await startLocalServer();
  const dir = await mkdtemp(join(tmpdir(), 'ch-bench-'));
  const upstream = createServer((q, s) => s.end(`funnel ${q.url}`));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const up = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  try {
    const repo = await localRepo(dir);
    const [appPort, funnelPort] = [await freePort(), await freePort()];
    const spec = parsePlan({
      new_spec: {
        provider: 'hetzner',
        region: 'nbg1',
        instances: [
          {
            name: 'bench-1',
            size: 'cx23',
            workloads: [
              {
                name: 'app',
                repo_url: repo,
                service_config: {
                  command: 'node server.mjs',
                  ports: [appPort],
                  environment: { PORT: String(appPort), GREETING: 'hi', TOKEN: { secret: 'TOKEN' } },
                  server_names: ['bench.test'],
                  health_path: '/',
                },
                destination_path: server.appsDir,
              },
              {
                name: 'funnel',
                source_type: 'funnel_publication',
                runtime: 'static',
                source_ref: { public_id: 'p1', upstream_base_url: up, upstream_api_base_url: `${up}/f/p1` },
                service_config: { ports: [funnelPort] },
                destination_path: server.appsDir,
              },
            ],
          },
        ],
      },
    }).new_spec;
    const hostKeys = new Map<string, string>();
    const apply = async (releaseId: string, onCommand?: (c: RemoteCommandRecord) => void) => {
      const t = performance.now();
      await serverStep({
        spec,
        instance: 'bench-1',
        ssh: server.ssh,
        hostKeys: { get: async (h) => hostKeys.get(h) ?? null, pin: async (h, f) => void hostKeys.set(h, f) },
        secrets: async () => 'bench-secret-value',
        releaseId,
        nginxMode: 'per-app',
        gitToken: null,
        certbotEmail: null,
        layout: server.layout,
        reporter: { log: () => undefined },
        onCommand,
      });
      return performance.now() - t;
    };
    // The first deploy clones, writes the unit and the nginx site; every apply after it changes nothing. Its
    // commands are the first ones replayed; then each engine run's own.
    let recorded: RemoteCommandRecord[] = [];
    let lastId = 'warm';
    await apply(lastId, (c) => void recorded.push(c));
    const engine: number[] = [];
    const raw: number[] = [];
    let commands = 0;
    const runEngine = async (id: string) => {
      const next: RemoteCommandRecord[] = [];
      engine.push(await apply(id, (c) => void next.push(c)));
      recorded = next;
      lastId = id;
      commands = next.length;
    };
    const runRaw = async (rid: string) => {
      // The same commands with a fresh release id, as a re-apply of their own would run them.
      const swap = (text: string) =>
        text
          .split(`releases/${lastId}`)
          .join(`releases/${rid}`)
          .split(`backup/${lastId}`)
          .join(`backup/${rid}`);
      const cmds = recorded.map((c) => ({ command: swap(c.command), stdin: swap(c.stdin) }));
      const t = performance.now();
      await replay(server.ssh, cmds);
      raw.push(performance.now() - t);
    };
    // Alternating which goes first, so neither side always follows the other's restart.
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2 === 0) {
        await runEngine(`e${i}`);
        await runRaw(`r${i}`);
      } else {
        await runRaw(`r${i}`);
        await runEngine(`e${i}`);
      }
    }
    const engineMs = median(engine);
    const rawMs = median(raw);
    const ratio = engineMs / rawMs;
    console.log('bench:deploy re-apply (no change), local server, same run');
    console.log(`  remote commands per apply: ${commands}`);
    console.log(
      `  engine serverStep  median ${engineMs.toFixed(0)} ms  (${engine.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  raw ssh2 replay    median ${rawMs.toFixed(0)} ms  (${raw.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  ratio engine/raw   ${ratio.toFixed(2)}×  (budget ≤ ${REAPPLY_BUDGET}×: ${ratio <= REAPPLY_BUDGET ? 'OK' : 'OVER'})`,
    );
    return { engineMs, rawMs, ratio, commands };
  } finally {
    await new Promise((r) => upstream.close(r));
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchReapply().then(
    (r) => {
      if (r.ratio > REAPPLY_BUDGET) process.exitCode = 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
