import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createWorkflowRun, type Database, ensureOrg, llmCalls, setLlmBudget } from '@mos/db';
import { ClientCanon, MetricSchema, researchStepOutput } from '@mos/db/artifacts';
import { createDb, migrate } from '@mos/db/node';
import { asc, eq } from 'drizzle-orm';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlmClient, type LlmClientOptions } from '../src/llm/client';
import { DEFAULT_PRICING, estimateCostUsd, priceOf } from '../src/llm/pricing';
import { LlmBudgetError, LlmRequestError, LlmSchemaError, LlmTransientError } from '../src/llm/types';
import { type OpenAiStandIn, startOpenAiStandIn } from '../src/testing/openai-stand-in';

const API_KEY = 'sk-test-0123456789abcdefSECRET';

let database: Database;
beforeAll(async () => {
  database = await createDb('pglite:memory');
  await migrate(database);
});
afterAll(async () => {
  await database.close();
});

let standIn: OpenAiStandIn;
let orgId: string;
let clientId: string;
beforeEach(async () => {
  standIn = await startOpenAiStandIn();
  const org = await ensureOrg(database.db, { externalId: `org_${randomUUID()}`, name: 'Agency' });
  orgId = org.id;
  clientId = randomUUID();
});
afterEach(async () => {
  await standIn.close();
});

/** A clock that advances `step` ms per reading: latency of an attempt is exactly `step`. */
function steppingClock(step: number) {
  let now = 1_000;
  return () => {
    const t = now;
    now += step;
    return t;
  };
}

function client(over: Partial<LlmClientOptions> = {}) {
  return createLlmClient({
    db: database.db,
    apiKey: API_KEY,
    baseURL: standIn.baseURL,
    model: 'gpt-5.2',
    clock: steppingClock(250),
    ...over,
  });
}

function canonRequest(over: { prompt?: string; model?: string } = {}) {
  return {
    orgId,
    runId: null,
    activity: 'build_canon',
    schemaName: 'ClientCanon',
    schema: ClientCanon,
    system: 'You are a strategist.',
    prompt: over.prompt ?? `Build the canon.\n- Client id: ${clientId}\n`,
    ...(over.model ? { model: over.model } : {}),
  };
}

const rowsOf = (org: string) =>
  database.db.select().from(llmCalls).where(eq(llmCalls.orgId, org)).orderBy(asc(llmCalls.createdAt));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('generate: structured output through the real SDK', () => {
  it('returns the validated document and writes one llm_calls row with tokens, latency, cost and prompt hash', async () => {
    const req = canonRequest();
    const result = await client().generate(req);

    expect(ClientCanon.safeParse(result.data).success).toBe(true);
    expect(result.data.clientId).toBe(clientId);
    expect(result.attempts).toBe(1);
    expect(result.model).toBe('gpt-5.2');
    expect(result.promptSha256).toBe(sha256(`${req.system}\n\n${req.prompt}`));
    expect(result.inputTokens).toBeGreaterThan(0);
    expect(result.outputTokens).toBeGreaterThan(0);

    const rows = await rowsOf(orgId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      orgId,
      workflowRunId: null,
      activity: 'build_canon',
      model: 'gpt-5.2',
      promptSha256: result.promptSha256,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      latencyMs: 250,
      status: 'ok',
      error: null,
    });
    // Costs are stored rounded to 6 decimals: compare with the rounded figure (a half at the 7th decimal rounds up).
    const expectedCost = Math.round(result.inputTokens * 1.75 + result.outputTokens * 14) / 1_000_000;
    expect(row?.costUsd).toBeCloseTo(expectedCost, 6);
    expect(result.costUsd).toBeCloseTo(expectedCost, 6);
    expect(expectedCost).toBeGreaterThan(0);

    // What went over the wire: Chat Completions with a strict json_schema named after the schema.
    expect(standIn.requests).toHaveLength(1);
    const sent = standIn.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.schemaName).toBe('ClientCanon');
    expect(sent?.model).toBe('gpt-5.2');
    expect(sent?.tools).toEqual([]);
    expect(sent?.messages).toEqual([
      { role: 'system', content: req.system },
      { role: 'user', content: req.prompt },
    ]);
    const body = sent?.body as {
      response_format: { json_schema: { strict: boolean; schema: { additionalProperties: boolean } } };
    };
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.additionalProperties).toBe(false);
  });

  it('records the workflow run, a per-request model and its price', async () => {
    const run = await createWorkflowRun(database.db, {
      id: randomUUID(),
      orgId,
      clientId: null,
      campaignId: null,
      input: null,
      startedBy: null,
      temporalWorkflowId: `client-onboarding-${randomUUID()}`,
      temporalRunId: randomUUID(),
      kind: 'client_onboarding',
    });
    const result = await client().generate({ ...canonRequest({ model: 'gpt-4o-mini' }), runId: run.id });
    const [row] = await rowsOf(orgId);
    expect(row?.workflowRunId).toBe(run.id);
    expect(row?.model).toBe('gpt-4o-mini');
    expect(standIn.requests[0]?.model).toBe('gpt-4o-mini');
    expect(row?.costUsd).toBeCloseTo((result.inputTokens * 0.15 + result.outputTokens * 0.6) / 1_000_000, 6);
  });

  it('records cost 0 for a model missing from the pricing table', async () => {
    await client({ model: 'acme-llm-1' }).generate(canonRequest());
    const [row] = await rowsOf(orgId);
    expect(row?.model).toBe('acme-llm-1');
    expect(row?.inputTokens).toBeGreaterThan(0);
    expect(row?.costUsd).toBe(0);
  });

  it('validates with the schema itself, refinements included (MetricSchema KPIs must be declared metrics)', async () => {
    const good = await client().generate({
      ...canonRequest(),
      schemaName: 'MetricSchema',
      schema: MetricSchema,
    });
    expect(good.data.primaryKpis.length).toBeGreaterThan(0);

    // Structurally fine JSON whose KPI names no declared metric: only the zod refinement can catch it.
    const bad = { ...structuredClone(good.data), primaryKpis: ['not_a_metric'] };
    standIn.setFixture('MetricSchema', bad);
    const err = await client()
      .generate({ ...canonRequest(), schemaName: 'MetricSchema', schema: MetricSchema })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmSchemaError);
    expect((err as LlmSchemaError).issues).toContainEqual({
      path: 'primaryKpis.0',
      message: '"not_a_metric" is not a metric id declared in events[].metrics',
    });
  });
});

describe('generate: transport failures are classified, not retried', () => {
  it.each([429, 500, 503] as const)(
    'HTTP %i → LlmTransientError with the status and an error row',
    async (status) => {
      standIn.failNext({ status });
      const err = await client()
        .generate(canonRequest())
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LlmTransientError);
      expect((err as LlmTransientError).status).toBe(status);
      expect((err as Error).name).toBe('LlmTransientError');
      // maxRetries: 0 — Temporal owns retries, the SDK must not have retried.
      expect(standIn.requests).toHaveLength(1);

      const rows = await rowsOf(orgId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        status: 'error',
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        latencyMs: 250,
      });
      expect(rows[0]?.error).toContain(String(status));
      expect(rows[0]?.error).not.toContain(API_KEY);
    },
  );

  it('an unreachable provider → LlmTransientError without a status, and an error row', async () => {
    const closed = await startOpenAiStandIn();
    const baseURL = closed.baseURL;
    await closed.close();
    const err = await client({ baseURL })
      .generate(canonRequest())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmTransientError);
    expect((err as LlmTransientError).status).toBeNull();
    const rows = await rowsOf(orgId);
    expect(rows.map((r) => r.status)).toEqual(['error']);
  });

  it('a request slower than timeoutMs → LlmTransientError (timeout), with an error row', async () => {
    standIn.setDelay(1_000);
    const err = await client()
      .generate({ ...canonRequest(), timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmTransientError);
    expect((err as Error).message).toMatch(/timed out/i);
    expect((await rowsOf(orgId)).map((r) => r.status)).toEqual(['error']);
  });

  it('an aborted request (activity cancelled) surfaces the abort itself, not a retryable error', async () => {
    standIn.setDelay(1_000);
    const controller = new AbortController();
    const pending = client()
      .generate({ ...canonRequest(), signal: controller.signal })
      .catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 50);
    const err = await pending;
    expect(err).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(err).not.toBeInstanceOf(LlmTransientError);
    const rows = await rowsOf(orgId);
    expect(rows.map((r) => r.status)).toEqual(['error']);
  });

  it('a request the provider refuses (404) → LlmRequestError, which retrying cannot fix', async () => {
    const err = await client({ baseURL: standIn.baseURL.replace(/\/v1$/, '/nope') })
      .generate(canonRequest())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmRequestError);
    expect((err as LlmRequestError).status).toBe(404);
    expect((await rowsOf(orgId)).map((r) => r.status)).toEqual(['error']);
  });

  it('never writes the API key into an error row, even when the provider echoes it', async () => {
    standIn.setFixture('ClientCanon', () => {
      throw new Error(`Incorrect API key provided: ${API_KEY}`);
    });
    const err = await client()
      .generate(canonRequest())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmTransientError);
    const [row] = await rowsOf(orgId);
    expect(row?.error).toContain('Incorrect API key provided');
    expect(row?.error).not.toContain(API_KEY);
    expect(row?.error).not.toContain('0123456789abcdef');
  });

  it('refuses a schema strict structured output cannot express (.optional()) before calling the provider', async () => {
    const Loose = z.strictObject({ clientId: z.string(), note: z.string().optional() });
    const err = await client()
      .generate({ ...canonRequest(), schemaName: 'Loose', schema: Loose })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmRequestError);
    expect((err as Error).message).toMatch(
      /^Loose cannot be sent as a strict structured-output schema: .*optional/,
    );
    expect(standIn.requests).toHaveLength(0);
  });

  it('refuses an invalid schema name before calling the provider', async () => {
    const err = await client()
      .generate({ ...canonRequest(), schemaName: 'client canon!' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmRequestError);
    expect(standIn.requests).toHaveLength(0);
  });
});

describe('generate: schema violations are fed back, at most twice', () => {
  it('invalid JSON, then a valid answer: 2 attempts, the second request carries the validation feedback', async () => {
    standIn.failNext('invalid-json');
    const result = await client().generate(canonRequest());
    expect(result.attempts).toBe(2);
    expect(result.data.clientId).toBe(clientId);

    expect(standIn.requests).toHaveLength(2);
    const [first, second] = standIn.requests;
    expect(first?.outcome).toBe('invalid-json');
    const messages = second?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    // The broken answer goes back verbatim, followed by the errors in `path: message` form.
    expect(first?.answer?.length).toBeGreaterThan(0);
    expect(messages[2]?.content).toBe(first?.answer);
    expect(() => JSON.parse(messages[2]?.content ?? '')).toThrow();
    expect(messages[3]?.content).toMatch(/not a valid ClientCanon document/);
    expect(messages[3]?.content).toMatch(/- \(root\): Invalid JSON: /);

    const rows = await rowsOf(orgId);
    expect(rows.map((r) => r.status)).toEqual(['error', 'ok']);
    expect(rows[0]?.error).toMatch(/^Schema violation \(attempt 1\/3\): \(root\): Invalid JSON/);
    expect(rows[0]?.promptSha256).toBe(rows[1]?.promptSha256);
    expect(result.inputTokens).toBe((rows[0]?.inputTokens ?? 0) + (rows[1]?.inputTokens ?? 0));
    expect(result.outputTokens).toBe((rows[0]?.outputTokens ?? 0) + (rows[1]?.outputTokens ?? 0));
  });

  it('a schema violation fed back names the offending paths', async () => {
    standIn.failNext('schema-violation');
    const result = await client().generate(canonRequest());
    expect(result.attempts).toBe(2);
    const feedback = standIn.requests[1]?.messages.at(-1)?.content ?? '';
    expect(feedback).toContain('- clientId: Invalid input: expected string, received undefined');
    expect(feedback).toContain('- (root): Unrecognized key: "standInUndeclaredField"');
  });

  it('three violations → LlmSchemaError with the issues; three attempts, three error rows', async () => {
    standIn.failNext('schema-violation', 3);
    const err = await client()
      .generate(canonRequest())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmSchemaError);
    expect((err as Error).name).toBe('LlmSchemaError');
    expect((err as LlmSchemaError).issues).toContainEqual({
      path: '(root)',
      message: 'Unrecognized key: "standInUndeclaredField"',
    });
    expect((err as Error).message).toMatch(/ClientCanon: the model's answer violated the schema 3 times/);
    expect(standIn.requests).toHaveLength(3);
    // Each regeneration extends the conversation by the rejected answer and its feedback.
    expect(standIn.requests.map((r) => r.messages.length)).toEqual([2, 4, 6]);
    const rows = await rowsOf(orgId);
    expect(rows.map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(rows.map((r) => r.error?.slice(0, 31))).toEqual([
      'Schema violation (attempt 1/3):',
      'Schema violation (attempt 2/3):',
      'Schema violation (attempt 3/3):',
    ]);
  });
});

/** The pages the stand-in's web search returns for research step 01 (its fixture data). */
const SEARCH_RESULTS_01 = (
  JSON.parse(
    readFileSync(new URL('../src/testing/fixtures/research-steps.json', import.meta.url), 'utf8'),
  ) as { '01': { searchResults: { url: string; title: string }[] } }
)['01'].searchResults;

describe('generate: web search through the Responses API', () => {
  const researchRequest = () => ({
    orgId,
    runId: null,
    activity: 'research:01',
    schemaName: 'ResearchStep',
    schema: researchStepOutput('01'),
    system: 'You are the research lead.',
    prompt: '# MOS research step 01: Competitor research\nMap the market.',
    webSearch: true,
  });

  it('uses /v1/responses with the web_search tool and returns citations', async () => {
    const req = researchRequest();
    const result = await client().generate(req);
    expect(result.data.competitorTraction?.length).toBeGreaterThan(0);
    expect(result.webSearchCalls).toBe(1);
    // The pages the search returned are cited (url_citation annotations); a URL only in the model's text is not.
    const cited = result.citations.map((c) => c.url);
    const written = result.data.evidence.flatMap((e) => (e.url === null ? [] : [e.url]));
    expect(cited.length).toBeGreaterThan(0);
    for (const url of cited) expect(written).toContain(url);
    expect(written).toContain('https://www.byoma.com/');
    expect(cited).not.toContain('https://www.byoma.com/');
    // Each citation carries the title the search returned for its page.
    const searched = new Map(SEARCH_RESULTS_01.map((r) => [r.url, r.title]));
    expect(result.citations.map((c) => c.title)).toEqual(cited.map((url) => searched.get(url)));

    expect(standIn.requests).toHaveLength(1);
    const sent = standIn.requests[0];
    expect(sent?.path).toBe('/v1/responses');
    expect(sent?.tools).toEqual(['web_search']);
    expect(sent?.schemaName).toBe('ResearchStep');
    const body = sent?.body as { instructions: string; text: { format: { type: string; strict: boolean } } };
    expect(body.instructions).toBe(req.system);
    expect(body.text.format).toMatchObject({ type: 'json_schema', strict: true });

    const [row] = await rowsOf(orgId);
    expect(row).toMatchObject({ status: 'ok', activity: 'research:01', promptSha256: result.promptSha256 });
    expect(row?.inputTokens).toBeGreaterThan(0);
  });

  it('feeds schema violations back on the Responses path too', async () => {
    standIn.failNext('schema-violation');
    const result = await client().generate(researchRequest());
    expect(result.attempts).toBe(2);
    const second = standIn.requests[1];
    expect(second?.path).toBe('/v1/responses');
    expect(second?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(second?.messages.at(-1)?.content).toMatch(/Validation errors/);
  });

  it('without webSearch the same schema goes through Chat Completions with no tools', async () => {
    const result = await client().generate({ ...researchRequest(), webSearch: false });
    expect(standIn.requests[0]?.path).toBe('/v1/chat/completions');
    expect(result.webSearchCalls).toBe(0);
    expect(result.citations).toEqual([]);
  });

  it('a provider without web search (webSearch: false) answers research through Chat Completions', async () => {
    const result = await client({ webSearch: false }).generate(researchRequest());
    expect(standIn.requests.map((r) => r.path)).toEqual(['/v1/chat/completions']);
    expect(standIn.requests[0]?.tools).toEqual([]);
    expect(result.webSearchCalls).toBe(0);
    expect(result.citations).toEqual([]);
  });

  it('tells activities whether web search is available', () => {
    expect(client().webSearchAvailable).toBe(true);
    expect(client({ webSearch: false }).webSearchAvailable).toBe(false);
  });

  it('picks the model per step: the step, then its group, then the default; a request model wins', async () => {
    const llm = client({ stepModels: { research: 'gpt-5-mini', 'research:04': 'o3-deep-research' } });
    await llm.generate({ ...researchRequest(), activity: 'research:04' });
    await llm.generate(researchRequest());
    await llm.generate(canonRequest());
    await llm.generate({ ...researchRequest(), activity: 'research:04', model: 'gpt-4o' });
    expect(standIn.requests.map((r) => r.model)).toEqual([
      'o3-deep-research',
      'gpt-5-mini',
      'gpt-5.2',
      'gpt-4o',
    ]);
  });
});

describe('pricing', () => {
  it('matches dated and variant model names to the longest listed prefix', () => {
    expect(priceOf('gpt-5.2-2025-12-11')).toEqual(DEFAULT_PRICING['gpt-5.2']);
    expect(priceOf('gpt-5-mini-2025-08-07')).toEqual(DEFAULT_PRICING['gpt-5-mini']);
    expect(priceOf('gpt-4o-mini')).toEqual(DEFAULT_PRICING['gpt-4o-mini']);
    expect(priceOf('o3-deep-research-2025-06-26')).toEqual(DEFAULT_PRICING['o3-deep-research']);
    expect(priceOf('gpt-5.20')).toBeNull();
    expect(priceOf('unknown')).toBeNull();
  });

  it('estimates USD per million tokens, rounded to 6 decimals; unknown model → 0', () => {
    expect(estimateCostUsd('gpt-4o', 1_000_000, 1_000_000)).toBe(12.5);
    expect(estimateCostUsd('gpt-5.2', 1000, 500)).toBe(0.00875);
    expect(estimateCostUsd('gpt-5-nano', 7, 3)).toBe(0.000002);
    expect(estimateCostUsd('acme', 1_000_000, 1_000_000)).toBe(0);
    expect(estimateCostUsd('acme', 1000, 1000, { acme: { inputPerMTok: 1, outputPerMTok: 3 } })).toBe(0.004);
  });
});

describe('generate: what only a person can get past', () => {
  it('a refusal is not retried: LlmRequestError with the model’s words, one call recorded', async () => {
    standIn.failNext('refusal');
    const err = await client()
      .generate(canonRequest())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmRequestError);
    expect((err as LlmRequestError).message).toContain("the model refused: I'm sorry");
    expect((err as LlmRequestError).step).toBe('build_canon');
    expect(standIn.requests).toHaveLength(1);
    const rows = await rowsOf(orgId);
    expect(rows.map((r) => r.status)).toEqual(['error']);
  });

  it('an exhausted budget stops before any call, naming limit and spend', async () => {
    await setLlmBudget(database.db, orgId, 0);
    const err = await client()
      .generate(canonRequest())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmBudgetError);
    expect((err as Error).message).toMatch(/budget of 0\.00 USD is used up \(spent 0\.00 USD/);
    expect(standIn.requests).toHaveLength(0);
    // With the default budget (100 USD, nothing spent) the same request goes through.
    await setLlmBudget(database.db, orgId, null);
    expect((await client().generate(canonRequest())).attempts).toBe(1);
  });

  it('code completes the answer: its problems are fed back, its repairs are returned; used up → LlmSchemaError with the last answer', async () => {
    let calls = 0;
    const result = await client().generate({
      ...canonRequest(),
      complete: (answer) => {
        calls++;
        if (calls === 1)
          return { ok: false, issues: [{ path: 'offers', message: 'name an offer of the client' }] };
        return { ok: true, data: { ...answer, clientId }, repairs: ['offers: kept'] };
      },
    });
    expect(result.attempts).toBe(2);
    expect(result.repairs).toEqual(['offers: kept']);
    expect(standIn.requests[1]?.text).toContain('- offers: name an offer of the client');

    const err = await client()
      .generate({
        ...canonRequest(),
        complete: () => ({ ok: false, issues: [{ path: 'icps', message: 'never right' }] }),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmSchemaError);
    expect((err as LlmSchemaError).attempts).toBe(3);
    expect((err as LlmSchemaError).issues).toEqual([{ path: 'icps', message: 'never right' }]);
    expect((err as LlmSchemaError).lastAnswer).toMatchObject({ brand: expect.any(Object) });
  });
});
