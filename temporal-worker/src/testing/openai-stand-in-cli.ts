/**
 * Starts the OpenAI stand-in for local development (`pnpm dev` without an OPENAI_API_KEY):
 *   tsx src/testing/openai-stand-in-cli.ts [--port 8787] [--host 127.0.0.1] [--delay-ms 0] [--schema-seed N]
 * `--schema-seed N` answers with arbitrary values valid under each request's JSON schema (seeded), as a model
 * that writes anything the schema admits would; without it, the fixtures answer.
 * Prints `OPENAI_BASE_URL=<baseURL>` once listening; everything it answers is demo content.
 */
import { parseArgs } from 'node:util';
import { startOpenAiStandIn } from './openai-stand-in';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OPENAI_STAND_IN_PORT ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'delay-ms': { type: 'string', default: '0' },
    'schema-seed': { type: 'string' },
  },
});

const port = Number(values.port);
const delayMs = Number(values['delay-ms']);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('[openai-stand-in] --port must be an integer 0..65535');
  process.exit(2);
}
if (!Number.isFinite(delayMs) || delayMs < 0) {
  console.error('[openai-stand-in] --delay-ms must be a number >= 0');
  process.exit(2);
}

const seed = values['schema-seed'] === undefined ? null : Number(values['schema-seed']);
if (seed !== null && !Number.isInteger(seed)) {
  console.error('[openai-stand-in] --schema-seed must be an integer');
  process.exit(2);
}
const mode = seed === null ? ({ kind: 'fixtures' } as const) : ({ kind: 'schema', seed } as const);
const standIn = await startOpenAiStandIn({ port, host: values.host, delayMs, mode });
console.log(
  `[openai-stand-in] demo LLM listening; answers are ${seed === null ? 'fixtures' : `schema-driven values (seed ${seed})`}, not model output`,
);
console.log(`OPENAI_BASE_URL=${standIn.baseURL}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[openai-stand-in] ${signal}: closing`);
  standIn.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('[openai-stand-in] close failed:', err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
