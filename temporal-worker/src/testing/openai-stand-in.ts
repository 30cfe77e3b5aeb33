/**
 * A local stand-in for the OpenAI API, for tests and `pnpm dev` without an API key (Node only).
 *
 * It speaks the real HTTP API the official `openai` SDK uses, so the real client library is exercised:
 *  - `POST /v1/chat/completions` with `response_format: { type: 'json_schema', json_schema: { name, strict, schema } }`
 *    → a `chat.completion` whose `message.content` is the JSON document, with `usage`;
 *  - `POST /v1/responses` with `text.format` json_schema → a `response` whose `output` holds a `message` with an
 *    `output_text` part and `usage`; when `tools` contain `web_search`, a `web_search_call` item comes first and
 *    the answer's URLs that its "search" returned are `url_citation` annotations — in fixture mode the pages of the
 *    stand-in's search index (`setSearchResults`; by default the research fixtures' `searchResults`), in schema
 *    mode every other URL of the answer — so other URLs of the answer stay what the model merely stated;
 *  - `GET /v1/models` and `GET /v1/models/{id}`;
 *  - errors as OpenAI sends them: `{ error: { message, type, param, code } }` with the HTTP status (401 without a
 *    bearer token, 400 for a body or strict schema the real API would refuse, 404 for unknown paths).
 *
 * Answers are schema-valid fixtures chosen by json_schema name, in this order: `failNext` injections,
 * `setFixture`, the `fixtures` option, the artifact examples of `@mos/db/artifacts` (a DTC skincare client), and
 * finally a document synthesized from the request's JSON schema (for schemas without an example).
 *
 * Ids: examples carry fixed example ids. When the prompt contains `Client id: <uuid>`, `Campaign id: <uuid>`
 * or `Org id: <uuid>` lines (`none` for a null client or campaign) — the build prompts under `prompts/build/` do — the
 * stand-in substitutes them, so documents are valid for the request. Activities still set the ids they own
 * after generation (as they must with a real model); fixtures never have to be trusted for them.
 * ResearchStep answers follow the requested step (`MOS research step NN` in the prompt). QAReport answers list the assets named on an `Asset ids to review:` line.
 * ComplianceJudgement answers report no findings.
 *
 * Content served by the stand-in is demo content: the dev UI labels it so.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ArtifactType,
  artifactExamples,
  exampleIds,
  formatSpecOf,
  RESEARCH_STEP_KEYS,
  type ResearchStep,
  type ResearchStepKey,
  type StrategySheet,
} from '@mos/db/artifacts';
import { DEFAULT_PRICING } from '../llm/pricing';
import { strictSchemaProblems } from '../llm/strict-schema';
import { seededRandom, valueFromSchema } from './schema-values';

/** One request the stand-in received, as tests read it. */
export interface RecordedRequest {
  method: string;
  /** e.g. `/v1/chat/completions`. */
  path: string;
  api: 'chat.completions' | 'responses' | 'models' | 'unknown';
  model: string | null;
  /** The json_schema name asked for (`response_format.json_schema.name` / `text.format.name`). */
  schemaName: string | null;
  jsonSchema: unknown;
  /** Chat messages, or the Responses `instructions` (as a `system` message) followed by the `input` messages. */
  messages: { role: string; content: string }[];
  /** Every message's content joined with blank lines: `expect(req.text).toContain(feedback)`. */
  text: string;
  /** Tool types requested, e.g. `['web_search']`. */
  tools: string[];
  body: unknown;
  /** The HTTP status answered and where the answer came from. */
  status: number;
  /** The answer text served (message content / output_text); null for errors. */
  answer: string | null;
  outcome:
    | 'fixture'
    | 'custom-fixture'
    | 'example'
    | 'synthesized'
    | 'invalid-json'
    | 'schema-violation'
    | 'schema-driven'
    | 'refusal'
    | 'error';
}

export type FailureKind =
  | { status: 401 | 404 | 429 | 500 | 503 }
  | 'invalid-json'
  | 'schema-violation'
  | 'refusal';

/**
 * `fixtures`: schema-valid documents per schema name (below); `schema`: arbitrary values valid under the JSON
 * schema sent, from a seed, with no per-schema knowledge (a model that writes anything the schema admits).
 */
export type AnswerMode = { kind: 'fixtures' } | { kind: 'schema'; seed: number };
export type Fixture = unknown | ((request: RecordedRequest) => unknown);

export interface OpenAiStandInOptions {
  /** Answers by schema name; return `undefined` to fall through to the defaults. */
  fixtures?: (schemaName: string, request: RecordedRequest) => unknown;
  /** Default 0 (a free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Delay before each completion is answered (e.g. to kill a worker mid-activity). Default 0. */
  delayMs?: number;
  /** How answers are made (default fixtures). */
  mode?: AnswerMode;
}

export interface OpenAiStandIn {
  /** e.g. `http://127.0.0.1:41234/v1`: pass as `baseURL` / `OPENAI_BASE_URL`. */
  baseURL: string;
  port: number;
  /** Every request received, in order (mutable: tests may clear it with `requests.length = 0`). */
  requests: RecordedRequest[];
  /** The next `count` completion requests (chat or responses) fail this way, in order after earlier injections. */
  failNext(kind: FailureKind, count?: number): void;
  /** Answers `schemaName` with `value` (or `value(request)`) from now on; `undefined` removes the fixture. */
  setFixture(schemaName: string, value: Fixture): void;
  setDelay(ms: number): void;
  /** Switches how answers are made from the next request on. */
  setMode(mode: AnswerMode): void;
  /**
   * The pages web search "returns" (fixture mode): URLs of an answer among them are cited (`url_citation`), the
   * others are only in the model's text. `null` restores the research fixtures' search results.
   */
  setSearchResults(results: readonly { url: string; title: string | null }[] | null): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** json_schema names (and artifact type keys) answered with the matching `@mos/db/artifacts` example. */
const EXAMPLE_BY_SCHEMA: Readonly<Record<string, ArtifactType>> = {
  ClientCanon: 'client_canon',
  MetricSchema: 'metric_schema',
  StrategySheet: 'strategy_sheet',
  ExperimentSpecSet: 'experiment_spec',
  AssetBriefSet: 'asset_brief',
  QAReport: 'qa_report',
  ExperimentReport: 'experiment_report',
  Playbook: 'playbook',
  ResearchStep: 'research_step',
  client_canon: 'client_canon',
  metric_schema: 'metric_schema',
  strategy_sheet: 'strategy_sheet',
  experiment_spec: 'experiment_spec',
  asset_brief: 'asset_brief',
  qa_report: 'qa_report',
  experiment_report: 'experiment_report',
  playbook: 'playbook',
  research_step: 'research_step',
};

export async function startOpenAiStandIn(opts: OpenAiStandInOptions = {}): Promise<OpenAiStandIn> {
  const requests: RecordedRequest[] = [];
  const failures: FailureKind[] = [];
  const custom = new Map<string, Fixture>();
  let delayMs = opts.delayMs ?? 0;
  let mode: AnswerMode = opts.mode ?? { kind: 'fixtures' };
  let random = seededRandom(mode.kind === 'schema' ? mode.seed : 1);
  let searchIndex = DEFAULT_SEARCH_INDEX;

  function resolveFixture(
    schemaName: string,
    rec: RecordedRequest,
  ): { value: unknown; outcome: RecordedRequest['outcome'] } {
    if (mode.kind === 'schema')
      return { value: valueFromSchema(rec.jsonSchema, random), outcome: 'schema-driven' };
    const found = fixtureFor(schemaName, rec);
    // A fixture holds a whole stored document; the model is asked only for the fields in the schema sent.
    return { value: conformTo(found.value, rec.jsonSchema), outcome: found.outcome };
  }

  function fixtureFor(
    schemaName: string,
    rec: RecordedRequest,
  ): { value: unknown; outcome: RecordedRequest['outcome'] } {
    if (custom.has(schemaName)) {
      const fixture = custom.get(schemaName);
      const value =
        typeof fixture === 'function' ? (fixture as (r: RecordedRequest) => unknown)(rec) : fixture;
      return { value, outcome: 'custom-fixture' };
    }
    const fromOption = opts.fixtures?.(schemaName, rec);
    if (fromOption !== undefined) return { value: fromOption, outcome: 'fixture' };
    const type = EXAMPLE_BY_SCHEMA[schemaName];
    if (type === 'research_step') return { value: researchStepFor(rec), outcome: 'example' };
    if (type === 'qa_report') return { value: adaptIds(qaReportFor(rec), rec), outcome: 'example' };
    if (schemaName === 'GeneratedAssetSet') return { value: generatedAssetsFor(rec), outcome: 'example' };
    // The brief-writing step's answer (per experiment, per arm); the stored brief set otherwise.
    if (type === 'asset_brief' && 'experiments' in propertiesOf(rec.jsonSchema))
      return { value: assetBriefsFor(rec), outcome: 'example' };
    if (schemaName === 'FunnelPageDraft') return { value: pageDraftFor(rec), outcome: 'example' };
    // The compliance judge of a model that finds nothing; tests set findings with setFixture.
    if (schemaName === 'ComplianceJudgement') return { value: { findings: [] }, outcome: 'example' };
    if (type === 'experiment_report') {
      // The model writes the words of the report; numbers and decisions are code's.
      const example = structuredClone(artifactExamples.experiment_report);
      const first = example.results[0];
      const words = { insights: first?.insights ?? [], recommendations: first?.recommendations ?? [] };
      return { value: { ...(adaptIds(example, rec) as object), ...words }, outcome: 'example' };
    }
    if (type === 'strategy_sheet') {
      const sheet = adaptIds(structuredClone(artifactExamples.strategy_sheet), rec) as StrategySheet;
      return { value: fitStrategyToCampaign(sheet, userText(rec)), outcome: 'example' };
    }
    if (type) return { value: adaptIds(structuredClone(artifactExamples[type]), rec), outcome: 'example' };
    return {
      value: synthesize(rec.jsonSchema, rec.jsonSchema, schemaName, new Map()),
      outcome: 'synthesized',
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const rec: RecordedRequest = {
      method,
      path,
      api: 'unknown',
      model: null,
      schemaName: null,
      jsonSchema: null,
      messages: [],
      text: '',
      tools: [],
      body: null,
      status: 200,
      answer: null,
      outcome: 'error',
    };
    requests.push(rec);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      rec.status = status;
      if (res.writableEnded || res.destroyed) return;
      const body = JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'x-request-id': `req_${randomBytes(12).toString('hex')}`,
        'openai-processing-ms': '1',
        ...headers,
      });
      res.end(body);
    };
    const fail = (
      status: number,
      message: string,
      type: string,
      code: string | null,
      param: string | null = null,
    ) => send(status, { error: { message, type, param, code } });

    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      fail(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        'invalid_request_error',
        null,
      );
      return;
    }

    if (method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) {
      rec.api = 'models';
      rec.outcome = 'fixture';
      const created = 1_700_000_000;
      const model = (id: string) => ({ id, object: 'model', created, owned_by: 'mos-stand-in' });
      if (path === '/v1/models') {
        send(200, { object: 'list', data: Object.keys(DEFAULT_PRICING).map(model) });
      } else {
        send(200, model(decodeURIComponent(path.slice('/v1/models/'.length))));
      }
      return;
    }

    const isChat = method === 'POST' && path === '/v1/chat/completions';
    const isResponses = method === 'POST' && path === '/v1/responses';
    if (!isChat && !isResponses) {
      fail(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null);
      return;
    }
    rec.api = isChat ? 'chat.completions' : 'responses';

    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (!isRecord(parsed)) throw new Error('not an object');
      body = parsed;
    } catch {
      fail(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
        'invalid_request_error',
        null,
      );
      return;
    }
    rec.body = body;
    rec.model = typeof body.model === 'string' ? body.model : null;
    rec.tools = Array.isArray(body.tools)
      ? body.tools.flatMap((t) => (isRecord(t) && typeof t.type === 'string' ? [t.type] : []))
      : [];
    const format = isChat ? chatSchemaFormat(body) : responsesSchemaFormat(body);
    rec.schemaName = format?.name ?? null;
    rec.jsonSchema = format?.schema ?? null;
    rec.messages = isChat ? chatMessages(body) : responsesMessages(body);
    rec.text = rec.messages.map((m) => m.content).join('\n\n');

    if (rec.model === null) {
      fail(400, 'you must provide a model parameter', 'invalid_request_error', null, 'model');
      return;
    }
    if (rec.messages.length === 0) {
      const param = isChat ? 'messages' : 'input';
      fail(
        400,
        `Invalid '${param}': empty array. Expected an array with minimum length 1.`,
        'invalid_request_error',
        'empty_array',
        param,
      );
      return;
    }
    if (format) {
      const problem = strictSchemaProblem(format.schema);
      if (problem !== null) {
        const param = isChat ? 'response_format' : 'text.format.schema';
        fail(
          400,
          `Invalid schema for response_format '${format.name}': ${problem}`,
          'invalid_request_error',
          'invalid_json_schema',
          param,
        );
        return;
      }
    }

    if (delayMs > 0) await sleep(delayMs);
    const failure = failures.shift();
    if (failure !== undefined && typeof failure === 'object') {
      rec.outcome = 'error';
      if (failure.status === 429) {
        send(
          429,
          {
            error: {
              message: `Rate limit reached for ${rec.model} in organization org-standin on tokens per min (TPM): Limit 30000, Used 30000, Requested 1200. Please try again in 2.4s.`,
              type: 'tokens',
              param: null,
              code: 'rate_limit_exceeded',
            },
          },
          { 'retry-after': '3', 'x-ratelimit-remaining-tokens': '0' },
        );
      } else if (failure.status === 401) {
        fail(
          401,
          'Incorrect API key provided: sk-stand***. You can find your API key at https://platform.openai.com/account/api-keys.',
          'invalid_request_error',
          'invalid_api_key',
        );
      } else if (failure.status === 404) {
        fail(
          404,
          `The model \`${rec.model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        );
      } else if (failure.status === 503) {
        fail(503, 'The engine is currently overloaded, please try again later.', 'server_error', null);
      } else {
        fail(
          500,
          'The server had an error while processing your request. Sorry about that!',
          'server_error',
          null,
        );
      }
      return;
    }

    let content: string;
    if (format === null) {
      rec.outcome = 'fixture';
      content = 'This stand-in answers structured-output requests; send a json_schema response format.';
    } else {
      const resolved = resolveFixture(format.name, rec);
      rec.outcome = resolved.outcome;
      content = JSON.stringify(resolved.value);
      if (failure === 'invalid-json') {
        rec.outcome = 'invalid-json';
        content = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
      } else if (failure === 'schema-violation') {
        rec.outcome = 'schema-violation';
        content = JSON.stringify(violate(resolved.value));
      }
    }
    if (failure === 'refusal') {
      rec.outcome = 'refusal';
      rec.answer = null;
      const refusal = "I'm sorry, I can't help with that request.";
      const inputTokens = estimateTokens(rec.text);
      if (isChat) {
        const completion = chatCompletion(rec.model, '', inputTokens, 8);
        send(200, {
          ...completion,
          choices: completion.choices.map((c) => ({
            ...c,
            message: { ...c.message, content: null, refusal },
          })),
        });
      } else {
        const response = responseObject(body, rec, '', inputTokens, 8, () => null);
        response.output = [
          {
            type: 'message',
            id: `msg_${randomBytes(12).toString('hex')}`,
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'refusal', refusal }],
          },
        ];
        send(200, response);
      }
      return;
    }
    const inputTokens =
      estimateTokens(rec.text) +
      (rec.jsonSchema === null ? 0 : estimateTokens(JSON.stringify(rec.jsonSchema)));
    const outputTokens = estimateTokens(content);
    rec.answer = content;
    if (isChat) {
      send(200, chatCompletion(rec.model, content, inputTokens, outputTokens));
    } else {
      const searched =
        mode.kind === 'schema'
          ? (url: string, i: number) => (i % 2 === 0 ? titleOf(url) : null)
          : (url: string) => searchIndex.get(url) ?? null;
      send(200, responseObject(body, rec, content, inputTokens, outputTokens, searched));
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const message = err instanceof Error ? err.message : String(err);
      const body = JSON.stringify({
        error: { message: `stand-in failure: ${message}`, type: 'server_error', param: null, code: null },
      });
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? '127.0.0.1';

  return {
    baseURL: `http://${host.includes(':') ? `[${host}]` : host}:${port}/v1`,
    port,
    requests,
    failNext(kind, count = 1) {
      for (let i = 0; i < count; i++) failures.push(kind);
    },
    setFixture(schemaName, value) {
      if (value === undefined) custom.delete(schemaName);
      else custom.set(schemaName, value);
    },
    setDelay(ms) {
      delayMs = ms;
    },
    setSearchResults(results) {
      searchIndex =
        results === null
          ? DEFAULT_SEARCH_INDEX
          : new Map(results.map((r) => [r.url, r.title ?? titleOf(r.url)]));
    },
    setMode(next) {
      mode = next;
      random = seededRandom(next.kind === 'schema' ? next.seed : 1);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Wire format

function chatCompletion(model: string, content: string, inputTokens: number, outputTokens: number) {
  return {
    id: `chatcmpl-${randomBytes(15).toString('base64url')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: inputTokens,
      completion_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_mos_stand_in',
  };
}

function responseObject(
  body: Record<string, unknown>,
  rec: RecordedRequest,
  content: string,
  inputTokens: number,
  outputTokens: number,
  /** The title of a URL of the answer when the search returned it (then it is cited), else null. */
  searched: (url: string, index: number) => string | null,
) {
  const webSearch = rec.tools.some((t) => t.startsWith('web_search'));
  const output: unknown[] = [];
  const annotations: unknown[] = [];
  if (webSearch) {
    const lastUser = [...rec.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const query = lastUser.replace(/\s+/g, ' ').trim().slice(0, 120);
    const found = [...new Set(content.match(/https?:\/\/[^\s"\\]+/g) ?? [])].flatMap((url, i) => {
      const title = searched(url, i);
      return title === null ? [] : [{ url, title }];
    });
    output.push({
      id: `ws_${randomBytes(16).toString('hex')}`,
      type: 'web_search_call',
      status: 'completed',
      action: {
        type: 'search',
        query,
        queries: [query],
        sources: found.map(({ url }) => ({ type: 'url', url })),
      },
    });
    for (const { url, title } of found) {
      const start = content.indexOf(url);
      annotations.push({
        type: 'url_citation',
        start_index: start,
        end_index: start + url.length,
        url,
        title,
      });
    }
  }
  output.push({
    id: `msg_${randomBytes(16).toString('hex')}`,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text: content, annotations, logprobs: [] }],
  });
  const createdAt = Math.floor(Date.now() / 1000);
  return {
    id: `resp_${randomBytes(24).toString('hex')}`,
    object: 'response',
    created_at: createdAt,
    completed_at: createdAt,
    status: 'completed',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    model: rec.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store !== false,
    temperature: 1,
    text: {
      format: isRecord(body.text) ? (body.text.format ?? { type: 'text' }) : { type: 'text' },
      verbosity: 'medium',
    },
    tool_choice: 'auto',
    tools: Array.isArray(body.tools) ? body.tools : [],
    top_p: 1,
    truncation: 'disabled',
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
    user: null,
    metadata: {},
  };
}

function chatSchemaFormat(body: Record<string, unknown>): { name: string; schema: unknown } | null {
  const rf = body.response_format;
  if (!isRecord(rf) || rf.type !== 'json_schema' || !isRecord(rf.json_schema)) return null;
  const name = rf.json_schema.name;
  return typeof name === 'string' ? { name, schema: rf.json_schema.schema ?? null } : null;
}

function responsesSchemaFormat(body: Record<string, unknown>): { name: string; schema: unknown } | null {
  const text = body.text;
  if (!isRecord(text) || !isRecord(text.format) || text.format.type !== 'json_schema') return null;
  const name = text.format.name;
  return typeof name === 'string' ? { name, schema: text.format.schema ?? null } : null;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((t) => t !== '')
    .join('\n');
}

function chatMessages(body: Record<string, unknown>): { role: string; content: string }[] {
  if (!Array.isArray(body.messages)) return [];
  return body.messages.flatMap((m) =>
    isRecord(m) && typeof m.role === 'string' ? [{ role: m.role, content: contentText(m.content) }] : [],
  );
}

function responsesMessages(body: Record<string, unknown>): { role: string; content: string }[] {
  const out: { role: string; content: string }[] = [];
  if (typeof body.instructions === 'string') out.push({ role: 'system', content: body.instructions });
  if (typeof body.input === 'string') out.push({ role: 'user', content: body.input });
  if (Array.isArray(body.input)) {
    for (const item of body.input) {
      if (
        isRecord(item) &&
        typeof item.role === 'string' &&
        (item.type === undefined || item.type === 'message')
      ) {
        out.push({ role: item.role, content: contentText(item.content) });
      }
    }
  }
  return out;
}

/**
 * The checks OpenAI applies to a strict json_schema before generating: a root object, and every object closed
 * (`additionalProperties: false`) with every property required. Returns the problem in OpenAI's words, or null.
 */
function strictSchemaProblem(schema: unknown): string | null {
  const unsupported = strictSchemaProblems(schema).find(
    (p) => p.includes('is not permitted') || p.includes('format'),
  );
  if (unsupported !== undefined) return unsupported;
  if (!isRecord(schema)) return 'schema must be a JSON Schema of \'type: "object"\'.';
  if (schema.type !== 'object' || schema.anyOf !== undefined) {
    return `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type)}"'.`;
  }
  // Walks schema positions only (a property *named* "properties" is a map entry, not a keyword).
  const visit = (node: unknown, context: string[]): string | null => {
    if (!isRecord(node)) return null;
    const where = `In context=(${context.map((c) => `'${c}'`).join(', ')})`;
    if (node.type === 'object' || isRecord(node.properties)) {
      if (node.additionalProperties !== false) {
        return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
      }
      const props = isRecord(node.properties) ? Object.keys(node.properties) : [];
      const required = Array.isArray(node.required) ? node.required : [];
      const missing = props.find((p) => !required.includes(p));
      if (missing !== undefined) {
        return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
      }
    }
    const children: [unknown, string[]][] = [];
    for (const map of ['properties', '$defs', 'definitions'] as const) {
      const entries = node[map];
      if (isRecord(entries)) {
        for (const [key, child] of Object.entries(entries)) children.push([child, [...context, map, key]]);
      }
    }
    for (const list of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
      const entries = node[list];
      if (Array.isArray(entries))
        for (const [i, child] of entries.entries()) children.push([child, [...context, list, String(i)]]);
    }
    if (isRecord(node.items)) children.push([node.items, [...context, 'items']]);
    for (const [child, path] of children) {
      const problem = visit(child, path);
      if (problem) return problem;
    }
    return null;
  };
  return visit(schema, []);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Roughly 4 characters per token, as OpenAI's tokenizer averages on English text. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function titleOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

/** Breaks a document the way a careless model would: an undeclared key added and the first key dropped. */
function violate(value: unknown): unknown {
  if (!isRecord(value)) return { unexpected: value };
  const copy: Record<string, unknown> = { ...value, standInUndeclaredField: 'not in the schema' };
  const first = Object.keys(value)[0];
  if (first !== undefined) delete copy[first];
  return copy;
}

/** The user messages of a request, as one text. */
function userText(rec: RecordedRequest): string {
  return rec.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');
}

/**
 * A model reads the campaign it plans for: the example sheet's budget is moved into the campaign's budget range and
 * currency and its phases into the campaign's timeframe (read from the prompt's campaign JSON and market line), so a
 * campaign created with any budget gets a plan that meets the checks, as a real model's would.
 */
export function fitStrategyToCampaign(sheet: StrategySheet, prompt: string): StrategySheet {
  const num = (key: string) => {
    const m = new RegExp(`"${key}":\\s*(-?[0-9.]+)`).exec(prompt);
    return m?.[1] === undefined ? null : Number(m[1]);
  };
  const min = num('budgetMin');
  const max = num('budgetMax');
  const days = num('timeframeDays');
  const currency =
    /campaign budget currency ([A-Z]{3})/.exec(prompt)?.[1] ?? /\bcurrency ([A-Z]{3})\b/.exec(prompt)?.[1];
  if (sheet.budget) {
    const total = sheet.budget.total;
    const target =
      (max !== null && total > max) || (min !== null && total < min) ? (max ?? min ?? total) : total;
    const factor = total > 0 ? target / total : 1;
    let left = target;
    sheet.phases = sheet.phases.map((p, i, all) => {
      const budget = i === all.length - 1 ? left : Math.floor(p.budget * factor * 100) / 100;
      left = Math.round((left - budget) * 100) / 100;
      return { ...p, budget: Math.max(0, budget) };
    });
    sheet.budget = { total: target, currency: currency ?? sheet.budget.currency };
  }
  const lastEnd = sheet.phases.at(-1)?.endDay ?? 0;
  if (days !== null && days >= 1 && lastEnd > days) {
    // Fewer days than phases: the first phases that fit, the rest of the budget in the last one kept.
    const kept = sheet.phases.slice(0, Math.min(sheet.phases.length, Math.floor(days)));
    const dropped = sheet.phases.slice(kept.length).reduce((n, p) => n + p.budget, 0);
    let start = 1;
    sheet.phases = kept.map((p, i) => {
      const end =
        i === kept.length - 1 ? Math.floor(days) : Math.max(start, Math.round((p.endDay * days) / lastEnd));
      const phase = {
        ...p,
        startDay: start,
        endDay: end,
        budget: i === kept.length - 1 ? p.budget + dropped : p.budget,
      };
      start = end + 1;
      return phase;
    });
  }
  return sheet;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** Replaces the examples' fixed ids with the ones the prompt names (`Client id: …` lines), everywhere in the document. */
function adaptIds(doc: unknown, rec: RecordedRequest): unknown {
  const prompt = rec.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');
  const swaps = new Map<string, string | null>();
  const client = new RegExp(`Client id:\\s*(${UUID}|none)`, 'i').exec(prompt)?.[1];
  if (client) swaps.set(exampleIds.clientId, client.toLowerCase() === 'none' ? null : client.toLowerCase());
  const org = new RegExp(`Org id:\\s*(${UUID})`, 'i').exec(prompt)?.[1];
  if (org) swaps.set(exampleIds.orgId, org.toLowerCase());
  const campaign = new RegExp(`Campaign id:\\s*(${UUID}|none)`, 'i').exec(prompt)?.[1];
  if (campaign)
    swaps.set(exampleIds.campaignId, campaign.toLowerCase() === 'none' ? null : campaign.toLowerCase());
  if (swaps.size === 0) return doc;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return swaps.has(node) ? swaps.get(node) : node;
    if (Array.isArray(node)) return node.map(walk);
    if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(doc);
}

function qaReportFor(rec: RecordedRequest): unknown {
  const report = structuredClone(artifactExamples.qa_report);
  const prompt = rec.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');
  const line = /Asset ids to review:\s*(.+)/i.exec(prompt)?.[1];
  const ids = (line ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(s));
  if (ids.length === 0) return report;
  const brief = /Brief id:\s*([A-Za-z0-9][A-Za-z0-9._:-]*)/i.exec(prompt)?.[1];
  return {
    ...report,
    assetBriefId: brief ?? report.assetBriefId,
    reviewer: 'ai:brand-qa',
    checklist: [...new Set(ids)].map((assetId, i) => ({
      assetId,
      passed: true,
      notes:
        i % 2 === 0
          ? 'On voice: first-person, concrete sensory language, ingredient named with its percentage.'
          : 'On voice overall; the closing line could name the ceramides instead of a generic benefit.',
      issues:
        i % 2 === 0
          ? []
          : [
              {
                kind: 'brand',
                severity: 'info',
                message:
                  'Tone guide asks to name ingredients and percentages; the end card only says "gentle formula".',
                phrase: 'gentle formula',
                policy: null,
              },
            ],
    })),
  };
}

/** Ad variants in the examples' voice, shaped by the requirement the prompt names (`Format:` and variant count). */
/**
 * Ad variants for the requirement in the prompt (`Channel:` and `Format:` lines), shaped for its format: a search
 * ad's headlines and descriptions, a video's scenes scaled to its length, an aspect ratio it accepts.
 */
function generatedAssetsFor(rec: RecordedRequest): unknown {
  const prompt = rec.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');
  const channel = /Channel:\s*(\S+)/i.exec(prompt)?.[1] ?? 'meta';
  const format = /Format:\s*(\S+)/i.exec(prompt)?.[1] ?? 'video_30s';
  const spec = formatSpecOf({ channel, format });
  const asked = Number(/Write (\d+) distinct ad variants/i.exec(prompt)?.[1] ?? '2');
  const count = Math.min(Math.max(Number.isFinite(asked) ? asked : 2, 1), AD_VARIANTS.length);
  const rsa = spec.kind === 'search_rsa';
  const scale = (spec.durationSeconds ?? 30) / 30;
  return {
    assets: AD_VARIANTS.slice(0, count).map((v) => ({
      angle: v.angle,
      hook: v.hook,
      headline: rsa ? null : v.headline,
      primaryText: rsa ? null : v.primaryText,
      headlines: rsa ? v.headlines : null,
      descriptions: rsa ? v.descriptions : null,
      scenes:
        spec.kind === 'video'
          ? v.scenes.map((s) => ({
              ...s,
              start: Math.round(s.start * scale),
              end: Math.round(s.end * scale),
            }))
          : null,
      cta: v.cta,
      aspectRatio: spec.aspectRatios[0] ?? null,
      imagePrompt: spec.kind === 'image' || spec.kind === 'video' ? v.imagePrompt : null,
    })),
  };
}

/** Ad copy the stand-in writes, per variant (data: fixtures/ad-variants.json). */
const AD_VARIANTS =
  readFixture<
    readonly {
      angle: string;
      hook: string;
      headline: string;
      primaryText: string;
      headlines: string[];
      descriptions: string[];
      scenes: {
        start: number;
        end: number;
        visual: string;
        onScreenText: string | null;
        voiceover: string | null;
      }[];
      cta: string;
      imagePrompt: string;
    }[]
  >('ad-variants.json');

/**
 * Briefs for the experiments of the schema sent (one property per experiment, one per arm): the example briefs'
 * requirements and concepts, each arm with its own value of the tested variable (the n-th value of an enum).
 */
function assetBriefsFor(rec: RecordedRequest): unknown {
  const root = isRecord(rec.jsonSchema) ? rec.jsonSchema : {};
  const experiments = propertiesOf(propertiesOf(root).experiments);
  const examples = artifactExamples.asset_brief.assetBriefs;
  const template = examples[0];
  const hooks = [
    ...new Set([
      ...examples.flatMap((b) => b.requirements.map((r) => r.hook ?? '')),
      ...AD_VARIANTS.map((v) => v.hook),
    ]),
  ].filter(Boolean);
  const angles = ['Barrier repair', 'Ingredient transparency', 'Routine minimalism', 'Guarantee first'];
  const formats = ['video_30s', 'static_1080x1080', 'carousel_5', 'video_15s'];
  const out: Record<string, unknown> = {};
  for (const [experimentId, schema] of Object.entries(experiments)) {
    const props = propertiesOf(schema);
    const arms = Object.keys(propertiesOf(props.arms));
    const pick = (node: unknown, i: number) => {
      const values = enumOf(node);
      return values.length > 0 ? values[i % values.length] : null;
    };
    const requirementSchema = isRecord(props.requirements) ? props.requirements.items : undefined;
    const channels = enumOf(propertiesOf(requirementSchema).channel);
    const requirements = (channels.length > 0 ? channels : ['meta']).map((channel, k) => ({
      channel,
      format: 'video_30s',
      angle: template?.requirements[k % template.requirements.length]?.angle ?? 'Barrier repair',
      hook: hooks[0] ?? 'If your skin stings after moisturiser, read this',
      funnelStage: 'awareness',
    }));
    const value: Record<string, unknown> = {
      requirements,
      offerId: pick(props.offerId, 0),
      audienceIcpId: pick(props.audienceIcpId, 0),
      landingPage: 'https://lumenandmoss.com/products/barrier-reset-serum',
      visualGuidelines: template?.visualGuidelines ?? [],
      arms: Object.fromEntries(
        arms.map((variantId, i) => {
          const armProps = propertiesOf(propertiesOf(props.arms)[variantId]);
          const example = examples.find((b) => b.variantId === variantId) ?? examples[i % examples.length];
          return [
            variantId,
            {
              creativeConcept: example?.creativeConcept ?? `Concept for ${variantId}`,
              hook: hooks[i % Math.max(hooks.length, 1)] ?? `Hook ${i + 1}`,
              angle: angles[i % angles.length],
              format: formats[i % formats.length],
              offerId: pick(armProps.offerId, i),
              audienceIcpId: pick(armProps.audienceIcpId, i),
              landingPage: `https://lumenandmoss.com/lp/${variantId}`,
            },
          ];
        }),
      ),
    };
    out[experimentId] = conformTo(value, schema);
  }
  return { experiments: out };
}

function propertiesOf(node: unknown): Record<string, unknown> {
  if (!isRecord(node)) return {};
  if (Array.isArray(node.anyOf))
    return propertiesOf(node.anyOf.find((o) => isRecord(o) && o.type === 'object'));
  return isRecord(node.properties) ? node.properties : {};
}

function enumOf(node: unknown): unknown[] {
  if (!isRecord(node)) return [];
  if (Array.isArray(node.enum)) return node.enum.filter((v) => v !== '');
  if (Array.isArray(node.anyOf)) return node.anyOf.flatMap(enumOf);
  return [];
}

/**
 * The model's part of a research step (what `researchStepOutput` asks for) for the step the prompt names
 * (`MOS research step NN`); the activity adds provenance, staleness and the provider's sources.
 */
function researchStepFor(rec: RecordedRequest): ResearchStepAnswer {
  const asked = /MOS research step (\d{2})/i.exec(rec.text)?.[1];
  const stepKey: ResearchStepKey = (RESEARCH_STEP_KEYS as readonly string[]).includes(asked ?? '')
    ? (asked as ResearchStepKey)
    : '01';
  const { searchResults: _searched, ...answer } = RESEARCH_FIXTURES[stepKey];
  return structuredClone(answer);
}

/** What a research fixture holds: the model's answer and the pages the stand-in's search returns for it. */
type ResearchStepAnswer = Omit<
  ResearchStep,
  | 'stepKey'
  | 'title'
  | 'promptSha256'
  | 'model'
  | 'webSearchUsed'
  | 'fromModelKnowledge'
  | 'researchedAt'
  | 'sources'
  | 'evidence'
> & { evidence: Omit<ResearchStep['evidence'][number], 'provenance' | 'stale'>[] };

/**
 * One realistic research document per step, all for the examples' client (Lumen & Moss, reactive-skin skincare)
 * (data: fixtures/research-steps.json), with the pages web search returns for it.
 */
const RESEARCH_FIXTURES =
  readFixture<
    Readonly<
      Record<ResearchStepKey, ResearchStepAnswer & { searchResults: { url: string; title: string }[] }>
    >
  >('research-steps.json');

/** Every page the stand-in's web search knows (URL → title). */
const DEFAULT_SEARCH_INDEX: ReadonlyMap<string, string> = new Map(
  Object.values(RESEARCH_FIXTURES).flatMap((step) =>
    step.searchResults.map((r) => [r.url, r.title] as const),
  ),
);

/** A fixture data file beside this module (Node only, like the whole stand-in). */
function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

// ---------------------------------------------------------------------------------------------------------------
// Documents synthesized from a JSON schema (schemas without an example)

type Counters = Map<string, number>;

/** A minimal valid instance of a strict JSON schema, with readable strings derived from the property names. */
function synthesize(schema: unknown, root: unknown, name: string, counters: Counters): unknown {
  if (!isRecord(schema)) return null;
  if (typeof schema.$ref === 'string') return synthesize(resolveRef(root, schema.$ref), root, name, counters);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0] ?? null;
  const branches = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : null;
  if (branches) {
    const nonNull = branches.find((b) => !(isRecord(b) && b.type === 'null'));
    return synthesize(nonNull ?? branches[0], root, name, counters);
  }
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  switch (type) {
    case 'object': {
      const props = isRecord(schema.properties) ? schema.properties : {};
      return Object.fromEntries(
        Object.entries(props).map(([key, sub]) => [key, synthesize(sub, root, key, counters)]),
      );
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
      const count = Math.min(Math.max(min, 1), max);
      const item = singular(name);
      return Array.from({ length: count }, () => synthesize(schema.items, root, item, counters));
    }
    case 'string':
      return synthesizeString(schema, name, counters);
    case 'integer':
    case 'number': {
      let value = typeof schema.minimum === 'number' ? schema.minimum : 1;
      if (typeof schema.exclusiveMinimum === 'number') value = Math.max(value, schema.exclusiveMinimum + 1);
      if (typeof schema.maximum === 'number') value = Math.min(value, schema.maximum);
      return type === 'integer' ? Math.ceil(value) : value;
    }
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function synthesizeString(schema: Record<string, unknown>, name: string, counters: Counters): string {
  const n = (counters.get(name) ?? 0) + 1;
  counters.set(name, n);
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  if (schema.format === 'email') return `demo${n}@example.com`;
  const human = `${humanize(name)} ${n}`;
  const slugged = `${
    name
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'item'
  }-${n}`;
  const candidates = [
    human,
    slugged,
    `https://example.com/${slugged}`,
    'USD',
    '0'.repeat(64),
    randomUUID(),
    'a',
    '1',
  ];
  let value = human;
  if (typeof schema.pattern === 'string') {
    try {
      const re = new RegExp(schema.pattern);
      value = candidates.find((c) => re.test(c)) ?? human;
    } catch {
      value = human;
    }
  }
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  while (value.length < min) value += ` ${humanize(name)}`;
  return value.slice(0, max);
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return null;
  let node: unknown = root;
  for (const raw of ref
    .slice(1)
    .split('/')
    .filter((p) => p !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) ? node[key] : null;
  }
  return node;
}

function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? 'Item' : words.charAt(0).toUpperCase() + words.slice(1);
}

function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (name.endsWith('ses')) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

/**
 * A fixture document reduced to the schema sent: undeclared keys dropped, and a value the schema requires to be
 * null set to null (e.g. `handoff` on a research step other than 03). Everything else is served as it is.
 */
/** Whether an object value carries every constant (a `const`, or a one-value `enum`) the object schema declares. */
function matchesTags(value: Record<string, unknown>, schema: Record<string, unknown>): boolean {
  if (!isRecord(schema.properties)) return false;
  let tags = 0;
  for (const [key, prop] of Object.entries(schema.properties)) {
    if (!isRecord(prop)) continue;
    const constant =
      'const' in prop
        ? prop.const
        : Array.isArray(prop.enum) && prop.enum.length === 1
          ? prop.enum[0]
          : undefined;
    if (constant === undefined) continue;
    tags += 1;
    if (value[key] !== constant) return false;
  }
  return tags > 0;
}

function conformTo(value: unknown, schema: unknown): unknown {
  if (!isRecord(schema)) return value;
  if (schema.type === 'null') return null;
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf.filter(isRecord);
    if (value === null && options.some((o) => o.type === 'null')) return null;
    // A tagged union (page blocks, link targets): the branch whose constant fields the value carries.
    const tagged = options.find((o) => isRecord(value) && o.type === 'object' && matchesTags(value, o));
    const branch = tagged ?? options.find((o) => o.type !== 'null');
    return branch ? conformTo(value, branch) : value;
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && !schema.enum.includes(value)) {
    // An id the request does not know (e.g. an example spec id): the example's slot maps to a known one.
    const text = JSON.stringify(value) ?? '';
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
    return schema.enum[h % schema.enum.length];
  }
  if (schema.type === 'array' && Array.isArray(value)) return value.map((v) => conformTo(v, schema.items));
  if (schema.type === 'object' && isRecord(value) && isRecord(schema.properties)) {
    const props = schema.properties;
    return Object.fromEntries(
      Object.keys(props)
        .filter((k) => k in value)
        .map((k) => [k, conformTo(value[k], props[k])]),
    );
  }
  return value;
}

/**
 * A funnel page draft (`FunnelPageDraft`, prompt funnels/page_draft): a hero, benefits, testimonials, an FAQ and a
 * lead form leading to the next page on an entry page; a confirmation and a footer on a thank-you page. No image
 * (the model is told not to invent any) and no offer block (price points are the offer's: a test that wants one
 * sets a fixture).
 */
function pageDraftFor(rec: RecordedRequest): unknown {
  const thankYou = /Page role: thank-you/.test(rec.text);
  const hero = (headline: string, sub: string) => ({
    type: 'Hero',
    props: {
      eyebrow: 'Lumen & Moss',
      headline,
      subheadline: sub,
      image: null,
      ctaLabel: '',
      ctaTarget: null,
      align: 'center',
    },
  });
  if (thankYou) {
    return {
      title: 'You are in: check your inbox',
      description: 'Your barrier guide is on its way.',
      blocks: [
        hero('Your guide is on its way', 'Check your inbox in the next few minutes.'),
        {
          type: 'RichText',
          props: {
            text: 'While you wait: **patch test** anything new for 3 days, and keep your routine simple.',
          },
        },
        { type: 'Footer', props: { text: '© Lumen & Moss', links: [] } },
      ],
    };
  }
  return {
    title: 'Calm, comfortable skin in 14 days',
    description: 'A fragrance-free routine for a stressed skin barrier. Get the free guide.',
    blocks: [
      hero(
        'Calm, comfortable skin in 14 days',
        'The fragrance-free barrier routine, explained by a cosmetic chemist.',
      ),
      {
        type: 'RichText',
        props: {
          text: '- Fewer products, not more\n- Ceramides and niacinamide that support the barrier\n- No fragrance, ever',
        },
      },
      {
        type: 'Testimonials',
        props: {
          heading: 'What customers say',
          items: [
            {
              quote: 'My skin finally stopped stinging after I cut my routine down.',
              name: 'Priya',
              role: 'Customer',
            },
          ],
        },
      },
      {
        type: 'Faq',
        props: {
          heading: 'Questions',
          items: [
            {
              question: 'Is it suitable for sensitive skin?',
              answer: 'It is fragrance-free and made for reactive skin; patch test first.',
            },
          ],
        },
      },
      {
        type: 'LeadForm',
        props: {
          heading: 'Get the free barrier guide',
          fields: [
            { name: 'email', label: 'Email', type: 'email', required: true },
            { name: 'first_name', label: 'First name', type: 'text', required: false },
          ],
          submitLabel: 'Send me the guide',
          consentText: 'We email you the guide and occasional tips. Unsubscribe anytime.',
          consentRequired: false,
          successTarget: { kind: 'next' },
        },
      },
    ],
  };
}
